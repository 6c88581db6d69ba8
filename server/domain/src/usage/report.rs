//! Reading usage back: a tenant's current cycle (`GET /v1/tenants/{id}/usage`) and a
//! partner's rated call records (`GET /v1/calls`), each scoped to the caller.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use model::{
    AppError,
    api::{
        numbers::decimal_micros,
        resources::{CallRecord, Minutes, TenantUsage},
    },
    auth::Viewer,
};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use super::entity::{cdr, counter};
use crate::{Db, auth::actor::Actor, error::db_error, tenants::entity::tenant};

/// The tenant's cycle so far: minutes by kind, what they cost at the partner's rates,
/// and its extension and number counts now.
pub async fn tenant_usage(
    db: &Db,
    viewer: Option<&Viewer>,
    tenant_id: &str,
    now: DateTime<Utc>,
) -> Result<TenantUsage, AppError> {
    let dto = crate::tenants::get(db, viewer, tenant_id).await?;
    let t = crate::tenants::scope::resolve(db, viewer, tenant_id)
        .await?
        .tenant;
    let start = crate::calendar::month_start(now);
    let end = crate::calendar::next_month_start(now) - Duration::days(1);
    let row = counter::Entity::find()
        .filter(counter::Column::TenantId.eq(t.id))
        .filter(counter::Column::CycleStart.eq(start.to_string()))
        .one(db)
        .await
        .map_err(db_error)?;
    let (local, toll_free, cost) = row.map_or((0, 0, 0), |c| {
        (c.local_minutes, c.toll_free_minutes, c.cost_micros)
    });
    Ok(TenantUsage {
        cycle_start: start.to_string(),
        cycle_end: end.to_string(),
        minutes: Minutes { local, toll_free },
        extensions: u32::try_from(dto.extensions).unwrap_or(u32::MAX),
        numbers: u32::try_from(dto.numbers).unwrap_or(u32::MAX),
        wholesale_cost: decimal_micros(cost),
        currency: "USD".into(),
    })
}

/// The partner's call records, newest first, `limit` after the record `after` (the
/// previous page's cursor), limited to `only` tenants when given.
pub async fn calls_after(
    db: &Db,
    viewer: Option<&Viewer>,
    after: Option<&str>,
    limit: u64,
    only: &[String],
) -> Result<(Vec<CallRecord>, Option<String>), AppError> {
    let actor = Actor::partner_member(db, viewer).await?;
    let mut select = cdr::Entity::find().filter(cdr::Column::PartnerId.eq(actor.partner_id));
    if let Some(cursor) = after.filter(|c| !c.is_empty()) {
        let bad = || AppError::invalid("cursor", "This cursor is not one this list gave.");
        let cursor = uuid::Uuid::parse_str(cursor).map_err(|_| bad())?;
        let from = cdr::Entity::find()
            .filter(cdr::Column::PublicId.eq(cursor))
            .filter(cdr::Column::PartnerId.eq(actor.partner_id))
            .one(db)
            .await
            .map_err(db_error)?
            .ok_or_else(bad)?;
        select = select.filter(cdr::Column::Id.lt(from.id));
    }
    if !only.is_empty() {
        let ids: Vec<uuid::Uuid> = only
            .iter()
            .filter_map(|s| uuid::Uuid::parse_str(s).ok())
            .collect();
        let rows = tenant::Entity::find()
            .filter(tenant::Column::PublicId.is_in(ids))
            .filter(tenant::Column::PartnerId.eq(actor.partner_id))
            .all(db)
            .await
            .map_err(db_error)?;
        select = select.filter(cdr::Column::TenantId.is_in(rows.iter().map(|t| t.id)));
    }
    // One more than asked: whether it exists says if there is a next page.
    let mut rows = select
        .order_by_desc(cdr::Column::Id)
        .limit(limit + 1)
        .all(db)
        .await
        .map_err(db_error)?;
    let more = rows.len() as u64 > limit;
    rows.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    let next = more
        .then(|| rows.last().map(|r| r.public_id.to_string()))
        .flatten();
    Ok((records(db, rows).await?, next))
}

/// One of the partner's call records by its id (or, as before ids were UUIDs, by the
/// call engine's id).
pub async fn call(db: &Db, viewer: Option<&Viewer>, id: &str) -> Result<CallRecord, AppError> {
    let actor = Actor::partner_member(db, viewer).await?;
    let by = match uuid::Uuid::parse_str(id) {
        Ok(public) => cdr::Column::PublicId.eq(public),
        Err(_) => cdr::Column::RecordId.eq(id),
    };
    let row = cdr::Entity::find()
        .filter(by)
        .filter(cdr::Column::PartnerId.eq(actor.partner_id))
        .one(db)
        .await
        .map_err(db_error)?
        .ok_or_else(|| AppError::not_found("Call"))?;
    Ok(records(db, vec![row]).await?.remove(0))
}

async fn records(db: &Db, rows: Vec<cdr::Model>) -> Result<Vec<CallRecord>, AppError> {
    let tenants: HashMap<i32, String> = tenant::Entity::find()
        .filter(tenant::Column::Id.is_in(rows.iter().map(|r| r.tenant_id)))
        .all(db)
        .await
        .map_err(db_error)?
        .into_iter()
        .map(|t| (t.id, t.public_id.to_string()))
        .collect();
    let time = crate::db::rfc3339;
    Ok(rows
        .into_iter()
        .map(|r| CallRecord {
            tenant_id: tenants.get(&r.tenant_id).cloned().unwrap_or_default(),
            id: r.public_id.to_string(),
            cdr_id: r.record_id,
            direction: r.direction,
            from: r.from_number,
            to: r.to_number,
            started_at: time(r.started_at),
            answered_at: r.answered_at.map(time),
            ended_at: time(r.ended_at),
            hangup_cause: r.hangup_cause,
            toll_free: r.toll_free,
            minutes: r.minutes,
            rate: decimal_micros(r.rate_micros),
            cost: decimal_micros(r.cost_micros),
            currency: "USD".into(),
        })
        .collect())
}
