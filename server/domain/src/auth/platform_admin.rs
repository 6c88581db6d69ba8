//! Platform admins: the operator's own staff. Created from the command line
//! (`server create-platform-admin`), never by sign-up.

use chrono::Utc;
use model::{
    AppError, FieldErrors,
    auth::{Email, Password, Role},
};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set, SqlErr};
use uuid::Uuid;

use super::{password, user};
use crate::{
    Db,
    error::{db_error, internal},
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Created {
    pub id: Uuid,
    /// `false` when an admin with this email already existed (nothing was changed).
    pub created: bool,
}

/// Creates a platform admin, idempotent by email: running it twice leaves one admin and
/// keeps the first password. An email that belongs to a non-admin is a conflict.
pub async fn create(db: &Db, email: &str, password: &str) -> Result<Created, AppError> {
    let mut errors = FieldErrors::new();
    let email = errors.check("email", Email::parse(email));
    let password = errors.check("password", Password::parse(password));
    let (Some(email), Some(password)) = (email, password) else {
        return Err(errors.into());
    };

    if let Some(existing) = find_by_email(db, &email).await? {
        return if existing.role == Role::PlatformAdmin.as_str() {
            Ok(Created {
                id: existing.public_id,
                created: false,
            })
        } else {
            Err(AppError::conflict(format!(
                "{email} already belongs to a user who is not a platform admin."
            )))
        };
    }

    let now = Utc::now();
    let id = Uuid::now_v7();
    let inserted = user::ActiveModel {
        public_id: Set(id),
        email: Set(email.to_string()),
        password_hash: Set(password::hash(&password).await?),
        role: Set(Role::PlatformAdmin.as_str().to_owned()),
        display_name: Set(None),
        // The operator typed this address on the server itself: nothing to verify.
        email_verified_at: Set(Some(now)),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await;
    match inserted {
        Ok(_) => {
            tracing::info!(%id, %email, "platform admin created");
            Ok(Created { id, created: true })
        }
        // Two runs raced and the other inserted first: the same outcome as finding it.
        Err(err) if matches!(err.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {
            let existing = find_by_email(db, &email)
                .await?
                .ok_or_else(|| internal("platform admin vanished after a unique violation"))?;
            Ok(Created {
                id: existing.public_id,
                created: false,
            })
        }
        Err(err) => Err(db_error(err)),
    }
}

async fn find_by_email(db: &Db, email: &Email) -> Result<Option<user::Model>, AppError> {
    user::Entity::find()
        .filter(user::Column::Email.eq(email.as_str()))
        .one(db)
        .await
        .map_err(db_error)
}

/// How many platform admins exist (the server says how to create the first one).
pub async fn count(db: &Db) -> Result<u64, AppError> {
    use sea_orm::PaginatorTrait;
    user::Entity::find()
        .filter(user::Column::Role.eq(Role::PlatformAdmin.as_str()))
        .count(db)
        .await
        .map_err(db_error)
}
