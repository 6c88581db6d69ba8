//! The delivery queue. Events become deliveries (one per wanting endpoint) in a fan-out
//! step; due deliveries are claimed with a lease, posted, and their attempt recorded in
//! one transaction guarded by the lease and the attempt count, so two instances never
//! make or record the same attempt twice, and a stopped instance's claims simply run out.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Duration, Utc};
use model::{
    AppError,
    auth::Role,
    webhooks::{DISABLE_AFTER, DeliveryStatus, MAX_ATTEMPTS, SCHEDULE_SECS},
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
    sea_query::{Expr, ExprTrait, OnConflict, Query},
};

use super::{
    entity::{attempt, delivery, endpoint},
    payload,
    send::{Sender, Sent},
};
use crate::{
    Db, auth::user, crypto::SecretBox, error::db_error, events::entity as event, mail,
    partners::partner,
};

/// A claim outlives a whole round: at most 64 deliveries, 16 at a time, 10 s each.
const LEASE: Duration = Duration::seconds(300);
const BATCH: u64 = 64;
const IN_FLIGHT: usize = 16;

/// What a delivery round needs besides the database.
#[derive(Debug, Clone)]
pub struct Worker {
    pub sender: Sender,
    pub secrets: SecretBox,
    /// The platform's name, for the email sent when an endpoint is turned off.
    pub platform_name: String,
    /// `https://host` of the portal, for that email's link.
    pub base_url: String,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Round {
    pub fanned_out: usize,
    pub delivered: usize,
    pub failed: usize,
}

/// One round: fan out new events, then make every attempt that is due at `now`.
pub async fn run_due(
    db: &Db,
    worker: &Worker,
    instance: &str,
    now: DateTime<Utc>,
) -> Result<Round, AppError> {
    let mut round = Round {
        fanned_out: fan_out(db, now).await?,
        ..Round::default()
    };
    let claimed = claim(db, instance, now).await?;
    let mut tasks = tokio::task::JoinSet::new();
    for d in claimed {
        if tasks.len() >= IN_FLIGHT
            && let Some(done) = tasks.join_next().await
        {
            tally(&mut round, done);
        }
        let (db, worker, instance) = (db.clone(), worker.clone(), instance.to_owned());
        tasks.spawn(async move { attempt(&db, &worker, d, &instance, now).await });
    }
    while let Some(done) = tasks.join_next().await {
        tally(&mut round, done);
    }
    Ok(round)
}

fn tally(round: &mut Round, done: Result<Result<bool, AppError>, tokio::task::JoinError>) {
    match done {
        Ok(Ok(true)) => round.delivered += 1,
        Ok(Ok(false)) => round.failed += 1,
        Ok(Err(err)) => tracing::warn!(%err, "webhook attempt not recorded; it will be retried"),
        Err(err) => tracing::warn!(%err, "webhook attempt stopped"),
    }
}

/// Creates the deliveries of events not fanned out yet; returns how many events it took.
/// Each delivery is unique by event, endpoint and sequence, so two instances fanning out
/// the same events insert them once.
pub async fn fan_out(db: &Db, now: DateTime<Utc>) -> Result<usize, AppError> {
    let events = event::Entity::find()
        .filter(event::Column::FannedOutAt.is_null())
        .order_by_asc(event::Column::Id)
        .limit(500)
        .all(db)
        .await
        .map_err(db_error)?;
    if events.is_empty() {
        return Ok(0);
    }
    let mut partners: Vec<i32> = events.iter().map(|e| e.partner_id).collect();
    partners.sort_unstable();
    partners.dedup();
    let wanted = live_endpoints(db, &partners).await?;
    let mut rows = Vec::new();
    for ev in &events {
        for (ep, types) in &wanted {
            // An endpoint hears of what happens after it exists.
            if ep.partner_id == ev.partner_id
                && ep.created_at <= ev.created_at
                && types.contains(&ev.event_type)
            {
                rows.push(new_delivery(ep.id, ev.id, 0, now));
            }
        }
    }
    let txn = crate::db::begin(db).await?;
    insert_deliveries(&txn, rows).await?;
    event::Entity::update_many()
        .col_expr(event::Column::FannedOutAt, Expr::value(now))
        .filter(event::Column::Id.is_in(events.iter().map(|e| e.id)))
        .filter(event::Column::FannedOutAt.is_null())
        .exec(&txn)
        .await
        .map_err(db_error)?;
    txn.commit().await.map_err(db_error)?;
    Ok(events.len())
}

/// The enabled endpoints of these partners, each with the events it asks for.
async fn live_endpoints(
    conn: &impl ConnectionTrait,
    partners: &[i32],
) -> Result<Vec<(endpoint::Model, Vec<String>)>, AppError> {
    Ok(endpoint::Entity::find()
        .filter(endpoint::Column::PartnerId.is_in(partners.iter().copied()))
        .filter(endpoint::Column::Enabled.eq(true))
        .filter(endpoint::Column::DeletedAt.is_null())
        .all(conn)
        .await
        .map_err(db_error)?
        .into_iter()
        .map(|ep| {
            let events = serde_json::from_str(&ep.events).unwrap_or_default();
            (ep, events)
        })
        .collect())
}

/// For each partner, the event types some enabled endpoint of theirs asks for. Services
/// that produce events in bulk (call records) record only these: no endpoint could be
/// sent the others, since an endpoint hears only of what happens while it is on.
pub async fn listened_for(
    conn: &impl ConnectionTrait,
    partners: &[i32],
) -> Result<HashMap<i32, HashSet<String>>, AppError> {
    let mut out: HashMap<i32, HashSet<String>> = HashMap::new();
    for (ep, events) in live_endpoints(conn, partners).await? {
        out.entry(ep.partner_id).or_default().extend(events);
    }
    Ok(out)
}

pub(super) fn new_delivery(
    endpoint_id: i32,
    event_id: i32,
    seq: i32,
    now: DateTime<Utc>,
) -> delivery::ActiveModel {
    delivery::ActiveModel {
        public_id: Set(uuid::Uuid::now_v7()),
        endpoint_id: Set(endpoint_id),
        event_id: Set(event_id),
        seq: Set(seq),
        status: Set(DeliveryStatus::Pending.as_str().to_owned()),
        attempts: Set(0),
        next_attempt_at: Set(Some(now)),
        lease_owner: Set(None),
        lease_until: Set(None),
        created_at: Set(now),
        ..Default::default()
    }
}

async fn insert_deliveries(
    conn: &impl ConnectionTrait,
    rows: Vec<delivery::ActiveModel>,
) -> Result<(), AppError> {
    for chunk in rows.chunks(200) {
        delivery::Entity::insert_many(chunk.to_vec())
            .on_conflict(
                OnConflict::columns([
                    delivery::Column::EventId,
                    delivery::Column::EndpointId,
                    delivery::Column::Seq,
                ])
                .do_nothing()
                .to_owned(),
            )
            .exec_without_returning(conn)
            .await
            .map_err(db_error)?;
    }
    Ok(())
}

/// Due deliveries of enabled endpoints, each claimed for `instance`; one another instance
/// claimed first is left out.
pub(super) async fn claim(
    db: &Db,
    instance: &str,
    now: DateTime<Utc>,
) -> Result<Vec<delivery::Model>, AppError> {
    let unclaimed = || {
        Condition::any()
            .add(delivery::Column::LeaseUntil.is_null())
            .add(delivery::Column::LeaseUntil.lt(now))
    };
    let live = Query::select()
        .column(endpoint::Column::Id)
        .from(endpoint::Entity)
        .and_where(endpoint::Column::Enabled.eq(true))
        .and_where(endpoint::Column::DeletedAt.is_null())
        .to_owned();
    let due = delivery::Entity::find()
        .filter(delivery::Column::NextAttemptAt.lte(now))
        .filter(delivery::Column::EndpointId.in_subquery(live))
        .filter(unclaimed())
        .order_by_asc(delivery::Column::NextAttemptAt)
        .limit(BATCH)
        .all(db)
        .await
        .map_err(db_error)?;
    if due.is_empty() {
        return Ok(due);
    }
    let ids: Vec<i32> = due.iter().map(|d| d.id).collect();
    // One statement claims the batch (one write, not one per row). A row another instance
    // claimed, or attempted and rescheduled, in between is left out by the same guards.
    delivery::Entity::update_many()
        .col_expr(delivery::Column::LeaseOwner, Expr::value(instance))
        .col_expr(delivery::Column::LeaseUntil, Expr::value(now + LEASE))
        .filter(delivery::Column::Id.is_in(ids.clone()))
        .filter(delivery::Column::NextAttemptAt.lte(now))
        .filter(unclaimed())
        .exec(db)
        .await
        .map_err(db_error)?;
    delivery::Entity::find()
        .filter(delivery::Column::Id.is_in(ids))
        .filter(delivery::Column::LeaseOwner.eq(instance))
        .order_by_asc(delivery::Column::NextAttemptAt)
        .all(db)
        .await
        .map_err(db_error)
}

/// Makes the next attempt of a claimed delivery; `true` when it was delivered.
async fn attempt(
    db: &Db,
    worker: &Worker,
    d: delivery::Model,
    instance: &str,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    let (ep, ev) = (
        endpoint::Entity::find_by_id(d.endpoint_id).one(db).await,
        event::Entity::find_by_id(d.event_id).one(db).await,
    );
    let (Some(ep), Some(ev)) = (ep.map_err(db_error)?, ev.map_err(db_error)?) else {
        return Err(crate::error::internal(
            "webhook delivery without its endpoint or event",
        ));
    };
    let partner = partner::Entity::find_by_id(ev.partner_id)
        .one(db)
        .await
        .map_err(db_error)?
        .ok_or_else(|| crate::error::internal("webhook event without its partner"))?;
    let body = payload::body(&ev, &partner.public_id)?;
    let secret = String::from_utf8(worker.secrets.open(&ep.secret_sealed)?)
        .map_err(crate::error::internal)?;
    let timestamp = now.timestamp();
    let headers = [
        ("webhook-id", ev.public_id.clone()),
        ("webhook-timestamp", timestamp.to_string()),
        (
            "webhook-signature",
            payload::signature(&secret, &ev.public_id, timestamp, &body)?,
        ),
    ];
    let sent = worker.sender.post(&ep.url, &headers, body).await;
    record(db, worker, &d, &ep, &sent, instance, now).await?;
    Ok(sent.succeeded)
}

/// Writes the attempt and moves the delivery on, unless this instance lost its claim.
async fn record(
    db: &Db,
    worker: &Worker,
    d: &delivery::Model,
    ep: &endpoint::Model,
    sent: &Sent,
    instance: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let n = d.attempts + 1;
    let (status, next) = if sent.succeeded {
        (DeliveryStatus::Delivered, None)
    } else if n >= MAX_ATTEMPTS as i32 {
        (DeliveryStatus::Dead, None)
    } else {
        let scheduled = d.created_at + Duration::seconds(SCHEDULE_SECS[n as usize]);
        (DeliveryStatus::Failed, Some(Ord::max(scheduled, now)))
    };
    let txn = crate::db::begin(db).await?;
    let moved = delivery::Entity::update_many()
        .col_expr(delivery::Column::Status, Expr::value(status.as_str()))
        .col_expr(delivery::Column::Attempts, Expr::value(n))
        .col_expr(delivery::Column::NextAttemptAt, Expr::value(next))
        .col_expr(delivery::Column::LeaseOwner, Expr::value(None::<String>))
        .col_expr(
            delivery::Column::LeaseUntil,
            Expr::value(None::<DateTime<Utc>>),
        )
        .filter(delivery::Column::Id.eq(d.id))
        .filter(delivery::Column::Attempts.eq(d.attempts))
        .filter(delivery::Column::LeaseOwner.eq(instance))
        .exec(&txn)
        .await
        .map_err(db_error)?;
    if moved.rows_affected != 1 {
        // Another instance took this delivery over after our claim ran out.
        return Ok(());
    }
    attempt::ActiveModel {
        delivery_id: Set(d.id),
        endpoint_id: Set(d.endpoint_id),
        attempt: Set(n),
        attempted_at: Set(now),
        duration_ms: Set(sent.duration_ms),
        response_status: Set(sent.status.map(i32::from)),
        outcome: Set(sent.outcome.chars().take(200).collect()),
        succeeded: Set(sent.succeeded),
        response_body: Set(sent.body.clone()),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(db_error)?;
    let failures = if sent.succeeded {
        Expr::value(0)
    } else {
        Expr::col(endpoint::Column::ConsecutiveFailures).add(1)
    };
    endpoint::Entity::update_many()
        .col_expr(endpoint::Column::ConsecutiveFailures, failures)
        .filter(endpoint::Column::Id.eq(ep.id))
        .exec(&txn)
        .await
        .map_err(db_error)?;
    if !sent.succeeded {
        disable_if_failing(&txn, worker, ep.id, now).await?;
    }
    txn.commit().await.map_err(db_error)
}

/// Turns an endpoint off at 100 failures in a row, and tells the partner's admins once.
async fn disable_if_failing(
    txn: &sea_orm::DatabaseTransaction,
    worker: &Worker,
    endpoint_id: i32,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let off = endpoint::Entity::update_many()
        .col_expr(endpoint::Column::Enabled, Expr::value(false))
        .col_expr(endpoint::Column::DisabledReason, Expr::value("failures"))
        .col_expr(endpoint::Column::UpdatedAt, Expr::value(now))
        .filter(endpoint::Column::Id.eq(endpoint_id))
        .filter(endpoint::Column::Enabled.eq(true))
        .filter(endpoint::Column::ConsecutiveFailures.gte(DISABLE_AFTER))
        .exec(txn)
        .await
        .map_err(db_error)?;
    if off.rows_affected != 1 {
        return Ok(());
    }
    let Some(ep) = endpoint::Entity::find_by_id(endpoint_id)
        .one(txn)
        .await
        .map_err(db_error)?
    else {
        return Ok(());
    };
    let admins = user::Entity::find()
        .filter(user::Column::PartnerId.eq(ep.partner_id))
        .filter(user::Column::TenantId.is_null())
        .filter(user::Column::Role.eq(Role::PartnerAdmin.as_str()))
        .all(txn)
        .await
        .map_err(db_error)?;
    let sender = crate::branding::sender_for(txn, None, &worker.platform_name).await?;
    let link = format!("{}/settings/webhooks", worker.base_url);
    for admin in admins {
        let message = mail::templates::webhook_disabled(&sender, &admin.email, &ep.url, &link);
        mail::enqueue(txn, message, now).await?;
    }
    tracing::warn!(endpoint = %ep.public_id, "webhook endpoint disabled after {DISABLE_AFTER} failures in a row");
    Ok(())
}
