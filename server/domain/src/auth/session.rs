//! Server-side sessions: the cookie holds a random id, the database its hash, the user,
//! and when it ends. Revoking is a row update, so it takes effect on the next request.

use chrono::{DateTime, Duration, Utc};
use model::AppError;
use sea_orm::{ConnectionTrait, entity::prelude::*, sea_query::Expr};

use super::{token, user};
use crate::error::db_error;

pub const LIFETIME: Duration = Duration::hours(8);
pub const COOKIE: &str = "sb_session";

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "sessions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub token_hash: String,
    pub user_id: i32,
    pub created_at: DateTimeUtc,
    pub expires_at: DateTimeUtc,
    pub last_seen_at: DateTimeUtc,
    pub revoked_at: Option<DateTimeUtc>,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
    /// The tenant a partner admin is managing from this session ("assume identity").
    pub assumed_tenant_id: Option<i32>,
    pub assumed_reason: Option<String>,
    pub assumed_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::user::Entity",
        from = "Column::UserId",
        to = "super::user::Column::Id"
    )]
    User,
}

impl Related<super::user::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::User.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

/// Starts a session for `user_id`; returns the plain id for the cookie.
pub async fn create(
    conn: &impl ConnectionTrait,
    user_id: i32,
    ip: Option<&str>,
    user_agent: Option<&str>,
    now: DateTime<Utc>,
) -> Result<String, AppError> {
    let token = token::new_token();
    ActiveModel {
        token_hash: sea_orm::Set(token.hash),
        user_id: sea_orm::Set(user_id),
        created_at: sea_orm::Set(now),
        expires_at: sea_orm::Set(now + LIFETIME),
        last_seen_at: sea_orm::Set(now),
        revoked_at: sea_orm::Set(None),
        ip: sea_orm::Set(ip.map(|s| s.chars().take(64).collect())),
        user_agent: sea_orm::Set(user_agent.map(|s| s.chars().take(256).collect())),
        ..Default::default()
    }
    .insert(conn)
    .await
    .map_err(db_error)?;
    Ok(token.plain)
}

/// The live session and its user for a cookie value: not revoked, not expired.
pub async fn resolve(
    conn: &impl ConnectionTrait,
    plain: &str,
    now: DateTime<Utc>,
) -> Result<Option<(Model, user::Model)>, AppError> {
    let found = Entity::find()
        .filter(Column::TokenHash.eq(token::hash(plain)))
        .filter(Column::RevokedAt.is_null())
        .filter(Column::ExpiresAt.gt(now))
        .find_also_related(user::Entity)
        .one(conn)
        .await
        .map_err(db_error)?;
    Ok(found.and_then(|(session, user)| user.map(|u| (session, u))))
}

/// Ends one session (sign out). Unknown or already-ended ids are fine.
pub async fn revoke(
    conn: &impl ConnectionTrait,
    plain: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    Entity::update_many()
        .col_expr(Column::RevokedAt, Expr::value(now))
        .filter(Column::TokenHash.eq(token::hash(plain)))
        .filter(Column::RevokedAt.is_null())
        .exec(conn)
        .await
        .map_err(db_error)?;
    Ok(())
}

/// Ends every session of a user ("sign out everywhere", removal, password reset).
/// Returns how many were live.
pub async fn revoke_all(
    conn: &impl ConnectionTrait,
    user_id: i32,
    now: DateTime<Utc>,
) -> Result<u64, AppError> {
    revoke_all_except(conn, user_id, None, now).await
}

/// Ends every session of a user but `keep` (the one making a password change).
pub async fn revoke_all_except(
    conn: &impl ConnectionTrait,
    user_id: i32,
    keep: Option<&str>,
    now: DateTime<Utc>,
) -> Result<u64, AppError> {
    let mut update = Entity::update_many()
        .col_expr(Column::RevokedAt, Expr::value(now))
        .filter(Column::UserId.eq(user_id))
        .filter(Column::RevokedAt.is_null());
    if let Some(keep) = keep {
        update = update.filter(Column::TokenHash.ne(token::hash(keep)));
    }
    Ok(update.exec(conn).await.map_err(db_error)?.rows_affected)
}

/// "Sign out everywhere": ends every session of the signed-in viewer.
pub async fn sign_out_everywhere(
    db: &crate::Db,
    viewer: Option<&model::auth::Viewer>,
    now: DateTime<Utc>,
) -> Result<u64, AppError> {
    let user = user::behind(db, viewer).await?;
    let txn = crate::db::begin(db).await?;
    let ended = revoke_all(&txn, user.id, now).await?;
    crate::audit::record(
        &txn,
        crate::audit::Entry::on_self(&user, "auth.signed_out_everywhere")
            .with_summary(serde_json::json!({ "sessions_ended": ended })),
        now,
    )
    .await?;
    txn.commit().await.map_err(db_error)?;
    Ok(ended)
}
