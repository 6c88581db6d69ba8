use sea_orm::{EntityTrait, PaginatorTrait};

use super::*;
use crate::testing;

#[tokio::test]
async fn platform_admin_creation_is_idempotent_by_email() {
    let db = testing::fresh_db().await;
    let first = platform_admin::create(&db, "Ops@Example.com", "Correct-horse1")
        .await
        .unwrap();
    assert!(first.created);
    let second = platform_admin::create(&db, "ops@example.com", "Another-pass2")
        .await
        .unwrap();
    assert!(!second.created);
    assert_eq!(first.id, second.id);
    assert_eq!(user::Entity::find().count(&*db).await.unwrap(), 1);

    // The first password stays: a rerun never silently changes credentials.
    let stored = user::Entity::find().one(&*db).await.unwrap().unwrap();
    assert_eq!(stored.email, "ops@example.com");
    assert!(
        password::verify(&stored.password_hash, "Correct-horse1")
            .await
            .unwrap()
    );
    assert!(
        !password::verify(&stored.password_hash, "Another-pass2")
            .await
            .unwrap()
    );
}

#[tokio::test]
async fn bad_input_names_each_field_and_changes_nothing() {
    let db = testing::fresh_db().await;
    let err = platform_admin::create(&db, "not-an-email", "short")
        .await
        .unwrap_err();
    let fields = err.field_errors().expect("validation error");
    assert!(fields.first("email").is_some());
    assert!(fields.first("password").is_some());
    assert_eq!(user::Entity::find().count(&*db).await.unwrap(), 0);
}

#[tokio::test]
async fn hashes_are_argon2id_and_salted() {
    let p = model::auth::Password::parse("Correct-horse1").unwrap();
    let (a, b) = (
        password::hash(&p).await.unwrap(),
        password::hash(&p).await.unwrap(),
    );
    assert!(a.starts_with("$argon2id$"));
    assert_ne!(a, b, "each hash has its own salt");
    assert!(
        !password::verify("not a phc string", "Correct-horse1")
            .await
            .unwrap()
    );
}

mod sign_in {
    use chrono::{Duration, Utc};

    use crate::{
        auth::{
            login::{self, Credentials, WRONG_CREDENTIALS},
            session,
        },
        testing,
    };

    async fn partner_db() -> testing::TestDb {
        let db = testing::fresh_db().await;
        testing::partner(&db, "acme").await;
        db
    }

    fn creds<'a>(email: &'a str, password: &'a str, ip: &'a str) -> Credentials<'a> {
        Credentials {
            email,
            password,
            ip,
            user_agent: Some("test"),
        }
    }

    #[tokio::test]
    async fn right_password_opens_a_fresh_session_each_time() {
        let db = partner_db().await;
        let now = Utc::now();
        let a = login::sign_in(
            &db,
            creds("Owner@Acme.test", "Correct-horse1", "10.0.0.1"),
            now,
        )
        .await
        .and_then(login::Outcome::into_signed_in)
        .unwrap();
        let b = login::sign_in(
            &db,
            creds("owner@acme.test", "Correct-horse1", "10.0.0.1"),
            now,
        )
        .await
        .and_then(login::Outcome::into_signed_in)
        .unwrap();
        assert_ne!(
            a.session, b.session,
            "the session id rotates at every sign-in"
        );
        let (_, user) = session::resolve(&*db, &a.session, now)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(user.email, "owner@acme.test");
        assert!(
            session::resolve(
                &*db,
                &a.session,
                now + session::LIFETIME + Duration::seconds(1)
            )
            .await
            .unwrap()
            .is_none()
        );
        session::revoke(&*db, &a.session, now).await.unwrap();
        assert!(
            session::resolve(&*db, &a.session, now)
                .await
                .unwrap()
                .is_none()
        );
        assert!(
            session::resolve(&*db, &b.session, now)
                .await
                .unwrap()
                .is_some(),
            "other sessions live on"
        );
        assert_eq!(session::revoke_all(&*db, user.id, now).await.unwrap(), 1);
        assert!(
            session::resolve(&*db, &b.session, now)
                .await
                .unwrap()
                .is_none()
        );
    }

    #[tokio::test]
    async fn unknown_email_and_wrong_password_look_the_same() {
        let db = partner_db().await;
        let now = Utc::now();
        let unknown = login::sign_in(
            &db,
            creds("nobody@acme.test", "Correct-horse1", "10.0.0.2"),
            now,
        )
        .await
        .unwrap_err();
        let wrong = login::sign_in(
            &db,
            creds("owner@acme.test", "Wrong-horse1", "10.0.0.3"),
            now,
        )
        .await
        .unwrap_err();
        assert_eq!(unknown, wrong);
        assert_eq!(
            wrong.field_errors().unwrap().first("password"),
            Some(WRONG_CREDENTIALS)
        );
    }

    #[tokio::test]
    async fn an_account_is_throttled_after_five_failures_then_recovers() {
        let db = partner_db().await;
        let now = Utc::now();
        for i in 0..login::MAX_FAILURES_PER_ACCOUNT {
            let ip = format!("10.1.0.{i}");
            assert_eq!(
                login::sign_in(&db, creds("owner@acme.test", "Wrong-horse1", &ip), now)
                    .await
                    .unwrap_err()
                    .status(),
                422
            );
        }
        // Even the right password is refused now, from any address, with a retry time.
        let locked = login::sign_in(
            &db,
            creds("owner@acme.test", "Correct-horse1", "10.9.9.9"),
            now,
        )
        .await
        .unwrap_err();
        match locked {
            model::AppError::RateLimited { retry_after_secs } => {
                assert!((1..=900).contains(&retry_after_secs))
            }
            other => panic!("expected 429, got {other:?}"),
        }
        let later = now + login::WINDOW + Duration::seconds(1);
        assert!(
            login::sign_in(
                &db,
                creds("owner@acme.test", "Correct-horse1", "10.9.9.9"),
                later
            )
            .await
            .is_ok()
        );
    }

    #[tokio::test]
    async fn an_address_is_throttled_across_accounts() {
        let db = partner_db().await;
        let now = Utc::now();
        for i in 0..login::MAX_FAILURES_PER_IP {
            let email = format!("guess{i}@acme.test");
            login::sign_in(&db, creds(&email, "Wrong-horse1", "192.0.2.7"), now)
                .await
                .unwrap_err();
        }
        let err = login::sign_in(
            &db,
            creds("owner@acme.test", "Correct-horse1", "192.0.2.7"),
            now,
        )
        .await
        .unwrap_err();
        assert_eq!(err.status(), 429);
        assert!(
            login::sign_in(
                &db,
                creds("owner@acme.test", "Correct-horse1", "192.0.2.8"),
                now
            )
            .await
            .is_ok()
        );
    }
}
