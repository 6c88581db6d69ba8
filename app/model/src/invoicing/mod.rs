//! Money tenants pay the partner (PRODUCT §5): billing profiles (the partner's retail
//! price lists), tax rates, billing periods, and the invoices a closed period becomes.
//! Amounts are integer cents; per-minute prices are integer micro-dollars (up to six
//! decimals); tax rates are parts per million. Wire money is a decimal string.

pub mod charges;
pub mod collection;
pub mod compute;
#[cfg(test)]
mod compute_tests;
mod forms;
pub mod period;
pub mod policy;
#[cfg(test)]
mod tests;

pub use forms::{
    ProfileForm, TaxRateForm, TenantBillingForm, ValidProfile, ValidTaxRate, ValidTenantBilling,
    cents_or_zero, format_percent, parse_percent,
};
pub use period::{Period, PeriodKind, next_period, period_containing};

use serde::{Deserialize, Serialize};

/// Pay-As-You-Go (usage at retail prices, invoiced on the 1st) or Flat Rate (a base
/// fee with allowances, invoiced on the anniversary).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ProfileKind {
    Payg,
    FlatRate,
}

impl ProfileKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Payg => "payg",
            Self::FlatRate => "flat_rate",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Payg => "Pay-As-You-Go",
            Self::FlatRate => "Flat Rate",
        }
    }

    pub fn parse(text: &str) -> Result<Self, String> {
        match text.trim() {
            "payg" => Ok(Self::Payg),
            "flat_rate" => Ok(Self::FlatRate),
            _ => Err("Choose payg or flat_rate.".into()),
        }
    }

    /// The period a tenant on this kind of profile is invoiced on unless set otherwise.
    pub fn default_period(self) -> PeriodKind {
        match self {
            Self::Payg => PeriodKind::Monthly,
            Self::FlatRate => PeriodKind::Anniversary,
        }
    }
}

/// Prepaid (usage draws a balance down) or postpaid (invoiced after, up to a limit).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum BillingMode {
    Prepaid,
    Postpaid,
}

impl BillingMode {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Prepaid => "prepaid",
            Self::Postpaid => "postpaid",
        }
    }

    pub fn parse(text: &str) -> Result<Self, String> {
        match text.trim() {
            "prepaid" => Ok(Self::Prepaid),
            "postpaid" => Ok(Self::Postpaid),
            _ => Err("Choose prepaid or postpaid.".into()),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum InvoiceStatus {
    Draft,
    Sent,
    PartiallyPaid,
    Paid,
    Overdue,
    Cancelled,
    Void,
}

impl InvoiceStatus {
    pub const ALL: [InvoiceStatus; 7] = [
        Self::Draft,
        Self::Sent,
        Self::PartiallyPaid,
        Self::Paid,
        Self::Overdue,
        Self::Cancelled,
        Self::Void,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Sent => "sent",
            Self::PartiallyPaid => "partially_paid",
            Self::Paid => "paid",
            Self::Overdue => "overdue",
            Self::Cancelled => "cancelled",
            Self::Void => "void",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Draft => "Draft",
            Self::Sent => "Sent",
            Self::PartiallyPaid => "Partially paid",
            Self::Paid => "Paid",
            Self::Overdue => "Overdue",
            Self::Cancelled => "Cancelled",
            Self::Void => "Void",
        }
    }

    pub fn parse(text: &str) -> Result<Self, String> {
        Self::ALL
            .into_iter()
            .find(|s| s.as_str() == text.trim())
            .ok_or_else(|| {
                "Use draft, sent, partially_paid, paid, overdue, cancelled or void.".into()
            })
    }
}

/// What an invoice line charges for (CONTRACT).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum LineKind {
    BaseFee,
    Extension,
    LocalNumber,
    TollFreeNumber,
    LocalMinutes,
    TollFreeMinutes,
    OneTime,
    Credit,
}

impl LineKind {
    pub const ALL: [LineKind; 8] = [
        Self::BaseFee,
        Self::Extension,
        Self::LocalNumber,
        Self::TollFreeNumber,
        Self::LocalMinutes,
        Self::TollFreeMinutes,
        Self::OneTime,
        Self::Credit,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::BaseFee => "base_fee",
            Self::Extension => "extension",
            Self::LocalNumber => "local_number",
            Self::TollFreeNumber => "toll_free_number",
            Self::LocalMinutes => "local_minutes",
            Self::TollFreeMinutes => "toll_free_minutes",
            Self::OneTime => "one_time",
            Self::Credit => "credit",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == text)
    }
}

/// A profile's retail prices: month-priced items in cents, minutes in micro-dollars.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Prices {
    pub extension_cents: i64,
    pub local_number_cents: i64,
    pub toll_free_number_cents: i64,
    pub local_minute_micros: i64,
    pub toll_free_minute_micros: i64,
}

/// What the base fee covers; prices apply beyond it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Included {
    pub extensions: u32,
    pub local_numbers: u32,
    pub toll_free_numbers: u32,
    pub minutes: u64,
}

/// A billing profile as pages show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BillingProfile {
    pub id: String,
    pub name: String,
    pub kind: ProfileKind,
    pub currency: String,
    pub base_fee_cents: i64,
    pub prices: Prices,
    pub included: Included,
    pub trial_days: Option<u32>,
    /// The profile a trial converts to when it ends.
    pub converts_to: Option<String>,
    /// Days after issue at which an unpaid invoice suspends the tenant; `None`: the
    /// partner's setting.
    pub suspend_after_days: Option<u32>,
    pub tenant_count: u32,
}

/// A tax rate as pages show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaxRate {
    pub id: String,
    pub name: String,
    pub code: String,
    /// Parts per million: 8.25 % is 82,500.
    pub ppm: i64,
    pub enabled: bool,
}

/// A tenant's billing settings (the tenant JSON's `billing`; money as decimal strings).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TenantBilling {
    /// The billing profile's id; null: the tenant is not invoiced.
    pub profile_id: Option<String>,
    pub period: PeriodKind,
    pub mode: BillingMode,
    /// Postpaid only: how far the tenant may run up charges; null: no limit.
    #[serde(rename = "credit_limit", with = "crate::api::money::optional")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub credit_limit_cents: Option<i64>,
    pub tax_rate_ids: Vec<String>,
    /// What the tenant is billed in (its profile's currency).
    pub currency: String,
    /// Prepaid funds (or, postpaid, what is owed as a negative amount).
    #[serde(rename = "balance", with = "crate::api::money::cents")]
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub balance_cents: i64,
}

impl Default for TenantBilling {
    fn default() -> Self {
        Self {
            profile_id: None,
            period: PeriodKind::Monthly,
            mode: BillingMode::Postpaid,
            credit_limit_cents: None,
            tax_rate_ids: Vec::new(),
            currency: "USD".into(),
            balance_cents: 0,
        }
    }
}

/// One line of an invoice as pages show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoiceLine {
    pub kind: LineKind,
    pub description: String,
    pub quantity: String,
    pub unit_price: String,
    pub amount_cents: i64,
}

/// One tax of an invoice: the rate as it was when the invoice was made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoiceTax {
    pub name: String,
    pub ppm: i64,
    pub amount_cents: i64,
}

/// An invoice as pages show it. Dates are local to the tenant's billing time zone;
/// `period_end` is the last day covered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invoice {
    pub id: String,
    pub number: String,
    pub tenant_id: String,
    pub tenant_name: String,
    pub period_start: String,
    pub period_end: String,
    pub status: InvoiceStatus,
    pub currency: String,
    pub subtotal_cents: i64,
    pub tax_cents: i64,
    pub total_cents: i64,
    pub paid_cents: i64,
    pub refunded_cents: i64,
    pub due_cents: i64,
    pub issued_at: String,
    pub due_at: String,
    pub lines: Vec<InvoiceLine>,
    pub taxes: Vec<InvoiceTax>,
}

/// Settings → Pricing: the partner's profiles and tax rates, with its wholesale prices
/// (what the platform charges it) so each retail price shows its margin.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PricingPage {
    pub profiles: Vec<BillingProfile>,
    pub rates: Vec<TaxRate>,
    pub wholesale: crate::billing::Tier,
    pub settings: policy::InvoiceSettings,
}

/// Which invoices the Invoices page shows (from its address).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct InvoiceFilter {
    /// A status wire name; empty: all.
    pub status: String,
    /// A tenant id; empty: all.
    pub tenant: String,
}

/// The margin of a retail price over a wholesale one, in basis points of the retail
/// price (`None` when the retail price is zero).
pub fn margin_bp(retail: i64, wholesale: i64) -> Option<i64> {
    (retail > 0)
        .then(|| compute::div_round(i128::from(retail - wholesale) * 10_000, i128::from(retail)))
}
