//! A signed-in user's own account: changing the password.

use chrono::{DateTime, Utc};
use model::{
    AppError,
    auth::{Viewer, validate_new_password},
};
use sea_orm::{TransactionTrait, entity::prelude::*, sea_query::Expr};

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
    let txn = db.begin().await.map_err(db_error)?;
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
    use crate::{
        auth::{login, viewer},
        partners, testing,
    };

    #[tokio::test]
    async fn changing_the_password_keeps_this_session_and_ends_the_others() {
        let db = testing::fresh_db().await;
        let input = partners::NewPartner {
            name: "Acme",
            slug: "acme",
            owner_email: "o@acme.test",
            owner_password: "Correct-horse1",
        };
        partners::create_by_operator(&db, input, Utc::now())
            .await
            .unwrap();
        let sign_in = || async {
            let creds = login::Credentials {
                email: "o@acme.test",
                password: "Correct-horse1",
                ip: "10.0.0.1",
                user_agent: None,
            };
            login::sign_in(&db, creds, Utc::now())
                .await
                .and_then(login::Outcome::into_signed_in)
                .unwrap()
                .session
        };
        let (here, elsewhere) = (sign_in().await, sign_in().await);
        let (me, _) = viewer::resolve(&db, &here, Utc::now())
            .await
            .unwrap()
            .unwrap();

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
