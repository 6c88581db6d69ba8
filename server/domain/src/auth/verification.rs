//! Email verification: a single-use link, valid 48 hours. Unverified users can sign in
//! but land on a "please verify your email" page until they follow it.

use chrono::{DateTime, Duration, Utc};
use model::AppError;
use sea_orm::{ConnectionTrait, entity::prelude::*, sea_query::Expr};

use super::{link, user};
use crate::{audit, error::db_error, mail};

pub const VALIDITY: Duration = Duration::hours(48);
pub const PURPOSE: &str = "verify_email";
pub const PATH: &str = "/verify-email";

/// Issues a verification link for `user` and puts the mail in the outbox.
pub async fn send(
    conn: &impl ConnectionTrait,
    user: &user::Model,
    sender: &mail::Sender,
    base_url: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let token = link::issue(conn, user.id, PURPOSE, VALIDITY, now).await?;
    let url = format!("{}{PATH}?token={token}", base_url.trim_end_matches('/'));
    mail::enqueue(
        conn,
        mail::templates::verify_email(sender, &user.email, &url),
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
    let txn = crate::db::begin(db).await?;
    let user_id = link::spend(&txn, plain, PURPOSE, now).await?;
    user::Entity::update_many()
        .col_expr(user::Column::EmailVerifiedAt, Expr::value(now))
        .filter(user::Column::Id.eq(user_id))
        .filter(user::Column::EmailVerifiedAt.is_null())
        .exec(&txn)
        .await
        .map_err(db_error)?;
    let verified = user::by_id(&txn, user_id).await?;
    audit::record(
        &txn,
        audit::Entry::on_self(&verified, "auth.email_verified"),
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
    viewer: Option<&model::auth::Viewer>,
    base_url: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let user = user::behind(db, viewer).await?;
    if user.email_verified_at.is_some() {
        return Ok(());
    }
    let sender = crate::branding::sender_for(db, user.partner_id, "Your account").await?;
    let txn = crate::db::begin(db).await?;
    send(&txn, &user, &sender, base_url, now).await?;
    txn.commit().await.map_err(db_error)?;
    Ok(())
}
