//! Choosing a plan: activation from a trial, upgrades (now, prorated) and downgrades (at
//! the end of the cycle). The quote is what the partner confirms; the same arithmetic
//! then charges.

use serde::{Deserialize, Serialize};

use super::Tier;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanChange {
    /// TRIAL (or a lapsed trial) → a paid plan; the rest of this month, prorated.
    Activate,
    /// A dearer plan, from now; the difference for the rest of the month, prorated.
    Upgrade,
    /// A cheaper plan from the next cycle; nothing is charged or refunded now.
    Downgrade,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanQuote {
    pub change: PlanChange,
    pub to: Tier,
    /// The monthly fee from the next cycle on.
    pub new_fee_cents: i64,
    /// The prorated amount for the rest of this month (activation: the fee; upgrade:
    /// the difference).
    pub prorated_cents: i64,
    /// What the card is charged on confirming.
    pub charge_now_cents: i64,
    /// Days left in the calendar month, today included, and the month's length.
    pub days_left: u32,
    pub days_in_month: u32,
    /// `YYYY-MM-DD`: when the new plan applies.
    pub effective_on: String,
}

/// `monthly × days_left / days_in_month`, rounded to the nearest cent (halves up).
pub fn prorate(monthly_cents: i64, days_left: u32, days_in_month: u32) -> i64 {
    let (left, month) = (i64::from(days_left), i64::from(days_in_month.max(1)));
    (2 * monthly_cents * left + month).div_euclid(2 * month)
}
