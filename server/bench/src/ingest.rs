//! CDR ingest: batches of 1,000 call records through `usage::ingest` (validate, look up
//! tenants, insert unless seen, rate, count, debit with the carried fraction) against a
//! raw batched insert of the same rows into the same table, measured in the same run.

use std::time::Instant;

use chrono::{Duration, Utc};
use domain::usage::{entity::cdr, ingest};
use model::usage::{CdrBatch, CdrInput, Direction};
use sea_orm::{ActiveValue::Set, EntityTrait, TransactionTrait};

const BATCH: usize = 1_000;

fn batch(tenants: &[String], b: usize) -> CdrBatch {
    let start = Utc::now() - Duration::days(1);
    let records = (0..BATCH)
        .map(|i| {
            let n = b * BATCH + i;
            let begun = start + Duration::seconds(n as i64);
            CdrInput {
                id: format!("bench-{n}"),
                tenant_id: tenants[n % tenants.len()].clone(),
                direction: if n.is_multiple_of(2) {
                    Direction::Outbound
                } else {
                    Direction::Inbound
                },
                from: "+15125550100".into(),
                to: if n.is_multiple_of(5) {
                    "+18005550100".into()
                } else {
                    format!("+1512555{:04}", n % 10_000)
                },
                started_at: begun.to_rfc3339(),
                answered_at: (!n.is_multiple_of(7))
                    .then(|| (begun + Duration::seconds(3)).to_rfc3339()),
                ended_at: (begun + Duration::seconds(30 + (n % 600) as i64)).to_rfc3339(),
                hangup_cause: "normal_clearing".into(),
            }
        })
        .collect();
    CdrBatch { records }
}

/// The same rows, already rated, as one multi-row INSERT per batch.
async fn raw_insert(db: &domain::Db, batch: &CdrBatch, partner_id: i32, tenant_id: i32) {
    let now = Utc::now();
    let rows: Vec<cdr::ActiveModel> = batch
        .records
        .iter()
        .map(|r| cdr::ActiveModel {
            record_id: Set(format!("raw-{}", r.id)),
            partner_id: Set(partner_id),
            tenant_id: Set(tenant_id),
            direction: Set("outbound".into()),
            from_number: Set(r.from.clone()),
            to_number: Set(r.to.clone()),
            started_at: Set(now),
            answered_at: Set(Some(now)),
            ended_at: Set(now),
            hangup_cause: Set(r.hangup_cause.clone()),
            toll_free: Set(false),
            minutes: Set(1),
            rate_micros: Set(20_000),
            cost_micros: Set(20_000),
            ingested_at: Set(now),
            ..Default::default()
        })
        .collect();
    let txn = db.begin().await.unwrap();
    // Chunks keep each statement under SQLite's bound-variable limit.
    for chunk in rows.chunks(500) {
        cdr::Entity::insert_many(chunk.to_vec())
            .exec(&txn)
            .await
            .unwrap();
    }
    txn.commit().await.unwrap();
}

pub async fn report(batches: usize) {
    let db = domain::testing::fresh_db().await;
    let (owner, _) = domain::testing::partner_owner(&db, "ingest").await;
    let partner_id = domain::testing::partner_id(&db, "ingest").await;
    let mut tenants = Vec::new();
    let mut first_row = 0;
    for i in 0..20 {
        let form = domain::testing::tenant_form(&format!("Caller {i}"), &format!("caller{i}"));
        let t = domain::tenants::create(&db, Some(&owner), &form, Utc::now())
            .await
            .unwrap();
        if i == 0 {
            first_row = domain::tenants::entity::tenant::Entity::find()
                .one(&*db)
                .await
                .unwrap()
                .map_or(0, |t| t.id);
        }
        tenants.push(t.id);
    }
    let work: Vec<CdrBatch> = (0..batches).map(|b| batch(&tenants, b)).collect();
    let records = (batches * BATCH) as f64;

    let raw_started = Instant::now();
    for b in &work {
        raw_insert(&db, b, partner_id, first_row).await;
    }
    let raw = records / raw_started.elapsed().as_secs_f64();

    let started = Instant::now();
    for b in &work {
        ingest::ingest(&db, b, Utc::now()).await.unwrap();
    }
    let rated = records / started.elapsed().as_secs_f64();
    let replay_started = Instant::now();
    let replayed = ingest::ingest(&db, &work[0], Utc::now()).await.unwrap();
    let replay = BATCH as f64 / replay_started.elapsed().as_secs_f64();
    assert_eq!(replayed.duplicates as usize, BATCH);

    println!("CDR ingest, {batches} batches of {BATCH} records, 20 tenants");
    println!("  raw batched INSERT          {raw:>10.0} records/s   (baseline)");
    println!(
        "  ingest + rating + debit     {rated:>10.0} records/s   ratio {:.3}",
        rated / raw
    );
    println!(
        "  replayed batch (all dups)   {replay:>10.0} records/s   ratio {:.3}",
        replay / raw
    );
}
