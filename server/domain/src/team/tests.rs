use chrono::Utc;
use model::auth::{Role, Viewer};

use super::*;
use crate::{
    auth::{login, session},
    testing::{self, sign_in},
};

async fn partner(db: &Db, slug: &str) -> Viewer {
    testing::partner_owner(db, slug).await.0
}

async fn invite_and_accept(db: &Db, admin: &Viewer, email: &str, role: &str) -> (Viewer, String) {
    invite(db, Some(admin), email, role, "https://p.test", Utc::now())
        .await
        .unwrap();
    let mail = mail::latest_to(db, email)
        .await
        .unwrap()
        .expect("invitation mail");
    let token = mail
        .text_body
        .split("token=")
        .nth(1)
        .unwrap()
        .lines()
        .next()
        .unwrap()
        .to_owned();
    accept(
        db,
        &token,
        "Pat Member",
        "Member-pass-1",
        "Member-pass-1",
        Utc::now(),
    )
    .await
    .unwrap();
    sign_in(db, email, "Member-pass-1").await
}

#[tokio::test]
async fn an_invited_partner_user_joins_and_can_only_read() {
    let db = testing::fresh_db().await;
    let admin = partner(&db, "acme").await;
    let (member, _) = invite_and_accept(&db, &admin, "pat@acme.test", "partner_user").await;
    assert_eq!(member.role, Role::PartnerUser);
    assert!(
        member.email_verified,
        "accepting the link proves the address"
    );

    let team = list(&db, Some(&member)).await.unwrap();
    assert_eq!(team.len(), 2, "a Partner User may read the team");
    let refused = invite(
        &db,
        Some(&member),
        "x@acme.test",
        "partner_user",
        "http://x",
        Utc::now(),
    )
    .await
    .unwrap_err();
    assert_eq!(refused.status(), 403);
    let owner_id = team
        .iter()
        .find(|m| m.email == "owner@acme.test")
        .unwrap()
        .id
        .clone();
    assert_eq!(
        remove(&db, Some(&member), &owner_id, Utc::now())
            .await
            .unwrap_err()
            .status(),
        403
    );
}

#[tokio::test]
async fn removing_a_member_ends_their_sessions_and_keeps_the_audit_trail() {
    let db = testing::fresh_db().await;
    let admin = partner(&db, "acme").await;
    let (member, member_session) =
        invite_and_accept(&db, &admin, "pat@acme.test", "partner_admin").await;
    remove(&db, Some(&admin), &member.user_id, Utc::now())
        .await
        .unwrap();
    assert!(
        session::resolve(&*db, &member_session, Utc::now())
            .await
            .unwrap()
            .is_none()
    );
    assert_eq!(list(&db, Some(&admin)).await.unwrap().len(), 1);
    let chain = crate::audit::verify_chain(&*db, 1).await.unwrap();
    assert!(chain.is_intact() && chain.entries >= 4, "{chain:?}");
}

#[tokio::test]
async fn a_partner_never_sees_or_touches_another_partners_team() {
    let db = testing::fresh_db().await;
    let acme = partner(&db, "acme").await;
    let globex = partner(&db, "globex").await;
    let acme_team = list(&db, Some(&acme)).await.unwrap();
    assert!(
        list(&db, Some(&globex))
            .await
            .unwrap()
            .iter()
            .all(|m| m.email.ends_with("@globex.test"))
    );
    let acme_owner = &acme_team[0].id;
    let err = remove(&db, Some(&globex), acme_owner, Utc::now())
        .await
        .unwrap_err();
    assert_eq!(
        err.status(),
        404,
        "another partner's member does not exist for you"
    );
    assert_eq!(list(&db, Some(&acme)).await.unwrap().len(), 1);
}

#[tokio::test]
async fn nobody_removes_themselves_and_pending_invites_cannot_sign_in() {
    let db = testing::fresh_db().await;
    let admin = partner(&db, "acme").await;
    assert_eq!(
        remove(&db, Some(&admin), &admin.user_id, Utc::now())
            .await
            .unwrap_err()
            .status(),
        409
    );
    invite(
        &db,
        Some(&admin),
        "new@acme.test",
        "partner_user",
        "http://x",
        Utc::now(),
    )
    .await
    .unwrap();
    let creds = login::Credentials {
        email: "new@acme.test",
        password: "",
        ip: "10.0.0.2",
        user_agent: None,
    };
    assert!(login::sign_in(&db, creds, Utc::now()).await.is_err());
    let pending = list(&db, Some(&admin))
        .await
        .unwrap()
        .into_iter()
        .find(|m| m.email == "new@acme.test")
        .unwrap();
    assert!(pending.pending);
    resend(&db, Some(&admin), &pending.id, "http://x", Utc::now())
        .await
        .unwrap();
    assert_eq!(
        invite(
            &db,
            None,
            "y@acme.test",
            "partner_user",
            "http://x",
            Utc::now()
        )
        .await
        .unwrap_err()
        .status(),
        401
    );
}
