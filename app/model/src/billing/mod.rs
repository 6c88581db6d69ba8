//! Money the partner pays the platform (PRODUCT.md §4). Amounts are integer cents;
//! per-minute rates are integer micro-dollars (millionths of a dollar), because they are
//! fractions of a cent. Nothing here uses floating point.

mod ledger;
mod money;
pub mod payments;
pub mod plan;
#[cfg(test)]
mod tests;
pub mod tier_form;

pub use ledger::{LedgerEntry, LedgerFilter, LedgerKind, LedgerPage};
pub use money::{dollars, parse_dollars, rate_per_minute};

use serde::{Deserialize, Serialize};

/// The wholesale tiers, cheapest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TierCode {
    Starter,
    Professional,
    Business,
    Enterprise,
}

impl TierCode {
    pub const ALL: [Self; 4] = [
        Self::Starter,
        Self::Professional,
        Self::Business,
        Self::Enterprise,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Starter => "starter",
            Self::Professional => "professional",
            Self::Business => "business",
            Self::Enterprise => "enterprise",
        }
    }

    pub fn parse(value: &str) -> Result<Self, String> {
        Self::ALL
            .into_iter()
            .find(|t| t.as_str() == value)
            .ok_or_else(|| format!("Unknown tier \"{value}\"."))
    }

    /// The next tier up, for upgrade prompts.
    pub fn next(self) -> Option<Self> {
        let i = Self::ALL.iter().position(|t| *t == self)?;
        Self::ALL.get(i + 1).copied()
    }
}

/// One tier as it applies from `effective_from`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tier {
    pub code: TierCode,
    pub name: String,
    /// `None`: priced by contract (Enterprise).
    pub monthly_fee_cents: Option<i64>,
    /// `None`: unlimited.
    pub extension_cap: Option<u32>,
    pub extension_cents: i64,
    pub local_did_cents: i64,
    pub toll_free_did_cents: i64,
    pub local_minute_micros: i64,
    pub toll_free_minute_micros: i64,
    /// The reseller subscription: charged each month per customer account (tenant not
    /// yet deleted), whether or not it is used. 0: none.
    #[serde(default)]
    pub account_fee_cents: i64,
    /// RFC 3339, UTC.
    pub effective_from: String,
}

/// Settings → Billing → Subscription: the partner's plan, what it uses of it, and the
/// price list to compare.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Subscription {
    pub tier: Tier,
    /// Extensions of tenants that are not cancelled (what the cap counts).
    pub extensions_used: u64,
    /// A `partners::PartnerStatus` label: TRIAL, ACTIVE, SUSPENDED.
    pub status: String,
    /// RFC 3339, while in TRIAL.
    pub trial_ends_at: Option<String>,
    pub balance_cents: i64,
    /// A downgrade waiting for the next cycle, and the day it applies.
    pub pending: Option<(Tier, String)>,
    pub tiers: Vec<Tier>,
}

/// Auto-recharge as the Payment Methods tab edits it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AutoRechargeForm {
    /// `"on"` from a checkbox, or empty.
    pub enabled: String,
    pub threshold: String,
    pub amount: String,
}

/// Valid auto-recharge settings, in cents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AutoRecharge {
    pub enabled: bool,
    pub threshold_cents: i64,
    pub amount_cents: i64,
}

/// The smallest and largest single charge to the card (top-up or auto-recharge).
pub const CHARGE_MIN_CENTS: i64 = 1_000;
pub const CHARGE_MAX_CENTS: i64 = 1_000_000;

/// A charge amount within the limits, as a field message otherwise.
pub fn parse_charge(input: &str) -> Result<i64, String> {
    let cents = parse_dollars(input)?;
    if (CHARGE_MIN_CENTS..=CHARGE_MAX_CENTS).contains(&cents) {
        Ok(cents)
    } else {
        Err(format!(
            "Use an amount from {} to {}.",
            dollars(CHARGE_MIN_CENTS),
            dollars(CHARGE_MAX_CENTS)
        ))
    }
}

impl AutoRechargeForm {
    pub fn validate(&self) -> Result<AutoRecharge, crate::FieldErrors> {
        let mut errors = crate::FieldErrors::new();
        let enabled = matches!(self.enabled.as_str(), "on" | "true");
        let threshold = errors.check("threshold", parse_dollars(&self.threshold));
        let amount = errors.check("amount", parse_charge(&self.amount));
        match (threshold, amount) {
            (Some(threshold_cents), Some(amount_cents)) => Ok(AutoRecharge {
                enabled,
                threshold_cents,
                amount_cents,
            }),
            _ => Err(errors),
        }
    }
}
