//! The status lifecycle: TRIAL → ACTIVE ↔ SUSPENDED → CANCELLED → (reactivated within
//! 90 days, or purged). Every move is one transaction with its event and audit entry.

use chrono::{DateTime, Duration, Utc};
use model::{AppError, auth::Viewer, tenants::TenantStatus};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, Set, sea_query::Expr,
};

use super::{
    entity::{extension, tenant},
    find, target, to_dto,
};
use crate::{Db, audit, auth::actor::Actor, auth::user, error::db_error, events};

/// How long a cancelled tenant's data is kept (and it can be reactivated).
pub const PURGE_AFTER: Duration = Duration::days(90);

struct Move<'a> {
    from: &'a [TenantStatus],
    to: TenantStatus,
    event: &'a str,
    action: &'a str,
}

/// Applies one status move to a tenant of the caller's partner; returns the row before
/// and after, inside `txn` work the caller may extend through `also`.
async fn apply(
    db: &Db,
    viewer: Option<&Viewer>,
    id: &str,
    step: Move<'_>,
    now: DateTime<Utc>,
    summary: serde_json::Value,
) -> Result<model::tenants::Tenant, AppError> {
    let actor = Actor::partner_member(db, viewer).await?;
    actor.require_admin()?;
    let txn = crate::db::begin(db).await?;
    let current = find(&txn, &actor, id).await?;
    let status = TenantStatus::parse(&current.status).map_err(crate::error::internal)?;
    if !step.from.contains(&status) {
        return Err(AppError::conflict(format!(
            "{} is {}; that change does not apply.",
            current.name,
            status.label().to_lowercase()
        )));
    }
    let mut row = current.clone().into_active_model();
    row.status = Set(step.to.as_str().to_owned());
    // A partner's own move: whatever suspended the tenant before, it is the partner's now.
    row.suspended_reason = Set(None);
    row.updated_at = Set(now);
    match step.to {
        TenantStatus::Cancelled => {
            row.cancelled_at = Set(Some(now));
            row.purge_after = Set(Some(now + PURGE_AFTER));
        }
        _ => {
            row.cancelled_at = Set(None);
            row.purge_after = Set(None);
        }
    }
    let updated = row.update(&txn).await.map_err(db_error)?;
    // Phones register only while the tenant is not cancelled.
    if step.to == TenantStatus::Cancelled || status == TenantStatus::Cancelled {
        extension::Entity::update_many()
            .col_expr(
                extension::Column::Registered,
                Expr::value(step.to != TenantStatus::Cancelled),
            )
            .col_expr(extension::Column::UpdatedAt, Expr::value(now))
            .filter(extension::Column::TenantId.eq(updated.id))
            .exec(&txn)
            .await
            .map_err(db_error)?;
        // A cancelled tenant's extensions stop counting against the partner's tier
        // cap; reactivation counts them again.
        let n = if step.to == TenantStatus::Cancelled {
            updated.extension_count
        } else {
            -updated.extension_count
        };
        crate::billing::tiers::release_extensions(&txn, updated.partner_id, n).await?;
    }
    if step.to == TenantStatus::Cancelled {
        // Its numbers go back (RELEASED, monthly charges stop) in the same transaction.
        crate::numbers::release_for_tenant(&txn, actor.partner_id, updated.id, now).await?;
    }
    let dto = to_dto(&updated);
    events::record(&txn, actor.partner_id, step.event, &dto, now).await?;
    let mut summary = summary;
    if let Some(map) = summary.as_object_mut() {
        map.insert(
            "status".into(),
            serde_json::json!({"before": status.as_str(), "after": step.to.as_str()}),
        );
    }
    audit::record(
        &txn,
        audit::Entry::by_user(&actor.user, step.action, target(&updated))
            .with_tenant(updated.id)
            .with_summary(summary),
        now,
    )
    .await?;
    txn.commit().await.map_err(db_error)?;
    Ok(dto)
}

/// TRIAL → ACTIVE: the tenant starts being billed.
pub async fn activate(
    db: &Db,
    viewer: Option<&Viewer>,
    id: &str,
    now: DateTime<Utc>,
) -> Result<model::tenants::Tenant, AppError> {
    let step = Move {
        from: &[TenantStatus::Trial],
        to: TenantStatus::Active,
        event: "tenant.updated",
        action: "tenant.activated",
    };
    apply(db, viewer, id, step, now, serde_json::json!({})).await
}

/// Stops calls and new extensions; the tenant's users see a "service suspended" page.
pub async fn suspend(
    db: &Db,
    viewer: Option<&Viewer>,
    id: &str,
    now: DateTime<Utc>,
) -> Result<model::tenants::Tenant, AppError> {
    let step = Move {
        from: &[TenantStatus::Trial, TenantStatus::Active],
        to: TenantStatus::Suspended,
        event: "tenant.suspended",
        action: "tenant.suspended",
    };
    apply(db, viewer, id, step, now, serde_json::json!({})).await
}

pub async fn unsuspend(
    db: &Db,
    viewer: Option<&Viewer>,
    id: &str,
    now: DateTime<Utc>,
) -> Result<model::tenants::Tenant, AppError> {
    let step = Move {
        from: &[TenantStatus::Suspended],
        to: TenantStatus::Active,
        event: "tenant.unsuspended",
        action: "tenant.unsuspended",
    };
    apply(db, viewer, id, step, now, serde_json::json!({})).await
}

/// "Delete": the partner types the tenant's name to confirm. The tenant becomes
/// CANCELLED and read-only, its extensions stop registering, and its data is purged
/// after [`PURGE_AFTER`] unless it is reactivated first.
pub async fn cancel(
    db: &Db,
    viewer: Option<&Viewer>,
    id: &str,
    typed_name: &str,
    now: DateTime<Utc>,
) -> Result<model::tenants::Tenant, AppError> {
    let actor = Actor::partner_member(db, viewer).await?;
    let tenant = find(db, &actor, id).await?;
    if typed_name.trim() != tenant.name {
        return Err(AppError::invalid(
            "confirm",
            format!(
                "Type the tenant's name exactly (\"{}\") to confirm.",
                tenant.name
            ),
        ));
    }
    let step = Move {
        from: &[
            TenantStatus::Trial,
            TenantStatus::Active,
            TenantStatus::Suspended,
        ],
        to: TenantStatus::Cancelled,
        event: "tenant.deleted",
        action: "tenant.cancelled",
    };
    let summary = serde_json::json!({"purge_after": crate::db::rfc3339(now + PURGE_AFTER)});
    apply(db, viewer, id, step, now, summary).await
}

/// Brings a CANCELLED tenant back (before its purge), ACTIVE, phones registering again.
pub async fn reactivate(
    db: &Db,
    viewer: Option<&Viewer>,
    id: &str,
    now: DateTime<Utc>,
) -> Result<model::tenants::Tenant, AppError> {
    let step = Move {
        from: &[TenantStatus::Cancelled],
        to: TenantStatus::Active,
        event: "tenant.updated",
        action: "tenant.reactivated",
    };
    apply(db, viewer, id, step, now, serde_json::json!({})).await
}

/// The purge job: deletes every tenant cancelled more than [`PURGE_AFTER`] ago, with its
/// extensions and users. Safe to rerun and to run on two instances at once: each tenant
/// goes in its own transaction, and a tenant already gone is simply skipped. Returns how
/// many this call purged.
pub async fn purge_due(db: &Db, now: DateTime<Utc>) -> Result<u32, AppError> {
    let due = tenant::Entity::find()
        .filter(tenant::Column::Status.eq(TenantStatus::Cancelled.as_str()))
        .filter(tenant::Column::PurgeAfter.lte(now))
        .all(db)
        .await
        .map_err(db_error)?;
    let mut purged = 0;
    for t in due {
        let txn = crate::db::begin(db).await?;
        // Re-check inside the transaction: reactivated or purged meanwhile means skip.
        let deleted = tenant::Entity::delete_many()
            .filter(tenant::Column::Id.eq(t.id))
            .filter(tenant::Column::Status.eq(TenantStatus::Cancelled.as_str()))
            .filter(tenant::Column::PurgeAfter.lte(now))
            .exec(&txn)
            .await
            .map_err(db_error)?;
        if deleted.rows_affected == 0 {
            continue;
        }
        extension::Entity::delete_many()
            .filter(extension::Column::TenantId.eq(t.id))
            .exec(&txn)
            .await
            .map_err(db_error)?;
        user::Entity::delete_many()
            .filter(user::Column::TenantId.eq(t.id))
            .exec(&txn)
            .await
            .map_err(db_error)?;
        audit::record(
            &txn,
            audit::Entry::by_system("purge", Some(t.partner_id), "tenant.purged", target(&t))
                .with_summary(serde_json::json!({"name": t.name, "sip_prefix": t.sip_prefix})),
            now,
        )
        .await?;
        txn.commit().await.map_err(db_error)?;
        purged += 1;
    }
    Ok(purged)
}
