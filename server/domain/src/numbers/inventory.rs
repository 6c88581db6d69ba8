//! The partner's inventory: list with filters, assign to a tenant (within its number
//! limit), unassign, release. Every change is audited and emits its event.

use chrono::{DateTime, Utc};
use model::{
    AppError,
    auth::Viewer,
    numbers::{
        CnamStatus, E911Status, InventoryFilter, NumberKind, NumberStatus, NumberTenant,
        OwnedNumber, PhoneNumber,
    },
    tenants::TenantStatus,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, IntoActiveModel,
    QueryFilter, QueryOrder, QuerySelect, Set,
    sea_query::{Expr, ExprTrait},
};

use super::{carrier::Carrier, entity::number};
use crate::{
    Db, audit,
    auth::actor::Actor,
    error::{db_error, internal},
    tenants::{entity::tenant, scope},
};

/// Rows → what the inventory shows (tenant names looked up in one query).
pub(super) async fn describe(
    conn: &impl ConnectionTrait,
    rows: Vec<number::Model>,
) -> Result<Vec<OwnedNumber>, AppError> {
    let ids: Vec<i32> = rows.iter().filter_map(|r| r.tenant_id).collect();
    let tenants = if ids.is_empty() {
        Vec::new()
    } else {
        tenant::Entity::find()
            .filter(tenant::Column::Id.is_in(ids))
            .all(conn)
            .await
            .map_err(db_error)?
    };
    rows.into_iter()
        .map(|r| {
            let tenant = r
                .tenant_id
                .and_then(|id| tenants.iter().find(|t| t.id == id))
                .map(|t| NumberTenant {
                    id: t.public_id.to_string(),
                    name: t.name.clone(),
                    sip_prefix: t.sip_prefix.clone(),
                });
            let kind = if r.kind == "toll_free" {
                NumberKind::TollFree
            } else {
                NumberKind::Local
            };
            Ok(OwnedNumber {
                id: r.public_id.to_string(),
                number: PhoneNumber::parse(&r.e164).map_err(internal)?,
                kind,
                // A ported-in number knows its state (from the area code) but not its
                // exchange's city.
                region: match (&r.city, &r.state) {
                    (Some(c), Some(s)) => format!("{c}, {s}"),
                    (None, Some(s)) => s.clone(),
                    _ => "Toll-free".into(),
                },
                rate_center: r.rate_center,
                tenant,
                status: NumberStatus::parse(&r.status).unwrap_or(NumberStatus::Pending),
                call_flow: r.call_flow,
                cnam: r.cnam,
                cnam_status: r.cnam_status.as_deref().and_then(|s| match s {
                    "PENDING" => Some(CnamStatus::Pending),
                    "SYNCED" => Some(CnamStatus::Synced),
                    "FAILED" => Some(CnamStatus::Failed),
                    _ => None,
                }),
                cnam_reason: r.cnam_reason,
                e911_address: r
                    .e911_address
                    .as_deref()
                    .and_then(|json| serde_json::from_str(json).ok()),
                e911_status: E911Status::parse(&r.e911_status).unwrap_or(E911Status::NotSet),
                e911_reason: r.e911_reason,
                monthly_cents: r.monthly_cents,
                purchased_at: crate::db::rfc3339(r.purchased_at),
            })
        })
        .collect()
}

/// The partner's numbers, newest first, filtered.
pub async fn list(
    db: &Db,
    viewer: Option<&Viewer>,
    filter: &InventoryFilter,
) -> Result<Vec<OwnedNumber>, AppError> {
    let actor = Actor::partner_member(db, viewer).await?;
    let mut query = number::Entity::find().filter(number::Column::PartnerId.eq(actor.partner_id));
    query = match filter.status.as_str() {
        "" => query.filter(number::Column::ReleasedAt.is_null()),
        s => query
            .filter(number::Column::Status.eq(NumberStatus::parse(s).map_or("?", |x| x.as_str()))),
    };
    if let Some(status) = E911Status::parse(&filter.e911) {
        query = query.filter(number::Column::E911Status.eq(status.as_str()));
    }
    match filter.tenant.as_str() {
        "" => {}
        "unassigned" => query = query.filter(number::Column::TenantId.is_null()),
        id => {
            let t = scope::resolve(db, viewer, id).await?;
            query = query.filter(number::Column::TenantId.eq(t.tenant.id));
        }
    }
    let q = filter.q.trim();
    if !q.is_empty() {
        let digits: String = q.chars().filter(char::is_ascii_digit).collect();
        let named: Vec<i32> = tenant::Entity::find()
            .select_only()
            .column(tenant::Column::Id)
            .filter(tenant::Column::PartnerId.eq(actor.partner_id))
            .filter(tenant::Column::NameLower.contains(q.to_lowercase()))
            .into_tuple::<i32>()
            .all(db)
            .await
            .map_err(db_error)?;
        let mut any = Condition::any().add(number::Column::TenantId.is_in(named));
        if !digits.is_empty() {
            any = any.add(number::Column::E164.contains(&digits));
        }
        query = query.filter(any);
    }
    let rows = query
        .order_by_desc(number::Column::Id)
        .limit(500)
        .all(db)
        .await
        .map_err(db_error)?;
    describe(db, rows).await
}

/// The live numbers of tenant `tenant_id`, for its own users and the partner's team.
pub async fn for_tenant(
    db: &Db,
    viewer: Option<&Viewer>,
    tenant_id: &str,
) -> Result<Vec<OwnedNumber>, AppError> {
    let scope = scope::resolve(db, viewer, tenant_id).await?;
    let rows = number::Entity::find()
        .filter(number::Column::TenantId.eq(scope.tenant.id))
        .filter(number::Column::ReleasedAt.is_null())
        .order_by_asc(number::Column::E164)
        .all(db)
        .await
        .map_err(db_error)?;
    describe(db, rows).await
}

/// One of the partner's numbers.
pub async fn get(db: &Db, viewer: Option<&Viewer>, id: &str) -> Result<OwnedNumber, AppError> {
    let actor = Actor::partner_member(db, viewer).await?;
    let row = own(db, &actor, id).await?;
    Ok(describe(db, vec![row]).await?.remove(0))
}

/// The caller's own number `id` (locked for the change when inside a transaction).
pub(super) async fn own(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    id: &str,
) -> Result<number::Model, AppError> {
    let id = uuid::Uuid::parse_str(id).map_err(|_| AppError::not_found("Number"))?;
    number::Entity::find()
        .filter(number::Column::PublicId.eq(id))
        .filter(number::Column::PartnerId.eq(actor.partner_id))
        .one(conn)
        .await
        .map_err(db_error)?
        .ok_or_else(|| AppError::not_found("Number"))
}

async fn count(
    conn: &impl ConnectionTrait,
    tenant_id: Option<i32>,
    delta: i32,
) -> Result<(), AppError> {
    if let Some(id) = tenant_id {
        tenant::Entity::update_many()
            .col_expr(
                tenant::Column::NumberCount,
                Expr::col(tenant::Column::NumberCount).add(delta),
            )
            .filter(tenant::Column::Id.eq(id))
            .exec(conn)
            .await
            .map_err(db_error)?;
    }
    Ok(())
}

/// Records `event` (`phone_number.…`) for `row`, naming its tenant by public id.
pub(crate) async fn record_event(
    conn: &impl sea_orm::ConnectionTrait,
    row: &number::Model,
    event: &str,
    source: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let tenant_id = match row.tenant_id {
        Some(id) => crate::tenants::entity::tenant::Entity::find_by_id(id)
            .one(conn)
            .await
            .map_err(db_error)?
            .map(|t| t.public_id.to_string()),
        None => None,
    };
    let data = model::webhooks::NumberEventData {
        id: row.public_id.to_string(),
        number: row.e164.clone(),
        kind: row.kind.clone(),
        status: row.status.clone(),
        tenant_id,
        source: source.map(str::to_owned),
    };
    crate::events::record(conn, row.partner_id, event, &data, now).await?;
    Ok(())
}

pub(super) async fn emit(
    txn: &sea_orm::DatabaseTransaction,
    actor: &Actor,
    row: &number::Model,
    event: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    record_event(txn, row, event, None, now).await?;
    audit::record(
        txn,
        audit::Entry::by_user(&actor.user, event, format!("number:{}", row.e164)),
        now,
    )
    .await
}

/// Assigns number `id` to tenant `tenant_id`, within the tenant's number limit.
pub async fn assign(
    db: &Db,
    viewer: Option<&Viewer>,
    id: &str,
    tenant_id: &str,
    now: DateTime<Utc>,
) -> Result<OwnedNumber, AppError> {
    let actor = Actor::partner_member(db, viewer).await?;
    actor.require_admin()?;
    let txn = crate::db::begin(db).await?;
    let row = own(&txn, &actor, id).await?;
    if row.released_at.is_some() {
        return Err(AppError::conflict(
            "This number was released; buy it again to use it.",
        ));
    }
    let target = scope::resolve(&txn, viewer, tenant_id).await?.tenant;
    if target.status == TenantStatus::Cancelled.as_str() {
        return Err(AppError::invalid("tenant", "This tenant is cancelled."));
    }
    if row.tenant_id == Some(target.id) {
        return Ok(describe(&txn, vec![row]).await?.remove(0));
    }
    // The limit is checked and the count moved in one statement, so two assignments at
    // once cannot both take the last slot.
    let fits = tenant::Entity::update_many()
        .col_expr(
            tenant::Column::NumberCount,
            Expr::col(tenant::Column::NumberCount).add(1),
        )
        .filter(tenant::Column::Id.eq(target.id))
        .filter(
            Condition::any()
                .add(tenant::Column::MaxNumbers.is_null())
                .add(
                    Expr::col(tenant::Column::NumberCount)
                        .lt(Expr::col(tenant::Column::MaxNumbers)),
                ),
        )
        .exec(&txn)
        .await
        .map_err(db_error)?;
    if fits.rows_affected == 0 {
        return Err(AppError::invalid(
            "tenant",
            format!(
                "{} already has its limit of {} numbers. Raise the limit on the tenant first.",
                target.name,
                target.max_numbers.unwrap_or_default()
            ),
        ));
    }
    count(&txn, row.tenant_id, -1).await?;
    crate::invoicing::holdings::move_number(
        &txn,
        &row.kind,
        row.id,
        row.tenant_id,
        Some(target.id),
        now,
    )
    .await?;
    let mut active = row.into_active_model();
    active.tenant_id = Set(Some(target.id));
    active.updated_at = Set(now);
    let saved = active.update(&txn).await.map_err(db_error)?;
    emit(&txn, &actor, &saved, "phone_number.assigned", now).await?;
    txn.commit().await.map_err(db_error)?;
    Ok(describe(db, vec![saved]).await?.remove(0))
}

/// Takes number `id` back from its tenant into the partner's unassigned stock.
pub async fn unassign(
    db: &Db,
    viewer: Option<&Viewer>,
    id: &str,
    now: DateTime<Utc>,
) -> Result<OwnedNumber, AppError> {
    let actor = Actor::partner_member(db, viewer).await?;
    actor.require_admin()?;
    let txn = crate::db::begin(db).await?;
    let row = own(&txn, &actor, id).await?;
    count(&txn, row.tenant_id, -1).await?;
    crate::invoicing::holdings::move_number(&txn, &row.kind, row.id, row.tenant_id, None, now)
        .await?;
    let mut active = row.into_active_model();
    active.tenant_id = Set(None);
    active.updated_at = Set(now);
    let saved = active.update(&txn).await.map_err(db_error)?;
    emit(&txn, &actor, &saved, "phone_number.updated", now).await?;
    txn.commit().await.map_err(db_error)?;
    Ok(describe(db, vec![saved]).await?.remove(0))
}

/// Releases number `id`: its monthly charge stops, it leaves its tenant, and the
/// carrier gets it back. The row stays (RELEASED) for the history.
pub async fn release(
    db: &Db,
    carrier: &dyn Carrier,
    viewer: Option<&Viewer>,
    id: &str,
    now: DateTime<Utc>,
) -> Result<OwnedNumber, AppError> {
    let actor = Actor::partner_member(db, viewer).await?;
    actor.require_admin()?;
    let txn = crate::db::begin(db).await?;
    let row = own(&txn, &actor, id).await?;
    if row.released_at.is_some() {
        return Ok(describe(&txn, vec![row]).await?.remove(0));
    }
    let number = PhoneNumber::parse(&row.e164).map_err(internal)?;
    count(&txn, row.tenant_id, -1).await?;
    crate::invoicing::holdings::move_number(&txn, &row.kind, row.id, row.tenant_id, None, now)
        .await?;
    let mut active = row.into_active_model();
    active.tenant_id = Set(None);
    active.status = Set(NumberStatus::Released.as_str().to_owned());
    active.released_at = Set(Some(now));
    active.updated_at = Set(now);
    let saved = active.update(&txn).await.map_err(db_error)?;
    emit(&txn, &actor, &saved, "phone_number.released", now).await?;
    carrier.release(&number).await.map_err(|e| {
        AppError::unavailable(format!("The carrier did not take the number back: {e}"))
    })?;
    txn.commit().await.map_err(db_error)?;
    Ok(describe(db, vec![saved]).await?.remove(0))
}

/// The partner's tenants that can take numbers (not cancelled), by name.
pub async fn tenant_choices(
    db: &Db,
    viewer: Option<&Viewer>,
) -> Result<Vec<(String, String)>, AppError> {
    let actor = Actor::partner_member(db, viewer).await?;
    let rows = tenant::Entity::find()
        .filter(tenant::Column::PartnerId.eq(actor.partner_id))
        .filter(tenant::Column::Status.ne(TenantStatus::Cancelled.as_str()))
        .order_by_asc(tenant::Column::NameLower)
        .limit(1000)
        .all(db)
        .await
        .map_err(db_error)?;
    Ok(rows
        .into_iter()
        .map(|t| (t.public_id.to_string(), t.name))
        .collect())
}
