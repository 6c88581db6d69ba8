//! Tenant billing on the wire (CONTRACT): billing profiles, tax rates, invoices, and
//! the tenant's `billing` object. Money is a decimal string; what is left out of a
//! `PATCH` keeps its value.

use serde::{Deserialize, Serialize};

use super::numbers::{decimal, decimal_micros};
use crate::invoicing::{
    BillingMode, BillingProfile, Invoice, InvoiceStatus, LineKind, PeriodKind, ProfileForm,
    ProfileKind, TaxRate, TaxRateForm, TenantBillingForm, format_percent,
};

/// A tenant's `billing` in `POST`/`PATCH /v1/tenants`. `""` for `profile_id` stops
/// invoicing; `""` for `credit_limit` removes the limit.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TenantBillingInput {
    pub profile_id: Option<String>,
    pub period: Option<PeriodKind>,
    pub mode: Option<BillingMode>,
    pub credit_limit: Option<String>,
    pub tax_rate_ids: Option<Vec<String>>,
}

impl TenantBillingInput {
    pub fn over(self, mut base: TenantBillingForm) -> TenantBillingForm {
        if let Some(v) = self.profile_id {
            base.profile_id = v;
        }
        if let Some(v) = self.period {
            base.period = v.as_str().to_owned();
        }
        if let Some(v) = self.mode {
            base.mode = v.as_str().to_owned();
        }
        if let Some(v) = self.credit_limit {
            base.credit_limit = v;
        }
        if let Some(v) = self.tax_rate_ids {
            base.tax_rate_ids = v;
        }
        base
    }
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PricesJson {
    pub extension: String,
    pub local_number: String,
    pub toll_free_number: String,
    pub local_minute: String,
    pub toll_free_minute: String,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IncludedJson {
    pub extensions: u32,
    pub local_numbers: u32,
    pub toll_free_numbers: u32,
    pub minutes: u64,
}

/// A billing profile (CONTRACT).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileJson {
    pub id: String,
    pub name: String,
    pub kind: ProfileKind,
    pub currency: String,
    pub base_fee: String,
    pub prices: PricesJson,
    pub included: IncludedJson,
    pub trial_days: Option<u32>,
    /// The profile a trial moves to when it ends.
    pub converts_to: Option<String>,
    /// Days after issue at which an unpaid invoice suspends the tenant (0: never);
    /// null: the partner's setting.
    pub suspend_after_days: Option<u32>,
}

impl From<&BillingProfile> for ProfileJson {
    fn from(p: &BillingProfile) -> Self {
        Self {
            id: p.id.clone(),
            name: p.name.clone(),
            kind: p.kind,
            currency: p.currency.clone(),
            base_fee: decimal(p.base_fee_cents),
            prices: PricesJson {
                extension: decimal(p.prices.extension_cents),
                local_number: decimal(p.prices.local_number_cents),
                toll_free_number: decimal(p.prices.toll_free_number_cents),
                local_minute: decimal_micros(p.prices.local_minute_micros),
                toll_free_minute: decimal_micros(p.prices.toll_free_minute_micros),
            },
            included: IncludedJson {
                extensions: p.included.extensions,
                local_numbers: p.included.local_numbers,
                toll_free_numbers: p.included.toll_free_numbers,
                minutes: p.included.minutes,
            },
            trial_days: p.trial_days,
            converts_to: p.converts_to.clone(),
            suspend_after_days: p.suspend_after_days,
        }
    }
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PricesInput {
    pub extension: Option<String>,
    pub local_number: Option<String>,
    pub toll_free_number: Option<String>,
    pub local_minute: Option<String>,
    pub toll_free_minute: Option<String>,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct IncludedInput {
    pub extensions: Option<u32>,
    pub local_numbers: Option<u32>,
    pub toll_free_numbers: Option<u32>,
    pub minutes: Option<u64>,
}

/// `POST`/`PATCH /v1/billing-profiles`: `name` and `kind` are required to create.
/// `trial_days: 0` ends a profile's trial.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ProfileInput {
    pub name: Option<String>,
    pub kind: Option<ProfileKind>,
    pub currency: Option<String>,
    pub base_fee: Option<String>,
    #[serde(deserialize_with = "super::object")]
    pub prices: Option<PricesInput>,
    #[serde(deserialize_with = "super::object")]
    pub included: Option<IncludedInput>,
    pub trial_days: Option<u32>,
    pub converts_to: Option<String>,
    /// Days to suspension (0: never); `null` returns to the partner's setting.
    #[serde(deserialize_with = "super::present")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<u32>))]
    pub suspend_after_days: Option<Option<u32>>,
}

impl ProfileInput {
    pub fn over(self, mut base: ProfileForm) -> ProfileForm {
        let set = |slot: &mut String, v: Option<String>| {
            if let Some(v) = v {
                *slot = v;
            }
        };
        set(&mut base.name, self.name);
        set(&mut base.kind, self.kind.map(|k| k.as_str().to_owned()));
        set(&mut base.currency, self.currency);
        set(&mut base.base_fee, self.base_fee);
        if let Some(p) = self.prices {
            set(&mut base.extension, p.extension);
            set(&mut base.local_number, p.local_number);
            set(&mut base.toll_free_number, p.toll_free_number);
            set(&mut base.local_minute, p.local_minute);
            set(&mut base.toll_free_minute, p.toll_free_minute);
        }
        if let Some(i) = self.included {
            set(
                &mut base.included_extensions,
                i.extensions.map(|n| n.to_string()),
            );
            set(
                &mut base.included_local_numbers,
                i.local_numbers.map(|n| n.to_string()),
            );
            set(
                &mut base.included_toll_free_numbers,
                i.toll_free_numbers.map(|n| n.to_string()),
            );
            set(&mut base.included_minutes, i.minutes.map(|n| n.to_string()));
        }
        match self.trial_days {
            Some(0) => {
                base.trial_days.clear();
                base.converts_to.clear();
            }
            Some(d) => base.trial_days = d.to_string(),
            None => {}
        }
        set(&mut base.converts_to, self.converts_to);
        if let Some(days) = self.suspend_after_days {
            base.suspend_after_days = days.map(|d| d.to_string()).unwrap_or_default();
        }
        base
    }
}

/// A tax rate (CONTRACT): `rate` is a percentage as a decimal string.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaxRateJson {
    pub id: String,
    pub name: String,
    pub code: String,
    pub rate: String,
    pub enabled: bool,
}

impl From<&TaxRate> for TaxRateJson {
    fn from(r: &TaxRate) -> Self {
        Self {
            id: r.id.clone(),
            name: r.name.clone(),
            code: r.code.clone(),
            rate: format_percent(r.ppm),
            enabled: r.enabled,
        }
    }
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TaxRateInput {
    pub name: Option<String>,
    pub code: Option<String>,
    pub rate: Option<String>,
    pub enabled: Option<bool>,
}

impl TaxRateInput {
    pub fn over(self, mut base: TaxRateForm) -> TaxRateForm {
        if let Some(v) = self.name {
            base.name = v;
        }
        if let Some(v) = self.code {
            base.code = v;
        }
        if let Some(v) = self.rate {
            base.rate = v;
        }
        if let Some(v) = self.enabled {
            base.enabled = v;
        }
        base
    }
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoiceLineJson {
    pub kind: LineKind,
    pub currency: String,
    pub description: String,
    pub quantity: String,
    pub unit_price: String,
    pub amount: String,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoiceTaxJson {
    pub name: String,
    /// Percent, as applied (`"8.25"`).
    pub percent: String,
    pub currency: String,
    pub amount: String,
}

/// An invoice (CONTRACT). Dates are local to the tenant's billing time zone;
/// `period_end` is the last day covered.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoiceJson {
    pub id: String,
    pub number: String,
    pub tenant_id: String,
    pub period_start: String,
    pub period_end: String,
    pub status: InvoiceStatus,
    pub currency: String,
    pub subtotal: String,
    pub tax: String,
    pub total: String,
    pub amount_paid: String,
    pub amount_refunded: String,
    pub amount_due: String,
    pub issued_at: String,
    pub due_at: String,
    pub lines: Vec<InvoiceLineJson>,
    pub taxes: Vec<InvoiceTaxJson>,
}

impl From<&Invoice> for InvoiceJson {
    fn from(i: &Invoice) -> Self {
        Self {
            id: i.id.clone(),
            number: i.number.clone(),
            tenant_id: i.tenant_id.clone(),
            period_start: i.period_start.clone(),
            period_end: i.period_end.clone(),
            status: i.status,
            currency: i.currency.clone(),
            subtotal: decimal(i.subtotal_cents),
            tax: decimal(i.tax_cents),
            total: decimal(i.total_cents),
            amount_paid: decimal(i.paid_cents),
            amount_refunded: decimal(i.refunded_cents),
            amount_due: decimal(i.due_cents),
            issued_at: i.issued_at.clone(),
            due_at: i.due_at.clone(),
            lines: i
                .lines
                .iter()
                .map(|l| InvoiceLineJson {
                    kind: l.kind,
                    currency: i.currency.clone(),
                    description: l.description.clone(),
                    quantity: l.quantity.clone(),
                    unit_price: l.unit_price.clone(),
                    amount: decimal(l.amount_cents),
                })
                .collect(),
            taxes: i
                .taxes
                .iter()
                .map(|t| InvoiceTaxJson {
                    name: t.name.clone(),
                    percent: format_percent(t.ppm),
                    currency: i.currency.clone(),
                    amount: decimal(t.amount_cents),
                })
                .collect(),
        }
    }
}

/// `POST /v1/invoices/{id}/payments` and `/refunds`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AmountInput {
    /// Dollars as a decimal string, like `"12.50"`.
    pub amount: String,
}
