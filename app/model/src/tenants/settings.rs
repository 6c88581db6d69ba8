//! What a tenant's own admins change about their account from the portal's Settings
//! page: billing contact, caller-ID name, time zone and the emergency address. The name,
//! SIP prefix, limits and status stay with the partner.

use serde::{Deserialize, Serialize};

use super::{Tenant, TenantForm, ValidTenant};
use crate::FieldErrors;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TenantSettings {
    pub billing_email: String,
    pub default_cnam: String,
    pub timezone: String,
    pub e911_street: String,
    pub e911_city: String,
    pub e911_state: String,
    pub e911_zip: String,
}

impl TenantSettings {
    /// The settings as they stand.
    pub fn of(tenant: &Tenant) -> Self {
        let form = tenant.form();
        Self {
            billing_email: form.billing_email,
            default_cnam: form.default_cnam,
            timezone: form.timezone,
            e911_street: form.e911_street,
            e911_city: form.e911_city,
            e911_state: form.e911_state,
            e911_zip: form.e911_zip,
        }
    }

    /// The partner's full form for `tenant` with these fields put in, so both pages
    /// share one set of rules.
    pub fn apply_to(&self, tenant: &Tenant) -> TenantForm {
        TenantForm {
            billing_email: self.billing_email.clone(),
            default_cnam: self.default_cnam.clone(),
            timezone: self.timezone.clone(),
            e911_street: self.e911_street.clone(),
            e911_city: self.e911_city.clone(),
            e911_state: self.e911_state.clone(),
            e911_zip: self.e911_zip.clone(),
            ..tenant.form()
        }
    }

    pub fn validate(&self, tenant: &Tenant) -> Result<ValidTenant, FieldErrors> {
        self.apply_to(tenant).validate()
    }
}
