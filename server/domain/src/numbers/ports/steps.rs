//! The carrier's side of a request, one step per job: PENDING is submitted to the
//! losing carrier (SUBMITTED); a submitted order is asked for its answer (FOC_RECEIVED
//! with the date, or REJECTED with the reason); on the FOC date the numbers are
//! activated here and join the inventory (COMPLETED). A cancelled order the carrier
//! knows of is withdrawn there. Carrier outages retry with back-off. Each status change
//! is guarded by the status it moves from, so a step that lost a race (a cancel in the
//! meantime) changes nothing.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use model::{
    AppError,
    billing::LedgerKind,
    numbers::{E911Status, NumberKind, NumberStatus, PhoneNumber, ports::PortStatus},
    tenants::E911Address,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter, Set,
    sea_query::{Expr, ExprTrait},
};

use super::{
    entity::{number as port_number, request},
    notify::{self, CARRIER, Mailing},
};
use crate::{
    Db, billing::wallet, crypto::SecretBox, error::db_error, numbers::carrier, numbers::entity,
    numbers::jobs, tenants::entity::tenant,
};
use carrier::{Carrier, PortAnswer, PortOrder};

/// What the port jobs need.
pub struct Worker<'a> {
    pub carrier: &'a dyn Carrier,
    pub secrets: &'a SecretBox,
    pub mailing: Mailing<'a>,
}

/// How long to wait before asking again a carrier that is still reviewing.
const RECHECK: Duration = Duration::hours(1);

/// Runs every due port step once (claimed by `instance`).
pub async fn run_due(
    db: &Db,
    worker: &Worker<'_>,
    instance: &str,
    now: DateTime<Utc>,
) -> Result<jobs::Round, AppError> {
    let mut round = jobs::Round::default();
    for j in jobs::claim_due(db, true, instance, now).await? {
        match step(db, worker, &j, now).await {
            Ok(()) => {
                jobs::finish(db, j, now, None).await?;
                round.done += 1;
            }
            Err(Retry(reason)) => {
                jobs::retry(db, j, now, reason).await?;
                round.failed += 1;
            }
        }
    }
    Ok(round)
}

/// A step that did not happen and should be tried again later.
struct Retry(String);

impl From<AppError> for Retry {
    fn from(e: AppError) -> Self {
        Self(e.to_string())
    }
}

impl From<carrier::CarrierError> for Retry {
    fn from(e: carrier::CarrierError) -> Self {
        Self(e.0)
    }
}

async fn step(
    db: &Db,
    w: &Worker<'_>,
    j: &entity::job::Model,
    now: DateTime<Utc>,
) -> Result<(), Retry> {
    let Some(row) = request::Entity::find_by_id(j.subject_id)
        .one(db)
        .await
        .map_err(db_error)?
    else {
        return Ok(());
    };
    let status = PortStatus::parse(&row.status).unwrap_or(PortStatus::Pending);
    let order = order_of(db, w.secrets, &row).await?;
    let today = now.date_naive();
    match status {
        PortStatus::Pending => {
            let reference = w.carrier.submit_port(&order).await?;
            let note = format!(
                "Sent to {}; their reference is {reference}.",
                row.losing_carrier
            );
            let mut active = row.into_active_model();
            active.carrier_ref = Set(Some(reference));
            moved(
                db,
                w,
                active,
                status,
                PortStatus::Submitted,
                Some(note),
                now,
                now,
            )
            .await?;
        }
        PortStatus::Submitted => {
            let reference = row.carrier_ref.clone().unwrap_or_default();
            match w.carrier.port_status(&reference, &order, today).await? {
                PortAnswer::Waiting => {
                    let txn = crate::db::begin(db).await?;
                    jobs::enqueue_port(&txn, row.id, now + RECHECK).await?;
                    txn.commit().await.map_err(db_error)?;
                }
                PortAnswer::Foc(date) => {
                    let mut active = row.into_active_model();
                    active.foc_date = Set(Some(date));
                    let due = Ord::max(start_of(date), now);
                    moved(
                        db,
                        w,
                        active,
                        status,
                        PortStatus::FocReceived,
                        None,
                        now,
                        due,
                    )
                    .await?;
                }
                PortAnswer::Rejected(reason) => {
                    let mut active = row.into_active_model();
                    active.reason = Set(Some(reason.chars().take(300).collect()));
                    active.carrier_ref = Set(None);
                    moved(db, w, active, status, PortStatus::Rejected, None, now, now).await?;
                }
            }
        }
        PortStatus::FocReceived => {
            if row.foc_date.is_some_and(|d| d > today) {
                // Woken early (a restart): wait for the date.
                let txn = crate::db::begin(db).await?;
                let due = start_of(row.foc_date.unwrap_or(today));
                jobs::enqueue_port(&txn, row.id, due).await?;
                txn.commit().await.map_err(db_error)?;
                return Ok(());
            }
            let reference = row.carrier_ref.clone().unwrap_or_default();
            w.carrier.activate_port(&reference, &order).await?;
            complete(db, w, row, &order, now).await?;
        }
        PortStatus::Cancelled => {
            if let Some(reference) = row.carrier_ref.clone() {
                w.carrier.cancel_port(&reference).await?;
                request::Entity::update_many()
                    .col_expr(request::Column::CarrierRef, Expr::value(None::<String>))
                    .filter(request::Column::Id.eq(row.id))
                    .exec(db)
                    .await
                    .map_err(db_error)?;
            }
        }
        PortStatus::Completed | PortStatus::Rejected => {}
    }
    Ok(())
}

fn start_of(date: NaiveDate) -> DateTime<Utc> {
    date.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc()
}

/// Saves `active` as moving `from` → `to`, records and mails the change, and queues
/// the next step at `next` (none after a rejection).
#[allow(clippy::too_many_arguments)]
async fn moved(
    db: &Db,
    w: &Worker<'_>,
    active: request::ActiveModel,
    from: PortStatus,
    to: PortStatus,
    note: Option<String>,
    now: DateTime<Utc>,
    next: DateTime<Utc>,
) -> Result<(), AppError> {
    let txn = crate::db::begin(db).await?;
    let Some(row) = transition(&txn, active, from, to, now).await? else {
        return Ok(());
    };
    notify::changed(&txn, &w.mailing, &row, note, CARRIER, now).await?;
    if to != PortStatus::Rejected {
        jobs::enqueue_port(&txn, row.id, next).await?;
    }
    txn.commit().await.map_err(db_error)
}

/// Writes `active` with status `to`, only if the row still has status `from`; `None`
/// when it had changed (the caller's step is stale and does nothing).
pub(super) async fn transition(
    conn: &impl ConnectionTrait,
    mut active: request::ActiveModel,
    from: PortStatus,
    to: PortStatus,
    now: DateTime<Utc>,
) -> Result<Option<request::Model>, AppError> {
    let id = active.id.clone().unwrap();
    let claimed = request::Entity::update_many()
        .col_expr(request::Column::Status, Expr::value(to.as_str()))
        .filter(request::Column::Id.eq(id))
        .filter(request::Column::Status.eq(from.as_str()))
        .exec(conn)
        .await
        .map_err(db_error)?;
    if claimed.rows_affected == 0 {
        return Ok(None);
    }
    active.status = Set(to.as_str().to_owned());
    active.updated_at = Set(now);
    if to == PortStatus::Pending {
        active.reason = Set(None);
        active.foc_date = Set(None);
        active.carrier_ref = Set(None);
    }
    Ok(Some(active.update(conn).await.map_err(db_error)?))
}

async fn order_of(
    db: &Db,
    secrets: &SecretBox,
    row: &request::Model,
) -> Result<PortOrder, AppError> {
    let numbers = port_number::Entity::find()
        .filter(port_number::Column::PortId.eq(row.id))
        .all(db)
        .await
        .map_err(db_error)?
        .into_iter()
        .map(|n| PhoneNumber::parse(&n.e164).map_err(crate::error::internal))
        .collect::<Result<_, _>>()?;
    let pin = match &row.pin_sealed {
        Some(sealed) => {
            Some(String::from_utf8(secrets.open(sealed)?).map_err(crate::error::internal)?)
        }
        None => None,
    };
    let address: E911Address =
        serde_json::from_str(&row.service_address).map_err(crate::error::internal)?;
    Ok(PortOrder {
        numbers,
        losing_carrier: row.losing_carrier.clone(),
        account_holder: row.account_holder.clone(),
        account_number: row.account_number.clone(),
        pin,
        service_address: address.one_line(),
        desired_date: row.desired_date,
        submitted_on: row.updated_at.date_naive(),
    })
}

/// The numbers arrive: each joins the inventory ACTIVE and assigned to the tenant, with
/// the service address as its emergency address (registered by a job), and the wallet
/// pays the rest of this month as for a purchase. The numbers have already moved at the
/// carrier, so a short wallet goes below zero rather than refusing; the reference makes
/// the charge happen once however often this step runs.
async fn complete(
    db: &Db,
    w: &Worker<'_>,
    row: request::Model,
    order: &PortOrder,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let tier = super::super::partner_tier(db, row.partner_id, now).await?;
    let txn = crate::db::begin(db).await?;
    let Some(done) = transition(
        &txn,
        row.clone().into_active_model(),
        PortStatus::FocReceived,
        PortStatus::Completed,
        now,
    )
    .await?
    else {
        return Ok(());
    };
    let e164s: Vec<String> = order.numbers.iter().map(|n| n.e164().to_owned()).collect();
    let held = super::super::held(&txn, &e164s).await?;
    let (mut local, mut toll_free, mut added) = (0, 0, 0);
    let mut skipped = Vec::new();
    for n in &order.numbers {
        if held.iter().any(|h| h == n.e164()) {
            skipped.push(n.to_string());
            continue;
        }
        let kind = if n.is_toll_free() {
            NumberKind::TollFree
        } else {
            NumberKind::Local
        };
        let (monthly_cents, setup_cents, minute_micros) = super::super::prices(&tier, kind);
        let charge = setup_cents + super::super::first_month(monthly_cents, now);
        match kind {
            NumberKind::Local => local += charge,
            NumberKind::TollFree => toll_free += charge,
        }
        // The area code says the state; which exchange (city, rate center) the number
        // was in is the losing carrier's record, not ours.
        let state = carrier::places()
            .iter()
            .find(|p| p.npa == n.npa() && kind == NumberKind::Local)
            .map(|p| p.state.clone());
        let saved = entity::number::ActiveModel {
            public_id: Set(uuid::Uuid::now_v7()),
            partner_id: Set(row.partner_id),
            tenant_id: Set(Some(row.tenant_id)),
            e164: Set(n.e164().to_owned()),
            kind: Set(super::super::kind_str(kind).to_owned()),
            state: Set(state),
            city: Set(None),
            rate_center: Set(None),
            status: Set(NumberStatus::Active.as_str().to_owned()),
            monthly_cents: Set(monthly_cents),
            setup_cents: Set(setup_cents),
            minute_micros: Set(minute_micros),
            call_flow: Set(None),
            cnam: Set(None),
            cnam_status: Set(None),
            cnam_reason: Set(None),
            e911_address: Set(Some(row.service_address.clone())),
            e911_status: Set(E911Status::Pending.as_str().to_owned()),
            e911_reason: Set(None),
            purchased_at: Set(now),
            activated_at: Set(Some(now)),
            released_at: Set(None),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await
        .map_err(db_error)?;
        crate::invoicing::holdings::move_number(
            &txn,
            &saved.kind,
            saved.id,
            None,
            saved.tenant_id,
            now,
        )
        .await?;
        jobs::enqueue(&txn, jobs::Kind::E911, saved.id, now).await?;
        crate::numbers::inventory::record_event(
            &txn,
            &saved,
            "phone_number.assigned",
            Some("port"),
            now,
        )
        .await?;
        added += 1;
    }
    tenant::Entity::update_many()
        .col_expr(
            tenant::Column::NumberCount,
            Expr::col(tenant::Column::NumberCount).add(added),
        )
        .filter(tenant::Column::Id.eq(row.tenant_id))
        .exec(&txn)
        .await
        .map_err(db_error)?;
    for (kind, cents, what) in [
        (LedgerKind::MonthlyLocalDid, local, "local"),
        (LedgerKind::MonthlyTollFreeDid, toll_free, "toll-free"),
    ] {
        if cents > 0 {
            wallet::post(
                &txn,
                wallet::Posting {
                    partner_id: row.partner_id,
                    kind,
                    amount_cents: -cents,
                    description: format!("Ported-in {what} numbers: the rest of this month"),
                    reference: Some(format!("port:{}:{what}", row.public_id)),
                    overdraw: true,
                },
                now,
            )
            .await?;
        }
    }
    let note = if skipped.is_empty() {
        None
    } else {
        Some(format!(
            "Already in service here, so left out: {}.",
            skipped.join(", ")
        ))
    };
    notify::changed(&txn, &w.mailing, &done, note, CARRIER, now).await?;
    txn.commit().await.map_err(db_error)?;
    jobs::WAKE.notify_one();
    Ok(())
}
