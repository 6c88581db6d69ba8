//! The billing run at scale and the invoice PDF. A run closes one period for every
//! tenant of a partner (10,000 on the Flat Rate starter profile, billed monthly); its
//! baseline is a plain insert of the very rows it wrote (each invoice and its lines in a
//! transaction of their own, as the run does), timed in the same run: the ratio is what
//! the run's reading, pricing, numbering and guarding cost on top of writing. The PDF
//! is timed warm (the template parsed, fonts loaded), as a serving instance renders it.

use std::time::Instant;

use domain::{
    invoicing::{
        document::{self, Portal},
        engine,
        entity::{invoice, invoice_line},
        invoices,
    },
    partners::partner,
    tenants::entity::tenant,
};
use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel, Set, TransactionTrait};

use crate::ssr::median;

const AT: &str = "2027-02-01T12:00:00Z";

pub async fn report(tenants: usize) {
    let db = domain::testing::fresh_db().await;
    let partner_id = domain::testing::partner(&db, "bench").await.partner.id;
    domain::testing::bulk_tenants(&db, partner_id, "b", tenants).await;
    // Making invoices is measured here; mailing them is the PDF figure below.
    domain::testing::bill_all_monthly_as_drafts(&db, partner_id).await;

    let at = chrono::DateTime::parse_from_rfc3339(AT)
        .unwrap()
        .with_timezone(&chrono::Utc);
    let started = Instant::now();
    let made = engine::run(&db, at).await.unwrap();
    let run_s = started.elapsed().as_secs_f64();
    assert_eq!(made.invoices_created as usize, tenants);

    // The baseline: the same invoices and lines inserted again, for another partner and
    // another period (the keys stay unique).
    let raw_partner = domain::testing::partner(&db, "raw").await.partner.id;
    let rows = invoice::Entity::find().all(&*db).await.unwrap();
    let lines = invoice_line::Entity::find().all(&*db).await.unwrap();
    let started = Instant::now();
    for row in &rows {
        let txn = db.begin().await.unwrap();
        let mut copy = row.clone().into_active_model();
        copy.id = sea_orm::ActiveValue::NotSet;
        copy.public_id = Set(uuid::Uuid::now_v7());
        copy.partner_id = Set(raw_partner);
        copy.period_start = Set("2026-12-01".into());
        let saved = copy.insert(&txn).await.unwrap();
        for line in lines.iter().filter(|l| l.invoice_id == row.id) {
            let mut copy = line.clone().into_active_model();
            copy.id = sea_orm::ActiveValue::NotSet;
            copy.invoice_id = Set(saved.id);
            copy.insert(&txn).await.unwrap();
        }
        txn.commit().await.unwrap();
    }
    let raw_s = started.elapsed().as_secs_f64();
    let per = |s: f64| tenants as f64 / s;
    println!(
        "Billing run over {tenants} tenants (one monthly period each, {} lines)",
        lines.len()
    );
    println!(
        "  raw insert of the same rows {raw_s:>8.2} s  {:>8.0} invoices/s   (baseline)",
        per(raw_s)
    );
    println!(
        "  billing run                 {run_s:>8.2} s  {:>8.0} invoices/s   ({:.2}x the baseline's time)",
        per(run_s),
        run_s / raw_s
    );

    // The PDF of one of those invoices: the document alone (layout and PDF writing),
    // then with the reads a download does.
    let row = rows[0].clone();
    let dto = invoices::to_dto(&*db, vec![row.clone()])
        .await
        .unwrap()
        .remove(0);
    let t = tenant::Entity::find_by_id(row.tenant_id)
        .one(&*db)
        .await
        .unwrap()
        .unwrap();
    let p = partner::Entity::find_by_id(row.partner_id)
        .one(&*db)
        .await
        .unwrap()
        .unwrap();
    let doc = document::document(&row, &dto, &t, &p, "https://bench.example/orgs/b/billing");
    for _ in 0..3 {
        invoice_pdf::render(&doc, None).unwrap();
    }
    let mut pure = Vec::new();
    for _ in 0..30 {
        let started = Instant::now();
        let bytes = invoice_pdf::render(&doc, None).unwrap();
        pure.push(started.elapsed().as_secs_f64() * 1_000.0);
        assert!(bytes.starts_with(b"%PDF-"));
    }
    let portal = Portal {
        base_url: "http://localhost:3000",
        platform_domain: "localhost",
    };
    let mut full = Vec::new();
    for _ in 0..30 {
        let started = Instant::now();
        document::render(&*db, row.clone(), portal).await.unwrap();
        full.push(started.elapsed().as_secs_f64() * 1_000.0);
    }
    let (pure, full) = (median(pure), median(full));
    let invoice_ms = run_s * 1_000.0 / tenants as f64;
    println!(
        "  invoice PDF, layout + write {pure:>8.1} ms            ({:.1}x one invoice of the run)",
        pure / invoice_ms
    );
    println!(
        "  invoice PDF with its reads  {full:>8.1} ms            ({:.1}x one invoice of the run)",
        full / invoice_ms
    );
}
