//! The wallet's ledger: every movement of a partner's prepaid balance, immutable.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LedgerKind {
    TopUp,
    MonthlyExtension,
    MonthlyLocalDid,
    MonthlyTollFreeDid,
    UsageLocal,
    UsageTollFree,
    Refund,
    Adjustment,
    Subscription,
    /// A tenant paid its invoice by card through the platform (Platform mode).
    CustomerPayment,
    /// A tenant's card payment given back.
    CustomerRefund,
    /// A tenant's prepaid top-up by card through the platform.
    CustomerTopUp,
    /// The operator's fee per customer account on the partner's tier.
    AccountFees,
}

impl LedgerKind {
    pub const ALL: [Self; 13] = [
        Self::TopUp,
        Self::MonthlyExtension,
        Self::MonthlyLocalDid,
        Self::MonthlyTollFreeDid,
        Self::UsageLocal,
        Self::UsageTollFree,
        Self::Refund,
        Self::Adjustment,
        Self::Subscription,
        Self::CustomerPayment,
        Self::CustomerRefund,
        Self::CustomerTopUp,
        Self::AccountFees,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::TopUp => "top_up",
            Self::MonthlyExtension => "monthly_extension",
            Self::MonthlyLocalDid => "monthly_local_did",
            Self::MonthlyTollFreeDid => "monthly_toll_free_did",
            Self::UsageLocal => "usage_local",
            Self::UsageTollFree => "usage_toll_free",
            Self::Refund => "refund",
            Self::Adjustment => "adjustment",
            Self::Subscription => "subscription",
            Self::CustomerPayment => "customer_payment",
            Self::CustomerRefund => "customer_refund",
            Self::CustomerTopUp => "customer_top_up",
            Self::AccountFees => "account_fees",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::TopUp => "Top-up",
            Self::MonthlyExtension => "Monthly extension",
            Self::MonthlyLocalDid => "Monthly local number",
            Self::MonthlyTollFreeDid => "Monthly toll-free number",
            Self::UsageLocal => "Usage, local",
            Self::UsageTollFree => "Usage, toll-free",
            Self::Refund => "Refund",
            Self::Adjustment => "Adjustment",
            Self::Subscription => "Subscription",
            Self::CustomerPayment => "Customer payment",
            Self::CustomerRefund => "Customer refund",
            Self::CustomerTopUp => "Customer top-up",
            Self::AccountFees => "Customer account fees",
        }
    }

    pub fn parse(value: &str) -> Result<Self, String> {
        Self::ALL
            .into_iter()
            .find(|k| k.as_str() == value)
            .ok_or_else(|| format!("Unknown entry type \"{value}\"."))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LedgerEntry {
    pub id: String,
    pub kind: LedgerKind,
    /// Positive adds to the wallet, negative draws it down.
    pub amount_cents: i64,
    pub balance_after_cents: i64,
    pub description: String,
    /// RFC 3339, UTC.
    pub created_at: String,
}

/// History filters; empty means "any". Dates are `YYYY-MM-DD`, inclusive, UTC.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LedgerFilter {
    /// A `LedgerKind` wire name.
    pub kind: String,
    pub from: String,
    pub to: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LedgerPage {
    pub balance_cents: i64,
    pub entries: Vec<LedgerEntry>,
}
