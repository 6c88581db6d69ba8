//! Forgotten passwords: a single-use link valid for one hour. Asking never reveals
//! whether an account exists; completing it ends every session of that user.

use chrono::{DateTime, Duration, Utc};
use model::{
    AppError,
    auth::{Email, validate_new_password},
};
use sea_orm::{entity::prelude::*, sea_query::Expr};

use super::{link, password, session, user};
use crate::{audit, error::db_error, mail};

pub const VALIDITY: Duration = Duration::hours(1);
pub const PURPOSE: &str = "reset_password";
pub const PATH: &str = "/reset-password";

/// Mails a reset link when `email` belongs to someone; does the same visible nothing
/// otherwise. `request_brand` names the sender for users without a partner.
pub async fn request(
    db: &crate::Db,
    email: &str,
    request_brand: &str,
    base_url: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let email = Email::parse(email).map_err(|m| AppError::invalid("email", m))?;
    let Some(user) = user::Entity::find()
        .filter(user::Column::Email.eq(email.as_str()))
        .one(db)
        .await
        .map_err(db_error)?
    else {
        return Ok(());
    };
    let sender = crate::branding::sender_for(db, user.partner_id, request_brand).await?;
    let txn = crate::db::begin(db).await?;
    let token = link::issue(&txn, user.id, PURPOSE, VALIDITY, now).await?;
    let url = format!("{}{PATH}?token={token}", base_url.trim_end_matches('/'));
    mail::enqueue(
        &txn,
        mail::templates::reset_password(&sender, &user.email, &url),
        now,
    )
    .await?;
    audit::record(
        &txn,
        audit::Entry::on_self(&user, "auth.password_reset_requested"),
        now,
    )
    .await?;
    txn.commit().await.map_err(db_error)?;
    Ok(())
}

/// Sets the new password from a reset link, spends the link and signs the user out
/// everywhere (whoever else had the old password loses access).
pub async fn complete(
    db: &crate::Db,
    token: &str,
    new: &str,
    confirm: &str,
    now: DateTime<Utc>,
) -> Result<user::Model, AppError> {
    let password = validate_new_password(new, confirm)?;
    let hash = password::hash(&password).await?;
    let txn = crate::db::begin(db).await?;
    let user_id = link::spend(&txn, token, PURPOSE, now).await?;
    user::Entity::update_many()
        .col_expr(user::Column::PasswordHash, Expr::value(hash))
        .col_expr(user::Column::UpdatedAt, Expr::value(now))
        .filter(user::Column::Id.eq(user_id))
        .exec(&txn)
        .await
        .map_err(db_error)?;
    session::revoke_all(&txn, user_id, now).await?;
    let user = user::by_id(&txn, user_id).await?;
    audit::record(
        &txn,
        audit::Entry::on_self(&user, "auth.password_reset"),
        now,
    )
    .await?;
    txn.commit().await.map_err(db_error)?;
    Ok(user)
}
