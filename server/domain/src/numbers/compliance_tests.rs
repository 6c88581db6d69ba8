use chrono::Utc;
use model::numbers::{BulkForm, CnamStatus, E911Form, E911Status, InventoryFilter, SearchForm};

use super::{carrier::EmbeddedCarrier, *};
use crate::testing;

struct Setup {
    db: testing::TestDb,
    owner: Viewer,
    carrier: EmbeddedCarrier,
    ids: Vec<String>,
    tenant: String,
}

/// A funded partner with three active numbers, two of them assigned to a tenant.
async fn setup() -> Setup {
    let db = testing::fresh_db().await;
    let (owner, _) = testing::partner_owner(&db, "acme").await;
    let partner_id = testing::partner_id(&db, "acme").await;
    wallet::post(
        &*db,
        wallet::Posting {
            partner_id,
            kind: LedgerKind::TopUp,
            amount_cents: 10_000,
            description: "test".into(),
            reference: None,
            overdraw: false,
        },
        Utc::now(),
    )
    .await
    .unwrap();
    let carrier = EmbeddedCarrier::new();
    let now = Utc::now();
    let form = SearchForm {
        state: "CO".into(),
        limit: "3".into(),
        ..Default::default()
    };
    let offers = search(&db, &carrier, Some(&owner), &form, now)
        .await
        .unwrap();
    let picks: Vec<String> = offers.iter().map(|o| o.number.e164().to_owned()).collect();
    let bought = purchase(&db, &carrier, Some(&owner), &picks, now)
        .await
        .unwrap();
    jobs::run_due(&db, &carrier, "t", now).await.unwrap();
    let mut tenant_form = testing::tenant_form("Bluebird", "bluebird");
    tenant_form.default_cnam = "BLUEBIRD".into();
    let tenant = crate::tenants::create(&db, Some(&owner), &tenant_form, now)
        .await
        .unwrap();
    let ids: Vec<String> = bought.numbers.iter().map(|n| n.id.clone()).collect();
    for id in &ids[..2] {
        assign(&db, Some(&owner), id, &tenant.id, now)
            .await
            .unwrap();
    }
    Setup {
        db,
        owner,
        carrier,
        ids,
        tenant: tenant.id,
    }
}

fn address(street: &str) -> E911Form {
    E911Form {
        street: street.into(),
        city: "Denver".into(),
        state: "CO".into(),
        zip: "80202".into(),
    }
}

#[tokio::test]
async fn cnam_goes_pending_then_synced_or_failed_with_the_carriers_reason() {
    let s = setup().await;
    let now = Utc::now();
    let err = set_cnam(&s.db, Some(&s.owner), &s.ids[0], "Bluebird Bakery Co", now)
        .await
        .unwrap_err();
    assert!(err.field_errors().and_then(|f| f.first("cnam")).is_some());

    let saved = set_cnam(&s.db, Some(&s.owner), &s.ids[0], "Bluebird Front", now)
        .await
        .unwrap();
    assert_eq!(saved.cnam_status, Some(CnamStatus::Pending));
    jobs::run_due(&s.db, &s.carrier, "t", now).await.unwrap();
    let n = get(&s.db, Some(&s.owner), &s.ids[0]).await.unwrap();
    assert_eq!(n.cnam_status, Some(CnamStatus::Synced));

    s.carrier
        .fail_next(carrier::Operation::Cnam, 1, "Name contains a reserved word");
    set_cnam(&s.db, Some(&s.owner), &s.ids[1], "", now)
        .await
        .unwrap();
    jobs::run_due(&s.db, &s.carrier, "t", now).await.unwrap();
    let n = get(&s.db, Some(&s.owner), &s.ids[1]).await.unwrap();
    assert_eq!(
        n.cnam, None,
        "cleared: the tenant default BLUEBIRD is published"
    );
    assert_eq!(n.cnam_status, Some(CnamStatus::Failed));
    assert_eq!(
        n.cnam_reason.as_deref(),
        Some("Name contains a reserved word")
    );
}

#[tokio::test]
async fn e911_is_checked_applied_to_a_tenant_registered_and_gates_911_calls() {
    let s = setup().await;
    let now = Utc::now();
    let summary = e911_summary(&s.db, Some(&s.owner)).await.unwrap();
    assert_eq!(summary.not_set, 3);
    assert!(!summary.compliant());
    let first = get(&s.db, Some(&s.owner), &s.ids[0]).await.unwrap();
    assert!(
        !can_call_911(&s.db, &first.number).await.unwrap(),
        "Not Set cannot dial 911"
    );

    let err = set_e911(&s.db, Some(&s.owner), &s.ids[0], &address("PO Box 7"), now)
        .await
        .unwrap_err();
    assert!(
        err.field_errors()
            .and_then(|f| f.first("e911_street"))
            .is_some()
    );
    assert_eq!(
        get(&s.db, Some(&s.owner), &s.ids[0])
            .await
            .unwrap()
            .e911_status,
        E911Status::NotSet
    );

    let applied = apply_e911_to_tenant(
        &s.db,
        Some(&s.owner),
        &s.tenant,
        &address("1600 Glenarm Pl"),
        now,
    )
    .await
    .unwrap();
    assert_eq!(applied.done, 2);
    let pending = InventoryFilter {
        e911: "PENDING".into(),
        ..Default::default()
    };
    assert_eq!(
        list(&s.db, Some(&s.owner), &pending).await.unwrap().len(),
        2
    );
    jobs::run_due(&s.db, &s.carrier, "t", now).await.unwrap();
    assert!(can_call_911(&s.db, &first.number).await.unwrap());

    // The unassigned one, through the bulk action; the carrier refuses it once.
    s.carrier
        .fail_next(carrier::Operation::E911, 1, "Address not found in the MSAG");
    let form = BulkForm {
        action: "e911".into(),
        ids: vec![s.ids[2].clone()],
        e911: address("1600 Glenarm Pl"),
        ..Default::default()
    };
    assert_eq!(
        bulk(&s.db, Some(&s.owner), &form, None, now)
            .await
            .unwrap()
            .done,
        1
    );
    jobs::run_due(&s.db, &s.carrier, "t", now).await.unwrap();
    let third = get(&s.db, Some(&s.owner), &s.ids[2]).await.unwrap();
    assert_eq!(third.e911_status, E911Status::Failed);
    assert_eq!(
        third.e911_reason.as_deref(),
        Some("Address not found in the MSAG")
    );
    set_e911(
        &s.db,
        Some(&s.owner),
        &s.ids[2],
        &address("1600 Glenarm Pl"),
        now,
    )
    .await
    .unwrap();
    jobs::run_due(&s.db, &s.carrier, "t", now).await.unwrap();
    assert!(
        e911_summary(&s.db, Some(&s.owner))
            .await
            .unwrap()
            .compliant()
    );
}

#[tokio::test]
async fn bulk_release_reports_each_refusal_and_another_partner_gets_none_of_it() {
    let s = setup().await;
    let now = Utc::now();
    let (other, _) = testing::partner_owner(&s.db, "other").await;
    let form = BulkForm {
        action: "release".into(),
        ids: s.ids.clone(),
        ..Default::default()
    };
    let theirs = bulk(&s.db, Some(&other), &form, Some(&s.carrier), now)
        .await
        .unwrap();
    assert_eq!(theirs.done, 0);
    assert_eq!(theirs.refused.len(), 3);
    assert!(get(&s.db, Some(&other), &s.ids[0]).await.is_err());
    assert!(
        set_cnam(&s.db, Some(&other), &s.ids[0], "X", now)
            .await
            .is_err()
    );
    let ours = bulk(&s.db, Some(&s.owner), &form, Some(&s.carrier), now)
        .await
        .unwrap();
    assert_eq!(ours.done, 3);
    assert!(
        list(&s.db, Some(&s.owner), &InventoryFilter::default())
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn a_tenants_numbers_are_listed_for_it_and_for_no_other_partner() {
    let s = setup().await;
    assert_eq!(
        for_tenant(&s.db, Some(&s.owner), &s.tenant)
            .await
            .unwrap()
            .len(),
        2
    );
    let (other, _) = testing::partner_owner(&s.db, "other").await;
    assert_eq!(
        for_tenant(&s.db, Some(&other), &s.tenant)
            .await
            .unwrap_err()
            .status(),
        404
    );
}
