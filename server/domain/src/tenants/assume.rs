//! "Manage as the tenant": a Partner Admin enters a tenant's portal, giving a reason.
//! The session carries it (reloads and new tabs keep it) until ended. Everything done
//! meanwhile is recorded with the real user as actor and the tenant as `acting_as`; the
//! start (with the reason) and the end (with the duration) are recorded too, with the
//! tenant, so the tenant's own admins can see when support came in and why.

use chrono::{DateTime, Utc};
use model::{
    AppError,
    auth::{AssumedTenant, Viewer},
    partners::admin::parse_reason,
};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, sea_query::Expr};

use super::{entity::tenant, find, target};
use crate::db::rfc3339;
use crate::{
    Db, audit,
    auth::{actor::Actor, session, token},
    error::db_error,
};

/// How `acting_as` names a tenant in the audit log.
pub fn acting_label(t: &tenant::Model) -> String {
    format!("tenant:{} ({})", t.sip_prefix, t.name)
}

/// A tenant of `partner_id` as the viewer carries it, with the audit context requests
/// made while managing it run under (`None` when it is not that partner's).
pub(crate) async fn describe(
    conn: &impl ConnectionTrait,
    partner_id: i32,
    tenant_id: i32,
    since: Option<DateTime<Utc>>,
) -> Result<Option<(AssumedTenant, audit::ActingAs)>, AppError> {
    let t = tenant::Entity::find_by_id(tenant_id)
        .filter(tenant::Column::PartnerId.eq(partner_id))
        .one(conn)
        .await
        .map_err(db_error)?;
    Ok(t.map(|t| {
        let acting = audit::ActingAs {
            label: acting_label(&t),
            tenant_id: t.id,
        };
        let tenant = AssumedTenant {
            id: t.public_id.to_string(),
            name: t.name,
            sip_prefix: t.sip_prefix,
            since: since.map(rfc3339).unwrap_or_default(),
        };
        (tenant, acting)
    }))
}

/// Starts managing `tenant_id` from the session `session_plain`.
pub async fn start(
    db: &Db,
    viewer: Option<&Viewer>,
    session_plain: &str,
    tenant_id: &str,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<AssumedTenant, AppError> {
    let actor = Actor::partner_member(db, viewer).await?;
    actor.require_admin()?;
    let reason = parse_reason(reason).map_err(|m| AppError::invalid("reason", m))?;
    let txn = crate::db::begin(db).await?;
    let t = find(&txn, &actor, tenant_id).await?;
    let updated = session::Entity::update_many()
        .col_expr(session::Column::AssumedTenantId, Expr::value(t.id))
        .col_expr(session::Column::AssumedReason, Expr::value(reason.clone()))
        .col_expr(session::Column::AssumedAt, Expr::value(now))
        .filter(session::Column::TokenHash.eq(token::hash(session_plain)))
        .filter(session::Column::UserId.eq(actor.user.id))
        .filter(session::Column::RevokedAt.is_null())
        .exec(&txn)
        .await
        .map_err(db_error)?;
    if updated.rows_affected != 1 {
        return Err(AppError::Unauthorized);
    }
    audit::record(
        &txn,
        audit::Entry::by_user(&actor.user, "tenant.assume_started", target(&t))
            .with_tenant(t.id)
            .with_summary(serde_json::json!({"reason": reason})),
        now,
    )
    .await?;
    txn.commit().await.map_err(db_error)?;
    Ok(AssumedTenant {
        id: t.public_id.to_string(),
        name: t.name,
        sip_prefix: t.sip_prefix,
        since: rfc3339(now),
    })
}

/// Ends the assumption of the session; returns the tenant's id (to go back to its page).
/// Ending when nothing is assumed does nothing.
pub async fn end(
    db: &Db,
    viewer: Option<&Viewer>,
    session_plain: &str,
    now: DateTime<Utc>,
) -> Result<Option<String>, AppError> {
    let actor = Actor::partner_member(db, viewer).await?;
    let txn = crate::db::begin(db).await?;
    let Some(row) = session::Entity::find()
        .filter(session::Column::TokenHash.eq(token::hash(session_plain)))
        .filter(session::Column::UserId.eq(actor.user.id))
        .one(&txn)
        .await
        .map_err(db_error)?
    else {
        return Err(AppError::Unauthorized);
    };
    let Some(tenant_id) = row.assumed_tenant_id else {
        return Ok(None);
    };
    session::Entity::update_many()
        .col_expr(
            session::Column::AssumedTenantId,
            Expr::value(Option::<i32>::None),
        )
        .col_expr(
            session::Column::AssumedReason,
            Expr::value(Option::<String>::None),
        )
        .col_expr(
            session::Column::AssumedAt,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .filter(session::Column::Id.eq(row.id))
        .exec(&txn)
        .await
        .map_err(db_error)?;
    let t = tenant::Entity::find_by_id(tenant_id)
        .one(&txn)
        .await
        .map_err(db_error)?;
    let seconds = row
        .assumed_at
        .map_or(0, |since| (now - since).num_seconds().max(0));
    if let Some(t) = &t {
        audit::record(
            &txn,
            audit::Entry::by_user(&actor.user, "tenant.assume_ended", target(t))
                .with_tenant(t.id)
                .with_summary(serde_json::json!({
                    "reason": row.assumed_reason,
                    "started_at": row.assumed_at.map(rfc3339),
                    "duration_seconds": seconds,
                })),
            now,
        )
        .await?;
    }
    txn.commit().await.map_err(db_error)?;
    Ok(t.map(|t| t.public_id.to_string()))
}
