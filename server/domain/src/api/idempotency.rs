//! `Idempotency-Key` on `POST`: the first request with a key runs and its answer is
//! kept; the same key with the same request within 24 hours gets that answer again and
//! changes nothing. The key is claimed before the request runs (a row with status 0),
//! so two concurrent requests with one key cannot both run.

use chrono::{DateTime, Duration, Utc};
use model::AppError;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set, sea_query::OnConflict,
};
use sha2::{Digest, Sha256};

use super::entity::idempotency as idem;
use crate::{Db, error::db_error};

/// How long an answer is kept.
pub const WINDOW: Duration = Duration::hours(24);

/// What to do with a request that carries a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Claim {
    /// First time: run it, then [`finish`] with the claim's id.
    Run(i32),
    /// Seen before: answer this again.
    Replay { status: u16, body: String },
    /// The first request with this key is still running.
    InProgress,
    /// The key was used for a different request.
    Mismatch,
}

/// SHA-256 of what makes two requests "the same".
pub fn fingerprint(method: &str, path: &str, body: &[u8]) -> String {
    let mut hash = Sha256::new();
    hash.update(method.as_bytes());
    hash.update([0]);
    hash.update(path.as_bytes());
    hash.update([0]);
    hash.update(body);
    hex::encode(hash.finalize())
}

pub async fn claim(
    db: &Db,
    partner_id: i32,
    key: &str,
    request_hash: &str,
    now: DateTime<Utc>,
) -> Result<Claim, AppError> {
    for _ in 0..2 {
        let inserted = idem::Entity::insert(idem::ActiveModel {
            partner_id: Set(partner_id),
            idem_key: Set(key.to_owned()),
            request_hash: Set(request_hash.to_owned()),
            status_code: Set(0),
            response_body: Set(String::new()),
            created_at: Set(now),
            ..Default::default()
        })
        .on_conflict(
            OnConflict::columns([idem::Column::PartnerId, idem::Column::IdemKey])
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(db)
        .await
        .map_err(db_error)?;
        let row = idem::Entity::find()
            .filter(idem::Column::PartnerId.eq(partner_id))
            .filter(idem::Column::IdemKey.eq(key))
            .one(db)
            .await
            .map_err(db_error)?
            .ok_or_else(|| crate::error::internal("idempotency row vanished"))?;
        if inserted == 1 {
            return Ok(Claim::Run(row.id));
        }
        if row.created_at + WINDOW <= now {
            // Expired: forget it and claim afresh.
            idem::Entity::delete_by_id(row.id)
                .exec(db)
                .await
                .map_err(db_error)?;
            continue;
        }
        return Ok(if row.request_hash != request_hash {
            Claim::Mismatch
        } else if row.status_code == 0 {
            Claim::InProgress
        } else {
            Claim::Replay {
                status: u16::try_from(row.status_code).unwrap_or(200),
                body: row.response_body,
            }
        });
    }
    Ok(Claim::InProgress)
}

/// Keeps the answer of a claimed request. A server error is not kept (the claim is
/// dropped), so the client can retry with the same key.
pub async fn finish(db: &Db, id: i32, status: u16, body: &str) -> Result<(), AppError> {
    if status >= 500 {
        idem::Entity::delete_by_id(id)
            .exec(db)
            .await
            .map_err(db_error)?;
        return Ok(());
    }
    idem::ActiveModel {
        id: Set(id),
        status_code: Set(i32::from(status)),
        response_body: Set(body.to_owned()),
        ..Default::default()
    }
    .update(db)
    .await
    .map_err(db_error)?;
    Ok(())
}

/// Forgets answers older than the window (run by the periodic worker).
pub async fn purge(db: &Db, now: DateTime<Utc>) -> Result<u64, AppError> {
    let gone = idem::Entity::delete_many()
        .filter(idem::Column::CreatedAt.lt(now - WINDOW))
        .exec(db)
        .await
        .map_err(db_error)?;
    Ok(gone.rows_affected)
}
