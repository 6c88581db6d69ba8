//! Webhooks: the endpoints a partner registers, the events they can ask for, the target
//! rules (https on a public address; http and private addresses only where the operator
//! allows them for development) and what the deliveries debugger shows.

mod payloads;
mod target;

pub use payloads::{CallEventData, NumberEventData};
pub use target::{check_url, is_public_ip, private_host_name};

use serde::{Deserialize, Serialize};

use crate::FieldErrors;

/// The events an endpoint can ask for, grouped as on the settings page.
pub const EVENT_GROUPS: [(&str, &[&str]); 6] = [
    (
        "Tenants",
        &[
            "tenant.created",
            "tenant.updated",
            "tenant.suspended",
            "tenant.unsuspended",
            "tenant.deleted",
        ],
    ),
    (
        "Phone numbers",
        &[
            "phone_number.purchased",
            "phone_number.assigned",
            "phone_number.released",
            "phone_number.updated",
        ],
    ),
    (
        "Extensions",
        &[
            "extension.created",
            "extension.updated",
            "extension.deleted",
        ],
    ),
    (
        "Billing",
        &[
            "subscription.updated",
            "subscription.activated",
            "invoice.created",
            "invoice.paid",
            "invoice.failed",
            "payment_method.attached",
            "payment.failed",
        ],
    ),
    (
        "Calls",
        &[
            "call.initiated",
            "call.answered",
            "call.completed",
            "call.failed",
        ],
    ),
    (
        "Inbound calls",
        &[
            "inbound_call.ringing",
            "inbound_call.answered",
            "inbound_call.completed",
            "inbound_call.abandoned",
        ],
    ),
];

/// Every secret starts with this (the Standard Webhooks convention); the rest is base64.
pub const SECRET_PREFIX: &str = "whsec_";
/// Attempts at these offsets from the first one (0, 30 s, 2 min, 10 min, 1 h, 4 h, 12 h,
/// 24 h): eight in all, then the delivery is dead.
pub const SCHEDULE_SECS: [i64; 8] = [0, 30, 120, 600, 3_600, 14_400, 43_200, 86_400];
pub const MAX_ATTEMPTS: u32 = SCHEDULE_SECS.len() as u32;
/// Failed attempts in a row (across deliveries) that turn an endpoint off.
pub const DISABLE_AFTER: i32 = 100;
/// An answer must come within this many seconds to count.
pub const TIMEOUT_SECS: u64 = 10;
/// The deliveries view shows this many attempts.
pub const HISTORY: u64 = 100;

/// Whether `event` is one an endpoint can ask for.
pub fn is_event(event: &str) -> bool {
    EVENT_GROUPS
        .iter()
        .any(|(_, events)| events.contains(&event))
}

/// Settings → Webhooks → Add endpoint (and `POST /v1/webhook-endpoints`).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct EndpointForm {
    /// Where to POST: `https://…` on a public address.
    pub url: String,
    pub description: String,
    /// Event types (`tenant.created`, …); at least one.
    pub events: Vec<String>,
}

/// A checked form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndpointSpec {
    pub url: String,
    pub description: String,
    pub events: Vec<String>,
}

impl EndpointForm {
    /// Checks every field; `allow_private` is the operator's development switch
    /// (`SWITCHBOARD_ALLOW_PRIVATE_WEBHOOKS`).
    pub fn validate(&self, allow_private: bool) -> Result<EndpointSpec, FieldErrors> {
        let mut errors = FieldErrors::new();
        let url = errors.check("url", check_url(&self.url, allow_private));
        let description = self.description.trim().to_owned();
        if description.chars().count() > 200 {
            errors.add("description", "Keep the description to 200 characters.");
        }
        let events = errors.check("events", parse_events(&self.events));
        match (url, events) {
            (Some(url), Some(events)) if errors.is_empty() => Ok(EndpointSpec {
                url,
                description,
                events,
            }),
            _ => Err(errors),
        }
    }
}

/// The chosen events, known and without repeats, in catalogue order.
pub fn parse_events(items: &[String]) -> Result<Vec<String>, String> {
    let chosen: Vec<&str> = items.iter().map(|s| s.trim()).collect();
    if let Some(unknown) = chosen.iter().find(|e| !e.is_empty() && !is_event(e)) {
        return Err(format!(
            "\"{unknown}\" is not an event this platform sends."
        ));
    }
    let events: Vec<String> = EVENT_GROUPS
        .iter()
        .flat_map(|(_, events)| events.iter())
        .filter(|e| chosen.contains(e))
        .map(|e| (*e).to_owned())
        .collect();
    if events.is_empty() {
        return Err("Choose at least one event to send.".into());
    }
    Ok(events)
}

/// `PATCH /v1/webhook-endpoints/{id}` and the page's edits: absent fields stay.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct EndpointPatch {
    pub url: Option<String>,
    pub description: Option<String>,
    pub events: Option<Vec<String>>,
    /// `false` pauses deliveries; `true` resumes them (and clears the failure count).
    pub enabled: Option<bool>,
}

impl EndpointPatch {
    /// The whole form these changes make of `current`.
    pub fn over(&self, current: &Endpoint) -> EndpointForm {
        EndpointForm {
            url: self.url.clone().unwrap_or_else(|| current.url.clone()),
            description: self
                .description
                .clone()
                .unwrap_or_else(|| current.description.clone()),
            events: self
                .events
                .clone()
                .unwrap_or_else(|| current.events.clone()),
        }
    }
}

/// An endpoint as the settings page and the API show it.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Endpoint {
    pub id: String,
    pub url: String,
    pub description: String,
    pub events: Vec<String>,
    pub enabled: bool,
    /// Why it is off: `"failures"` (turned off after 100 failures in a row) or
    /// `"manual"`; `null` while on.
    pub disabled_reason: Option<String>,
    /// Failed attempts in a row; 0 after any success.
    pub consecutive_failures: i32,
    /// `whsec_Ab3x…`: which secret is current, without revealing it.
    pub secret_hint: String,
    pub created_at: String,
    pub updated_at: String,
}

/// An endpoint just made, or its secret just rotated: the only time the secret is shown.
/// On the wire it is the endpoint itself plus `secret` (the API's one shape for "an object
/// and a secret shown once").
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewSecret {
    #[serde(flatten)]
    pub endpoint: Endpoint,
    /// `whsec_<base64>`: sign-checking key for this endpoint. Shown once.
    pub secret: String,
}

/// Where a delivery (one event to one endpoint) stands.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum DeliveryStatus {
    /// Not tried yet.
    Pending,
    /// The endpoint answered 2xx in time.
    Delivered,
    /// The last attempt failed; another is scheduled.
    Failed,
    /// Eight attempts failed; no more will be made.
    Dead,
}

impl DeliveryStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "PENDING",
            Self::Delivered => "DELIVERED",
            Self::Failed => "FAILED",
            Self::Dead => "DEAD",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Pending, Self::Delivered, Self::Failed, Self::Dead]
            .into_iter()
            .find(|v| v.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Pending => "Pending",
            Self::Delivered => "Delivered",
            Self::Failed => "Retrying",
            Self::Dead => "Dead",
        }
    }
}

/// One line of the deliveries view: an attempt, or a delivery not yet tried.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeliveryAttempt {
    /// The delivery this attempt belongs to (what *Redeliver* takes).
    pub delivery_id: String,
    /// The event's id: the `webhook-id` header and the body's `id`.
    pub event_id: String,
    pub event_type: String,
    /// The delivery's status now.
    pub status: DeliveryStatus,
    /// Which attempt this was (1 to 8); 0 for a delivery not tried yet.
    pub attempt: u32,
    pub max_attempts: u32,
    pub attempted_at: Option<String>,
    /// The HTTP status the endpoint answered; `null` when none came.
    pub response_status: Option<u16>,
    /// `"200 OK"`, `"Timeout"`, `"Connection refused"`, …
    pub outcome: String,
    pub duration_ms: Option<i64>,
    /// The JSON body that was (or will be) sent.
    pub request_body: String,
    /// The first 4 KB of what the endpoint answered.
    pub response_body: Option<String>,
    /// When the next attempt is due, while one is.
    pub next_attempt_at: Option<String>,
    /// A manual redelivery rather than the event's own delivery.
    pub redelivery: bool,
}

#[cfg(test)]
mod tests;
