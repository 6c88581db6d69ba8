//! `server billing-run` as real processes: two runs at once over 2,000 tenants, one of
//! them killed with SIGKILL part-way, then a rerun. Every tenant ends with exactly one
//! invoice for the period, and the partner's numbers run 1…2,000 without a gap (on
//! whichever database the suite runs against: SQLite here, PostgreSQL in CI).

mod support;

use std::{
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

use domain::invoicing::entity::invoice;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use support::KEY;

const TENANTS: usize = 2_000;
const AT: &str = "2027-02-01T12:00:00Z";

fn billing_run(url: &str, dir: &std::path::Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_server"));
    cmd.args(["billing-run", "--at", AT])
        .current_dir(dir)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("DATABASE_URL", url)
        .env("SWITCHBOARD_SECRET_KEY", KEY)
        .env("RUST_LOG", "warn");
    cmd
}

fn spawn(url: &str, dir: &std::path::Path) -> Child {
    billing_run(url, dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("billing-run starts")
}

#[tokio::test(flavor = "multi_thread")]
async fn concurrent_runs_and_a_killed_one_leave_exactly_one_invoice_per_tenant_and_no_gaps() {
    let db = domain::testing::fresh_db().await;
    let created = domain::testing::partner(&db, "acme").await;
    let partner_id = created.partner.id;
    domain::testing::bulk_tenants(&db, partner_id, "bulk", TENANTS).await;
    // Every tenant on the Flat Rate profile, billed by calendar month from January. The
    // partner reviews drafts, so the runs make invoices and mail none: this test is about
    // making them exactly once (mailing once is `invoicing::delivery_tests`).
    domain::testing::bill_all_monthly_as_drafts(&db, partner_id).await;

    let dir = tempfile::tempdir().unwrap();
    let mut doomed = spawn(&db.url, dir.path());
    let survivor = spawn(&db.url, dir.path());
    // Kill one as soon as invoices are being written.
    let started = Instant::now();
    loop {
        let made = invoice::Entity::find().count(&*db).await.unwrap();
        if made >= 20 || started.elapsed() > Duration::from_secs(120) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    doomed.kill().expect("SIGKILL");
    doomed.wait().unwrap();
    let out = survivor.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rerun = billing_run(&db.url, dir.path()).output().unwrap();
    assert!(
        rerun.status.success(),
        "{}",
        String::from_utf8_lossy(&rerun.stderr)
    );
    let summary: serde_json::Value = serde_json::from_str(
        String::from_utf8_lossy(&rerun.stdout)
            .lines()
            .last()
            .unwrap(),
    )
    .unwrap();
    assert!(summary["invoices_created"].is_u64(), "{summary}");

    let rows = invoice::Entity::find()
        .filter(invoice::Column::PartnerId.eq(partner_id))
        .order_by_asc(invoice::Column::Seq)
        .all(&*db)
        .await
        .unwrap();
    assert_eq!(rows.len(), TENANTS, "one invoice per tenant");
    let mut tenants: Vec<i32> = rows.iter().map(|r| r.tenant_id).collect();
    tenants.sort_unstable();
    tenants.dedup();
    assert_eq!(tenants.len(), TENANTS, "no tenant billed twice");
    let seqs: Vec<i64> = rows.iter().map(|r| r.seq).collect();
    assert_eq!(
        seqs,
        (1..=TENANTS as i64).collect::<Vec<_>>(),
        "numbers without gaps"
    );
    assert!(
        rows.iter()
            .all(|r| r.period_start == "2027-01-01" && r.period_end == "2027-01-31")
    );
    // And a third run, with everything billed, makes nothing.
    let idle = billing_run(&db.url, dir.path()).output().unwrap();
    let idle: serde_json::Value = serde_json::from_str(
        String::from_utf8_lossy(&idle.stdout)
            .lines()
            .last()
            .unwrap(),
    )
    .unwrap();
    assert_eq!(idle["invoices_created"], 0);
}
