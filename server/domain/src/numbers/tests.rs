use chrono::{TimeZone, Utc};
use model::numbers::{NumberStatus, SearchForm};

use model::numbers::InventoryFilter;

use super::{carrier::EmbeddedCarrier, *};
use crate::testing;

async fn fund(db: &Db, partner_id: i32, cents: i64) {
    wallet::post(
        db,
        wallet::Posting {
            partner_id,
            kind: LedgerKind::TopUp,
            amount_cents: cents,
            description: "test top-up".into(),
            reference: None,
            overdraw: false,
        },
        Utc::now(),
    )
    .await
    .unwrap();
}

fn colorado() -> SearchForm {
    SearchForm {
        state: "CO".into(),
        limit: "5".into(),
        ..Default::default()
    }
}

/// The 16th of a 30-day month: 15 days left of 30, so the first month is half price.
fn mid_month() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 16, 12, 0, 0).unwrap()
}

#[tokio::test]
async fn search_buy_activate_assign_and_release() {
    let db = testing::fresh_db().await;
    let (owner, _) = testing::partner_owner(&db, "acme").await;
    let partner_id = testing::partner_id(&db, "acme").await;
    fund(&db, partner_id, 10_000).await;
    let carrier = EmbeddedCarrier::new();
    let now = mid_month();

    let offers = search(&db, &carrier, Some(&owner), &colorado(), now)
        .await
        .unwrap();
    assert_eq!(offers.len(), 5);
    assert!(
        offers
            .iter()
            .all(|o| o.region.ends_with(", CO") && o.monthly_cents == 175)
    );
    let picks: Vec<String> = offers[..2]
        .iter()
        .map(|o| o.number.e164().to_owned())
        .collect();

    let bought = purchase(&db, &carrier, Some(&owner), &picks, now)
        .await
        .unwrap();
    assert_eq!(
        bought.charged_cents,
        2 * 88,
        "half of $1.75, rounded, twice"
    );
    assert_eq!(bought.balance_cents, 10_000 - 176);
    assert!(
        bought
            .numbers
            .iter()
            .all(|n| n.status == NumberStatus::Pending)
    );

    // Sold numbers no longer show in the same search.
    let again = search(&db, &carrier, Some(&owner), &colorado(), now)
        .await
        .unwrap();
    assert!(
        again
            .iter()
            .all(|o| !picks.contains(&o.number.e164().to_owned()))
    );

    // The provisioning job brings them into service, once even with two instances.
    let (a, b) = tokio::join!(
        jobs::run_due(&db, &carrier, "a", now),
        jobs::run_due(&db, &carrier, "b", now)
    );
    assert_eq!(a.unwrap().done + b.unwrap().done, 2);
    let listed = list(&db, Some(&owner), &InventoryFilter::default())
        .await
        .unwrap();
    assert!(listed.iter().all(|n| n.status == NumberStatus::Active));

    let tenant = crate::tenants::create(
        &db,
        Some(&owner),
        &testing::tenant_form("Bluebird", "bluebird"),
        now,
    )
    .await
    .unwrap();
    let assigned = assign(&db, Some(&owner), &listed[0].id, &tenant.id, now)
        .await
        .unwrap();
    assert_eq!(assigned.tenant.as_ref().unwrap().name, "Bluebird");
    let filter = InventoryFilter {
        q: "blue".into(),
        ..Default::default()
    };
    assert_eq!(list(&db, Some(&owner), &filter).await.unwrap().len(), 1);
    let unassigned = InventoryFilter {
        tenant: "unassigned".into(),
        ..Default::default()
    };
    assert_eq!(list(&db, Some(&owner), &unassigned).await.unwrap().len(), 1);

    let released = release(&db, &carrier, Some(&owner), &listed[0].id, now)
        .await
        .unwrap();
    assert_eq!(released.status, NumberStatus::Released);
    assert!(released.tenant.is_none());
    assert_eq!(
        list(&db, Some(&owner), &InventoryFilter::default())
            .await
            .unwrap()
            .len(),
        1
    );
    let events: Vec<String> = crate::events::for_partner(&*db, partner_id)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.event_type)
        .collect();
    for kind in [
        "phone_number.purchased",
        "phone_number.assigned",
        "phone_number.released",
    ] {
        assert!(events.iter().any(|e| e == kind), "{kind}");
    }
}

#[tokio::test]
async fn a_purchase_the_wallet_cannot_cover_changes_nothing() {
    let db = testing::fresh_db().await;
    let (owner, _) = testing::partner_owner(&db, "acme").await;
    let partner_id = testing::partner_id(&db, "acme").await;
    fund(&db, partner_id, 100).await;
    let carrier = EmbeddedCarrier::new();
    let now = mid_month();
    let offers = search(&db, &carrier, Some(&owner), &colorado(), now)
        .await
        .unwrap();
    let picks: Vec<String> = offers.iter().map(|o| o.number.e164().to_owned()).collect();
    let err = purchase(&db, &carrier, Some(&owner), &picks, now)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("top up"), "{err}");
    assert!(
        list(&db, Some(&owner), &InventoryFilter::default())
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(wallet::balance(&*db, partner_id).await.unwrap(), 100);
    assert_eq!(
        jobs::run_due(&db, &carrier, "a", now).await.unwrap(),
        jobs::Round::default()
    );
    // A carrier that refuses the order also leaves everything as it was.
    fund(&db, partner_id, 10_000).await;
    carrier.fail_next(carrier::Operation::Order, 1, "order desk closed");
    let err = purchase(&db, &carrier, Some(&owner), &picks[..1], now)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("order desk closed"));
    assert!(
        list(&db, Some(&owner), &InventoryFilter::default())
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(wallet::balance(&*db, partner_id).await.unwrap(), 10_100);
}

#[tokio::test]
async fn one_partner_cannot_see_assign_or_release_anothers_number_nor_buy_it_twice() {
    let db = testing::fresh_db().await;
    let (owner, _) = testing::partner_owner(&db, "acme").await;
    let (other, _) = testing::partner_owner(&db, "other").await;
    for slug in ["acme", "other"] {
        fund(&db, testing::partner_id(&db, slug).await, 10_000).await;
    }
    let carrier = EmbeddedCarrier::new();
    let now = mid_month();
    let offers = search(&db, &carrier, Some(&owner), &colorado(), now)
        .await
        .unwrap();
    let pick = vec![offers[0].number.e164().to_owned()];
    let bought = purchase(&db, &carrier, Some(&owner), &pick, now)
        .await
        .unwrap();
    let id = bought.numbers[0].id.clone();

    assert!(
        list(&db, Some(&other), &InventoryFilter::default())
            .await
            .unwrap()
            .is_empty()
    );
    let theirs = crate::tenants::create(
        &db,
        Some(&other),
        &testing::tenant_form("Theirs", "theirs"),
        now,
    )
    .await
    .unwrap();
    assert_eq!(
        assign(&db, Some(&other), &id, &theirs.id, now)
            .await
            .unwrap_err()
            .status(),
        404
    );
    assert_eq!(
        release(&db, &carrier, Some(&other), &id, now)
            .await
            .unwrap_err()
            .status(),
        404
    );
    // Nor assign one's own number to another partner's tenant.
    assert_eq!(
        assign(&db, Some(&owner), &id, &theirs.id, now)
            .await
            .unwrap_err()
            .status(),
        404
    );
    let err = purchase(&db, &carrier, Some(&other), &pick, now)
        .await
        .unwrap_err();
    assert!(
        err.field_errors()
            .and_then(|f| f.first("numbers"))
            .is_some()
    );
}

#[tokio::test]
async fn assigning_respects_the_tenants_number_limit() {
    let db = testing::fresh_db().await;
    let (owner, _) = testing::partner_owner(&db, "acme").await;
    fund(&db, testing::partner_id(&db, "acme").await, 10_000).await;
    let carrier = EmbeddedCarrier::new();
    let now = mid_month();
    let mut form = testing::tenant_form("Small", "small");
    form.max_numbers = "1".into();
    let tenant = crate::tenants::create(&db, Some(&owner), &form, now)
        .await
        .unwrap();
    let offers = search(&db, &carrier, Some(&owner), &colorado(), now)
        .await
        .unwrap();
    let picks: Vec<String> = offers[..2]
        .iter()
        .map(|o| o.number.e164().to_owned())
        .collect();
    let bought = purchase(&db, &carrier, Some(&owner), &picks, now)
        .await
        .unwrap();
    assign(&db, Some(&owner), &bought.numbers[0].id, &tenant.id, now)
        .await
        .unwrap();
    let err = assign(&db, Some(&owner), &bought.numbers[1].id, &tenant.id, now)
        .await
        .unwrap_err();
    assert!(
        err.field_errors()
            .and_then(|f| f.first("tenant"))
            .unwrap()
            .contains("limit of 1")
    );
}

#[tokio::test]
async fn numbers_are_charged_monthly_by_kind_and_a_cancelled_tenants_numbers_are_released() {
    let db = testing::fresh_db().await;
    let (owner, _) = testing::partner_owner(&db, "acme").await;
    let partner_id = testing::partner_id(&db, "acme").await;
    fund(&db, partner_id, 10_000).await;
    let carrier = EmbeddedCarrier::new();
    let october = Utc.with_ymd_and_hms(2026, 10, 10, 12, 0, 0).unwrap();
    let local = search(&db, &carrier, Some(&owner), &colorado(), october)
        .await
        .unwrap();
    let toll_free = SearchForm {
        kind: "toll_free".into(),
        limit: "1".into(),
        ..Default::default()
    };
    let tf = search(&db, &carrier, Some(&owner), &toll_free, october)
        .await
        .unwrap();
    let picks = vec![
        local[0].number.e164().to_owned(),
        tf[0].number.e164().to_owned(),
    ];
    let bought = purchase(&db, &carrier, Some(&owner), &picks, october)
        .await
        .unwrap();
    let tenant = crate::tenants::create(
        &db,
        Some(&owner),
        &testing::tenant_form("Gone", "gone"),
        october,
    )
    .await
    .unwrap();
    let local_id = bought
        .numbers
        .iter()
        .find(|n| n.kind == NumberKind::Local)
        .unwrap()
        .id
        .clone();
    assign(&db, Some(&owner), &local_id, &tenant.id, october)
        .await
        .unwrap();

    // Cancelling the tenant releases its number in the same change.
    crate::tenants::cancel(&db, Some(&owner), &tenant.id, "Gone", october)
        .await
        .unwrap();
    let released = InventoryFilter {
        status: "RELEASED".into(),
        ..Default::default()
    };
    let gone = list(&db, Some(&owner), &released).await.unwrap();
    assert_eq!(gone.len(), 1);
    assert_eq!(gone[0].id, local_id);
    let round = jobs::run_due(&db, &carrier, "t", october).await.unwrap();
    assert_eq!(round.failed, 0);

    // November's cycle charges the toll-free number still held, once however often it runs.
    let before = wallet::balance(&*db, partner_id).await.unwrap();
    let november = Utc.with_ymd_and_hms(2026, 11, 1, 1, 0, 0).unwrap();
    let processor = crate::billing::processor::BuiltinProcessor;
    crate::billing::cycle::run_due(&db, &processor, november)
        .await
        .unwrap();
    crate::billing::cycle::run_due(&db, &processor, november)
        .await
        .unwrap();
    assert_eq!(
        wallet::balance(&*db, partner_id).await.unwrap(),
        before - 250
    );
}
