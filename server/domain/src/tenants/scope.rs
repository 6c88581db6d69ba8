//! Who may act on one tenant, and how: the partner's team (Partner Admins change, Partner
//! Users read) or the tenant's own users (Tenant Admins change, Tenant Users read).
//! Anyone else, including another partner's team or another tenant's users, gets "not
//! found".

use model::{
    AppError,
    auth::{Role, Viewer},
};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

use super::entity::tenant;
use crate::{auth::user, error::db_error};

pub struct TenantScope {
    pub user: user::Model,
    pub tenant: tenant::Model,
    pub can_write: bool,
}

impl TenantScope {
    pub fn require_write(&self) -> Result<(), AppError> {
        if self.can_write {
            Ok(())
        } else {
            Err(AppError::forbidden(
                "Your role is read-only. Ask an admin to make this change.",
            ))
        }
    }
}

/// The caller's rights on tenant `tenant_id` (its public id).
/// Inside a transaction pass the transaction: a second pool connection taken while
/// SQLite's write lock is held can starve the pool.
pub async fn resolve(
    conn: &impl ConnectionTrait,
    viewer: Option<&Viewer>,
    tenant_id: &str,
) -> Result<TenantScope, AppError> {
    let user = user::resolved(conn, viewer).await?;
    let role = Role::parse(&user.role).map_err(|_| AppError::Unauthorized)?;
    let id = Uuid::parse_str(tenant_id).map_err(|_| AppError::not_found("Tenant"))?;
    let found = tenant::Entity::find()
        .filter(tenant::Column::PublicId.eq(id))
        .one(conn)
        .await
        .map_err(db_error)?;
    let allowed = found.filter(|t| match role {
        Role::PartnerAdmin | Role::PartnerUser => user.partner_id == Some(t.partner_id),
        Role::TenantAdmin | Role::TenantUser => user.tenant_id == Some(t.id),
        Role::PlatformAdmin => false,
    });
    let tenant = allowed.ok_or_else(|| AppError::not_found("Tenant"))?;
    Ok(TenantScope {
        can_write: matches!(role, Role::PartnerAdmin | Role::TenantAdmin),
        user,
        tenant,
    })
}
