//! Endpoints belong to their partner and only its admins change them; delivery history
//! is forgotten after thirty days.

use super::*;

#[tokio::test]
async fn endpoints_belong_to_their_partner_and_only_admins_change_them() {
    let db = testing::fresh_db().await;
    let (owner, _) = testing::partner_owner(&db, "acme").await;
    let (other, _) = testing::partner_owner(&db, "zeta").await;
    let reader = testing::partner_user(&db, &owner, "reader@acme.test").await;
    let w = worker();
    let now = Utc::now();
    let made = endpoints::create(
        &db,
        &w.secrets,
        Some(&owner),
        &form("https://hooks.example.com/a", &["invoice.paid"]),
        false,
        now,
    )
    .await
    .unwrap();
    let id = &made.endpoint.id;
    assert!(endpoints::list(&db, Some(&other)).await.unwrap().is_empty());
    assert!(matches!(
        endpoints::get(&db, Some(&other), id).await,
        Err(AppError::NotFound { .. })
    ));
    assert!(matches!(
        endpoints::deliveries(&db, Some(&other), id).await,
        Err(AppError::NotFound { .. })
    ));
    assert!(matches!(
        endpoints::delete(&db, Some(&other), id, now).await,
        Err(AppError::NotFound { .. })
    ));
    assert_eq!(endpoints::list(&db, Some(&reader)).await.unwrap().len(), 1);
    assert!(matches!(
        endpoints::create(
            &db,
            &w.secrets,
            Some(&reader),
            &form("https://hooks.example.com/b", &["invoice.paid"]),
            false,
            now
        )
        .await,
        Err(AppError::Forbidden { .. })
    ));
    assert!(matches!(
        endpoints::rotate_secret(&db, &w.secrets, Some(&reader), id, now).await,
        Err(AppError::Forbidden { .. })
    ));
    // Editing checks the whole result; deleting keeps the row (and its history).
    let bad = EndpointPatch {
        events: Some(vec![]),
        ..Default::default()
    };
    assert!(matches!(
        endpoints::update(&db, Some(&owner), id, &bad, false, now).await,
        Err(AppError::Validation { .. })
    ));
    endpoints::delete(&db, Some(&owner), id, now).await.unwrap();
    assert!(endpoints::list(&db, Some(&owner)).await.unwrap().is_empty());
    assert_eq!(
        entity::endpoint::Entity::find().count(&*db).await.unwrap(),
        1
    );
}

#[tokio::test]
async fn history_older_than_thirty_days_is_forgotten_but_waiting_deliveries_stay() {
    let now = t0();
    let Setup {
        db,
        owner,
        partner,
        w,
        made,
        ..
    } = setup(&[], &["tenant.created"], now - Duration::days(60)).await;
    let old = now - Duration::days(40);
    event(&db, partner, "tenant.created", old).await;
    run_due(&db, &w, "one", old).await.unwrap();
    // A second event is queued, then its endpoint is turned off: it waits.
    event(&db, partner, "tenant.created", old).await;
    queue::fan_out(&db, old).await.unwrap();
    let off = EndpointPatch {
        enabled: Some(false),
        ..Default::default()
    };
    endpoints::update(&db, Some(&owner), &made.endpoint.id, &off, true, old)
        .await
        .unwrap();
    assert_eq!(
        endpoints::deliveries(&db, Some(&owner), &made.endpoint.id)
            .await
            .unwrap()
            .len(),
        2
    );
    assert!(
        crate::webhooks::retention::purge(&db, old + Duration::days(1))
            .await
            .unwrap()
            == 0
    );
    let gone = crate::webhooks::retention::purge(&db, now).await.unwrap();
    assert!(gone >= 2, "the attempt and its delivery");
    assert_eq!(
        entity::attempt::Entity::find().count(&*db).await.unwrap(),
        0
    );
    // The delivery still waiting for the endpoint, and its event, are kept.
    assert_eq!(
        entity::delivery::Entity::find().count(&*db).await.unwrap(),
        1
    );
    assert_eq!(
        crate::events::for_partner(&*db, partner)
            .await
            .unwrap()
            .len(),
        1
    );
}
