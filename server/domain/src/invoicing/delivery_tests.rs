//! After an invoice is made: it is mailed once with its PDF (or waits as a draft when the
//! partner reviews first), turns overdue at its due date with one notice, suspends the
//! tenant at 14 days, and paying lifts that suspension; a partner's own decision stands.

use chrono::{DateTime, Duration, Utc};
use model::{auth::Viewer, invoicing::InvoiceStatus, tenants::TenantStatus};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, Set};

use super::{actions, cycle, document::Portal, entity::invoice, sending};
use crate::{Db, mail, partners::partner, tenants::entity::tenant, testing};

pub(super) const PORTAL: Portal<'static> = Portal {
    base_url: "http://localhost:3000",
    platform_domain: "localhost",
};

pub(super) fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .unwrap()
        .with_timezone(&Utc)
}

/// A tenant `prefix` of partner `acme` on the flat rate, monthly, from January 10th 2027
/// (its first invoice closes at midnight UTC on February 1st).
pub(super) async fn billed_tenant(db: &Db, prefix: &str) -> (Viewer, tenant::Model) {
    let (owner, _) = testing::partner_owner(db, "acme").await;
    let t = another_tenant(db, &owner, prefix).await;
    (owner, t)
}

/// One more such tenant of `owner`'s partner.
async fn another_tenant(db: &Db, owner: &Viewer, prefix: &str) -> tenant::Model {
    let partner_id = testing::partner_id(db, "acme").await;
    let start = at("2027-01-10T12:00:00Z");
    let made = crate::tenants::create(
        db,
        Some(owner),
        &testing::tenant_form(&format!("{prefix} Café"), prefix),
        start,
    )
    .await
    .unwrap();
    let t = tenant(db, &made.id).await;
    let flat = super::profiles::list_for(db, partner_id)
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.name == "Flat Rate")
        .unwrap()
        .id;
    let form = model::invoicing::TenantBillingForm {
        profile_id: flat,
        period: "monthly".into(),
        mode: "postpaid".into(),
        credit_limit: String::new(),
        tax_rate_ids: vec![],
    };
    let txn = crate::db::begin(db).await.unwrap();
    super::settings::set(&txn, &t, &form, start).await.unwrap();
    txn.commit().await.unwrap();
    tenant(db, &made.id).await
}

/// Changes partner `acme`'s settings.
async fn with_partner(db: &Db, change: impl FnOnce(&mut partner::ActiveModel)) {
    let id = testing::partner_id(db, "acme").await;
    let mut p = partner::Entity::find_by_id(id)
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .into_active_model();
    change(&mut p);
    p.update(db).await.unwrap();
}

pub(super) async fn tenant(db: &Db, id: &str) -> tenant::Model {
    tenant::Entity::find()
        .filter(tenant::Column::PublicId.eq(uuid::Uuid::parse_str(id).unwrap()))
        .one(db)
        .await
        .unwrap()
        .unwrap()
}

async fn only_invoice(db: &Db) -> invoice::Model {
    let mut all = invoice::Entity::find().all(db).await.unwrap();
    assert_eq!(all.len(), 1);
    all.remove(0)
}

async fn mails_to(db: &Db, to: &str) -> Vec<mail::OutboxEmail> {
    let mut all = mail::recent(db, 100).await.unwrap();
    all.retain(|m| m.to_address == to);
    all
}

#[tokio::test]
async fn the_billing_run_mails_each_new_invoice_once_with_its_pdf_and_a_link_to_the_portal() {
    let db = testing::fresh_db().await;
    let (_, t) = billed_tenant(&db, "lyon").await;
    let close = at("2027-02-01T00:00:00Z");
    let done = cycle::run(&db, PORTAL, &crate::testing::gateway(), close)
        .await
        .unwrap();
    assert_eq!((done.invoices_created, done.invoices_sent), (1, 1));
    let again = cycle::run(
        &db,
        PORTAL,
        &crate::testing::gateway(),
        close + Duration::minutes(1),
    )
    .await
    .unwrap();
    assert_eq!(again, cycle::Summary::default());

    let inv = only_invoice(&db).await;
    assert_eq!(inv.status, InvoiceStatus::Sent.as_str());
    assert!(inv.sent_at.is_some());
    let mails = mails_to(&db, "ap@lyon.test").await;
    assert_eq!(mails.len(), 1);
    let m = &mails[0];
    assert!(m.subject.contains(&inv.number), "{}", m.subject);
    assert!(
        m.text_body
            .contains("http://acme.localhost:3000/orgs/lyon/billing"),
        "{}",
        m.text_body
    );
    assert_eq!(
        m.attachment_name.as_deref(),
        Some(&*format!("{}.pdf", inv.number))
    );
    assert_eq!(m.attachment_type.as_deref(), Some("application/pdf"));
    let text = testing::pdf_text(m.attachment.as_deref().unwrap());
    for expected in [
        "Acme",
        inv.number.as_str(),
        "lyon Café",
        "Jan 10, 2027 – Jan 31, 2027",
        "Amount due",
        "http://acme.localhost:3000/orgs/lyon/billing",
    ] {
        assert!(text.contains(expected), "{expected:?} missing:\n{text}");
    }
    assert!(!text.contains("Switchboard"), "{text}");
    assert_eq!(t.status, TenantStatus::Trial.as_str());
}

#[tokio::test]
async fn a_partner_who_reviews_first_sends_the_draft_then_reminders_and_cannot_void_it_after() {
    let db = testing::fresh_db().await;
    let (owner, _) = billed_tenant(&db, "nice").await;
    with_partner(&db, |p| p.auto_send_invoices = Set(false)).await;

    let close = at("2027-02-01T00:00:00Z");
    let done = cycle::run(&db, PORTAL, &crate::testing::gateway(), close)
        .await
        .unwrap();
    assert_eq!((done.invoices_created, done.invoices_sent), (1, 0));
    let draft = only_invoice(&db).await;
    assert_eq!(draft.status, InvoiceStatus::Draft.as_str());
    assert!(mails_to(&db, "ap@nice.test").await.is_empty());

    let id = draft.public_id.to_string();
    let later = close + Duration::days(2);
    let sent = sending::send(&db, Some(&owner), &id, PORTAL, later)
        .await
        .unwrap();
    assert_eq!(sent.status, InvoiceStatus::Sent);
    // Due seven days after it was sent, not after it was made.
    assert_eq!(only_invoice(&db).await.due_at, later + Duration::days(7));
    sending::send(&db, Some(&owner), &id, PORTAL, later + Duration::hours(1))
        .await
        .unwrap();
    let mails = mails_to(&db, "ap@nice.test").await;
    assert_eq!(mails.len(), 2);
    assert!(
        mails[0].subject.contains("reminder"),
        "{}",
        mails[0].subject
    );
    let refused = actions::void(&db, Some(&owner), &id, later)
        .await
        .unwrap_err();
    assert_eq!(refused.status(), 409);

    // Another partner cannot send it.
    let (stranger, _) = testing::partner_owner(&db, "other").await;
    let hidden = sending::send(&db, Some(&stranger), &id, PORTAL, later)
        .await
        .unwrap_err();
    assert_eq!(hidden.status(), 404);
}

#[tokio::test]
async fn unpaid_turns_overdue_with_one_notice_suspends_at_fourteen_days_and_paying_lifts_it() {
    let db = testing::fresh_db().await;
    let (owner, t) = billed_tenant(&db, "arles").await;
    let close = at("2027-02-01T00:00:00Z");
    cycle::run(&db, PORTAL, &crate::testing::gateway(), close)
        .await
        .unwrap();
    let issued = only_invoice(&db).await.issued_at;

    let early = cycle::run(
        &db,
        PORTAL,
        &crate::testing::gateway(),
        issued + Duration::days(6),
    )
    .await
    .unwrap();
    assert_eq!(early, cycle::Summary::default());
    let late = cycle::run(
        &db,
        PORTAL,
        &crate::testing::gateway(),
        issued + Duration::days(7),
    )
    .await
    .unwrap();
    assert_eq!((late.invoices_overdue, late.tenants_suspended), (1, 0));
    assert_eq!(
        only_invoice(&db).await.status,
        InvoiceStatus::Overdue.as_str()
    );
    let notice = &mails_to(&db, "ap@arles.test").await[0];
    assert!(notice.subject.contains("overdue"), "{}", notice.subject);
    assert!(
        notice.text_body.contains("Feb 15, 2027"),
        "{}",
        notice.text_body
    );
    assert!(notice.attachment.is_some());
    let rerun = cycle::run(
        &db,
        PORTAL,
        &crate::testing::gateway(),
        issued + Duration::days(8),
    )
    .await
    .unwrap();
    assert_eq!(rerun, cycle::Summary::default());

    let cut = cycle::run(
        &db,
        PORTAL,
        &crate::testing::gateway(),
        issued + Duration::days(14),
    )
    .await
    .unwrap();
    assert_eq!(cut.tenants_suspended, 1);
    let suspended = crate::tenants::to_dto(&tenant(&db, &t.public_id.to_string()).await);
    assert!(suspended.unpaid(), "{suspended:?}");
    assert_eq!(suspended.status_label(), "Suspended (unpaid)");
    let rerun = cycle::run(
        &db,
        PORTAL,
        &crate::testing::gateway(),
        issued + Duration::days(15),
    )
    .await
    .unwrap();
    assert_eq!(rerun, cycle::Summary::default());

    let inv = only_invoice(&db).await;
    let id = inv.public_id.to_string();
    let paid_now = issued + Duration::days(16);
    // Paying part of it keeps the suspension; paying the rest lifts it.
    actions::record_payment(&db, Some(&owner), &id, 100, paid_now)
        .await
        .unwrap();
    let still = tenant(&db, &t.public_id.to_string()).await;
    assert_eq!(still.status, TenantStatus::Suspended.as_str());
    let rest = inv.total_cents - 100;
    actions::record_payment(&db, Some(&owner), &id, rest, paid_now)
        .await
        .unwrap();
    let lifted = tenant(&db, &t.public_id.to_string()).await;
    assert_eq!(lifted.status, TenantStatus::Active.as_str());
    assert_eq!(lifted.suspended_reason, None);
    assert_eq!(only_invoice(&db).await.status, InvoiceStatus::Paid.as_str());
}

#[tokio::test]
async fn a_partner_lifting_a_nonpayment_suspension_by_hand_is_not_overruled() {
    let db = testing::fresh_db().await;
    let (owner, t) = billed_tenant(&db, "tours").await;
    cycle::run(
        &db,
        PORTAL,
        &crate::testing::gateway(),
        at("2027-02-01T00:00:00Z"),
    )
    .await
    .unwrap();
    let issued = only_invoice(&db).await.issued_at;
    cycle::run(
        &db,
        PORTAL,
        &crate::testing::gateway(),
        issued + Duration::days(7),
    )
    .await
    .unwrap();
    let cut = cycle::run(
        &db,
        PORTAL,
        &crate::testing::gateway(),
        issued + Duration::days(14),
    )
    .await
    .unwrap();
    assert_eq!(cut.tenants_suspended, 1);

    let id = t.public_id.to_string();
    let back = crate::tenants::unsuspend(&db, Some(&owner), &id, issued + Duration::days(15))
        .await
        .unwrap();
    assert_eq!(back.status, TenantStatus::Active);
    assert_eq!(back.suspended_reason, None);
    let later = cycle::run(
        &db,
        PORTAL,
        &crate::testing::gateway(),
        issued + Duration::days(20),
    )
    .await
    .unwrap();
    assert_eq!(later.tenants_suspended, 0);
    assert_eq!(tenant(&db, &id).await.status, TenantStatus::Active.as_str());
}

#[tokio::test]
async fn zero_days_never_suspends() {
    let db = testing::fresh_db().await;
    let (_, t) = billed_tenant(&db, "metz").await;
    with_partner(&db, |p| p.suspend_after_days = Set(0)).await;
    cycle::run(
        &db,
        PORTAL,
        &crate::testing::gateway(),
        at("2027-02-01T00:00:00Z"),
    )
    .await
    .unwrap();
    let issued = only_invoice(&db).await.issued_at;
    let late = cycle::run(
        &db,
        PORTAL,
        &crate::testing::gateway(),
        issued + Duration::days(60),
    )
    .await
    .unwrap();
    assert_eq!((late.invoices_overdue, late.tenants_suspended), (1, 0));
    let notice = &mails_to(&db, "ap@metz.test").await[0];
    assert!(
        !notice.text_body.contains("suspended"),
        "{}",
        notice.text_body
    );
    assert_eq!(
        tenant(&db, &t.public_id.to_string()).await.status,
        TenantStatus::Trial.as_str()
    );
}

#[tokio::test]
async fn two_runs_sending_at_once_mail_each_invoice_once() {
    let db = testing::fresh_db().await;
    let (owner, _) = billed_tenant(&db, "caen").await;
    for prefix in ["brest", "dijon", "reims"] {
        another_tenant(&db, &owner, prefix).await;
    }
    with_partner(&db, |p| p.auto_send_invoices = Set(false)).await;
    let close = at("2027-02-01T00:00:00Z");
    assert_eq!(
        cycle::run(&db, PORTAL, &crate::testing::gateway(), close)
            .await
            .unwrap()
            .invoices_created,
        4
    );
    with_partner(&db, |p| p.auto_send_invoices = Set(true)).await;
    let (a, b) = tokio::join!(
        sending::send_due(&db, PORTAL, close),
        sending::send_due(&db, PORTAL, close)
    );
    assert_eq!(a.unwrap() + b.unwrap(), 4);
    let mut mails = mail::recent(&*db, 100).await.unwrap();
    mails.retain(|m| m.attachment.is_some());
    assert_eq!(mails.len(), 4, "one mail per invoice");
}

#[tokio::test]
async fn a_trial_profile_ends_at_the_first_period_after_its_days_and_bills_the_next_profile() {
    let db = testing::fresh_db().await;
    let (owner, t) = billed_tenant(&db, "lille").await;
    let partner_id = testing::partner_id(&db, "acme").await;
    let flat = t.billing_profile_id.unwrap().to_string();
    let trial = super::profiles::create(
        &db,
        partner_id,
        &model::invoicing::ProfileForm {
            name: "Two weeks free".into(),
            kind: "flat_rate".into(),
            trial_days: "14".into(),
            converts_to: flat.clone(),
            ..Default::default()
        },
        at("2027-01-10T12:00:00Z"),
    )
    .await
    .unwrap();
    let form = model::invoicing::TenantBillingForm {
        profile_id: trial.id.clone(),
        period: "monthly".into(),
        mode: "postpaid".into(),
        credit_limit: String::new(),
        tax_rate_ids: vec![],
    };
    super::settings::apply(
        &db,
        Some(&owner),
        &t.public_id.to_string(),
        &form,
        at("2027-01-10T12:00:00Z"),
    )
    .await
    .unwrap();

    // January (the trial's days) on the trial profile: nothing to pay.
    cycle::run(
        &db,
        PORTAL,
        &crate::testing::gateway(),
        at("2027-02-01T00:00:00Z"),
    )
    .await
    .unwrap();
    let january = only_invoice(&db).await;
    assert_eq!(january.total_cents, 0);
    // February starts after the 14 days: the tenant is on the Flat Rate from then on.
    cycle::run(
        &db,
        PORTAL,
        &crate::testing::gateway(),
        at("2027-03-01T00:00:00Z"),
    )
    .await
    .unwrap();
    let moved = tenant(&db, &t.public_id.to_string()).await;
    assert_eq!(moved.billing_profile_id.map(|p| p.to_string()), Some(flat));
    let february = invoice::Entity::find()
        .filter(invoice::Column::PeriodStart.eq("2027-02-01"))
        .one(&*db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(february.subtotal_cents, 4_900, "the Flat Rate's base fee");
}
