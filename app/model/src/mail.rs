//! Email as the outbox page shows it.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxItem {
    pub id: String,
    pub to: String,
    pub from_name: String,
    pub subject: String,
    pub text: String,
    /// RFC 3339, UTC.
    pub created_at: String,
    /// How delivery went, in words: sent, waiting, retrying with the reason, given up.
    pub status: String,
}
