use chrono::{Duration, Utc};
use model::{AppError, tenants::extensions::ExtensionForm};

use super::{assume, create, extensions};
use crate::{audit, auth::viewer, crypto::SecretBox, testing};

#[tokio::test]
async fn managing_a_tenant_is_recorded_with_both_identities_the_reason_and_the_duration() {
    let db = testing::fresh_db().await;
    let (owner, session) = testing::partner_owner(&db, "acme").await;
    let form = testing::tenant_form("Acme Dental", "acmedental");
    let t = create(&db, Some(&owner), &form, Utc::now()).await.unwrap();
    let now = Utc::now();

    let missing = assume::start(&db, Some(&owner), &session, &t.id, "  ", now)
        .await
        .unwrap_err();
    assert!(missing.field_errors().unwrap().first("reason").is_some());
    assume::start(
        &db,
        Some(&owner),
        &session,
        &t.id,
        "Ticket 4411: voicemail setup",
        now,
    )
    .await
    .unwrap();

    // The session carries it: every new resolution (reload, new tab) sees the tenant.
    let viewer::SignedIn {
        viewer: during,
        acting,
        ..
    } = viewer::resolve(&db, &session, now).await.unwrap().unwrap();
    assert_eq!(during.assumed.as_ref().unwrap().sip_prefix, "acmedental");

    // Work done meanwhile is the real user's, on behalf of the tenant.
    let acting = acting.expect("requests run as the tenant while it is managed");
    let secrets = SecretBox::new(&[1; 32]);
    let ext_form = ExtensionForm {
        number: "101".into(),
        display_name: "Front desk".into(),
        voicemail: None,
    };
    audit::with_acting_as(
        acting,
        extensions::create(&db, &secrets, Some(&during), &t.id, &ext_form, now),
    )
    .await
    .unwrap();

    let ended = assume::end(&db, Some(&during), &session, now + Duration::minutes(12))
        .await
        .unwrap();
    assert_eq!(ended.as_deref(), Some(t.id.as_str()));
    let after = viewer::resolve(&db, &session, now)
        .await
        .unwrap()
        .unwrap()
        .viewer;
    assert!(after.assumed.is_none());

    let filter = model::audit::AuditFilter::default();
    let log = audit::read::for_partner(&db, Some(&owner), &filter, 100)
        .await
        .unwrap();
    let find = |action: &str| {
        log.entries
            .iter()
            .find(|e| e.action == action)
            .cloned()
            .unwrap()
    };
    let started = find("tenant.assume_started");
    assert!(started.summary.contains("Ticket 4411"), "{started:?}");
    let created = find("extension.created");
    assert_eq!(created.actor, "owner@acme.test");
    assert_eq!(
        created.acting_as.as_deref(),
        Some("tenant:acmedental (Acme Dental)")
    );
    let finished = find("tenant.assume_ended");
    assert!(
        finished.summary.contains("\"duration_seconds\":720"),
        "{finished:?}"
    );
    assert!(audit::verify_chain(&*db, 1).await.unwrap().is_intact());
}

#[tokio::test]
async fn only_a_partner_admin_enters_and_only_its_own_partners_tenants() {
    let db = testing::fresh_db().await;
    let (owner, _) = testing::partner_owner(&db, "acme").await;
    let (other, other_session) = testing::partner_owner(&db, "beta").await;
    let form = testing::tenant_form("Acme Dental", "acmedental");
    let t = create(&db, Some(&owner), &form, Utc::now()).await.unwrap();
    let err = assume::start(
        &db,
        Some(&other),
        &other_session,
        &t.id,
        "curious",
        Utc::now(),
    )
    .await
    .unwrap_err();
    assert!(matches!(err, AppError::NotFound { .. }), "{err:?}");
    let reader = testing::partner_user(&db, &owner, "reader@acme.test").await;
    let (_, reader_session) = testing::sign_in(&db, "reader@acme.test", testing::PASSWORD).await;
    let err = assume::start(
        &db,
        Some(&reader),
        &reader_session,
        &t.id,
        "help",
        Utc::now(),
    )
    .await
    .unwrap_err();
    assert!(matches!(err, AppError::Forbidden { .. }), "{err:?}");
}
