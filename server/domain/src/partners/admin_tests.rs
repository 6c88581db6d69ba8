use chrono::Utc;
use model::{AppError, partners::PartnerStatus};

use super::admin::{self, NewPartner};
use crate::{
    auth::{login, viewer},
    mail, team, testing,
};

use testing::operator;

fn input<'a>(name: &'a str, slug: &'a str, email: &'a str) -> NewPartner<'a> {
    NewPartner {
        name,
        slug,
        owner_email: email,
        trial: true,
    }
}

#[tokio::test]
async fn only_platform_admins_reach_the_partner_list_or_change_a_partner() {
    let db = testing::fresh_db().await;
    let (owner, _) = testing::partner_owner(&db, "acme").await;
    let acme = testing::partner(&db, "beta")
        .await
        .partner
        .public_id
        .to_string();
    let refused = admin::list(&db, Some(&owner), "", 1).await.unwrap_err();
    assert!(matches!(refused, AppError::Forbidden { .. }), "{refused:?}");
    let refused = admin::suspend(&db, Some(&owner), &acme, "no", Utc::now())
        .await
        .unwrap_err();
    assert!(matches!(refused, AppError::Forbidden { .. }));
    assert!(matches!(
        admin::list(&db, None, "", 1).await.unwrap_err(),
        AppError::Unauthorized
    ));
}

#[tokio::test]
async fn the_list_searches_name_slug_and_team_email_and_counts_members() {
    let db = testing::fresh_db().await;
    let ops = operator(&db).await;
    testing::partner(&db, "acme").await;
    testing::partner(&db, "zeta").await;
    let all = admin::list(&db, Some(&ops), "", 1).await.unwrap();
    assert_eq!(all.total, 2);
    assert_eq!(all.rows[0].slug, "zeta", "newest first");
    assert_eq!(all.rows[0].members, 1);
    assert_eq!(all.rows[0].owner_email.as_deref(), Some("owner@zeta.test"));

    for term in ["ACM", "owner@acme", "acme"] {
        let found = admin::list(&db, Some(&ops), term, 1).await.unwrap();
        assert_eq!(found.total, 1, "{term}");
        assert_eq!(found.rows[0].slug, "acme");
    }
    // LIKE wildcards in the search are taken literally.
    assert_eq!(admin::list(&db, Some(&ops), "%", 1).await.unwrap().total, 0);
}

#[tokio::test]
async fn a_created_partner_starts_its_trial_and_its_owner_joins_through_the_invitation() {
    let db = testing::fresh_db().await;
    let ops = operator(&db).await;
    let now = Utc::now();
    let created = admin::create(
        &db,
        Some(&ops),
        input("Nova Telecom", "nova", "Boss@Nova.test"),
        "https://platform.test",
        now,
    )
    .await
    .unwrap();
    assert_eq!(created.partner.status, PartnerStatus::Trial.as_str());
    assert!(created.partner.trial_ends_at.is_some());
    assert_eq!(created.owner.role, "partner_admin");

    let invite = mail::latest_to(&*db, "boss@nova.test")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(invite.subject, "You're invited to Nova Telecom");
    assert_eq!(invite.partner_id, Some(created.partner.id));
    let token = invite
        .text_body
        .split("token=")
        .nth(1)
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap();
    team::accept(
        &db,
        token,
        "Bo Ss",
        testing::PASSWORD,
        testing::PASSWORD,
        now,
    )
    .await
    .unwrap();
    testing::sign_in(&db, "boss@nova.test", testing::PASSWORD).await;

    let log = crate::audit::verify_chain(&*db, created.partner.id)
        .await
        .unwrap();
    assert!(log.is_intact());
    assert!(log.entries >= 2, "created by the admin, then accepted");

    let taken = admin::create(
        &db,
        Some(&ops),
        input("Nova 2", "nova", "boss@nova.test"),
        "https://p.test",
        now,
    )
    .await
    .unwrap_err();
    let fields = taken.field_errors().unwrap();
    assert!(
        fields.first("slug").is_some() && fields.first("owner_email").is_some(),
        "{fields:?}"
    );
}

#[tokio::test]
async fn suspension_ends_every_session_and_blocks_sign_in_until_reactivated() {
    let db = testing::fresh_db().await;
    let ops = operator(&db).await;
    let created = testing::partner(&db, "acme").await;
    let id = created.partner.public_id.to_string();
    let (_, session) = testing::sign_in(&db, "owner@acme.test", testing::PASSWORD).await;
    let now = Utc::now();

    let missing = admin::suspend(&db, Some(&ops), &id, " ", now)
        .await
        .unwrap_err();
    assert!(missing.field_errors().unwrap().first("reason").is_some());
    admin::suspend(&db, Some(&ops), &id, "Unpaid since March", now)
        .await
        .unwrap();
    assert!(
        viewer::resolve(&db, &session, now).await.unwrap().is_none(),
        "session ended"
    );
    let creds = login::Credentials {
        email: "owner@acme.test",
        password: testing::PASSWORD,
        ip: "10.0.0.9",
        user_agent: None,
    };
    assert!(login::sign_in(&db, creds, now).await.is_err());
    let row = admin::list(&db, Some(&ops), "acme", 1)
        .await
        .unwrap()
        .rows
        .remove(0);
    assert_eq!(row.status, PartnerStatus::Suspended);
    assert_eq!(row.status_reason.as_deref(), Some("Unpaid since March"));

    admin::reactivate(&db, Some(&ops), &id, now).await.unwrap();
    let creds = login::Credentials {
        email: "owner@acme.test",
        password: testing::PASSWORD,
        ip: "10.0.0.9",
        user_agent: None,
    };
    assert!(login::sign_in(&db, creds, now).await.is_ok());
    let row = admin::list(&db, Some(&ops), "acme", 1)
        .await
        .unwrap()
        .rows
        .remove(0);
    assert_eq!(row.status, PartnerStatus::Active);
    assert!(row.status_reason.is_none());
    assert!(
        crate::audit::verify_chain(&*db, created.partner.id)
            .await
            .unwrap()
            .is_intact()
    );
    assert!(matches!(
        admin::reactivate(&db, Some(&ops), &id, now)
            .await
            .unwrap_err(),
        AppError::Conflict { .. }
    ));
}
