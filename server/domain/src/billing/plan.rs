//! The partner's subscription: activating from a trial, upgrading (at once, the
//! difference for the rest of the month charged now) and downgrading (from the next
//! cycle, nothing refunded). The card is charged first (a processor is not
//! transactional); the charge lands in the wallet and pays the fee in one transaction,
//! so the history shows both and the balance is untouched.

use chrono::{DateTime, Datelike, Utc};
use model::{
    AppError,
    auth::Viewer,
    billing::{
        Tier, TierCode, dollars,
        plan::{PlanChange, PlanQuote, prorate},
    },
    partners::PartnerStatus,
};
use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel, Set};
use uuid::Uuid;

use super::{
    cards,
    processor::PaymentProcessor,
    tiers,
    wallet::{self, CardPaidFee},
};
use crate::{Db, audit, auth::actor::Actor, error::db_error, partners::partner};

/// Marks a suspension that only an activation lifts (the trial ran out).
pub const TRIAL_EXPIRED: &str = "Trial ended";

fn fee(t: &Tier) -> Result<i64, AppError> {
    t.monthly_fee_cents.ok_or_else(|| {
        AppError::invalid(
            "tier",
            format!(
                "{} is priced by contract: contact the platform to arrange it.",
                t.name
            ),
        )
    })
}

async fn current_partner(
    db: &Db,
    viewer: Option<&Viewer>,
) -> Result<(Actor, partner::Model), AppError> {
    let actor = Actor::partner_member(db, viewer).await?;
    let p = partner::Entity::find_by_id(actor.partner_id)
        .one(db)
        .await
        .map_err(db_error)?
        .ok_or_else(|| AppError::not_found("Partner"))?;
    Ok((actor, p))
}

fn can_activate(p: &partner::Model) -> bool {
    p.status == PartnerStatus::Trial.as_str()
        || (p.status == PartnerStatus::Suspended.as_str()
            && p.status_reason.as_deref() == Some(TRIAL_EXPIRED))
}

/// What choosing `to` would do and cost, for the confirmation.
pub async fn quote(
    db: &Db,
    viewer: Option<&Viewer>,
    to: &str,
    now: DateTime<Utc>,
) -> Result<PlanQuote, AppError> {
    let (_, p) = current_partner(db, viewer).await?;
    quote_for(db, &p, to, now).await
}

async fn quote_for(
    db: &Db,
    p: &partner::Model,
    to: &str,
    now: DateTime<Utc>,
) -> Result<PlanQuote, AppError> {
    let code = TierCode::parse(to).map_err(|m| AppError::invalid("tier", m))?;
    let target = tiers::current(db, code, now).await?;
    let new_fee = fee(&target)?;
    let (next, days_in_month) = (
        crate::calendar::next_month_start(now),
        crate::calendar::days_in_month(now),
    );
    let days_left = days_in_month - now.day() + 1;
    let today = now.date_naive().to_string();
    if can_activate(p) {
        let prorated = prorate(new_fee, days_left, days_in_month);
        return Ok(PlanQuote {
            change: PlanChange::Activate,
            to: target,
            new_fee_cents: new_fee,
            prorated_cents: prorated,
            charge_now_cents: prorated,
            days_left,
            days_in_month,
            effective_on: today,
        });
    }
    if p.status != PartnerStatus::Active.as_str() {
        return Err(AppError::conflict(
            "This account is suspended; plans cannot change now.",
        ));
    }
    let from = tiers::current(
        db,
        TierCode::parse(&p.tier).map_err(crate::error::internal)?,
        now,
    )
    .await?;
    let old_fee = from.monthly_fee_cents.unwrap_or(0);
    if code == from.code {
        return Err(AppError::invalid(
            "tier",
            format!("You are on {} already.", from.name),
        ));
    }
    Ok(if new_fee > old_fee {
        let prorated = prorate(new_fee - old_fee, days_left, days_in_month);
        PlanQuote {
            change: PlanChange::Upgrade,
            to: target,
            new_fee_cents: new_fee,
            prorated_cents: prorated,
            charge_now_cents: prorated,
            days_left,
            days_in_month,
            effective_on: today,
        }
    } else {
        PlanQuote {
            change: PlanChange::Downgrade,
            to: target,
            new_fee_cents: new_fee,
            prorated_cents: 0,
            charge_now_cents: 0,
            days_left,
            days_in_month,
            effective_on: next.to_string(),
        }
    })
}

/// Confirms the quote for `to`: activates, upgrades or schedules the downgrade.
pub async fn choose(
    db: &Db,
    processor: &dyn PaymentProcessor,
    viewer: Option<&Viewer>,
    to: &str,
    now: DateTime<Utc>,
) -> Result<PlanQuote, AppError> {
    let (actor, p) = current_partner(db, viewer).await?;
    actor.require_admin()?;
    let q = quote_for(db, &p, to, now).await?;
    let card = cards::default_card(db, p.id).await?;
    if q.change == PlanChange::Activate && card.is_none() {
        return Err(AppError::conflict(
            "Add a payment method first: activation charges your card.",
        ));
    }
    let charge = match (&card, q.charge_now_cents) {
        (_, 0) => None,
        (Some(card), amount) => Some(
            processor
                .charge(&card.token, amount, &Uuid::now_v7().to_string())
                .await
                .map_err(|e| AppError::conflict(e.message(&card.last4)))?,
        ),
        (None, _) => return Err(AppError::conflict("Add a payment method first.")),
    };
    let txn = crate::db::begin(db).await?;
    if let (Some(charge), Some(card)) = (charge, &card) {
        let first = crate::calendar::month_start(now);
        let what = match q.change {
            PlanChange::Upgrade => format!("Upgrade to {}", q.to.name),
            _ => format!("{} plan", q.to.name),
        };
        let period = format!(
            "{} to month end, {} of {} days",
            now.date_naive(),
            q.days_left,
            q.days_in_month
        );
        wallet::post_card_paid_fee(
            &txn,
            CardPaidFee {
                partner_id: p.id,
                amount_cents: q.charge_now_cents,
                charge: &charge,
                card_last4: &card.last4,
                what: &what,
                period: &format!("{period} (prorated)"),
                fee_reference: format!("subscription:{charge}:{first}"),
            },
            now,
        )
        .await?;
    }
    let before = (p.status.clone(), p.tier.clone());
    let mut row = p.into_active_model();
    match q.change {
        PlanChange::Activate => {
            row.status = Set(PartnerStatus::Active.as_str().to_owned());
            row.status_reason = Set(None);
            row.trial_ends_at = Set(None);
            row.tier = Set(q.to.code.as_str().to_owned());
            row.pending_tier = Set(None);
            // This month is paid by the prorated charge; the cycle starts next month.
            row.last_cycle = Set(Some(crate::calendar::cycle_key(now)));
        }
        PlanChange::Upgrade => {
            row.tier = Set(q.to.code.as_str().to_owned());
            row.pending_tier = Set(None);
        }
        PlanChange::Downgrade => row.pending_tier = Set(Some(q.to.code.as_str().to_owned())),
    }
    row.updated_at = Set(now);
    row.update(&txn).await.map_err(db_error)?;
    audit::record(
        &txn,
        audit::Entry::by_user(&actor.user, "billing.plan_changed", "subscription".into()).with_summary(
            serde_json::json!({
                "change": q.change, "from": {"status": before.0, "tier": before.1},
                "to": q.to.code, "charged": dollars(q.charge_now_cents), "effective_on": q.effective_on,
            }),
        ),
        now,
    )
    .await?;
    let event = match q.change {
        PlanChange::Activate => "subscription.activated",
        _ => "subscription.updated",
    };
    let data = serde_json::json!({
        "change": q.change, "plan": q.to.code, "charged": model::api::numbers::decimal(q.charge_now_cents),
        "currency": "USD", "effective_on": q.effective_on,
    });
    crate::events::record(&txn, actor.partner_id, event, &data, now).await?;
    txn.commit().await.map_err(db_error)?;
    Ok(q)
}

/// The job: every TRIAL whose end has passed becomes SUSPENDED ("Trial ended") until
/// the partner activates. Each partner changes in its own guarded UPDATE, so reruns and
/// two instances record it once. Returns how many this call suspended.
pub async fn expire_trials(db: &Db, now: DateTime<Utc>) -> Result<u32, AppError> {
    use sea_orm::{ColumnTrait, QueryFilter, sea_query::Expr};
    let due = partner::Entity::find()
        .filter(partner::Column::Status.eq(PartnerStatus::Trial.as_str()))
        .filter(partner::Column::TrialEndsAt.lte(now))
        .all(db)
        .await
        .map_err(db_error)?;
    let mut expired = 0;
    for p in due {
        let txn = crate::db::begin(db).await?;
        let changed = partner::Entity::update_many()
            .col_expr(
                partner::Column::Status,
                Expr::value(PartnerStatus::Suspended.as_str()),
            )
            .col_expr(partner::Column::StatusReason, Expr::value(TRIAL_EXPIRED))
            .col_expr(partner::Column::UpdatedAt, Expr::value(now))
            .filter(partner::Column::Id.eq(p.id))
            .filter(partner::Column::Status.eq(PartnerStatus::Trial.as_str()))
            .exec(&txn)
            .await
            .map_err(db_error)?;
        if changed.rows_affected == 1 {
            audit::record(
                &txn,
                audit::Entry::by_system(
                    "billing",
                    Some(p.id),
                    "partner.trial_expired",
                    format!("partner:{}", p.public_id),
                ),
                now,
            )
            .await?;
            expired += 1;
        }
        txn.commit().await.map_err(db_error)?;
    }
    Ok(expired)
}
