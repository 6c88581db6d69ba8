//! What a tenant held and when: extensions and numbers are billed by the local days
//! they were held (a day counts when the thing was held at any moment of it). The
//! extension and number services open and close holdings in the transaction of the
//! change itself, so the record cannot disagree with what happened.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use model::AppError;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, sea_query::Expr,
};

use super::entity::holding;
use crate::error::db_error;

pub const EXTENSION: &str = "extension";
pub const LOCAL_NUMBER: &str = "local_number";
pub const TOLL_FREE_NUMBER: &str = "toll_free_number";

/// The holding kind of a number of `number_kind` (`local` or `toll_free`).
pub fn number_holding(number_kind: &str) -> &'static str {
    if number_kind == "toll_free" {
        TOLL_FREE_NUMBER
    } else {
        LOCAL_NUMBER
    }
}

/// `tenant_id` holds `subject_id` from `now`.
pub async fn open<C: ConnectionTrait>(
    db: &C,
    tenant_id: i32,
    kind: &str,
    subject_id: i32,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    holding::ActiveModel {
        tenant_id: Set(tenant_id),
        kind: Set(kind.to_owned()),
        subject_id: Set(subject_id),
        held_from: Set(now),
        held_until: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await
    .map_err(db_error)?;
    Ok(())
}

/// Whoever holds `subject_id` stops holding it at `now`.
pub async fn close<C: ConnectionTrait>(
    db: &C,
    kind: &str,
    subject_id: i32,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    holding::Entity::update_many()
        .col_expr(holding::Column::HeldUntil, Expr::value(now))
        .filter(holding::Column::Kind.eq(kind))
        .filter(holding::Column::SubjectId.eq(subject_id))
        .filter(holding::Column::HeldUntil.is_null())
        .exec(db)
        .await
        .map_err(db_error)?;
    Ok(())
}

/// A number moved from `from` to `to` (either may be none).
pub async fn move_number<C: ConnectionTrait>(
    db: &C,
    number_kind: &str,
    number_id: i32,
    from: Option<i32>,
    to: Option<i32>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    if from == to {
        return Ok(());
    }
    let kind = number_holding(number_kind);
    if from.is_some() {
        close(db, kind, number_id, now).await?;
    }
    if let Some(tenant) = to {
        open(db, tenant, kind, number_id, now).await?;
    }
    Ok(())
}

/// Item-days of `kind` the tenant held in the local days `[start, end)` of `tz`, whose
/// instants are `[from, until)`.
#[allow(clippy::too_many_arguments)]
pub async fn item_days<C: ConnectionTrait>(
    db: &C,
    tenant_id: i32,
    kind: &str,
    tz: Tz,
    start: NaiveDate,
    end: NaiveDate,
    from: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Result<i64, AppError> {
    let rows = holding::Entity::find()
        .filter(holding::Column::TenantId.eq(tenant_id))
        .filter(holding::Column::Kind.eq(kind))
        .filter(holding::Column::HeldFrom.lt(until))
        .filter(
            sea_orm::Condition::any()
                .add(holding::Column::HeldUntil.is_null())
                .add(holding::Column::HeldUntil.gt(from)),
        )
        .all(db)
        .await
        .map_err(db_error)?;
    let local = |t: DateTime<Utc>| t.with_timezone(&tz).date_naive();
    Ok(rows
        .iter()
        .map(|h| {
            let first = local(h.held_from).max(start);
            // The last day held: the day of the last instant before `held_until`.
            let last_exclusive = match h.held_until {
                Some(u) if u > h.held_from => local(u - chrono::Duration::nanoseconds(1))
                    .succ_opt()
                    .unwrap_or(end),
                Some(_) => first,
                None => end,
            }
            .min(end);
            (last_exclusive - first).num_days().max(0)
        })
        .sum())
}
