//! Tenants: a partner's customers. The record's fields and rules (PRODUCT.md §2), the
//! status lifecycle, and the shapes of the tenant list.

mod e911;
pub mod extensions;
mod fields;
mod settings;
mod timezones;

#[cfg(test)]
mod tests;

pub use e911::{E911Address, STATES};
pub use fields::{Cnam, SipPrefix, Timezone};
pub use settings::TenantSettings;
pub use timezones::TIMEZONES;

use serde::{Deserialize, Serialize};

use crate::{FieldErrors, auth::Email, partners::parse_name};

/// TRIAL (works, not billed) → ACTIVE (billed) ↔ SUSPENDED (no calls, no new
/// extensions, a "service suspended" page) → CANCELLED (read-only, purged after 90 days
/// unless reactivated).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum TenantStatus {
    Trial,
    Active,
    Suspended,
    Cancelled,
}

impl TenantStatus {
    pub const ALL: [Self; 4] = [Self::Trial, Self::Active, Self::Suspended, Self::Cancelled];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Trial => "TRIAL",
            Self::Active => "ACTIVE",
            Self::Suspended => "SUSPENDED",
            Self::Cancelled => "CANCELLED",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Trial => "Trial",
            Self::Active => "Active",
            Self::Suspended => "Suspended",
            Self::Cancelled => "Cancelled",
        }
    }

    pub fn parse(value: &str) -> Result<Self, String> {
        Self::ALL
            .into_iter()
            .find(|s| s.as_str() == value)
            .ok_or_else(|| format!("\"{value}\" is not a tenant status."))
    }

    /// Whether the tenant's phones work (calls, registrations).
    pub fn in_service(self) -> bool {
        matches!(self, Self::Trial | Self::Active)
    }
}

/// The create/edit form as typed. The SIP prefix is read only on create. Fields left
/// out are empty (then the rules say what is missing).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TenantForm {
    pub name: String,
    pub sip_prefix: String,
    pub billing_email: String,
    pub default_cnam: String,
    pub timezone: String,
    pub e911_street: String,
    pub e911_city: String,
    pub e911_state: String,
    pub e911_zip: String,
    /// Empty = unlimited.
    pub max_extensions: String,
    pub max_numbers: String,
}

/// A tenant form that passed every rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidTenant {
    pub name: String,
    pub sip_prefix: SipPrefix,
    pub billing_email: Email,
    pub default_cnam: Option<Cnam>,
    pub timezone: Timezone,
    pub e911: Option<E911Address>,
    pub max_extensions: Option<u32>,
    pub max_numbers: Option<u32>,
}

pub(crate) fn parse_limit(input: &str) -> Result<Option<u32>, String> {
    let value = input.trim();
    if value.is_empty() {
        return Ok(None);
    }
    value
        .parse::<u32>()
        .ok()
        .filter(|n| *n <= 100_000)
        .map(Some)
        .ok_or_else(|| "Use a whole number from 0 to 100,000, or leave empty for no limit.".into())
}

impl TenantForm {
    /// Every rule at once. The E911 address is optional as a whole, but once any part is
    /// filled in, all of it must be valid.
    pub fn validate(&self) -> Result<ValidTenant, FieldErrors> {
        let mut errors = FieldErrors::new();
        let name = errors.check("name", parse_name(&self.name, "customer name"));
        let sip_prefix = errors.check("sip_prefix", SipPrefix::parse(&self.sip_prefix));
        let billing_email = errors.check("billing_email", Email::parse(&self.billing_email));
        let default_cnam = errors.check("default_cnam", Cnam::parse_optional(&self.default_cnam));
        let timezone = errors.check("timezone", Timezone::parse(&self.timezone));
        let max_extensions = errors.check("max_extensions", parse_limit(&self.max_extensions));
        let max_numbers = errors.check("max_numbers", parse_limit(&self.max_numbers));
        let parts = [
            &self.e911_street,
            &self.e911_city,
            &self.e911_state,
            &self.e911_zip,
        ];
        let e911 = if parts.iter().all(|p| p.trim().is_empty()) {
            Some(None)
        } else {
            match E911Address::parse(
                &self.e911_street,
                &self.e911_city,
                &self.e911_state,
                &self.e911_zip,
                "e911",
            ) {
                Ok(address) => Some(Some(address)),
                Err(e) => {
                    errors.merge(e);
                    None
                }
            }
        };
        match (
            name,
            sip_prefix,
            billing_email,
            default_cnam,
            timezone,
            e911,
            max_extensions,
            max_numbers,
        ) {
            (
                Some(name),
                Some(sip_prefix),
                Some(billing_email),
                Some(default_cnam),
                Some(timezone),
                Some(e911),
                Some(max_extensions),
                Some(max_numbers),
            ) => Ok(ValidTenant {
                name,
                sip_prefix,
                billing_email,
                default_cnam,
                timezone,
                e911,
                max_extensions,
                max_numbers,
            }),
            _ => Err(errors),
        }
    }
}

/// `suspended_reason` of a tenant suspended for non-payment.
pub const SUSPENDED_NONPAYMENT: &str = "nonpayment";

/// A tenant as lists and the edit page show it.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tenant {
    pub id: String,
    pub name: String,
    pub sip_prefix: String,
    pub billing_email: String,
    pub default_cnam: Option<String>,
    pub timezone: String,
    pub status: TenantStatus,
    /// Why a SUSPENDED tenant is suspended when the partner did not do it by hand:
    /// `nonpayment` (an invoice unpaid too long; paying it lifts the suspension).
    #[serde(default)]
    pub suspended_reason: Option<String>,
    pub e911_address: Option<E911Address>,
    pub max_extensions: Option<u32>,
    pub max_numbers: Option<u32>,
    pub users: u64,
    pub numbers: u64,
    pub extensions: u64,
    /// RFC 3339, UTC.
    pub created_at: String,
    /// When a CANCELLED tenant's data goes for good.
    pub purge_after: Option<String>,
    /// How the tenant is invoiced.
    pub billing: crate::invoicing::TenantBilling,
}

impl Tenant {
    /// The form pre-filled for editing.
    /// Suspended by the billing run for an unpaid invoice (not by the partner).
    pub fn unpaid(&self) -> bool {
        self.status == TenantStatus::Suspended
            && self.suspended_reason.as_deref() == Some(SUSPENDED_NONPAYMENT)
    }

    /// The status as people read it: "Suspended (unpaid)" apart from a manual suspension.
    pub fn status_label(&self) -> &'static str {
        if self.unpaid() {
            "Suspended (unpaid)"
        } else {
            self.status.label()
        }
    }

    pub fn form(&self) -> TenantForm {
        let e911 = self.e911_address.clone();
        TenantForm {
            name: self.name.clone(),
            sip_prefix: self.sip_prefix.clone(),
            billing_email: self.billing_email.clone(),
            default_cnam: self.default_cnam.clone().unwrap_or_default(),
            timezone: self.timezone.clone(),
            e911_street: e911.as_ref().map(|a| a.street.clone()).unwrap_or_default(),
            e911_city: e911.as_ref().map(|a| a.city.clone()).unwrap_or_default(),
            e911_state: e911.as_ref().map(|a| a.state.clone()).unwrap_or_default(),
            e911_zip: e911.map(|a| a.zip).unwrap_or_default(),
            max_extensions: self
                .max_extensions
                .map(|n| n.to_string())
                .unwrap_or_default(),
            max_numbers: self.max_numbers.map(|n| n.to_string()).unwrap_or_default(),
        }
    }
}

/// The columns the tenant list sorts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TenantSort {
    Name,
    SipPrefix,
    Status,
    Users,
    Numbers,
    Extensions,
    #[default]
    Created,
}

impl TenantSort {
    pub const ALL: [Self; 7] = [
        Self::Name,
        Self::SipPrefix,
        Self::Status,
        Self::Users,
        Self::Numbers,
        Self::Extensions,
        Self::Created,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Name => "name",
            Self::SipPrefix => "sip_prefix",
            Self::Status => "status",
            Self::Users => "users",
            Self::Numbers => "numbers",
            Self::Extensions => "extensions",
            Self::Created => "created",
        }
    }

    /// Unknown values fall back to the default order rather than failing a page load.
    pub fn parse(value: &str) -> Self {
        Self::ALL
            .into_iter()
            .find(|s| s.as_str() == value)
            .unwrap_or_default()
    }
}

/// What the tenant list asks for.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct TenantQuery {
    /// Matches name or billing email, case-insensitively.
    pub search: String,
    pub sort: TenantSort,
    pub descending: bool,
    /// 1-based.
    pub page: u64,
}

pub const PAGE_SIZE: u64 = 25;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TenantPage {
    pub rows: Vec<Tenant>,
    pub total: u64,
    pub page: u64,
}

impl TenantPage {
    pub fn pages(&self) -> u64 {
        self.total.div_ceil(PAGE_SIZE).max(1)
    }
}

/// Tenant defaults as typed: the values that pre-fill "New tenant".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TenantDefaults {
    pub timezone: String,
    pub default_cnam: String,
    pub max_extensions: String,
    pub max_numbers: String,
}

impl TenantDefaults {
    /// The same rules as the tenant form's fields.
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::new();
        errors.check("timezone", Timezone::parse(&self.timezone));
        errors.check("default_cnam", Cnam::parse_optional(&self.default_cnam));
        errors.check("max_extensions", parse_limit(&self.max_extensions));
        errors.check("max_numbers", parse_limit(&self.max_numbers));
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    /// A new tenant's form, pre-filled.
    pub fn new_tenant_form(&self) -> TenantForm {
        TenantForm {
            timezone: self.timezone.clone(),
            default_cnam: self.default_cnam.clone(),
            max_extensions: self.max_extensions.clone(),
            max_numbers: self.max_numbers.clone(),
            ..Default::default()
        }
    }
}
