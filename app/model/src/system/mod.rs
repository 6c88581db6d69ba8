//! Health of the running installation, as the dashboard and `/healthz` report it.

use serde::{Deserialize, Serialize};

/// The body of `GET /healthz`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Health {
    /// `ok` or `degraded`.
    pub status: String,
    /// `ok` or `down`.
    pub database: String,
}

impl Health {
    pub fn from_database(database_ok: bool) -> Self {
        let (status, database) = if database_ok {
            ("ok", "ok")
        } else {
            ("degraded", "down")
        };
        Self {
            status: status.into(),
            database: database.into(),
        }
    }

    pub fn is_ok(&self) -> bool {
        self.status == "ok"
    }
}

/// The dashboard's "System status" card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SystemStatus {
    pub database_ok: bool,
    /// "SQLite" or "PostgreSQL".
    pub database_backend: String,
    /// Round trip of a trivial query, in microseconds.
    pub database_latency_us: u64,
    pub migrations_applied: u32,
    pub version: String,
    /// RFC 3339, UTC.
    pub started_at: String,
}
