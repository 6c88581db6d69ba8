//! One-time links (email verification, password reset, later invitations): a random
//! token in the URL, its hash in `user_tokens`, a purpose, an expiry, and spent on use.

use chrono::{DateTime, Duration, Utc};
use model::AppError;
use sea_orm::{ConnectionTrait, Set, entity::prelude::*, sea_query::Expr};

use super::token;
use crate::error::db_error;

pub(crate) mod user_token {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "user_tokens")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        #[sea_orm(unique)]
        pub token_hash: String,
        pub user_id: i32,
        pub purpose: String,
        pub created_at: DateTimeUtc,
        pub expires_at: DateTimeUtc,
        pub used_at: Option<DateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// Issues a link token for `user_id`; returns the plain token for the URL.
pub async fn issue(
    conn: &impl ConnectionTrait,
    user_id: i32,
    purpose: &str,
    validity: Duration,
    now: DateTime<Utc>,
) -> Result<String, AppError> {
    let token = token::new_token();
    user_token::ActiveModel {
        token_hash: Set(token.hash),
        user_id: Set(user_id),
        purpose: Set(purpose.to_owned()),
        created_at: Set(now),
        expires_at: Set(now + validity),
        used_at: Set(None),
        ..Default::default()
    }
    .insert(conn)
    .await
    .map_err(db_error)?;
    Ok(token.plain)
}

/// The user a live link belongs to, without spending it (a step that may be retried).
pub async fn peek(
    conn: &impl ConnectionTrait,
    plain: &str,
    purpose: &str,
    now: DateTime<Utc>,
) -> Result<i32, AppError> {
    user_token::Entity::find()
        .filter(user_token::Column::TokenHash.eq(token::hash(plain)))
        .filter(user_token::Column::Purpose.eq(purpose))
        .one(conn)
        .await
        .map_err(db_error)?
        .filter(|t| t.used_at.is_none() && t.expires_at > now)
        .map(|t| t.user_id)
        .ok_or_else(|| AppError::invalid("token", "This sign-in has timed out. Start again."))
}

/// Spends a link inside the caller's transaction and returns its user id. Unknown,
/// expired, already used, or issued for another purpose: refused, all with one message.
pub async fn spend(
    conn: &impl ConnectionTrait,
    plain: &str,
    purpose: &str,
    now: DateTime<Utc>,
) -> Result<i32, AppError> {
    let refused = || {
        AppError::invalid(
            "token",
            "This link has expired or was already used. Ask for a new one.",
        )
    };
    let link = user_token::Entity::find()
        .filter(user_token::Column::TokenHash.eq(token::hash(plain)))
        .filter(user_token::Column::Purpose.eq(purpose))
        .one(conn)
        .await
        .map_err(db_error)?
        .filter(|t| t.used_at.is_none() && t.expires_at > now)
        .ok_or_else(refused)?;
    // Conditional update: two clicks racing cannot both spend it.
    let spent = user_token::Entity::update_many()
        .col_expr(user_token::Column::UsedAt, Expr::value(now))
        .filter(user_token::Column::Id.eq(link.id))
        .filter(user_token::Column::UsedAt.is_null())
        .exec(conn)
        .await
        .map_err(db_error)?;
    if spent.rows_affected != 1 {
        return Err(refused());
    }
    Ok(link.user_id)
}
