//! Collection end to end on the built-in processor and the fake Stripe: paying in the
//! portal (a declined card changes nothing), the partner's wallet in Platform mode,
//! refunds through the processor, auto-pay once per invoice, prepaid funds, the payment
//! modes, and who may pay what.

use chrono::Duration;
use model::{
    billing::LedgerKind,
    invoicing::{InvoiceStatus, collection::PayForm},
};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};

use super::{autopay, entity::tenant_payment, pay};
use crate::{
    Db,
    billing::wallet,
    events,
    invoicing::{
        actions, cycle,
        delivery_tests::{PORTAL, at, billed_tenant, tenant},
        entity::invoice,
    },
    tenants::entity::tenant as tenant_entity,
    testing,
};

pub(super) fn card(number: &str) -> PayForm {
    PayForm {
        card: testing::card_form(number),
        ..Default::default()
    }
}

fn keep_for_autopay(number: &str) -> PayForm {
    PayForm {
        remember: Some("on".into()),
        autopay: Some("on".into()),
        ..card(number)
    }
}

/// The message `e` gives on `field`, if it is a validation error there.
pub(super) fn on(e: &model::AppError, field: &str) -> Option<String> {
    e.field_errors()
        .and_then(|f| f.first(field))
        .map(|m| m.to_string())
}

async fn events_of(db: &Db, kind: &str) -> Vec<serde_json::Value> {
    events::entity::Entity::find()
        .filter(events::entity::Column::EventType.eq(kind))
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|e| serde_json::from_str(&e.data).unwrap())
        .collect()
}

pub(super) async fn ledger(db: &Db, partner_id: i32) -> Vec<(LedgerKind, i64)> {
    crate::billing::entity::ledger_entry::Entity::find()
        .filter(crate::billing::entity::ledger_entry::Column::PartnerId.eq(partner_id))
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|e| (LedgerKind::parse(&e.kind).unwrap(), e.amount_cents))
        .collect()
}

/// Tenant `cafe` of `acme` with its first invoice sent (February 1st, 2027), and its
/// admin signed in.
pub(super) async fn invoiced(
    db: &Db,
) -> (
    model::auth::Viewer,
    model::auth::Viewer,
    tenant_entity::Model,
    invoice::Model,
) {
    let (owner, t) = billed_tenant(db, "cafe").await;
    cycle::run(db, PORTAL, &testing::gateway(), at("2027-02-01T00:00:00Z"))
        .await
        .unwrap();
    let admin = testing::tenant_member(
        db,
        &owner,
        &t.public_id.to_string(),
        "admin@cafe.test",
        "tenant_admin",
    )
    .await;
    let row = invoice::Entity::find().one(db).await.unwrap().unwrap();
    assert_eq!(row.status, InvoiceStatus::Sent.as_str());
    (owner, admin, t, row)
}

#[tokio::test]
async fn a_declined_card_changes_nothing_and_a_good_one_pays_into_the_partners_wallet() {
    let db = testing::fresh_db().await;
    let gateway = testing::gateway();
    let (owner, admin, t, row) = invoiced(&db).await;
    let (tid, iid) = (t.public_id.to_string(), row.public_id.to_string());
    let now = at("2027-02-02T10:00:00Z");

    let declined = pay::pay_invoice(
        &db,
        &gateway,
        Some(&admin),
        &tid,
        &iid,
        &card("4000000000000002"),
        now,
    )
    .await
    .unwrap_err();
    let message = on(&declined, "number").unwrap();
    assert!(message.contains("ending 0002 was declined"), "{message}");
    let same = invoice::Entity::find_by_id(row.id)
        .one(&*db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((same.paid_cents, same.status.as_str()), (0, "sent"));
    let failed = events_of(&db, "invoice.failed").await;
    assert_eq!(failed.len(), 1);
    assert!(
        failed[0]["failure_reason"]
            .as_str()
            .unwrap()
            .contains("0002")
    );
    assert!(ledger(&db, t.partner_id).await.is_empty());

    let paid = pay::pay_invoice(
        &db,
        &gateway,
        Some(&admin),
        &tid,
        &iid,
        &keep_for_autopay("4242 4242 4242 4242"),
        now,
    )
    .await
    .unwrap();
    assert_eq!((paid.status, paid.due_cents), (InvoiceStatus::Paid, 0));
    assert_eq!(
        ledger(&db, t.partner_id).await,
        vec![(LedgerKind::CustomerPayment, row.total_cents)]
    );
    assert_eq!(events_of(&db, "invoice.paid").await.len(), 1);
    let view = pay::portal(&db, &gateway, Some(&admin), &tid)
        .await
        .unwrap();
    let saved = view.card.unwrap();
    assert_eq!((saved.last4.as_str(), saved.autopay), ("4242", true));

    // A second click finds nothing due; the partner's read-only user cannot pay at all.
    let again = pay::pay_invoice(
        &db,
        &gateway,
        Some(&admin),
        &tid,
        &iid,
        &PayForm {
            saved: Some("on".into()),
            ..Default::default()
        },
        now,
    )
    .await
    .unwrap_err();
    assert!(again.to_string().contains("Nothing is due"), "{again}");
    let reader = testing::tenant_member(&db, &owner, &tid, "reader@cafe.test", "tenant_user").await;
    assert!(
        !pay::portal(&db, &gateway, Some(&reader), &tid)
            .await
            .unwrap()
            .can_pay
    );

    // Partial refund goes back through the processor and out of the wallet.
    let refunded = actions::refund(&db, &gateway, Some(&owner), &iid, 500, now)
        .await
        .unwrap();
    assert_eq!(refunded.status, InvoiceStatus::PartiallyPaid);
    let rows = tenant_payment::Entity::find()
        .filter(tenant_payment::Column::Kind.eq("refund"))
        .all(&*db)
        .await
        .unwrap();
    assert_eq!(rows.len(), 1);
    assert!(
        rows[0]
            .reference
            .as_deref()
            .unwrap()
            .starts_with("re_builtin_")
    );
    assert_eq!(
        wallet::balance(&*db, t.partner_id).await.unwrap(),
        row.total_cents - 500
    );
    let history = super::history(&db, Some(&owner), &iid).await.unwrap();
    let labels: Vec<_> = history.iter().map(|p| p.label()).collect();
    assert_eq!(
        labels,
        [
            "Card payment, card ending 4242",
            "Refund to card, card ending 4242"
        ]
    );
    // The tenant's own admin reads its invoices in the portal, not the partner's page.
    assert!(super::history(&db, Some(&admin), &iid).await.is_err());
}

#[tokio::test]
async fn another_tenants_admin_cannot_pay_or_see_this_tenants_invoice() {
    let db = testing::fresh_db().await;
    let gateway = testing::gateway();
    let (owner, _admin, t, row) = invoiced(&db).await;
    let other = crate::tenants::create(
        &db,
        Some(&owner),
        &testing::tenant_form("Other", "other"),
        at("2027-02-01T00:00:00Z"),
    )
    .await
    .unwrap();
    let stranger =
        testing::tenant_member(&db, &owner, &other.id, "boss@other.test", "tenant_admin").await;
    let tid = t.public_id.to_string();
    let iid = row.public_id.to_string();
    let now = at("2027-02-02T10:00:00Z");
    for result in [
        pay::pay_invoice(
            &db,
            &gateway,
            Some(&stranger),
            &tid,
            &iid,
            &card("4242424242424242"),
            now,
        )
        .await,
        pay::pay_invoice(
            &db,
            &gateway,
            Some(&stranger),
            &other.id,
            &iid,
            &card("4242424242424242"),
            now,
        )
        .await,
    ] {
        assert!(
            matches!(result, Err(model::AppError::NotFound { .. })),
            "{result:?}"
        );
    }
    assert!(
        pay::portal(&db, &gateway, Some(&stranger), &tid)
            .await
            .is_err()
    );
}

#[tokio::test]
async fn auto_pay_charges_each_new_invoice_once_and_a_declined_card_fires_invoice_failed() {
    let db = testing::fresh_db().await;
    let gateway = testing::gateway();
    let (_owner, admin, t, row) = invoiced(&db).await;
    let tid = t.public_id.to_string();
    pay::pay_invoice(
        &db,
        &gateway,
        Some(&admin),
        &tid,
        &row.public_id.to_string(),
        &keep_for_autopay("4242424242424242"),
        at("2027-02-02T00:00:00Z"),
    )
    .await
    .unwrap();

    // March's invoice is charged by the run that makes it; a rerun and a second
    // instance charge nothing more.
    let march = at("2027-03-01T00:00:00Z");
    let done = cycle::run(&db, PORTAL, &gateway, march).await.unwrap();
    assert_eq!((done.invoices_created, done.invoices_autopaid), (1, 1));
    let again = cycle::run(&db, PORTAL, &gateway, march + Duration::minutes(1))
        .await
        .unwrap();
    assert_eq!(again.invoices_autopaid, 0);
    let payments = tenant_payment::Entity::find()
        .filter(tenant_payment::Column::Method.eq("card"))
        .all(&*db)
        .await
        .unwrap();
    assert_eq!(payments.len(), 2);

    // The card on file starts declining: April's invoice stays open, once.
    super::entity::tenant_card::Entity::update_many()
        .col_expr(
            super::entity::tenant_card::Column::Token,
            Expr::value("builtin_declined_x"),
        )
        .exec(&*db)
        .await
        .unwrap();
    let april = at("2027-04-01T00:00:00Z");
    let done = cycle::run(&db, PORTAL, &gateway, april).await.unwrap();
    assert_eq!((done.invoices_autopaid, done.autopay_failed), (0, 1));
    let done = cycle::run(&db, PORTAL, &gateway, april + Duration::hours(1))
        .await
        .unwrap();
    assert_eq!(done.autopay_failed, 0, "tried once");
    let failed = events_of(&db, "invoice.failed").await;
    assert_eq!(failed.len(), 1);
    // Nobody was watching, so the tenant is told by mail, once, in its partner's brand.
    let mut told = crate::mail::recent(&*db, 100).await.unwrap();
    told.retain(|m| m.subject.contains("did not go through"));
    assert_eq!(told.len(), 1, "one mail for one failed charge");
    assert_eq!(told[0].to_address, t.billing_email);
    assert!(
        told[0].text_body.contains("was declined"),
        "{}",
        told[0].text_body
    );
    assert!(
        !told[0].text_body.contains("Switchboard"),
        "never the platform's name"
    );
    let open = invoice::Entity::find()
        .filter(invoice::Column::Status.eq("sent"))
        .all(&*db)
        .await
        .unwrap();
    assert_eq!(open.len(), 1);
}

#[tokio::test]
async fn prepaid_funds_pay_open_invoices_and_a_refund_puts_them_back() {
    let db = testing::fresh_db().await;
    let gateway = testing::gateway();
    let (owner, admin, t, row) = invoiced(&db).await;
    tenant_entity::Entity::update_many()
        .col_expr(tenant_entity::Column::BillingMode, Expr::value("prepaid"))
        .filter(tenant_entity::Column::Id.eq(t.id))
        .exec(&*db)
        .await
        .unwrap();
    let tid = t.public_id.to_string();
    let now = at("2027-02-02T00:00:00Z");
    let too_little = PayForm {
        amount: "1".into(),
        ..card("4242424242424242")
    };
    let e = pay::top_up(&db, &gateway, Some(&admin), &tid, &too_little, now)
        .await
        .unwrap_err();
    assert!(on(&e, "amount").is_some(), "{e:?}");

    let total = row.total_cents;
    let form = PayForm {
        amount: model::billing::dollars(total + 1_000).replace(['$', ','], ""),
        ..card("4242424242424242")
    };
    let view = pay::top_up(&db, &gateway, Some(&admin), &tid, &form, now)
        .await
        .unwrap();
    assert_eq!(view.balance_cents, 1_000, "the rest stays as funds");
    let paid = invoice::Entity::find_by_id(row.id)
        .one(&*db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(paid.status, "paid");
    assert_eq!(
        ledger(&db, t.partner_id).await,
        vec![(LedgerKind::CustomerTopUp, total + 1_000)]
    );

    actions::refund(
        &db,
        &gateway,
        Some(&owner),
        &row.public_id.to_string(),
        300,
        now,
    )
    .await
    .unwrap();
    assert_eq!(tenant(&db, &tid).await.balance_cents, 1_300);
    // The refund reopened 3.00, which the partner gave back on purpose: the billing run
    // does not take it from the funds again.
    let done = autopay::run(&db, &gateway, PORTAL, now).await.unwrap();
    assert_eq!(done.paid_from_funds, 0);
    assert_eq!(tenant(&db, &tid).await.balance_cents, 1_300);
}
