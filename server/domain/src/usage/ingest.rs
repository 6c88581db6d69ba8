//! `POST /v1/cdrs`: a batch of up to 1,000 call records. One transaction per batch:
//! each record is inserted unless its id was seen before (then it is a duplicate and
//! changes nothing), rated, added to its tenant's counters for the month, and the
//! partner's wallet is debited in whole cents with the fraction carried (see
//! `model::usage`). A finished call is also an event (`call.completed`,
//! `inbound_call.abandoned`, …) when one of the partner's webhook endpoints asks for it.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use model::{
    AppError,
    billing::{LedgerKind, TierCode},
    usage::{Carry, CdrBatch, IngestResult, ValidCdr, billable_minutes, is_toll_free},
    webhooks::CallEventData,
};
use sea_orm::{
    ActiveValue::Set,
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    sea_query::{Expr, ExprTrait, OnConflict},
};
use uuid::Uuid;

use super::entity::{cdr, counter};
use crate::{
    Db,
    billing::{entity::tier, wallet},
    error::db_error,
    partners::partner,
    tenants::entity::tenant,
};

/// What a batch adds to one tenant's month.
#[derive(Default)]
struct Tally {
    partner_id: i32,
    local_minutes: i64,
    toll_free_minutes: i64,
    cost_micros: i64,
}

/// Per partner: cost by kind, in micro-dollars.
#[derive(Default)]
struct Cost {
    local: i64,
    toll_free: i64,
}

pub async fn ingest(
    db: &Db,
    batch: &CdrBatch,
    now: DateTime<Utc>,
) -> Result<IngestResult, AppError> {
    let records = batch.validate()?;
    let owners = tenants_of(db, &records).await?;
    let rates = RateBook::load(db).await?;
    let mut partners: Vec<i32> = owners.values().map(|o| o.1).collect();
    partners.sort_unstable();
    partners.dedup();
    let listened = crate::webhooks::queue::listened_for(db, &partners).await?;
    let txn = crate::db::begin(db).await?;
    let mut result = IngestResult {
        accepted: 0,
        duplicates: 0,
    };
    let mut tallies: HashMap<(i32, String), Tally> = HashMap::new();
    let mut costs: HashMap<i32, Cost> = HashMap::new();
    for r in &records {
        let (tenant_id, partner_id, tier) = owners[&r.tenant_id];
        let toll_free = is_toll_free(&r.to);
        let rate = rates.rate(tier, r.started_at, toll_free)?;
        let minutes = billable_minutes(r.billable_seconds());
        let cost = minutes * rate;
        let public_id = uuid::Uuid::now_v7();
        let inserted = cdr::Entity::insert(cdr::ActiveModel {
            record_id: Set(r.id.clone()),
            public_id: Set(public_id),
            partner_id: Set(partner_id),
            tenant_id: Set(tenant_id),
            direction: Set(format!("{:?}", r.direction).to_lowercase()),
            from_number: Set(r.from.clone()),
            to_number: Set(r.to.clone()),
            started_at: Set(r.started_at),
            answered_at: Set(r.answered_at),
            ended_at: Set(r.ended_at),
            hangup_cause: Set(r.hangup_cause.clone()),
            toll_free: Set(toll_free),
            minutes: Set(minutes),
            rate_micros: Set(rate),
            cost_micros: Set(cost),
            ingested_at: Set(now),
            ..Default::default()
        })
        .on_conflict(
            OnConflict::column(cdr::Column::RecordId)
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(&txn)
        .await
        .map_err(db_error)?;
        if inserted == 0 {
            result.duplicates += 1;
            continue;
        }
        result.accepted += 1;
        let event = CallEventData::event_type(r);
        if listened.get(&partner_id).is_some_and(|l| l.contains(event)) {
            let data = CallEventData::of(r, &public_id.to_string(), minutes, toll_free);
            crate::events::record(&txn, partner_id, event, &data, now).await?;
        }
        let cycle = crate::calendar::month_start(r.started_at).to_string();
        let t = tallies.entry((tenant_id, cycle)).or_default();
        t.partner_id = partner_id;
        let c = costs.entry(partner_id).or_default();
        if toll_free {
            t.toll_free_minutes += minutes;
            c.toll_free += cost;
        } else {
            t.local_minutes += minutes;
            c.local += cost;
        }
        t.cost_micros += cost;
    }
    for ((tenant_id, cycle), t) in tallies {
        add_to_counter(&txn, tenant_id, &cycle, &t).await?;
    }
    for (partner_id, cost) in costs {
        debit(&txn, partner_id, &cost, now).await?;
    }
    txn.commit().await.map_err(db_error)?;
    Ok(result)
}

/// Tenant public id → (row id, partner id, partner's tier). Unknown ids are refused
/// with the record they came in.
async fn tenants_of(
    db: &Db,
    records: &[ValidCdr],
) -> Result<HashMap<String, (i32, i32, TierCode)>, AppError> {
    let ids: Vec<Uuid> = records
        .iter()
        .filter_map(|r| Uuid::parse_str(&r.tenant_id).ok())
        .collect();
    let rows = tenant::Entity::find()
        .filter(tenant::Column::PublicId.is_in(ids))
        .all(db)
        .await
        .map_err(db_error)?;
    let partner_ids: Vec<i32> = rows.iter().map(|t| t.partner_id).collect();
    let partners = partner::Entity::find()
        .filter(partner::Column::Id.is_in(partner_ids))
        .all(db)
        .await
        .map_err(db_error)?;
    let tier_of: HashMap<i32, TierCode> = partners
        .iter()
        .map(|p| (p.id, TierCode::parse(&p.tier).unwrap_or(TierCode::Starter)))
        .collect();
    let known: HashMap<String, (i32, i32, TierCode)> = rows
        .iter()
        .map(|t| {
            let tier = tier_of
                .get(&t.partner_id)
                .copied()
                .unwrap_or(TierCode::Starter);
            (t.public_id.to_string(), (t.id, t.partner_id, tier))
        })
        .collect();
    let mut errors = model::FieldErrors::new();
    for (i, r) in records.iter().enumerate() {
        if !known.contains_key(&r.tenant_id) {
            errors.add(&format!("records[{i}].tenant_id"), "No tenant has this id.");
        }
    }
    if errors.is_empty() {
        Ok(known)
    } else {
        Err(errors.into())
    }
}

/// Every tier version (effective from, tier, local and toll-free rate), newest first, to
/// rate each call at the price in force when it started.
struct RateBook(Vec<(DateTime<Utc>, TierCode, i64, i64)>);

impl RateBook {
    async fn load(db: &Db) -> Result<Self, AppError> {
        let mut versions = Vec::new();
        for row in tier::Entity::find().all(db).await.map_err(db_error)? {
            let code = TierCode::parse(&row.code).map_err(crate::error::internal)?;
            versions.push((
                row.effective_from,
                code,
                row.local_minute_micros,
                row.toll_free_minute_micros,
            ));
        }
        versions.sort_by_key(|v| std::cmp::Reverse(v.0));
        Ok(Self(versions))
    }

    /// The version in force at `at`; a call older than every version gets the oldest.
    fn rate(&self, code: TierCode, at: DateTime<Utc>, toll_free: bool) -> Result<i64, AppError> {
        let mut of_tier = self.0.iter().filter(|v| v.1 == code);
        let version = of_tier
            .clone()
            .find(|v| v.0 <= at)
            .or_else(|| of_tier.next_back())
            .ok_or_else(|| AppError::not_found("Tier"))?;
        Ok(if toll_free { version.3 } else { version.2 })
    }
}

async fn add_to_counter(
    conn: &impl ConnectionTrait,
    tenant_id: i32,
    cycle: &str,
    t: &Tally,
) -> Result<(), AppError> {
    let add = |col: counter::Column, n: i64| Expr::col((counter::Entity, col)).add(n);
    let upsert = OnConflict::columns([counter::Column::TenantId, counter::Column::CycleStart])
        .value(
            counter::Column::LocalMinutes,
            add(counter::Column::LocalMinutes, t.local_minutes),
        )
        .value(
            counter::Column::TollFreeMinutes,
            add(counter::Column::TollFreeMinutes, t.toll_free_minutes),
        )
        .value(
            counter::Column::CostMicros,
            add(counter::Column::CostMicros, t.cost_micros),
        )
        .to_owned();
    counter::Entity::insert(counter::ActiveModel {
        partner_id: Set(t.partner_id),
        tenant_id: Set(tenant_id),
        cycle_start: Set(cycle.to_owned()),
        local_minutes: Set(t.local_minutes),
        toll_free_minutes: Set(t.toll_free_minutes),
        cost_micros: Set(t.cost_micros),
        ..Default::default()
    })
    .on_conflict(upsert)
    .exec_without_returning(conn)
    .await
    .map_err(db_error)?;
    Ok(())
}

/// Adds the batch's cost to the partner's carried fraction and debits the whole cents.
/// The first UPDATE locks the partner's row (PostgreSQL) or runs under the write lock
/// (SQLite), so concurrent batches cannot lose each other's fractions.
async fn debit(
    conn: &impl ConnectionTrait,
    partner_id: i32,
    cost: &Cost,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let total = cost.local + cost.toll_free;
    partner::Entity::update_many()
        .col_expr(
            partner::Column::UsageCarryMicros,
            Expr::col(partner::Column::UsageCarryMicros).add(total),
        )
        .filter(partner::Column::Id.eq(partner_id))
        .exec(conn)
        .await
        .map_err(db_error)?;
    let p = partner::Entity::find_by_id(partner_id)
        .one(conn)
        .await
        .map_err(db_error)?
        .ok_or_else(|| AppError::not_found("Partner"))?;
    // Re-split what is now due between the two kinds, local first.
    let mut carry = Carry(p.usage_carry_micros - total);
    let local_cents = carry.add(cost.local);
    let toll_free_cents = carry.add(cost.toll_free);
    partner::Entity::update_many()
        .col_expr(partner::Column::UsageCarryMicros, Expr::value(carry.0))
        .filter(partner::Column::Id.eq(partner_id))
        .exec(conn)
        .await
        .map_err(db_error)?;
    for (kind, cents, what) in [
        (LedgerKind::UsageLocal, local_cents, "Local calls"),
        (
            LedgerKind::UsageTollFree,
            toll_free_cents,
            "Toll-free calls",
        ),
    ] {
        if cents > 0 {
            let posting = wallet::Posting {
                partner_id,
                kind,
                amount_cents: -cents,
                description: what.to_owned(),
                reference: None,
                overdraw: true,
            };
            wallet::post(conn, posting, now).await?;
        }
    }
    Ok(())
}
