use chrono::{DateTime, Duration, Utc};
use totp_rs::{Algorithm, Builder, Secret};

use super::{login, two_factor, viewer};
use crate::{crypto::SecretBox, partners, testing};

const PW: &str = "Correct-horse1";

fn code_at(secret_base32: &str, at: DateTime<Utc>) -> String {
    let seed = Secret::try_from_base32(secret_base32).unwrap();
    let totp = Builder::new()
        .with_algorithm(Algorithm::SHA1)
        .with_digits(6)
        .with_skew(1)
        .with_step_duration(30)
        .with_secret(seed)
        .with_account_name("t")
        .build()
        .unwrap();
    totp.generate(at.timestamp() as u64).to_string()
}

fn creds() -> login::Credentials<'static> {
    login::Credentials {
        email: "owner@acme.test",
        password: PW,
        ip: "10.0.0.9",
        user_agent: None,
    }
}

#[tokio::test]
async fn enrol_then_sign_in_with_a_code_that_works_once() {
    let db = testing::fresh_db().await;
    let secrets = SecretBox::new(&[3; 32]);
    let input = partners::NewPartner {
        name: "Acme",
        slug: "acme",
        owner_email: "owner@acme.test",
        owner_password: PW,
    };
    partners::create_by_operator(&db, input, Utc::now())
        .await
        .unwrap();
    let now = Utc::now();
    let session = login::sign_in(&db, creds(), now)
        .await
        .and_then(login::Outcome::into_signed_in)
        .unwrap()
        .session;
    let viewer = viewer::resolve(&db, &session, now)
        .await
        .unwrap()
        .unwrap()
        .viewer;

    let enrolment = two_factor::begin(&db, &secrets, Some(&viewer), "Acme")
        .await
        .unwrap();
    assert!(
        enrolment.qr_svg.contains("<svg") && enrolment.otpauth_url.starts_with("otpauth://totp/")
    );
    let wrong = two_factor::confirm(&db, &secrets, Some(&viewer), "000000", now).await;
    assert!(wrong.is_err() || code_at(&enrolment.secret_base32, now) == "000000");
    let recovery = two_factor::confirm(
        &db,
        &secrets,
        Some(&viewer),
        &code_at(&enrolment.secret_base32, now),
        now,
    )
    .await
    .unwrap();
    assert_eq!(recovery.len(), 10);

    // The password alone no longer opens a session.
    let later = now + Duration::seconds(30);
    let login::Outcome::CodeRequired { ticket } =
        login::sign_in(&db, creds(), later).await.unwrap()
    else {
        panic!("a code must be required");
    };
    let bad = login::sign_in_with_code(&db, &secrets, &ticket, "123456x", "10.0.0.9", None, later)
        .await
        .unwrap_err();
    assert!(bad.field_errors().unwrap().first("code").is_some());
    let code = code_at(&enrolment.secret_base32, later);
    login::sign_in_with_code(&db, &secrets, &ticket, &code, "10.0.0.9", None, later)
        .await
        .unwrap();

    // The same code (same time step) cannot be replayed, even with a fresh ticket.
    let login::Outcome::CodeRequired { ticket: again } =
        login::sign_in(&db, creds(), later).await.unwrap()
    else {
        panic!()
    };
    assert!(
        login::sign_in_with_code(&db, &secrets, &again, &code, "10.0.0.9", None, later)
            .await
            .is_err()
    );
    // A recovery code works once.
    login::sign_in_with_code(
        &db,
        &secrets,
        &again,
        &recovery[0].to_uppercase(),
        "10.0.0.9",
        None,
        later,
    )
    .await
    .unwrap();
    let login::Outcome::CodeRequired { ticket: third } =
        login::sign_in(&db, creds(), later).await.unwrap()
    else {
        panic!()
    };
    assert!(
        login::sign_in_with_code(&db, &secrets, &third, &recovery[0], "10.0.0.9", None, later)
            .await
            .is_err()
    );

    // Switching it off needs a code; then the password is enough again.
    let next = later + Duration::seconds(30);
    two_factor::disable(
        &db,
        &secrets,
        Some(&viewer),
        &code_at(&enrolment.secret_base32, next),
        next,
    )
    .await
    .unwrap();
    assert!(matches!(
        login::sign_in(&db, creds(), next).await.unwrap(),
        login::Outcome::SignedIn(_)
    ));
}

#[tokio::test]
async fn the_seed_is_sealed_at_rest() {
    use sea_orm::EntityTrait;
    let db = testing::fresh_db().await;
    let secrets = SecretBox::new(&[5; 32]);
    let (viewer, _) = testing::partner_owner(&db, "acme").await;
    let enrolment = two_factor::begin(&db, &secrets, Some(&viewer), "Acme")
        .await
        .unwrap();
    let stored = super::user::Entity::find()
        .one(&*db)
        .await
        .unwrap()
        .unwrap()
        .totp_secret
        .unwrap();
    assert!(!stored.contains(&enrolment.secret_base32));
    assert_eq!(
        Secret::from(secrets.open(&stored).unwrap()).to_base32(),
        enrolment.secret_base32,
        "opens back to the same seed"
    );
}
