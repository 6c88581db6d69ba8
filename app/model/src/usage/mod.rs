//! Call usage: the call records the call engine posts to `POST /v1/cdrs`, their rules,
//! and how a call is rated.
//!
//! **Rating rule.** A call is billed from answer to hang-up in whole minutes, rounded
//! up (61 seconds is 2 minutes); an unanswered call is free. It is toll-free when the
//! called number (`to`) is a toll-free number: the tenant's own toll-free number on an
//! inbound call, or a toll-free destination on an outbound one. Its cost is
//! minutes × the partner's tier rate in micro-dollars, exactly. The wallet is debited in
//! whole cents as cost accrues: the fraction of a cent left over is carried to the next
//! call, so over any run of calls the cents debited equal the exact total cost rounded
//! down, and nothing is lost or invented.

mod rating;
#[cfg(test)]
mod tests;

pub use rating::{Carry, MICROS_PER_CENT, billable_minutes, is_toll_free};

use serde::{Deserialize, Serialize};

use crate::FieldErrors;

/// Most records one `POST /v1/cdrs` may carry.
pub const MAX_BATCH: usize = 1_000;

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Inbound,
    Outbound,
}

/// One call record as the call engine sends it (CONTRACT.md).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CdrInput {
    pub id: String,
    pub tenant_id: String,
    pub direction: Direction,
    pub from: String,
    pub to: String,
    pub started_at: String,
    pub answered_at: Option<String>,
    pub ended_at: String,
    #[serde(default)]
    pub hangup_cause: String,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CdrBatch {
    pub records: Vec<CdrInput>,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct IngestResult {
    pub accepted: u32,
    pub duplicates: u32,
}

/// A record that passed the rules, with its times parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidCdr {
    pub id: String,
    pub tenant_id: String,
    pub direction: Direction,
    pub from: String,
    pub to: String,
    pub started_at: chrono::DateTime<chrono::Utc>,
    pub answered_at: Option<chrono::DateTime<chrono::Utc>>,
    pub ended_at: chrono::DateTime<chrono::Utc>,
    pub hangup_cause: String,
}

impl ValidCdr {
    /// Seconds from answer to hang-up (0 when unanswered).
    pub fn billable_seconds(&self) -> i64 {
        self.answered_at
            .map_or(0, |a| (self.ended_at - a).num_seconds().max(0))
    }
}

fn phone(value: &str) -> Result<String, String> {
    let digits = value.strip_prefix('+').unwrap_or("");
    if (8..=15).contains(&digits.len()) && digits.chars().all(|c| c.is_ascii_digit()) {
        Ok(value.to_owned())
    } else {
        Err("Use an E.164 number like +15125550100.".into())
    }
}

fn time(value: &str) -> Result<chrono::DateTime<chrono::Utc>, String> {
    chrono::DateTime::parse_from_rfc3339(value)
        .map(|t| t.with_timezone(&chrono::Utc))
        .map_err(|_| "Use an RFC 3339 time like 2026-11-23T15:04:05Z.".into())
}

impl CdrBatch {
    /// Every record's rules at once; messages are keyed `records[i].field`.
    pub fn validate(&self) -> Result<Vec<ValidCdr>, FieldErrors> {
        let mut errors = FieldErrors::new();
        if self.records.is_empty() || self.records.len() > MAX_BATCH {
            errors.add(
                "records",
                format!("Send 1 to {MAX_BATCH} records per request."),
            );
            return Err(errors);
        }
        let mut out = Vec::with_capacity(self.records.len());
        for (i, r) in self.records.iter().enumerate() {
            let key = |f: &str| format!("records[{i}].{f}");
            let id = r.id.trim();
            if id.is_empty() || id.len() > 100 {
                errors.add(&key("id"), "Give each record an id of 1 to 100 characters.");
            }
            if uuid::Uuid::parse_str(&r.tenant_id).is_err() {
                errors.add(&key("tenant_id"), "Use the tenant's id (a UUID).");
            }
            let from = errors.check(&key("from"), phone(&r.from));
            let to = errors.check(&key("to"), phone(&r.to));
            let started = errors.check(&key("started_at"), time(&r.started_at));
            let ended = errors.check(&key("ended_at"), time(&r.ended_at));
            let answered = match &r.answered_at {
                Some(a) => errors.check(&key("answered_at"), time(a)).map(Some),
                None => Some(None),
            };
            if let (Some(s), Some(e), Some(a)) = (started, ended, answered) {
                let ordered = s <= e && a.is_none_or(|a| s <= a && a <= e);
                if !ordered {
                    errors.add(
                        &key("ended_at"),
                        "Times must run started ≤ answered ≤ ended.",
                    );
                } else if let (Some(from), Some(to)) = (from, to) {
                    out.push(ValidCdr {
                        id: id.to_owned(),
                        tenant_id: r.tenant_id.clone(),
                        direction: r.direction,
                        from,
                        to,
                        started_at: s,
                        answered_at: a,
                        ended_at: e,
                        hangup_cause: r.hangup_cause.chars().take(60).collect(),
                    });
                }
            }
        }
        if errors.is_empty() {
            Ok(out)
        } else {
            Err(errors)
        }
    }
}
