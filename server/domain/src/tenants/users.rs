//! A tenant's own users: Tenant Admins (manage the tenant's users and extensions) and
//! Tenant Users (read). Invited by a Tenant Admin or by the partner's admins; they sign
//! in through the same machinery as everyone else and land in the tenant's portal.

use chrono::{DateTime, Utc};
use model::{
    AppError, FieldErrors,
    auth::{Email, Role, Viewer},
    team::Member,
};
use sea_orm::{
    ColumnTrait, EntityTrait, QueryFilter, QueryOrder,
    sea_query::{Expr, ExprTrait},
};
use uuid::Uuid;

use super::{entity::tenant, scope};
use crate::{Db, audit, auth::user, error::db_error, team};

/// The roles a tenant's users can have.
pub const TENANT_ROLES: [Role; 2] = [Role::TenantAdmin, Role::TenantUser];

pub async fn list(
    db: &Db,
    viewer: Option<&Viewer>,
    tenant_id: &str,
) -> Result<Vec<Member>, AppError> {
    let scope = scope::resolve(db, viewer, tenant_id).await?;
    let users = user::Entity::find()
        .filter(user::Column::TenantId.eq(scope.tenant.id))
        .order_by_asc(user::Column::CreatedAt)
        .all(db)
        .await
        .map_err(db_error)?;
    Ok(users
        .into_iter()
        .map(|u| team::member(u, scope.user.id))
        .collect())
}

fn count_change(tenant_id: i32, delta: i32) -> sea_orm::UpdateMany<tenant::Entity> {
    tenant::Entity::update_many()
        .col_expr(
            tenant::Column::UserCount,
            Expr::col(tenant::Column::UserCount).add(delta),
        )
        .filter(tenant::Column::Id.eq(tenant_id))
}

pub async fn invite(
    db: &Db,
    viewer: Option<&Viewer>,
    tenant_id: &str,
    email: &str,
    role: &str,
    base_url: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let txn = crate::db::begin(db).await?;
    let scope = scope::resolve(&txn, viewer, tenant_id).await?;
    scope.require_write()?;
    let mut errors = FieldErrors::new();
    let email = errors.check("email", Email::parse(email));
    let role = errors.check(
        "role",
        Role::parse(role)
            .ok()
            .filter(|r| TENANT_ROLES.contains(r))
            .ok_or_else(|| "Choose Tenant Admin or Tenant User.".to_owned()),
    );
    let (Some(email), Some(role)) = (email, role) else {
        return Err(errors.into());
    };
    let t = &scope.tenant;
    let invited = team::add_invited(
        &txn,
        (&email, role),
        (t.partner_id, Some(t.id)),
        &scope.user,
        base_url,
        now,
    )
    .await?;
    count_change(t.id, 1).exec(&txn).await.map_err(db_error)?;
    audit::record(
        &txn,
        audit::Entry::by_user(&scope.user, "tenant_user.invited", invited.target())
            .in_partner(t.partner_id)
            .with_tenant(t.id)
            .with_summary(serde_json::json!({"email": invited.email, "role": role.as_str()})),
        now,
    )
    .await?;
    txn.commit().await.map_err(db_error)
}

/// Removes a tenant user; their sessions end with the row, their audit entries stay.
pub async fn remove(
    db: &Db,
    viewer: Option<&Viewer>,
    tenant_id: &str,
    member_id: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let txn = crate::db::begin(db).await?;
    let scope = scope::resolve(&txn, viewer, tenant_id).await?;
    scope.require_write()?;
    let id = Uuid::parse_str(member_id).map_err(|_| AppError::not_found("User"))?;
    let member = user::Entity::find()
        .filter(user::Column::PublicId.eq(id))
        .filter(user::Column::TenantId.eq(scope.tenant.id))
        .one(&txn)
        .await
        .map_err(db_error)?
        .ok_or_else(|| AppError::not_found("User"))?;
    if member.id == scope.user.id {
        return Err(AppError::conflict(
            "You cannot remove yourself. Ask another Tenant Admin.",
        ));
    }
    crate::auth::session::revoke_all(&txn, member.id, now).await?;
    user::Entity::delete_by_id(member.id)
        .exec(&txn)
        .await
        .map_err(db_error)?;
    count_change(scope.tenant.id, -1)
        .exec(&txn)
        .await
        .map_err(db_error)?;
    audit::record(
        &txn,
        audit::Entry::by_user(&scope.user, "tenant_user.removed", member.target())
            .in_partner(scope.tenant.partner_id)
            .with_tenant(scope.tenant.id)
            .with_summary(serde_json::json!({"email": member.email, "role": member.role})),
        now,
    )
    .await?;
    txn.commit().await.map_err(db_error)
}
