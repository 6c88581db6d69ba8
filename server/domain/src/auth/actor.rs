//! The caller of a partner-scoped service, loaded from the `Viewer` the request resolved.
//! Every partner service starts here, so scope and role are checked in one place.

use model::{
    AppError,
    auth::{Role, Viewer},
};

use super::user;
use crate::Db;

#[derive(Debug, Clone)]
pub struct Actor {
    pub user: user::Model,
    pub role: Role,
    pub partner_id: i32,
}

impl Actor {
    /// The signed-in member of a partner behind `viewer`; anyone else is refused.
    pub async fn partner_member(db: &Db, viewer: Option<&Viewer>) -> Result<Self, AppError> {
        let user = user::resolved(db, viewer).await?;
        let role = Role::parse(&user.role).map_err(|_| AppError::Unauthorized)?;
        match (user.partner_id, role) {
            (Some(partner_id), Role::PartnerAdmin | Role::PartnerUser) => Ok(Self {
                user,
                role,
                partner_id,
            }),
            _ => Err(AppError::forbidden("This is for a partner's team.")),
        }
    }

    /// Partner Users read; every change needs a Partner Admin. Checked on the server for
    /// every mutation, whatever the page showed.
    pub fn require_admin(&self) -> Result<(), AppError> {
        if self.role == Role::PartnerAdmin {
            Ok(())
        } else {
            Err(AppError::forbidden(
                "Your role is read-only. Ask a Partner Admin to make this change.",
            ))
        }
    }
}

/// The signed-in platform admin behind `viewer`; anyone else is refused. Every operator
/// service starts here.
pub async fn platform_admin(db: &Db, viewer: Option<&Viewer>) -> Result<user::Model, AppError> {
    let user = user::resolved(db, viewer).await?;
    if user.role == Role::PlatformAdmin.as_str() {
        Ok(user)
    } else {
        Err(AppError::forbidden("This is for platform administrators."))
    }
}
