//! The audit log as partners read it.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub seq: i64,
    /// RFC 3339, UTC.
    pub at: String,
    pub actor: String,
    pub acting_as: Option<String>,
    pub action: String,
    pub target: String,
    pub summary: String,
    pub request_id: Option<String>,
}

/// Filters of the audit page; empty (or absent) means "any".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AuditFilter {
    pub actor: String,
    pub action: String,
    /// `YYYY-MM-DD`, inclusive, UTC.
    pub from: String,
    pub to: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    pub total_in_chain: u64,
    /// `None` when the chain verifies; the first broken position otherwise.
    pub broken_at: Option<i64>,
}

/// One time the partner's support entered a tenant's portal ("manage as the tenant").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupportVisit {
    pub by: String,
    pub reason: String,
    /// RFC 3339, UTC.
    pub started_at: String,
    /// `None` while the visit is still going on.
    pub ended_at: Option<String>,
    pub duration_seconds: Option<i64>,
}

/// A tenant's own view of its log: support visits first, then every entry about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TenantActivity {
    pub visits: Vec<SupportVisit>,
    pub entries: Vec<AuditEntry>,
}
