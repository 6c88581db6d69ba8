//! Wire types of the smaller `/v1` resources: extensions, a tenant's usage this cycle,
//! and rated call records.

use serde::{Deserialize, Serialize};

use crate::tenants::extensions::{Extension, ExtensionForm};

/// `POST /v1/tenants/{id}/extensions` and `PATCH …/{ext_id}`: absent fields are not set
/// (on `PATCH`, left as they are). Checked by the same rules as the extension form.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ExtensionInput {
    /// 2 to 6 digits, e.g. `101`.
    pub number: Option<String>,
    pub display_name: Option<String>,
    pub voicemail: Option<bool>,
}

impl ExtensionInput {
    /// These fields over `current` (`None` for a new extension).
    pub fn over(self, current: Option<&Extension>) -> ExtensionForm {
        let voicemail = self
            .voicemail
            .unwrap_or_else(|| current.is_some_and(|c| c.voicemail));
        ExtensionForm {
            number: self
                .number
                .or_else(|| current.map(|c| c.number.clone()))
                .unwrap_or_default(),
            display_name: self
                .display_name
                .or_else(|| current.map(|c| c.display_name.clone()))
                .unwrap_or_default(),
            voicemail: voicemail.then(|| "on".to_owned()),
        }
    }
}

/// Minutes by kind.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Minutes {
    pub local: i64,
    pub toll_free: i64,
}

/// `GET /v1/tenants/{id}/usage`: the current cycle (a calendar month, UTC) so far.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TenantUsage {
    /// First day of the cycle, `YYYY-MM-DD`.
    pub cycle_start: String,
    /// Last day of the cycle, `YYYY-MM-DD`.
    pub cycle_end: String,
    pub minutes: Minutes,
    pub extensions: u32,
    pub numbers: u32,
    /// What the calls cost the partner at its tier rates, in dollars (`"12.345678"`).
    pub wholesale_cost: String,
    pub currency: String,
}

/// `GET /v1/calls`: one rated call record.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallRecord {
    /// The call record's id.
    pub id: String,
    /// The record's id as the call engine sent it (unique; a repeat is a duplicate).
    pub cdr_id: String,
    pub tenant_id: String,
    /// `inbound` or `outbound`.
    pub direction: String,
    pub from: String,
    pub to: String,
    pub started_at: String,
    pub answered_at: Option<String>,
    pub ended_at: String,
    pub hangup_cause: String,
    pub toll_free: bool,
    /// Whole minutes billed (rounded up; 0 when not answered).
    pub minutes: i64,
    /// Price a minute, in dollars (`"0.020000"`).
    pub rate: String,
    /// What the call cost, in dollars (`"0.040000"`).
    pub cost: String,
    /// The currency of `rate` and `cost` (`"USD"`).
    pub currency: String,
}
