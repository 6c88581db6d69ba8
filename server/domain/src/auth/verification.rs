//! Email verification: a single-use link, valid 48 hours. Unverified users can sign in
//! but land on a "please verify your email" page until they follow it.

use chrono::{DateTime, Duration, Utc};
use model::AppError;
use sea_orm::{ConnectionTrait, Set, TransactionTrait, entity::prelude::*, sea_query::Expr};

use super::{token, user};
use crate::{audit, error::db_error, mail};

pub const VALIDITY: Duration = Duration::hours(48);
pub const PURPOSE: &str = "verify_email";
pub const PATH: &str = "/verify-email";

pub(crate) mod user_token {
    use sea_orm::entity::prelude::*;

    /// One-time links (verification, password reset, later invites), stored hashed.
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

/// Issues a verification link for `user` and puts the mail in the outbox.
pub async fn send(
    conn: &impl ConnectionTrait,
    user: &user::Model,
    brand: &str,
    base_url: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let token = token::new_token();
    user_token::ActiveModel {
        token_hash: Set(token.hash),
        user_id: Set(user.id),
        purpose: Set(PURPOSE.to_owned()),
        created_at: Set(now),
        expires_at: Set(now + VALIDITY),
        used_at: Set(None),
        ..Default::default()
    }
    .insert(conn)
    .await
    .map_err(db_error)?;
    let link = format!(
        "{}{PATH}?token={}",
        base_url.trim_end_matches('/'),
        token.plain
    );
    mail::enqueue(
        conn,
        mail::templates::verify_email(brand, &user.email, &link, user.partner_id),
        now,
    )
    .await?;
    Ok(())
}

/// Follows a verification link: marks the email verified and spends the link.
pub async fn confirm(
    db: &crate::Db,
    plain: &str,
    now: DateTime<Utc>,
) -> Result<user::Model, AppError> {
    let txn = db.begin().await.map_err(db_error)?;
    let found = user_token::Entity::find()
        .filter(user_token::Column::TokenHash.eq(token::hash(plain)))
        .filter(user_token::Column::Purpose.eq(PURPOSE))
        .one(&txn)
        .await
        .map_err(db_error)?;
    let Some(link) = found.filter(|t| t.used_at.is_none() && t.expires_at > now) else {
        return Err(AppError::invalid(
            "token",
            "This link has expired or was already used. Sign in to get a new one.",
        ));
    };
    // Spend the link first, conditionally: two clicks racing cannot both pass.
    let spent = user_token::Entity::update_many()
        .col_expr(user_token::Column::UsedAt, Expr::value(now))
        .filter(user_token::Column::Id.eq(link.id))
        .filter(user_token::Column::UsedAt.is_null())
        .exec(&txn)
        .await
        .map_err(db_error)?;
    if spent.rows_affected != 1 {
        return Err(AppError::invalid("token", "This link was already used."));
    }
    user::Entity::update_many()
        .col_expr(user::Column::EmailVerifiedAt, Expr::value(now))
        .filter(user::Column::Id.eq(link.user_id))
        .filter(user::Column::EmailVerifiedAt.is_null())
        .exec(&txn)
        .await
        .map_err(db_error)?;
    let verified = user::Entity::find_by_id(link.user_id)
        .one(&txn)
        .await
        .map_err(db_error)?
        .ok_or_else(|| AppError::not_found("User"))?;
    audit::record(
        &txn,
        audit::Entry::by_user(
            &verified,
            "auth.email_verified",
            format!("user:{}", verified.public_id),
        ),
        now,
    )
    .await?;
    txn.commit().await.map_err(db_error)?;
    Ok(verified)
}

/// A new link for a signed-in user who has not verified yet (the old links stay valid
/// until they expire). Nothing happens for an already verified user.
pub async fn resend(
    db: &crate::Db,
    user_public_id: &str,
    base_url: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let id = Uuid::parse_str(user_public_id).map_err(|_| AppError::not_found("User"))?;
    let user = user::Entity::find()
        .filter(user::Column::PublicId.eq(id))
        .one(db)
        .await
        .map_err(db_error)?
        .ok_or_else(|| AppError::not_found("User"))?;
    if user.email_verified_at.is_some() {
        return Ok(());
    }
    let brand = match user.partner_id {
        Some(pid) => crate::partners::find_by_id(db, pid).await?.map(|p| p.name),
        None => None,
    };
    let txn = db.begin().await.map_err(db_error)?;
    send(
        &txn,
        &user,
        brand.as_deref().unwrap_or("Your account"),
        base_url,
        now,
    )
    .await?;
    txn.commit().await.map_err(db_error)?;
    Ok(())
}
