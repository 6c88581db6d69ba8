//! Carrier work that takes time, as rows in `carrier_jobs` run by the periodic worker
//! with an injected clock: bringing a bought number into service (retried with
//! back-off: provisioning problems pass), and pushing CNAM and E911 records (a refusal
//! is final and shown with the carrier's reason: the partner fixes the data and saves
//! again). Each job is claimed with a lease before the carrier is called, so two
//! instances never run the same job, and a crashed instance's job is picked up when its
//! lease runs out.

use chrono::{DateTime, Duration, Utc};
use model::{
    AppError,
    numbers::{NumberStatus, PhoneNumber},
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, IntoActiveModel,
    QueryFilter, QueryOrder, QuerySelect, Set,
};

use super::{
    carrier::Carrier,
    entity::{job, number},
};
use crate::{Db, error::db_error};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Activate,
    Cnam,
    E911,
    /// Tells the carrier a number was given up (a cancelled tenant's numbers).
    Release,
    /// Moves a port request one step (see `ports`).
    Port,
}

impl Kind {
    fn as_str(self) -> &'static str {
        match self {
            Self::Activate => "activate",
            Self::Cnam => "cnam",
            Self::E911 => "e911",
            Self::Release => "release",
            Self::Port => "port",
        }
    }
}

const LEASE: Duration = Duration::minutes(5);

/// Wakes this instance's job runner when new work is queued (other instances find it on
/// their next round).
pub static WAKE: tokio::sync::Notify = tokio::sync::Notify::const_new();
/// Attempts before an activation gives up (then an operator looks at the log).
const MAX_ATTEMPTS: i32 = 8;

pub async fn enqueue(
    conn: &impl ConnectionTrait,
    kind: Kind,
    subject_id: i32,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    enqueue_at(conn, kind, subject_id, now).await
}

/// Queues a job that is not due before `due_at` (a port's completion on its FOC date).
pub async fn enqueue_at(
    conn: &impl ConnectionTrait,
    kind: Kind,
    subject_id: i32,
    due_at: DateTime<Utc>,
) -> Result<(), AppError> {
    job::ActiveModel {
        kind: Set(kind.as_str().to_owned()),
        subject_id: Set(subject_id),
        due_at: Set(due_at),
        attempts: Set(0),
        ..Default::default()
    }
    .insert(conn)
    .await
    .map_err(db_error)?;
    Ok(())
}

/// Queues the next step of port request `port_id`, replacing any step still queued for
/// it (a request has one next step; an old one left behind would repeat a step).
pub async fn enqueue_port(
    conn: &impl ConnectionTrait,
    port_id: i32,
    due_at: DateTime<Utc>,
) -> Result<(), AppError> {
    job::Entity::update_many()
        .col_expr(job::Column::DoneAt, sea_orm::sea_query::Expr::value(due_at))
        .col_expr(
            job::Column::LastError,
            sea_orm::sea_query::Expr::value("superseded"),
        )
        .filter(job::Column::Kind.eq(Kind::Port.as_str()))
        .filter(job::Column::SubjectId.eq(port_id))
        .filter(job::Column::DoneAt.is_null())
        .filter(job::Column::ClaimedUntil.is_null())
        .exec(conn)
        .await
        .map_err(db_error)?;
    enqueue_at(conn, Kind::Port, port_id, due_at).await
}

/// What one round did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Round {
    pub done: usize,
    pub failed: usize,
}

/// Runs every due number job once (claimed by `instance`); port jobs run in
/// [`super::ports::run_due`], which needs more than the carrier.
pub async fn run_due(
    db: &Db,
    carrier: &dyn Carrier,
    instance: &str,
    now: DateTime<Utc>,
) -> Result<Round, AppError> {
    let mut round = Round::default();
    for j in claim_due(db, false, instance, now).await? {
        if run_one(db, carrier, j, now).await? {
            round.done += 1;
        } else {
            round.failed += 1;
        }
    }
    Ok(round)
}

/// Due jobs (port jobs when `ports`, the number jobs otherwise), each claimed for
/// `instance` with a lease; a job another instance claimed first is left out.
pub(super) async fn claim_due(
    db: &Db,
    ports: bool,
    instance: &str,
    now: DateTime<Utc>,
) -> Result<Vec<job::Model>, AppError> {
    let port = Kind::Port.as_str();
    let due = job::Entity::find()
        .filter(job::Column::DoneAt.is_null())
        .filter(job::Column::DueAt.lte(now))
        .filter(if ports {
            job::Column::Kind.eq(port)
        } else {
            job::Column::Kind.ne(port)
        })
        .filter(
            Condition::any()
                .add(job::Column::ClaimedUntil.is_null())
                .add(job::Column::ClaimedUntil.lt(now)),
        )
        .order_by_asc(job::Column::DueAt)
        .limit(200)
        .all(db)
        .await
        .map_err(db_error)?;
    let mut claimed = Vec::with_capacity(due.len());
    for j in due {
        let won = job::Entity::update_many()
            .col_expr(
                job::Column::ClaimedBy,
                sea_orm::sea_query::Expr::value(instance),
            )
            .col_expr(
                job::Column::ClaimedUntil,
                sea_orm::sea_query::Expr::value(now + LEASE),
            )
            .filter(job::Column::Id.eq(j.id))
            .filter(job::Column::DoneAt.is_null())
            .filter(
                Condition::any()
                    .add(job::Column::ClaimedUntil.is_null())
                    .add(job::Column::ClaimedUntil.lt(now)),
            )
            .exec(db)
            .await
            .map_err(db_error)?;
        if won.rows_affected == 1 {
            claimed.push(j);
        }
    }
    Ok(claimed)
}

/// Runs a claimed job; `true` when it finished.
async fn run_one(
    db: &Db,
    carrier: &dyn Carrier,
    j: job::Model,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    let Some(row) = number::Entity::find_by_id(j.subject_id)
        .one(db)
        .await
        .map_err(db_error)?
    else {
        return finish(db, j, now, None).await.map(|()| true);
    };
    let Ok(phone) = PhoneNumber::parse(&row.e164) else {
        return finish(db, j, now, Some("bad number".into()))
            .await
            .map(|()| true);
    };
    if j.kind == "release" {
        return match carrier.release(&phone).await {
            Ok(()) => finish(db, j, now, None).await.map(|()| true),
            Err(e) => retry(db, j, now, e.0).await.map(|()| false),
        };
    }
    if row.released_at.is_some() {
        return finish(db, j, now, None).await.map(|()| true);
    }
    match j.kind.as_str() {
        "activate" => match carrier.activate(&phone).await {
            Ok(()) => {
                let mut active = row.into_active_model();
                active.status = Set(NumberStatus::Active.as_str().to_owned());
                active.activated_at = Set(Some(now));
                active.updated_at = Set(now);
                active.update(db).await.map_err(db_error)?;
                finish(db, j, now, None).await?;
                Ok(true)
            }
            Err(e) => retry(db, j, now, e.0).await.map(|()| false),
        },
        kind @ ("cnam" | "e911") => {
            let result = if kind == "cnam" {
                carrier
                    .set_cnam(&phone, row.cnam.as_deref().unwrap_or_default())
                    .await
            } else {
                carrier
                    .register_e911(&phone, row.e911_address.as_deref().unwrap_or_default())
                    .await
            };
            let ok = result.is_ok();
            let reason = result.err().map(|e| e.0);
            let mut active = row.into_active_model();
            if kind == "cnam" {
                active.cnam_status = Set(Some(if ok { "SYNCED" } else { "FAILED" }.to_owned()));
                active.cnam_reason = Set(reason.clone());
            } else {
                active.e911_status = Set(if ok { "REGISTERED" } else { "FAILED" }.to_owned());
                active.e911_reason = Set(reason.clone());
            }
            active.updated_at = Set(now);
            active.update(db).await.map_err(db_error)?;
            finish(db, j, now, reason).await?;
            Ok(ok)
        }
        _ => finish(db, j, now, Some("unknown job".into()))
            .await
            .map(|()| true),
    }
}

pub(super) async fn finish(
    db: &Db,
    j: job::Model,
    now: DateTime<Utc>,
    error: Option<String>,
) -> Result<(), AppError> {
    let attempts = j.attempts + 1;
    let mut active = j.into_active_model();
    active.attempts = Set(attempts);
    active.done_at = Set(Some(now));
    active.last_error = Set(error);
    active.claimed_until = Set(None);
    active.update(db).await.map_err(db_error)?;
    Ok(())
}

/// Tries again later: 1, 2, 4, … minutes, then gives up.
pub(super) async fn retry(
    db: &Db,
    j: job::Model,
    now: DateTime<Utc>,
    error: String,
) -> Result<(), AppError> {
    let attempts = j.attempts + 1;
    if attempts >= MAX_ATTEMPTS {
        tracing::error!(job = j.id, %error, "carrier job gave up");
        return finish(db, j, now, Some(error)).await;
    }
    let mut active = j.into_active_model();
    active.attempts = Set(attempts);
    active.due_at = Set(now + Duration::minutes(1 << (attempts - 1).min(10)));
    active.last_error = Set(Some(error));
    active.claimed_until = Set(None);
    active.update(db).await.map_err(db_error)?;
    Ok(())
}
