//! The `data` of events whose shape is not an API resource: phone numbers changing hands
//! and finished calls. (Tenant events carry the tenant as `GET /v1/tenants/{id}` shows
//! it; extension events carry the extension.)

use serde::{Deserialize, Serialize};

use crate::usage::{Direction, ValidCdr};

/// `data` of `phone_number.*` events.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NumberEventData {
    /// The number's id in `/v1/numbers/{id}`.
    pub id: String,
    /// E.164, e.g. `+13035550142`.
    pub number: String,
    /// `local` or `toll_free`.
    pub kind: String,
    /// `ACTIVE`, `PENDING`, `RELEASED`, …
    pub status: String,
    /// The tenant it is assigned to; `null` while in the partner's pool.
    pub tenant_id: Option<String>,
    /// `"port"` when it arrived by porting in; `"purchase"` when bought.
    pub source: Option<String>,
}

/// `data` of the events of a finished call: `call.completed` and `call.failed`
/// (outbound), `inbound_call.completed` and `inbound_call.abandoned` (inbound).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallEventData {
    /// The call record's id, as `GET /v1/calls/{id}` takes it.
    pub id: String,
    /// The record's id as the call engine sent it.
    pub cdr_id: String,
    pub tenant_id: String,
    /// `inbound` or `outbound`.
    pub direction: String,
    pub from: String,
    pub to: String,
    pub started_at: String,
    pub answered_at: Option<String>,
    pub ended_at: String,
    /// Seconds from answer to hang-up (0 when not answered).
    pub duration_seconds: i64,
    /// Minutes billed (whole minutes, rounded up).
    pub billable_minutes: i64,
    pub toll_free: bool,
    pub hangup_cause: String,
}

impl CallEventData {
    /// The event a finished call is: completed when answered, otherwise failed
    /// (outbound) or abandoned (inbound).
    pub fn event_type(cdr: &ValidCdr) -> &'static str {
        match (cdr.direction, cdr.answered_at.is_some()) {
            (Direction::Outbound, true) => "call.completed",
            (Direction::Outbound, false) => "call.failed",
            (Direction::Inbound, true) => "inbound_call.completed",
            (Direction::Inbound, false) => "inbound_call.abandoned",
        }
    }

    pub fn of(cdr: &ValidCdr, id: &str, billable_minutes: i64, toll_free: bool) -> Self {
        let time = crate::api::rfc3339;
        Self {
            id: id.to_owned(),
            cdr_id: cdr.id.clone(),
            tenant_id: cdr.tenant_id.clone(),
            direction: match cdr.direction {
                Direction::Inbound => "inbound".into(),
                Direction::Outbound => "outbound".into(),
            },
            from: cdr.from.clone(),
            to: cdr.to.clone(),
            started_at: time(cdr.started_at),
            answered_at: cdr.answered_at.map(time),
            ended_at: time(cdr.ended_at),
            duration_seconds: cdr.billable_seconds(),
            billable_minutes,
            toll_free,
            hangup_cause: cdr.hangup_cause.clone(),
        }
    }
}
