//! The billing run on a real database: periods close at local midnight in the tenant's
//! time zone, each exactly once however often and however concurrently it runs, with
//! gapless numbers per partner; lines come from what was held and called; another
//! partner's profiles, rates and invoices are never reachable.

use chrono::{DateTime, Duration, Utc};
use model::{
    auth::Viewer,
    invoicing::{InvoiceStatus, LineKind, TaxRateForm, TenantBillingForm},
    tenants::{TenantForm, extensions::ExtensionForm},
};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use uuid::Uuid;

use super::{engine, invoices, profiles, settings, taxes};
use crate::{Db, crypto::SecretBox, tenants::entity::tenant, testing, usage::entity::cdr};

fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .unwrap()
        .with_timezone(&Utc)
}

async fn tenant_in(
    db: &Db,
    owner: &Viewer,
    prefix: &str,
    tz: &str,
    now: DateTime<Utc>,
) -> tenant::Model {
    let form = TenantForm {
        timezone: tz.into(),
        ..testing::tenant_form(&format!("{prefix} Co"), prefix)
    };
    let made = crate::tenants::create(db, Some(owner), &form, now)
        .await
        .unwrap();
    row(db, &made.id).await
}

async fn row(db: &Db, id: &str) -> tenant::Model {
    tenant::Entity::find()
        .filter(tenant::Column::PublicId.eq(Uuid::parse_str(id).unwrap()))
        .one(db)
        .await
        .unwrap()
        .unwrap()
}

async fn profile_named(db: &Db, partner_id: i32, name: &str) -> String {
    profiles::list_for(db, partner_id)
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.name == name)
        .expect("starter profile")
        .id
}

async fn bill(
    db: &Db,
    t: &tenant::Model,
    profile: &str,
    period: &str,
    rates: Vec<String>,
    now: DateTime<Utc>,
) {
    let form = TenantBillingForm {
        profile_id: profile.into(),
        period: period.into(),
        mode: "postpaid".into(),
        credit_limit: String::new(),
        tax_rate_ids: rates,
    };
    let txn = crate::db::begin(db).await.unwrap();
    settings::set(&txn, t, &form, now).await.unwrap();
    txn.commit().await.unwrap();
}

#[tokio::test]
async fn every_partner_starts_with_a_payg_and_a_flat_rate_profile() {
    let db = testing::fresh_db().await;
    let created = testing::partner(&db, "acme").await;
    let names: Vec<String> = profiles::list_for(&db, created.partner.id)
        .await
        .unwrap()
        .into_iter()
        .map(|p| p.name)
        .collect();
    assert_eq!(names, vec!["Flat Rate", "Pay-As-You-Go"]);
}

#[tokio::test]
async fn a_period_closes_at_local_midnight_into_one_invoice_and_reruns_change_nothing() {
    let db = testing::fresh_db().await;
    let secrets = SecretBox::new(&[7; 32]);
    let (owner, _) = testing::partner_owner(&db, "acme").await;
    let partner_id = testing::partner_id(&db, "acme").await;
    let start = at("2027-01-10T12:00:00Z");
    let t = tenant_in(&db, &owner, "denver", "America/Denver", start).await;
    // Seven extensions (two beyond the five the flat rate includes) from January 10th.
    for n in 0..7 {
        let form = ExtensionForm {
            number: format!("10{n}"),
            display_name: format!("Desk {n}"),
            voicemail: None,
        };
        crate::tenants::extensions::create(
            &db,
            &secrets,
            Some(&owner),
            &t.public_id.to_string(),
            &form,
            start,
        )
        .await
        .unwrap();
    }
    let flat = profile_named(&db, partner_id, "Flat Rate").await;
    bill(&db, &t, &flat, "monthly", vec![], start).await;

    // Denver's January 31st ends at 07:00 UTC on February 1st.
    assert_eq!(
        engine::run(&db, at("2027-02-01T06:59:59Z"))
            .await
            .unwrap()
            .invoices_created,
        0
    );
    assert_eq!(
        engine::run(&db, at("2027-02-01T07:00:00Z"))
            .await
            .unwrap()
            .invoices_created,
        1
    );
    assert_eq!(
        engine::run(&db, at("2027-02-01T07:00:00Z"))
            .await
            .unwrap()
            .invoices_created,
        0
    );

    let list = invoices::list(&db, partner_id, &invoices::Filter::default())
        .await
        .unwrap();
    assert_eq!(list.len(), 1);
    let first = &list[0];
    assert_eq!(
        (first.period_start.as_str(), first.period_end.as_str()),
        ("2027-01-10", "2027-01-31")
    );
    assert_eq!(first.number, "INV-000001");
    assert_eq!(first.status, InvoiceStatus::Draft);
    // Base fee $49 for 22 of 31 days = $34.77; 2 extensions beyond the allowance for
    // 22 days at $5 a month = 44 item-days × $5 / 31 = $7.10.
    let amounts: Vec<(LineKind, i64)> = first
        .lines
        .iter()
        .map(|l| (l.kind, l.amount_cents))
        .collect();
    assert_eq!(
        amounts,
        vec![(LineKind::BaseFee, 3_477), (LineKind::Extension, 710)]
    );
    assert_eq!(first.total_cents, 3_477 + 710);

    // Two months later, both closed months come at once, numbered on.
    let made = engine::run(&db, at("2027-04-01T06:00:00Z")).await.unwrap();
    assert_eq!(made.invoices_created, 2);
    let list = invoices::list(&db, partner_id, &invoices::Filter::default())
        .await
        .unwrap();
    let numbers: Vec<&str> = list.iter().map(|i| i.number.as_str()).collect();
    assert_eq!(numbers, vec!["INV-000003", "INV-000002", "INV-000001"]);
    let feb = list
        .iter()
        .find(|i| i.period_start == "2027-02-01")
        .unwrap();
    assert_eq!(feb.period_end, "2027-02-28");
    assert_eq!(feb.lines[0].amount_cents, 4_900);
    // 2 extensions beyond five, all February: exactly two months' price.
    assert_eq!(feb.lines[1].amount_cents, 1_000);
}

#[tokio::test]
async fn minutes_beyond_the_allowance_and_tax_rates_reach_the_invoice() {
    let db = testing::fresh_db().await;
    let (owner, _) = testing::partner_owner(&db, "acme").await;
    let partner_id = testing::partner_id(&db, "acme").await;
    let start = at("2027-03-01T00:00:00Z");
    let t = tenant_in(&db, &owner, "utc", "UTC", start).await;
    for (i, (minutes, toll_free)) in [(700, false), (400, false), (50, true)]
        .into_iter()
        .enumerate()
    {
        cdr::ActiveModel {
            record_id: Set(format!("call-{i}")),
            public_id: Set(Uuid::now_v7()),
            partner_id: Set(partner_id),
            tenant_id: Set(t.id),
            direction: Set("outbound".into()),
            from_number: Set("+13035550100".into()),
            to_number: Set("+13035550101".into()),
            started_at: Set(start + Duration::days(3)),
            answered_at: Set(Some(start + Duration::days(3))),
            ended_at: Set(start + Duration::days(3) + Duration::minutes(minutes)),
            hangup_cause: Set("normal_clearing".into()),
            toll_free: Set(toll_free),
            minutes: Set(minutes),
            rate_micros: Set(0),
            cost_micros: Set(0),
            ingested_at: Set(start),
            ..Default::default()
        }
        .insert(&*db)
        .await
        .unwrap();
    }
    let rate = taxes::create(
        &db,
        partner_id,
        &TaxRateForm {
            name: "Sales tax".into(),
            code: "CO".into(),
            rate: "8.25".into(),
            enabled: true,
        },
        start,
    )
    .await
    .unwrap();
    let flat = profile_named(&db, partner_id, "Flat Rate").await;
    bill(&db, &t, &flat, "monthly", vec![rate.id.clone()], start).await;
    assert_eq!(
        engine::run(&db, at("2027-04-01T00:00:00Z"))
            .await
            .unwrap()
            .invoices_created,
        1
    );
    let inv = &invoices::list(&db, partner_id, &invoices::Filter::default())
        .await
        .unwrap()[0];
    // 1,100 local minutes, 1,000 included: 100 × $0.025; toll-free 50 × $0.030.
    let minutes: Vec<(LineKind, i64)> = inv
        .lines
        .iter()
        .filter(|l| l.kind != LineKind::BaseFee)
        .map(|l| (l.kind, l.amount_cents))
        .collect();
    assert_eq!(
        minutes,
        vec![
            (LineKind::LocalMinutes, 250),
            (LineKind::TollFreeMinutes, 150)
        ]
    );
    assert_eq!(inv.subtotal_cents, 4_900 + 250 + 150);
    // 8.25 % of $53.00 = $4.3725 → $4.37, once.
    assert_eq!(inv.tax_cents, 437);
    assert_eq!(inv.total_cents, 5_300 + 437);
    assert_eq!(inv.taxes[0].name, "Sales tax");
    // A rate changed later leaves the invoice as it was.
    taxes::update(
        &db,
        partner_id,
        &rate.id,
        &TaxRateForm {
            name: "Sales tax".into(),
            code: "CO".into(),
            rate: "9".into(),
            enabled: true,
        },
        start,
    )
    .await
    .unwrap();
    assert_eq!(
        invoices::get(&db, partner_id, &inv.id)
            .await
            .unwrap()
            .tax_cents,
        437
    );
}

#[tokio::test]
async fn concurrent_runs_make_exactly_one_invoice_per_tenant_per_period_with_gapless_numbers() {
    let db = testing::fresh_db().await;
    let (owner, _) = testing::partner_owner(&db, "acme").await;
    let partner_id = testing::partner_id(&db, "acme").await;
    let start = at("2027-01-01T00:00:00Z");
    let payg = profile_named(&db, partner_id, "Pay-As-You-Go").await;
    let flat = profile_named(&db, partner_id, "Flat Rate").await;
    for i in 0..12 {
        let t = tenant_in(&db, &owner, &format!("t{i:02}"), "UTC", start).await;
        let period = [
            "daily",
            "weekly",
            "semimonthly",
            "monthly",
            "anniversary",
            "thirty_days",
        ][i % 6];
        bill(
            &db,
            &t,
            if i % 2 == 0 { &flat } else { &payg },
            period,
            vec![],
            start,
        )
        .await;
    }
    let when = at("2027-03-01T00:00:00Z");
    let (a, b, c, d) = tokio::join!(
        engine::run(&db, when),
        engine::run(&db, when),
        engine::run(&db, when),
        engine::run(&db, when)
    );
    let made: u32 = [a, b, c, d]
        .into_iter()
        .map(|r| r.unwrap().invoices_created)
        .sum();
    let list = invoices::list(&db, partner_id, &invoices::Filter::default())
        .await
        .unwrap();
    assert_eq!(made as usize, list.len());
    // Per tenant: the periods that ended by March 1st, each once.
    // From Friday January 1st: 59 days; a partial week then eight whole ones; four half
    // months; two months; two anniversaries; one thirty-day period (the next ends March 2nd).
    let expected = [59, 9, 4, 2, 2, 1];
    let total: usize = (0..12).map(|i| expected[i % 6]).sum();
    assert_eq!(list.len(), total);
    let mut seqs: Vec<String> = list.iter().map(|i| i.number.clone()).collect();
    seqs.sort();
    let wanted: Vec<String> = (1..=total).map(|n| format!("INV-{n:06}")).collect();
    assert_eq!(seqs, wanted);
    assert_eq!(engine::run(&db, when).await.unwrap().invoices_created, 0);
}

#[tokio::test]
async fn another_partners_profiles_rates_and_invoices_are_not_found() {
    let db = testing::fresh_db().await;
    let (owner, _) = testing::partner_owner(&db, "acme").await;
    testing::partner(&db, "rival").await;
    let acme = testing::partner_id(&db, "acme").await;
    let rival = testing::partner_id(&db, "rival").await;
    let start = at("2027-01-01T00:00:00Z");
    let t = tenant_in(&db, &owner, "acmeone", "UTC", start).await;
    let flat = profile_named(&db, acme, "Flat Rate").await;
    bill(&db, &t, &flat, "daily", vec![], start).await;
    engine::run(&db, at("2027-01-03T00:00:00Z")).await.unwrap();
    let mine = invoices::list(&db, acme, &invoices::Filter::default())
        .await
        .unwrap();
    assert_eq!(mine.len(), 2);
    assert!(
        invoices::list(&db, rival, &invoices::Filter::default())
            .await
            .unwrap()
            .is_empty()
    );
    assert!(invoices::get(&db, rival, &mine[0].id).await.is_err());
    assert!(profiles::get(&db, rival, &flat).await.is_err());
    let rate = taxes::create(
        &db,
        acme,
        &TaxRateForm {
            name: "VAT".into(),
            code: "VAT".into(),
            rate: "20".into(),
            enabled: true,
        },
        start,
    )
    .await
    .unwrap();
    assert!(taxes::get(&db, rival, &rate.id).await.is_err());
    // A tenant cannot be given another partner's profile.
    let rival_flat = profile_named(&db, rival, "Flat Rate").await;
    let form = TenantBillingForm {
        profile_id: rival_flat,
        period: "monthly".into(),
        mode: "postpaid".into(),
        ..Default::default()
    };
    let txn = crate::db::begin(&db).await.unwrap();
    let refused = settings::set(&txn, &t, &form, start).await.unwrap_err();
    assert!(
        refused.to_string().contains("billing profiles")
            || matches!(refused, model::AppError::Validation { .. })
    );
}
