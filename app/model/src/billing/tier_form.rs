//! The operator's edit of a tier's prices. A change takes effect from a date (today or
//! later): calls, charges and invoices before it keep the prices they had.

use serde::{Deserialize, Serialize};

use super::{Tier, money::parse_dollars};
use crate::FieldErrors;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TierForm {
    /// Dollars a month; empty means priced by contract.
    pub monthly_fee: String,
    /// Empty means unlimited.
    pub extension_cap: String,
    pub extension: String,
    pub local_did: String,
    pub toll_free_did: String,
    /// Dollars per minute, up to six decimals (`0.016`).
    pub local_minute: String,
    pub toll_free_minute: String,
    /// The reseller subscription: dollars a month per customer account, used or not
    /// (empty or 0: none).
    pub account_fee: String,
    /// `YYYY-MM-DD`, UTC.
    pub effective_from: String,
}

/// A tier's new prices, valid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidTierPrices {
    pub monthly_fee_cents: Option<i64>,
    pub extension_cap: Option<u32>,
    pub extension_cents: i64,
    pub local_did_cents: i64,
    pub toll_free_did_cents: i64,
    pub local_minute_micros: i64,
    pub toll_free_minute_micros: i64,
    pub account_fee_cents: i64,
    pub effective_from: String,
}

/// Money that may be zero: `0`, `3`, `1.25`.
fn cents(input: &str) -> Result<i64, String> {
    if input.trim() == "0" || input.trim() == "0.00" {
        return Ok(0);
    }
    parse_dollars(input)
}

/// Dollars per minute → micro-dollars: `0.016` → 16,000.
pub fn parse_rate(input: &str) -> Result<i64, String> {
    let bad = || "Use dollars per minute, like 0.016.".to_owned();
    let value = input.trim().trim_start_matches('$');
    let (whole, fraction) = value.split_once('.').unwrap_or((value, ""));
    if value.is_empty()
        || fraction.len() > 6
        || !whole.chars().all(|c| c.is_ascii_digit())
        || !fraction.chars().all(|c| c.is_ascii_digit())
        || whole.len() > 3
    {
        return Err(bad());
    }
    let whole: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().map_err(|_| bad())?
    };
    let micros: i64 = format!("{fraction:0<6}").parse().map_err(|_| bad())?;
    Ok(whole * 1_000_000 + micros)
}

impl TierForm {
    /// The form pre-filled with a tier's current prices.
    pub fn of(t: &Tier) -> Self {
        let plain = |c: i64| super::dollars(c).replace(['$', ','], "");
        let rate = |m: i64| super::rate_per_minute(m).replace('$', "");
        Self {
            monthly_fee: t.monthly_fee_cents.map(plain).unwrap_or_default(),
            extension_cap: t.extension_cap.map(|n| n.to_string()).unwrap_or_default(),
            extension: plain(t.extension_cents),
            local_did: plain(t.local_did_cents),
            toll_free_did: plain(t.toll_free_did_cents),
            local_minute: rate(t.local_minute_micros),
            toll_free_minute: rate(t.toll_free_minute_micros),
            account_fee: plain(t.account_fee_cents),
            effective_from: String::new(),
        }
    }

    /// Every rule at once; `today` is `YYYY-MM-DD` (no change reaches into the past).
    pub fn validate(&self, today: &str) -> Result<ValidTierPrices, FieldErrors> {
        let mut errors = FieldErrors::new();
        let monthly_fee = if self.monthly_fee.trim().is_empty() {
            Some(None)
        } else {
            errors
                .check("monthly_fee", cents(&self.monthly_fee))
                .map(Some)
        };
        let extension_cap = if self.extension_cap.trim().is_empty() {
            Some(None)
        } else {
            errors
                .check(
                    "extension_cap",
                    self.extension_cap
                        .trim()
                        .parse::<u32>()
                        .ok()
                        .filter(|n| *n > 0)
                        .ok_or_else(|| {
                            "Use a whole number above 0, or leave empty for unlimited.".to_owned()
                        }),
                )
                .map(Some)
        };
        let extension = errors.check("extension", cents(&self.extension));
        let local_did = errors.check("local_did", cents(&self.local_did));
        let toll_free_did = errors.check("toll_free_did", cents(&self.toll_free_did));
        let local_minute = errors.check("local_minute", parse_rate(&self.local_minute));
        let toll_free_minute = errors.check("toll_free_minute", parse_rate(&self.toll_free_minute));
        let account_fee = if self.account_fee.trim().is_empty() {
            Some(0)
        } else {
            errors.check("account_fee", cents(&self.account_fee))
        };
        let day = self.effective_from.trim();
        let well_formed = day.len() == 10
            && day.as_bytes()[4] == b'-'
            && day.as_bytes()[7] == b'-'
            && day.chars().filter(char::is_ascii_digit).count() == 8;
        if !well_formed {
            errors.add("effective_from", "Use a date like 2026-12-01.");
        } else if day < today {
            errors.add(
                "effective_from",
                "Changes apply from today or later; what was billed before stands.",
            );
        }
        match (
            monthly_fee,
            extension_cap,
            extension,
            local_did,
            toll_free_did,
            local_minute,
            toll_free_minute,
        ) {
            (
                Some(monthly_fee_cents),
                Some(extension_cap),
                Some(extension_cents),
                Some(local_did_cents),
                Some(toll_free_did_cents),
                Some(local_minute_micros),
                Some(toll_free_minute_micros),
            ) if errors.is_empty() => Ok(ValidTierPrices {
                monthly_fee_cents,
                extension_cap,
                extension_cents,
                local_did_cents,
                toll_free_did_cents,
                local_minute_micros,
                toll_free_minute_micros,
                account_fee_cents: account_fee.unwrap_or(0),
                effective_from: day.to_owned(),
            }),
            _ => Err(errors),
        }
    }
}
