//! How long webhook history is kept: attempts and finished deliveries for 30 days (the
//! deliveries view shows the last 100 attempts, and a partner debugging an integration
//! looks at days, not months), and events once fanned out and no longer referenced.

use chrono::{DateTime, Duration, Utc};
use model::AppError;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Query};

use super::entity::{attempt, delivery};
use crate::{Db, error::db_error, events::entity as event};

pub const KEEP_DAYS: i64 = 30;

/// Deletes history older than [`KEEP_DAYS`]; returns how many rows went. Safe to rerun
/// and to run on two instances (plain deletes by age).
pub async fn purge(db: &Db, now: DateTime<Utc>) -> Result<u64, AppError> {
    let cutoff = now - Duration::days(KEEP_DAYS);
    let attempts = attempt::Entity::delete_many()
        .filter(attempt::Column::AttemptedAt.lt(cutoff))
        .exec(db)
        .await
        .map_err(db_error)?;
    // Finished (delivered or dead) deliveries; one still waiting is kept however old, so
    // an endpoint turned back on gets what was queued for it.
    let deliveries = delivery::Entity::delete_many()
        .filter(delivery::Column::NextAttemptAt.is_null())
        .filter(delivery::Column::CreatedAt.lt(cutoff))
        .exec(db)
        .await
        .map_err(db_error)?;
    let referenced = Query::select()
        .column(delivery::Column::EventId)
        .from(delivery::Entity)
        .to_owned();
    let events = event::Entity::delete_many()
        .filter(event::Column::FannedOutAt.lt(cutoff))
        .filter(event::Column::Id.not_in_subquery(referenced))
        .exec(db)
        .await
        .map_err(db_error)?;
    Ok(attempts.rows_affected + deliveries.rows_affected + events.rows_affected)
}
