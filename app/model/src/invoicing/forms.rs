//! The partner's edits of a billing profile and of a tax rate: every rule once, for the
//! settings pages (in the browser and again on the server) and for `/v1`.

use serde::{Deserialize, Serialize};

use super::{Included, Prices, ProfileKind};
use crate::{
    FieldErrors,
    billing::{parse_dollars, tier_form::parse_rate},
};

/// Longest trial a profile may give.
pub const MAX_TRIAL_DAYS: u32 = 365;

/// A billing profile as typed: money in dollars, per-minute prices up to six decimals,
/// allowances as whole numbers (empty = none).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProfileForm {
    pub name: String,
    /// `payg` or `flat_rate`.
    pub kind: String,
    pub currency: String,
    pub base_fee: String,
    pub extension: String,
    pub local_number: String,
    pub toll_free_number: String,
    pub local_minute: String,
    pub toll_free_minute: String,
    pub included_extensions: String,
    pub included_local_numbers: String,
    pub included_toll_free_numbers: String,
    pub included_minutes: String,
    /// Empty: not a trial.
    pub trial_days: String,
    /// The id of the profile a trial converts to; required for a trial.
    pub converts_to: String,
    /// Days to suspension for an unpaid invoice; empty: the partner's setting.
    pub suspend_after_days: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidProfile {
    pub name: String,
    pub kind: ProfileKind,
    pub currency: String,
    pub base_fee_cents: i64,
    pub prices: Prices,
    pub included: Included,
    pub trial_days: Option<u32>,
    pub converts_to: Option<String>,
    pub suspend_after_days: Option<u32>,
}

/// Money that may be zero or left empty: `0`, `3`, `1.25`, `` → cents.
pub fn cents_or_zero(input: &str) -> Result<i64, String> {
    let trimmed = input.trim();
    if trimmed.is_empty()
        || trimmed
            .trim_start_matches('$')
            .trim_matches(['0', '.'])
            .is_empty()
    {
        return Ok(0);
    }
    parse_dollars(input)
}

fn rate_or_zero(input: &str) -> Result<i64, String> {
    if input.trim().is_empty() {
        return Ok(0);
    }
    parse_rate(input)
}

fn count(input: &str) -> Result<u64, String> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Ok(0);
    }
    trimmed
        .parse::<u64>()
        .ok()
        .filter(|n| *n <= 10_000_000)
        .ok_or_else(|| "Use a whole number, 0 or more (empty means none).".to_owned())
}

impl ProfileForm {
    /// The form pre-filled from a profile.
    pub fn of(p: &super::BillingProfile) -> Self {
        let money = |c: i64| crate::api::numbers::decimal(c);
        let rate = |m: i64| crate::billing::rate_per_minute(m).replace('$', "");
        Self {
            name: p.name.clone(),
            kind: p.kind.as_str().to_owned(),
            currency: p.currency.clone(),
            base_fee: money(p.base_fee_cents),
            extension: money(p.prices.extension_cents),
            local_number: money(p.prices.local_number_cents),
            toll_free_number: money(p.prices.toll_free_number_cents),
            local_minute: rate(p.prices.local_minute_micros),
            toll_free_minute: rate(p.prices.toll_free_minute_micros),
            included_extensions: p.included.extensions.to_string(),
            included_local_numbers: p.included.local_numbers.to_string(),
            included_toll_free_numbers: p.included.toll_free_numbers.to_string(),
            included_minutes: p.included.minutes.to_string(),
            trial_days: p.trial_days.map(|d| d.to_string()).unwrap_or_default(),
            converts_to: p.converts_to.clone().unwrap_or_default(),
            suspend_after_days: p
                .suspend_after_days
                .map(|d| d.to_string())
                .unwrap_or_default(),
        }
    }

    pub fn validate(&self) -> Result<ValidProfile, FieldErrors> {
        let mut errors = FieldErrors::new();
        let name = self.name.trim();
        if name.is_empty() {
            errors.add("name", "Give the profile a name.");
        } else if name.chars().count() > 80 {
            errors.add("name", "Keep the name to 80 characters.");
        }
        let kind = errors.check("kind", ProfileKind::parse(&self.kind));
        let currency = self.currency.trim().to_ascii_uppercase();
        let currency = if currency.is_empty() || currency == "USD" {
            Some("USD".to_owned())
        } else {
            errors.add("currency", "Only USD is supported.");
            None
        };
        let base_fee = errors.check("base_fee", cents_or_zero(&self.base_fee));
        let extension = errors.check("extension", cents_or_zero(&self.extension));
        let local_number = errors.check("local_number", cents_or_zero(&self.local_number));
        let toll_free_number =
            errors.check("toll_free_number", cents_or_zero(&self.toll_free_number));
        let local_minute = errors.check("local_minute", rate_or_zero(&self.local_minute));
        let toll_free_minute =
            errors.check("toll_free_minute", rate_or_zero(&self.toll_free_minute));
        let as_u32 = |n: u64| u32::try_from(n).unwrap_or(u32::MAX);
        let inc_ext = errors.check("included_extensions", count(&self.included_extensions));
        let inc_local = errors.check(
            "included_local_numbers",
            count(&self.included_local_numbers),
        );
        let inc_tf = errors.check(
            "included_toll_free_numbers",
            count(&self.included_toll_free_numbers),
        );
        let inc_min = errors.check("included_minutes", count(&self.included_minutes));
        let trial_days = if self.trial_days.trim().is_empty() {
            Some(None)
        } else {
            errors
                .check(
                    "trial_days",
                    self.trial_days
                        .trim()
                        .parse::<u32>()
                        .ok()
                        .filter(|d| (1..=MAX_TRIAL_DAYS).contains(d))
                        .ok_or_else(|| {
                            format!("Use 1 to {MAX_TRIAL_DAYS} days, or leave empty for no trial.")
                        }),
                )
                .map(Some)
        };
        let converts_to = self.converts_to.trim();
        let converts_to = match trial_days {
            Some(Some(_)) if converts_to.is_empty() => {
                errors.add(
                    "converts_to",
                    "Choose the profile the tenant moves to when the trial ends.",
                );
                None
            }
            Some(None) if !converts_to.is_empty() => {
                errors.add("converts_to", "Only a trial profile converts to another.");
                None
            }
            _ if converts_to.is_empty() => Some(None),
            _ => Some(Some(converts_to.to_owned())),
        };
        let suspend_after_days = errors.check(
            "suspend_after_days",
            super::policy::parse_profile_suspend_days(&self.suspend_after_days),
        );
        if !errors.is_empty() {
            return Err(errors);
        }
        match (
            kind,
            currency,
            base_fee,
            extension,
            local_number,
            toll_free_number,
            local_minute,
            toll_free_minute,
            inc_ext,
            inc_local,
            inc_tf,
            inc_min,
            trial_days,
            converts_to,
        ) {
            (
                Some(kind),
                Some(currency),
                Some(base_fee_cents),
                Some(extension_cents),
                Some(local_number_cents),
                Some(toll_free_number_cents),
                Some(local_minute_micros),
                Some(toll_free_minute_micros),
                Some(extensions),
                Some(local_numbers),
                Some(toll_free_numbers),
                Some(minutes),
                Some(trial_days),
                Some(converts_to),
            ) => Ok(ValidProfile {
                name: name.to_owned(),
                kind,
                currency,
                base_fee_cents,
                prices: Prices {
                    extension_cents,
                    local_number_cents,
                    toll_free_number_cents,
                    local_minute_micros,
                    toll_free_minute_micros,
                },
                included: Included {
                    extensions: as_u32(extensions),
                    local_numbers: as_u32(local_numbers),
                    toll_free_numbers: as_u32(toll_free_numbers),
                    minutes,
                },
                trial_days,
                converts_to,
                suspend_after_days: suspend_after_days.flatten(),
            }),
            _ => Err(FieldErrors::single("name", "Check the fields above.")),
        }
    }
}

/// A tax rate as typed: the rate is a percentage with up to four decimals (`8.25`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TaxRateForm {
    pub name: String,
    pub code: String,
    pub rate: String,
    pub enabled: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidTaxRate {
    pub name: String,
    pub code: String,
    pub ppm: i64,
    pub enabled: bool,
}

/// `"8.25"` (percent) → 82,500 parts per million. At most four decimals, below 100 %.
pub fn parse_percent(input: &str) -> Result<i64, String> {
    let bad = || "Use a percentage like 8.25 (at most four decimals).".to_owned();
    let value = input.trim().trim_end_matches('%').trim();
    let (whole, fraction) = value.split_once('.').unwrap_or((value, ""));
    if value.is_empty()
        || whole.is_empty()
        || whole.len() > 2
        || fraction.len() > 4
        || !whole.chars().all(|c| c.is_ascii_digit())
        || !fraction.chars().all(|c| c.is_ascii_digit())
    {
        return Err(bad());
    }
    let whole: i64 = whole.parse().map_err(|_| bad())?;
    let fraction: i64 = format!("{fraction:0<4}").parse().map_err(|_| bad())?;
    Ok(whole * 10_000 + fraction)
}

/// 82,500 ppm → `"8.25"`: the shortest percentage with at least two decimals.
pub fn format_percent(ppm: i64) -> String {
    let whole = ppm / 10_000;
    let fraction = format!("{:04}", ppm % 10_000);
    let trimmed = fraction.trim_end_matches('0');
    let shown = if trimmed.len() < 2 {
        &fraction[..2]
    } else {
        trimmed
    };
    format!("{whole}.{shown}")
}

impl TaxRateForm {
    pub fn of(rate: &super::TaxRate) -> Self {
        Self {
            name: rate.name.clone(),
            code: rate.code.clone(),
            rate: format_percent(rate.ppm),
            enabled: rate.enabled,
        }
    }

    pub fn validate(&self) -> Result<ValidTaxRate, FieldErrors> {
        let mut errors = FieldErrors::new();
        let name = self.name.trim();
        if name.is_empty() {
            errors.add(
                "name",
                "Name the tax as invoices should show it, like Sales tax.",
            );
        } else if name.chars().count() > 60 {
            errors.add("name", "Keep the name to 60 characters.");
        }
        let code = self.code.trim();
        if code.is_empty() {
            errors.add(
                "code",
                "Give a short code for your accounting, like CO-STATE.",
            );
        } else if code.len() > 32
            || !code
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        {
            errors.add(
                "code",
                "Use up to 32 letters, digits, dashes, dots or underscores.",
            );
        }
        let ppm = errors.check("rate", parse_percent(&self.rate));
        match ppm {
            Some(ppm) if errors.is_empty() => Ok(ValidTaxRate {
                name: name.to_owned(),
                code: code.to_owned(),
                ppm,
                enabled: self.enabled,
            }),
            _ => Err(errors),
        }
    }
}

/// A tenant's billing settings as typed (the tenant page and `/v1` `billing`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TenantBillingForm {
    /// A profile id; empty: the tenant is not invoiced.
    pub profile_id: String,
    pub period: String,
    pub mode: String,
    /// Dollars; empty: no limit (postpaid only).
    pub credit_limit: String,
    pub tax_rate_ids: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidTenantBilling {
    pub profile_id: Option<String>,
    pub period: super::PeriodKind,
    pub mode: super::BillingMode,
    pub credit_limit_cents: Option<i64>,
    pub tax_rate_ids: Vec<String>,
}

impl TenantBillingForm {
    pub fn of(b: &super::TenantBilling) -> Self {
        Self {
            profile_id: b.profile_id.clone().unwrap_or_default(),
            period: b.period.as_str().to_owned(),
            mode: b.mode.as_str().to_owned(),
            credit_limit: b
                .credit_limit_cents
                .map(crate::api::numbers::decimal)
                .unwrap_or_default(),
            tax_rate_ids: b.tax_rate_ids.clone(),
        }
    }

    pub fn validate(&self) -> Result<ValidTenantBilling, FieldErrors> {
        let mut errors = FieldErrors::new();
        let period = errors.check("period", super::PeriodKind::parse(&self.period));
        let mode = errors.check("mode", super::BillingMode::parse(&self.mode));
        let credit_limit = if self.credit_limit.trim().is_empty() {
            Some(None)
        } else {
            errors
                .check("credit_limit", cents_or_zero(&self.credit_limit))
                .map(Some)
        };
        if mode == Some(super::BillingMode::Prepaid) && matches!(credit_limit, Some(Some(_))) {
            errors.add(
                "credit_limit",
                "A prepaid tenant spends its balance; a credit limit is for postpaid tenants.",
            );
        }
        let mut ids: Vec<String> = self
            .tax_rate_ids
            .iter()
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect();
        ids.sort();
        ids.dedup();
        match (period, mode, credit_limit) {
            (Some(period), Some(mode), Some(credit_limit_cents)) if errors.is_empty() => {
                Ok(ValidTenantBilling {
                    profile_id: Some(self.profile_id.trim().to_owned()).filter(|s| !s.is_empty()),
                    period,
                    mode,
                    credit_limit_cents,
                    tax_rate_ids: ids,
                })
            }
            _ => Err(errors),
        }
    }
}
