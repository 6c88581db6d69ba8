use chrono::{Duration, Utc};
use model::{AppError, tenants::TenantSettings};

use super::{activity, assume, cancel, create, get, update_settings};
use crate::testing;

#[tokio::test]
async fn the_tenants_admins_see_support_visits_with_reason_and_duration() {
    let db = testing::fresh_db().await;
    let (owner, session) = testing::partner_owner(&db, "acme").await;
    let form = testing::tenant_form("Acme Dental", "acmedental");
    let t = create(&db, Some(&owner), &form, Utc::now()).await.unwrap();
    let admin =
        testing::tenant_member(&db, &owner, &t.id, "boss@dental.test", "tenant_admin").await;
    let clerk =
        testing::tenant_member(&db, &admin, &t.id, "clerk@dental.test", "tenant_user").await;

    let start = Utc::now();
    assume::start(
        &db,
        Some(&owner),
        &session,
        &t.id,
        "Ticket 77: voicemail",
        start,
    )
    .await
    .unwrap();
    assume::end(&db, Some(&owner), &session, start + Duration::minutes(12))
        .await
        .unwrap();
    assume::start(
        &db,
        Some(&owner),
        &session,
        &t.id,
        "Still checking",
        start + Duration::hours(1),
    )
    .await
    .unwrap();

    let seen = activity(&db, Some(&admin), &t.id).await.unwrap();
    assert_eq!(seen.visits.len(), 2, "{:?}", seen.visits);
    let (ongoing, done) = (&seen.visits[0], &seen.visits[1]);
    assert_eq!(ongoing.reason, "Still checking");
    assert!(ongoing.ended_at.is_none());
    assert_eq!(done.reason, "Ticket 77: voicemail");
    assert_eq!(done.by, owner.email);
    assert_eq!(done.duration_seconds, Some(12 * 60));
    assert!(seen.entries.iter().any(|e| e.action == "tenant.created"));
    assert!(
        seen.entries
            .iter()
            .any(|e| e.action == "team.joined" || e.actor == "clerk@dental.test"),
        "the tenant's own users' actions are about the tenant: {:?}",
        seen.entries.iter().map(|e| &e.action).collect::<Vec<_>>()
    );

    // Tenant Users do not read the log; another partner cannot even find the tenant.
    assert!(matches!(
        activity(&db, Some(&clerk), &t.id).await,
        Err(AppError::Forbidden { .. })
    ));
    let (other, _) = testing::partner_owner(&db, "globex").await;
    assert!(matches!(
        activity(&db, Some(&other), &t.id).await,
        Err(AppError::NotFound { .. })
    ));
}

#[tokio::test]
async fn tenant_admins_change_their_settings_but_not_the_partners_fields() {
    let db = testing::fresh_db().await;
    let (owner, _) = testing::partner_owner(&db, "acme").await;
    let mut form = testing::tenant_form("Acme Dental", "acmedental");
    form.max_extensions = "5".into();
    let t = create(&db, Some(&owner), &form, Utc::now()).await.unwrap();
    let admin =
        testing::tenant_member(&db, &owner, &t.id, "boss@dental.test", "tenant_admin").await;
    let clerk =
        testing::tenant_member(&db, &admin, &t.id, "clerk@dental.test", "tenant_user").await;

    let mut settings = TenantSettings::of(&t);
    settings.default_cnam = "ACME DENTAL".into();
    settings.timezone = "America/Denver".into();
    let saved = update_settings(&db, Some(&admin), &t.id, &settings, Utc::now())
        .await
        .unwrap();
    assert_eq!(saved.default_cnam.as_deref(), Some("ACME DENTAL"));
    assert_eq!(saved.timezone, "America/Denver");
    assert_eq!(
        (saved.name.as_str(), saved.max_extensions),
        ("Acme Dental", Some(5))
    );

    // Bad input names the field and changes nothing.
    let mut bad = settings.clone();
    bad.e911_street = "PO Box 9".into();
    bad.e911_city = "Denver".into();
    bad.e911_state = "CO".into();
    bad.e911_zip = "80202".into();
    bad.timezone = "Mars/Olympus".into();
    let err = update_settings(&db, Some(&admin), &t.id, &bad, Utc::now())
        .await
        .unwrap_err();
    assert!(err.field_errors().unwrap().first("timezone").is_some());
    assert_eq!(
        get(&db, Some(&owner), &t.id).await.unwrap().timezone,
        "America/Denver"
    );

    assert!(matches!(
        update_settings(&db, Some(&clerk), &t.id, &settings, Utc::now()).await,
        Err(AppError::Forbidden { .. })
    ));
    let (other, _) = testing::partner_owner(&db, "globex").await;
    assert!(matches!(
        update_settings(&db, Some(&other), &t.id, &settings, Utc::now()).await,
        Err(AppError::NotFound { .. })
    ));

    cancel(&db, Some(&owner), &t.id, "Acme Dental", Utc::now())
        .await
        .unwrap();
    assert!(matches!(
        update_settings(&db, Some(&admin), &t.id, &settings, Utc::now()).await,
        Err(AppError::Conflict { .. })
    ));
}
