use chrono::{Duration, Utc};
use model::{
    AppError,
    tenants::{TenantForm, TenantQuery, TenantSort, TenantStatus},
};
use sea_orm::{EntityTrait, PaginatorTrait};

use super::*;
use crate::{events, testing};

fn form(name: &str, prefix: &str) -> TenantForm {
    TenantForm {
        name: name.into(),
        sip_prefix: prefix.into(),
        billing_email: format!("billing@{prefix}.test"),
        timezone: "America/Chicago".into(),
        ..Default::default()
    }
}

async fn count(db: &crate::Db) -> u64 {
    entity::tenant::Entity::find().count(db).await.unwrap()
}

#[tokio::test]
async fn a_bad_form_is_refused_field_by_field_and_creates_nothing() {
    let db = testing::fresh_db().await;
    let (owner, _) = testing::partner_owner(&db, "acme").await;
    let mut bad = form("", "Bad Prefix");
    bad.e911_street = "PO Box 7".into();
    let err = create(&db, Some(&owner), &bad, Utc::now())
        .await
        .unwrap_err();
    let fields = err.field_errors().unwrap();
    for f in ["name", "sip_prefix", "e911_street", "e911_city"] {
        assert!(fields.first(f).is_some(), "{f}: {fields:?}");
    }
    assert_eq!(count(&db).await, 0);

    create(&db, Some(&owner), &form("Dental", "dental"), Utc::now())
        .await
        .unwrap();
    let (other, _) = testing::partner_owner(&db, "beta").await;
    let taken = create(
        &db,
        Some(&other),
        &form("Other Dental", "dental"),
        Utc::now(),
    )
    .await
    .unwrap_err();
    assert!(
        taken
            .field_errors()
            .unwrap()
            .first("sip_prefix")
            .unwrap()
            .contains("taken")
    );
    assert_eq!(
        count(&db).await,
        1,
        "the prefix is unique across the platform"
    );
}

#[tokio::test]
async fn a_partner_cannot_read_change_or_cancel_another_partners_tenant_by_id() {
    let db = testing::fresh_db().await;
    let (acme, _) = testing::partner_owner(&db, "acme").await;
    let (beta, _) = testing::partner_owner(&db, "beta").await;
    let t = create(
        &db,
        Some(&acme),
        &form("Acme Dental", "acmedental"),
        Utc::now(),
    )
    .await
    .unwrap();
    let now = Utc::now();
    let not_found = |e: AppError| assert!(matches!(e, AppError::NotFound { .. }), "{e:?}");
    not_found(get(&db, Some(&beta), &t.id).await.unwrap_err());
    not_found(
        update(&db, Some(&beta), &t.id, &form("Mine", "x"), now)
            .await
            .unwrap_err(),
    );
    not_found(suspend(&db, Some(&beta), &t.id, now).await.unwrap_err());
    not_found(unsuspend(&db, Some(&beta), &t.id, now).await.unwrap_err());
    not_found(activate(&db, Some(&beta), &t.id, now).await.unwrap_err());
    not_found(
        cancel(&db, Some(&beta), &t.id, "Acme Dental", now)
            .await
            .unwrap_err(),
    );
    not_found(reactivate(&db, Some(&beta), &t.id, now).await.unwrap_err());
    let page = list(&db, Some(&beta), &TenantQuery::default())
        .await
        .unwrap();
    assert_eq!(page.total, 0);
    // Untouched.
    assert_eq!(
        get(&db, Some(&acme), &t.id).await.unwrap().name,
        "Acme Dental"
    );
}

#[tokio::test]
async fn a_partner_user_reads_tenants_but_every_change_is_refused() {
    let db = testing::fresh_db().await;
    let (owner, _) = testing::partner_owner(&db, "acme").await;
    let t = create(
        &db,
        Some(&owner),
        &form("Acme Dental", "acmedental"),
        Utc::now(),
    )
    .await
    .unwrap();
    let reader = testing::partner_user(&db, &owner, "reader@acme.test").await;
    assert_eq!(get(&db, Some(&reader), &t.id).await.unwrap().id, t.id);
    assert_eq!(
        list(&db, Some(&reader), &TenantQuery::default())
            .await
            .unwrap()
            .total,
        1
    );
    let forbidden = |e: AppError| assert!(matches!(e, AppError::Forbidden { .. }), "{e:?}");
    let now = Utc::now();
    forbidden(
        create(&db, Some(&reader), &form("New", "newone"), now)
            .await
            .unwrap_err(),
    );
    forbidden(
        update(&db, Some(&reader), &t.id, &form("X", "acmedental"), now)
            .await
            .unwrap_err(),
    );
    forbidden(suspend(&db, Some(&reader), &t.id, now).await.unwrap_err());
    forbidden(
        cancel(&db, Some(&reader), &t.id, "Acme Dental", now)
            .await
            .unwrap_err(),
    );
}

#[tokio::test]
async fn edits_keep_the_prefix_and_are_recorded_with_what_changed() {
    let db = testing::fresh_db().await;
    let (owner, _) = testing::partner_owner(&db, "acme").await;
    let t = create(
        &db,
        Some(&owner),
        &form("Acme Dental", "acmedental"),
        Utc::now(),
    )
    .await
    .unwrap();
    let mut edit = t.form();
    edit.name = "Acme Dental Care".into();
    edit.sip_prefix = "hijacked".into();
    edit.default_cnam = "ACME DENTAL".into();
    let after = update(&db, Some(&owner), &t.id, &edit, Utc::now())
        .await
        .unwrap();
    assert_eq!(after.name, "Acme Dental Care");
    assert_eq!(after.sip_prefix, "acmedental", "immutable");
    assert_eq!(after.created_at, t.created_at);
    let types: Vec<String> = events::for_partner(&*db, 1)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.event_type)
        .collect();
    assert_eq!(types, ["tenant.created", "tenant.updated"]);
}

#[tokio::test]
async fn the_lifecycle_runs_from_trial_to_purge_and_cancelled_tenants_are_read_only() {
    let db = testing::fresh_db().await;
    let (owner, _) = testing::partner_owner(&db, "acme").await;
    let now = Utc::now();
    let t = create(&db, Some(&owner), &form("Acme Dental", "acmedental"), now)
        .await
        .unwrap();
    assert_eq!(t.status, TenantStatus::Trial);
    assert_eq!(
        activate(&db, Some(&owner), &t.id, now)
            .await
            .unwrap()
            .status,
        TenantStatus::Active
    );
    assert_eq!(
        suspend(&db, Some(&owner), &t.id, now).await.unwrap().status,
        TenantStatus::Suspended
    );
    assert!(matches!(
        suspend(&db, Some(&owner), &t.id, now).await.unwrap_err(),
        AppError::Conflict { .. }
    ));
    assert_eq!(
        unsuspend(&db, Some(&owner), &t.id, now)
            .await
            .unwrap()
            .status,
        TenantStatus::Active
    );

    let wrong = cancel(&db, Some(&owner), &t.id, "acme dental", now)
        .await
        .unwrap_err();
    assert!(wrong.field_errors().unwrap().first("confirm").is_some());
    let cancelled = cancel(&db, Some(&owner), &t.id, "Acme Dental", now)
        .await
        .unwrap();
    assert_eq!(cancelled.status, TenantStatus::Cancelled);
    assert!(cancelled.purge_after.is_some());
    assert!(matches!(
        update(&db, Some(&owner), &t.id, &t.form(), now)
            .await
            .unwrap_err(),
        AppError::Conflict { .. }
    ));

    // Reactivation inside the window brings it back…
    let back = reactivate(&db, Some(&owner), &t.id, now + Duration::days(30))
        .await
        .unwrap();
    assert_eq!(back.status, TenantStatus::Active);
    assert!(back.purge_after.is_none());
    assert_eq!(
        purge_due(&db, now + Duration::days(365)).await.unwrap(),
        0,
        "not cancelled any more"
    );

    // …and a cancellation left alone is purged once 90 days have passed, exactly once.
    cancel(&db, Some(&owner), &t.id, "Acme Dental", now)
        .await
        .unwrap();
    assert_eq!(purge_due(&db, now + Duration::days(89)).await.unwrap(), 0);
    let later = now + PURGE_AFTER + Duration::minutes(1);
    let (a, b) = tokio::join!(purge_due(&db, later), purge_due(&db, later));
    assert_eq!(a.unwrap() + b.unwrap(), 1, "two instances purge it once");
    assert_eq!(count(&db).await, 0);
    assert!(
        crate::audit::verify_chain(&*db, 1)
            .await
            .unwrap()
            .is_intact()
    );
}

#[tokio::test]
async fn the_list_searches_sorts_and_pages() {
    let db = testing::fresh_db().await;
    let (owner, _) = testing::partner_owner(&db, "acme").await;
    let now = Utc::now();
    for i in 0..30 {
        let mut f = form(&format!("Customer {i:02}"), &format!("cust{i:02}"));
        if i == 7 {
            f.billing_email = "ap@special.test".into();
        }
        create(&db, Some(&owner), &f, now + Duration::seconds(i))
            .await
            .unwrap();
    }
    let first = list(&db, Some(&owner), &TenantQuery::default())
        .await
        .unwrap();
    assert_eq!((first.total, first.rows.len(), first.pages()), (30, 25, 2));
    assert_eq!(first.rows[0].name, "Customer 00", "oldest first by default");
    let newest = TenantQuery {
        descending: true,
        ..Default::default()
    };
    assert_eq!(
        list(&db, Some(&owner), &newest).await.unwrap().rows[0].name,
        "Customer 29"
    );
    let second = TenantQuery {
        page: 2,
        ..Default::default()
    };
    let second = list(&db, Some(&owner), &second).await.unwrap();
    assert_eq!(second.rows.len(), 5);
    assert_eq!(second.rows[0].name, "Customer 25");

    let by_prefix = TenantQuery {
        sort: TenantSort::SipPrefix,
        descending: true,
        ..Default::default()
    };
    assert_eq!(
        list(&db, Some(&owner), &by_prefix).await.unwrap().rows[0].sip_prefix,
        "cust29"
    );
    let email = TenantQuery {
        search: "SPECIAL".into(),
        ..Default::default()
    };
    let found = list(&db, Some(&owner), &email).await.unwrap();
    assert_eq!(
        (found.total, found.rows[0].name.as_str()),
        (1, "Customer 07")
    );
    let name = TenantQuery {
        search: "customer 1".into(),
        ..Default::default()
    };
    assert_eq!(list(&db, Some(&owner), &name).await.unwrap().total, 10);
}
