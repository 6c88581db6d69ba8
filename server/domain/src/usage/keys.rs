//! Platform ingest keys: what the call engine presents to `POST /v1/cdrs`. Created by
//! the operator (`server create-ingest-key`), shown once, stored as a SHA-256 hash.

use chrono::{DateTime, Utc};
use model::AppError;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set, sea_query::Expr};
use uuid::Uuid;

use super::entity::ingest_key;
use crate::{Db, audit, auth::token, error::db_error};

/// Every ingest key starts with this, so a leaked one is recognisable in logs and scans.
pub const PREFIX: &str = "sbk_ingest_";

pub struct NewIngestKey {
    pub id: String,
    /// Shown once; never stored.
    pub key: String,
}

pub async fn create(db: &Db, name: &str, now: DateTime<Utc>) -> Result<NewIngestKey, AppError> {
    let name = name.trim();
    if name.is_empty() || name.len() > 100 {
        return Err(AppError::invalid(
            "name",
            "Name the key (1 to 100 characters).",
        ));
    }
    let key = format!("{PREFIX}{}", token::new_token().plain);
    let txn = crate::db::begin(db).await?;
    let row = ingest_key::ActiveModel {
        public_id: Set(Uuid::now_v7()),
        name: Set(name.to_owned()),
        key_hash: Set(token::hash(&key)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(db_error)?;
    audit::record(
        &txn,
        audit::Entry::by_system(
            "cli",
            None,
            "ingest_key.created",
            format!("ingest_key:{}", row.public_id),
        )
        .with_summary(serde_json::json!({"name": row.name})),
        now,
    )
    .await?;
    txn.commit().await.map_err(db_error)?;
    Ok(NewIngestKey {
        id: row.public_id.to_string(),
        key,
    })
}

/// The key behind `Authorization: Bearer …`, if it is a live ingest key.
pub async fn verify(db: &Db, bearer: &str, now: DateTime<Utc>) -> Result<i32, AppError> {
    if !bearer.starts_with(PREFIX) {
        return Err(AppError::Unauthorized);
    }
    let key = ingest_key::Entity::find()
        .filter(ingest_key::Column::KeyHash.eq(token::hash(bearer)))
        .filter(ingest_key::Column::RevokedAt.is_null())
        .one(db)
        .await
        .map_err(db_error)?
        .ok_or(AppError::Unauthorized)?;
    ingest_key::Entity::update_many()
        .col_expr(ingest_key::Column::LastUsedAt, Expr::value(now))
        .filter(ingest_key::Column::Id.eq(key.id))
        .exec(db)
        .await
        .map_err(db_error)?;
    Ok(key.id)
}
