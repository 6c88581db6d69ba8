use chrono::{Duration, Utc};

use super::{login, reset, session};
use crate::{mail, testing};

async fn setup() -> testing::TestDb {
    let db = testing::fresh_db().await;
    testing::partner(&db, "acme").await;
    db
}

async fn reset_token(db: &testing::TestDb) -> String {
    let mail = mail::latest_to(&**db, "owner@acme.test")
        .await
        .unwrap()
        .expect("reset mail");
    assert_eq!(
        mail.from_name, "Acme",
        "the partner's brand, not the platform's"
    );
    mail.text_body
        .split("token=")
        .nth(1)
        .unwrap()
        .lines()
        .next()
        .unwrap()
        .to_owned()
}

fn creds<'a>(password: &'a str) -> login::Credentials<'a> {
    login::Credentials {
        email: "owner@acme.test",
        password,
        ip: "10.0.0.1",
        user_agent: None,
    }
}

#[tokio::test]
async fn a_reset_link_works_once_and_ends_every_session() {
    let db = setup().await;
    let now = Utc::now();
    let old = login::sign_in(&db, creds("Correct-horse1"), now)
        .await
        .and_then(login::Outcome::into_signed_in)
        .unwrap();
    reset::request(
        &db,
        "OWNER@acme.test",
        "Platform",
        "https://portal.test",
        now,
    )
    .await
    .unwrap();
    let token = reset_token(&db).await;

    let mismatch = reset::complete(&db, &token, "New-password-1", "New-password-2", now)
        .await
        .unwrap_err();
    assert!(mismatch.field_errors().unwrap().first("confirm").is_some());
    reset::complete(&db, &token, "New-password-1", "New-password-1", now)
        .await
        .expect("a bad attempt does not spend the link");

    assert!(
        session::resolve(&*db, &old.session, now)
            .await
            .unwrap()
            .is_none(),
        "old sessions end"
    );
    assert!(
        login::sign_in(&db, creds("Correct-horse1"), now)
            .await
            .is_err()
    );
    assert!(
        login::sign_in(&db, creds("New-password-1"), now)
            .await
            .is_ok()
    );

    let reused = reset::complete(&db, &token, "Other-password-3", "Other-password-3", now)
        .await
        .unwrap_err();
    assert!(
        reused.field_errors().unwrap().first("token").is_some(),
        "a used link is refused"
    );
}

#[tokio::test]
async fn an_expired_reset_link_is_refused() {
    let db = setup().await;
    let now = Utc::now();
    reset::request(&db, "owner@acme.test", "Platform", "http://x", now)
        .await
        .unwrap();
    let token = reset_token(&db).await;
    let later = now + reset::VALIDITY + Duration::seconds(1);
    let err = reset::complete(&db, &token, "New-password-1", "New-password-1", later)
        .await
        .unwrap_err();
    assert!(err.field_errors().unwrap().first("token").is_some());
}

#[tokio::test]
async fn asking_for_an_unknown_email_looks_the_same_and_sends_nothing() {
    let db = setup().await;
    assert!(
        reset::request(&db, "nobody@acme.test", "Platform", "http://x", Utc::now())
            .await
            .is_ok()
    );
    assert!(
        mail::latest_to(&*db, "nobody@acme.test")
            .await
            .unwrap()
            .is_none()
    );
}
