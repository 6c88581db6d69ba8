use chrono::{Duration, Utc};
use model::partners::PartnerStatus;
use sea_orm::{EntityTrait, PaginatorTrait};

use super::*;
use crate::{auth::verification, mail, testing};

fn operator_input<'a>(slug: &'a str, email: &'a str) -> NewPartner<'a> {
    NewPartner {
        name: "Acme Voice",
        slug,
        owner_email: email,
        owner_password: "Correct-horse1",
    }
}

#[tokio::test]
async fn operator_creates_an_active_partner_with_a_verified_admin() {
    let db = testing::fresh_db().await;
    let created = create_by_operator(&db, operator_input("acme", "Owner@Acme.test"), Utc::now())
        .await
        .unwrap();
    assert_eq!(created.partner.status, PartnerStatus::Active.as_str());
    assert_eq!(created.partner.slug, "acme");
    assert_eq!(created.owner.email, "owner@acme.test");
    assert_eq!(created.owner.role, "partner_admin");
    assert!(created.owner.email_verified_at.is_some());
    assert_eq!(created.owner.partner_id, Some(created.partner.id));
    let report = crate::audit::verify_chain(&*db, created.partner.id)
        .await
        .unwrap();
    assert_eq!(report.entries, 1);
    assert!(report.is_intact());
}

#[tokio::test]
async fn taken_slug_or_email_is_a_field_error_and_changes_nothing() {
    let db = testing::fresh_db().await;
    create_by_operator(&db, operator_input("acme", "a@acme.test"), Utc::now())
        .await
        .unwrap();
    let slug = create_by_operator(&db, operator_input("acme", "b@acme.test"), Utc::now())
        .await
        .unwrap_err();
    assert!(slug.field_errors().unwrap().first("slug").is_some());
    let email = create_by_operator(&db, operator_input("other", "A@acme.test"), Utc::now())
        .await
        .unwrap_err();
    assert!(email.field_errors().unwrap().first("email").is_some());
    let bad = create_by_operator(
        &db,
        NewPartner {
            name: "",
            slug: "-x",
            owner_email: "nope",
            owner_password: "weak",
        },
        Utc::now(),
    )
    .await
    .unwrap_err();
    let fields = bad.field_errors().unwrap();
    for field in ["name", "slug", "email", "password"] {
        assert!(fields.first(field).is_some(), "{field}");
    }
    assert_eq!(partner::Entity::find().count(&*db).await.unwrap(), 1);
}

#[tokio::test]
async fn sign_up_starts_a_trial_and_mails_a_single_use_verification_link() {
    let db = testing::fresh_db().await;
    let now = Utc::now();
    let input = SignUp {
        company: "Blue Sky Telecom",
        name: "Dana Ops",
        email: "dana@bluesky.test",
        password: "Correct-horse1",
    };
    let created = sign_up(&db, input, "https://portal.test", now)
        .await
        .unwrap();
    assert_eq!(created.partner.status, "TRIAL");
    assert_eq!(created.partner.slug, "blue-sky-telecom");
    assert_eq!(
        created.partner.trial_ends_at.unwrap().timestamp(),
        (now + Duration::days(14)).timestamp()
    );
    assert!(created.owner.email_verified_at.is_none());

    let mail = mail::latest_to(&*db, "dana@bluesky.test")
        .await
        .unwrap()
        .expect("verification mail in the outbox");
    assert_eq!(mail.from_name, "Blue Sky Telecom");
    let link = mail
        .text_body
        .lines()
        .find(|l| l.starts_with("https://portal.test/verify-email?token="))
        .unwrap();
    let token = link.split("token=").nth(1).unwrap();

    let verified = verification::confirm(&db, token, now).await.unwrap();
    assert!(verified.email_verified_at.is_some());
    let again = verification::confirm(&db, token, now).await.unwrap_err();
    assert!(
        again.field_errors().unwrap().first("token").is_some(),
        "a used link is refused"
    );

    // A second company with the same name gets the next free slug.
    let other = SignUp {
        company: "Blue Sky Telecom",
        name: "Sam",
        email: "sam@other.test",
        password: "Correct-horse1",
    };
    assert_eq!(
        sign_up(&db, other, "https://portal.test", now)
            .await
            .unwrap()
            .partner
            .slug,
        "blue-sky-telecom-2"
    );
}

#[tokio::test]
async fn an_expired_verification_link_is_refused() {
    let db = testing::fresh_db().await;
    let now = Utc::now();
    let input = SignUp {
        company: "Late Co",
        name: "Lee",
        email: "lee@late.test",
        password: "Correct-horse1",
    };
    sign_up(&db, input, "http://x", now).await.unwrap();
    let mail = mail::latest_to(&*db, "lee@late.test")
        .await
        .unwrap()
        .unwrap();
    let token = mail
        .text_body
        .split("token=")
        .nth(1)
        .unwrap()
        .lines()
        .next()
        .unwrap()
        .to_owned();
    let err = verification::confirm(&db, &token, now + Duration::hours(49))
        .await
        .unwrap_err();
    assert!(err.field_errors().unwrap().first("token").is_some());
}
