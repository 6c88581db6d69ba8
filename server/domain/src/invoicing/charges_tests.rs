//! One-time charges and credits on a real database: the next invoice takes what was
//! added before its period closed; a credit never takes an invoice below zero and its
//! rest waits for the next one; only the partner's admins add or remove them.

use model::invoicing::{LineKind, charges::ChargeForm};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use super::{
    charges, cycle,
    delivery_tests::{PORTAL, at, billed_tenant},
    entity::{invoice, invoice_line},
};
use crate::testing;

fn form(kind: &str, description: &str, amount: &str) -> ChargeForm {
    ChargeForm {
        kind: kind.into(),
        description: description.into(),
        amount: amount.into(),
    }
}

#[tokio::test]
async fn charges_and_credits_join_the_next_invoice_and_a_credit_carries_over() {
    let db = testing::fresh_db().await;
    let (owner, t) = billed_tenant(&db, "vichy").await;
    let id = t.public_id.to_string();
    let when = at("2027-01-15T12:00:00Z");
    charges::add(
        &db,
        Some(&owner),
        &id,
        &form("one_time", "Setup", "25"),
        when,
    )
    .await
    .unwrap();
    charges::add(
        &db,
        Some(&owner),
        &id,
        &form("credit", "Goodwill", "100"),
        when,
    )
    .await
    .unwrap();
    let bad = charges::add(&db, Some(&owner), &id, &form("gift", "", "0"), when)
        .await
        .unwrap_err();
    assert_eq!(bad.status(), 422);

    cycle::run(
        &db,
        PORTAL,
        &crate::testing::gateway(),
        at("2027-02-01T00:00:00Z"),
    )
    .await
    .unwrap();
    let january = invoice::Entity::find()
        .filter(invoice::Column::PeriodStart.eq("2027-01-10"))
        .one(&*db)
        .await
        .unwrap()
        .unwrap();
    let lines = invoice_line::Entity::find()
        .filter(invoice_line::Column::InvoiceId.eq(january.id))
        .all(&*db)
        .await
        .unwrap();
    let amount = |kind: LineKind| {
        lines
            .iter()
            .find(|l| l.kind == kind.as_str())
            .map(|l| l.amount_cents)
    };
    // Base fee for 22 of 31 days ($34.77) + setup $25.00 = $59.77, all covered.
    assert_eq!(amount(LineKind::OneTime), Some(2_500));
    assert_eq!(amount(LineKind::Credit), Some(-5_977));
    assert_eq!(january.total_cents, 0);

    let listed = charges::list(&db, Some(&owner), &id).await.unwrap();
    assert_eq!(
        listed[0].invoice_number, None,
        "the rest of the credit waits"
    );
    assert_eq!(listed[0].amount_cents, 10_000 - 5_977);
    assert!(
        listed[1..]
            .iter()
            .all(|c| c.invoice_number.as_deref() == Some(january.number.as_str()))
    );

    cycle::run(
        &db,
        PORTAL,
        &crate::testing::gateway(),
        at("2027-03-01T00:00:00Z"),
    )
    .await
    .unwrap();
    let february = invoice::Entity::find()
        .filter(invoice::Column::PeriodStart.eq("2027-02-01"))
        .one(&*db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(february.total_cents, 4_900 - 4_023);

    // Taken charges stay; strangers reach nothing.
    let taken = &listed[1].id;
    let refused = charges::remove(&db, Some(&owner), taken, when)
        .await
        .unwrap_err();
    assert_eq!(refused.status(), 409);
    let (stranger, _) = testing::partner_owner(&db, "other").await;
    let hidden = charges::add(
        &db,
        Some(&stranger),
        &id,
        &form("one_time", "Setup", "5"),
        when,
    )
    .await
    .unwrap_err();
    assert_eq!(hidden.status(), 404);
    let pending = charges::add(
        &db,
        Some(&owner),
        &id,
        &form("one_time", "Porting", "5"),
        when,
    )
    .await
    .unwrap();
    charges::remove(&db, Some(&owner), &pending.id, when)
        .await
        .unwrap();
}
