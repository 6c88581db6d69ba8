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
