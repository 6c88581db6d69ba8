//! The audit log: every change anyone makes, append-only and hash-chained per partner
//! (chain 0 is the platform's own). Each entry's hash covers its content and the previous
//! entry's hash, so editing or deleting a row breaks the chain at that row, which
//! [`verify_chain`] reports.

mod entity;
mod entry;
pub mod read;

#[cfg(test)]
mod tests;

pub use entity::Model as Record;
pub use entry::Entry;

use chrono::{DateTime, SubsecRound, Utc};
use model::AppError;
use sea_orm::{
    ConnectionTrait, DbBackend, QueryOrder, QuerySelect, Set, Statement, entity::prelude::*,
};
use sha2::{Digest, Sha256};

use crate::error::db_error;

tokio::task_local! {
    /// The id of the HTTP request being served, set by the server around each request so
    /// every entry a request writes names it without threading it through every service.
    static REQUEST_ID: String;
}

/// Runs `work` with `request_id` stamped on every audit entry it records (unless the
/// entry names one itself).
pub async fn with_request_id<F: Future>(request_id: String, work: F) -> F::Output {
    REQUEST_ID.scope(request_id, work).await
}

fn current_request_id() -> Option<String> {
    REQUEST_ID.try_with(Clone::clone).ok()
}

/// Who a request acts as while a partner admin manages a tenant: the label for
/// `acting_as` and the tenant's row id.
#[derive(Debug, Clone)]
pub struct ActingAs {
    pub label: String,
    pub tenant_id: i32,
}

tokio::task_local! {
    static ACTING_AS: ActingAs;
}

/// Runs `work` with every audit entry it records marked as done on behalf of the tenant
/// (the real user stays the actor).
pub async fn with_acting_as<F: Future>(acting: ActingAs, work: F) -> F::Output {
    ACTING_AS.scope(acting, work).await
}

fn current_acting_as() -> Option<ActingAs> {
    ACTING_AS.try_with(Clone::clone).ok()
}

/// The hash before the first entry of every chain.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Appends `entry` to its partner's chain inside the caller's transaction, so the entry
/// exists exactly when the change it describes does.
pub async fn record(
    conn: &impl ConnectionTrait,
    entry: Entry,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let mut entry = entry;
    if let Some(acting) = current_acting_as() {
        entry.acting_as = entry.acting_as.or(Some(acting.label));
        entry.tenant_id = entry.tenant_id.or(Some(acting.tenant_id));
    }
    let chain_key = entry.partner_id.unwrap_or(0);
    if conn.get_database_backend() == DbBackend::Postgres {
        // Serialise writers of one chain until commit; SQLite already has one writer.
        conn.execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT pg_advisory_xact_lock($1)",
            [i64::from(chain_key).into()],
        ))
        .await
        .map_err(db_error)?;
    }
    let last = entity::Entity::find()
        .filter(entity::Column::ChainKey.eq(chain_key))
        .order_by_desc(entity::Column::Seq)
        .limit(1)
        .one(conn)
        .await
        .map_err(db_error)?;
    let (seq, prev_hash) = last.map_or((1, GENESIS.to_owned()), |l| (l.seq + 1, l.hash));
    // Microseconds: what every backend stores exactly, so the hash verifies after a
    // round trip through the database.
    let at = now.trunc_subsecs(6);
    let mut row = entity::ActiveModel {
        public_id: Set(Uuid::now_v7()),
        chain_key: Set(chain_key),
        seq: Set(seq),
        at: Set(at),
        actor_user_id: Set(entry.actor_user_id),
        actor_label: Set(entry.actor_label),
        acting_as: Set(entry.acting_as),
        partner_id: Set(entry.partner_id),
        tenant_id: Set(entry.tenant_id),
        action: Set(entry.action),
        target: Set(entry.target),
        summary: Set(entry.summary.to_string()),
        request_id: Set(entry.request_id.or_else(current_request_id)),
        prev_hash: Set(prev_hash),
        hash: Set(String::new()),
        ..Default::default()
    };
    row.hash = Set(hash_of(&row_fields(&row)));
    row.insert(conn).await.map_err(db_error)?;
    Ok(())
}

/// What a chain check found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainReport {
    pub entries: u64,
    /// The first position whose content or link does not match, if any.
    pub first_broken_seq: Option<i64>,
}

impl ChainReport {
    pub fn is_intact(&self) -> bool {
        self.first_broken_seq.is_none()
    }
}

/// Recomputes every hash of a chain (0 = platform) in order.
pub async fn verify_chain(
    conn: &impl ConnectionTrait,
    chain_key: i32,
) -> Result<ChainReport, AppError> {
    let rows = entity::Entity::find()
        .filter(entity::Column::ChainKey.eq(chain_key))
        .order_by_asc(entity::Column::Seq)
        .all(conn)
        .await
        .map_err(db_error)?;
    let mut prev = GENESIS.to_owned();
    for (expected_seq, row) in (1_i64..).zip(rows.iter()) {
        let active: entity::ActiveModel = row.clone().into();
        if row.seq != expected_seq
            || row.prev_hash != prev
            || hash_of(&row_fields(&active)) != row.hash
        {
            return Ok(ChainReport {
                entries: rows.len() as u64,
                first_broken_seq: Some(expected_seq),
            });
        }
        prev = row.hash.clone();
    }
    Ok(ChainReport {
        entries: rows.len() as u64,
        first_broken_seq: None,
    })
}

/// Verifies every chain that has entries; `(chain key, report)` in chain order.
pub async fn verify_all(conn: &impl ConnectionTrait) -> Result<Vec<(i32, ChainReport)>, AppError> {
    let keys: Vec<i32> = entity::Entity::find()
        .select_only()
        .column(entity::Column::ChainKey)
        .distinct()
        .order_by_asc(entity::Column::ChainKey)
        .into_tuple()
        .all(conn)
        .await
        .map_err(db_error)?;
    let mut reports = Vec::with_capacity(keys.len());
    for key in keys {
        reports.push((key, verify_chain(conn, key).await?));
    }
    Ok(reports)
}

/// Every field that the hash covers, in a fixed order, as one JSON array: unambiguous
/// (no separator can be forged inside a value) and stable across backends.
fn row_fields(row: &entity::ActiveModel) -> serde_json::Value {
    let v = |field: &sea_orm::ActiveValue<String>| field.clone().unwrap();
    serde_json::json!([
        row.chain_key.clone().unwrap(),
        row.seq.clone().unwrap(),
        row.at
            .clone()
            .unwrap()
            .to_rfc3339_opts(chrono::SecondsFormat::Micros, true),
        row.actor_user_id.clone().unwrap(),
        v(&row.actor_label),
        row.acting_as.clone().unwrap(),
        row.partner_id.clone().unwrap(),
        row.tenant_id.clone().unwrap(),
        v(&row.action),
        v(&row.target),
        v(&row.summary),
        row.request_id.clone().unwrap(),
        v(&row.prev_hash),
    ])
}

fn hash_of(fields: &serde_json::Value) -> String {
    hex::encode(Sha256::digest(fields.to_string().as_bytes()))
}
