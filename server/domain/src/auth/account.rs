//! A signed-in user's own account: changing the password.

use chrono::{DateTime, Utc};
use model::{
    AppError,
    auth::{Viewer, validate_new_password},
};
use sea_orm::{entity::prelude::*, sea_query::Expr};

use super::{password, session, user};
use crate::{Db, audit, error::db_error};

/// Checks the current password, sets the new one (typed twice), and ends every other
/// session of the user; the one making the change stays signed in.
pub async fn change_password(
    db: &Db,
    viewer: Option<&Viewer>,
    this_session: Option<&str>,
    current: &str,
    new: &str,
    confirm: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let user = user::behind(db, viewer).await?;
    let mut errors = model::FieldErrors::new();
    if !password::verify(&user.password_hash, current).await? {
        errors.add("current", "That is not your current password.");
    }
    let new_password = validate_new_password(new, confirm)
        .map_err(|e| errors.merge(e))
        .ok();
    let Some(new_password) = new_password.filter(|_| errors.is_empty()) else {
        return Err(errors.into());
    };
    let hash = password::hash(&new_password).await?;
    let txn = crate::db::begin(db).await?;
    user::Entity::update_many()
        .col_expr(user::Column::PasswordHash, Expr::value(hash))
        .col_expr(user::Column::UpdatedAt, Expr::value(now))
        .filter(user::Column::Id.eq(user.id))
        .exec(&txn)
        .await
        .map_err(db_error)?;
    session::revoke_all_except(&txn, user.id, this_session, now).await?;
    audit::record(
        &txn,
        audit::Entry::on_self(&user, "auth.password_changed"),
        now,
    )
    .await?;
    txn.commit().await.map_err(db_error)
}

#[cfg(test)]
mod tests {
    use chrono::Utc;

    use super::*;
    use crate::testing;

    #[tokio::test]
    async fn changing_the_password_keeps_this_session_and_ends_the_others() {
        let db = testing::fresh_db().await;
        let (me, here) = testing::partner_owner(&db, "acme").await;
        let (_, elsewhere) = testing::sign_in(&db, "owner@acme.test", testing::PASSWORD).await;

        let wrong = change_password(
            &db,
            Some(&me),
            Some(&here),
            "nope",
            "New-pass-123",
            "New-pass-124",
            Utc::now(),
        )
        .await
        .unwrap_err();
        let fields = wrong.field_errors().unwrap();
        assert!(
            fields.first("current").is_some() && fields.first("confirm").is_some(),
            "every problem at once"
        );

        change_password(
            &db,
            Some(&me),
            Some(&here),
            "Correct-horse1",
            "New-pass-123",
            "New-pass-123",
            Utc::now(),
        )
        .await
        .unwrap();
        assert!(
            session::resolve(&*db, &here, Utc::now())
                .await
                .unwrap()
                .is_some()
        );
        assert!(
            session::resolve(&*db, &elsewhere, Utc::now())
                .await
                .unwrap()
                .is_none()
        );
    }
}
