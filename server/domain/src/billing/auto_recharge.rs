//! Auto-recharge: when the wallet falls below the partner's threshold, the default card
//! is charged the chosen amount. It fires at most once an hour: each attempt first
//! claims the hour with a conditional UPDATE of `auto_recharge_last_at`, so reruns and
//! a second server instance cannot charge twice. A failed charge turns auto-recharge off
//! and emails the partner's admins; service continues until the wallet is empty.

use chrono::{DateTime, Duration, Utc};
use model::{
    AppError,
    auth::{Role, Viewer},
    billing::{AutoRecharge, AutoRechargeForm, dollars},
};
use sea_orm::{
    ColumnTrait, Condition, EntityTrait, QueryFilter,
    sea_query::{Expr, ExprTrait},
};

use super::{cards, processor::PaymentProcessor};
use crate::{
    Db, audit,
    auth::{actor::Actor, user},
    error::db_error,
    mail,
    partners::partner,
};

/// The least time between two attempts for one partner.
pub const EVERY: Duration = Duration::hours(1);

fn of(p: &partner::Model) -> AutoRecharge {
    AutoRecharge {
        enabled: p.auto_recharge_enabled,
        threshold_cents: p.auto_recharge_threshold_cents,
        amount_cents: p.auto_recharge_amount_cents,
    }
}

async fn partner_row(db: &Db, id: i32) -> Result<partner::Model, AppError> {
    partner::Entity::find_by_id(id)
        .one(db)
        .await
        .map_err(db_error)?
        .ok_or_else(|| AppError::not_found("Partner"))
}

pub async fn settings(db: &Db, viewer: Option<&Viewer>) -> Result<AutoRecharge, AppError> {
    let actor = Actor::partner_member(db, viewer).await?;
    Ok(of(&partner_row(db, actor.partner_id).await?))
}

/// Saves the settings; turning it on needs a card to charge.
pub async fn save(
    db: &Db,
    viewer: Option<&Viewer>,
    form: &AutoRechargeForm,
    now: DateTime<Utc>,
) -> Result<AutoRecharge, AppError> {
    let actor = Actor::partner_member(db, viewer).await?;
    actor.require_admin()?;
    let valid = form.validate()?;
    let txn = crate::db::begin(db).await?;
    if valid.enabled && cards::default_card(&txn, actor.partner_id).await?.is_none() {
        return Err(AppError::invalid(
            "enabled",
            "Add a card first: auto-recharge charges your default card.",
        ));
    }
    partner::Entity::update_many()
        .col_expr(
            partner::Column::AutoRechargeEnabled,
            Expr::value(valid.enabled),
        )
        .col_expr(
            partner::Column::AutoRechargeThresholdCents,
            Expr::value(valid.threshold_cents),
        )
        .col_expr(
            partner::Column::AutoRechargeAmountCents,
            Expr::value(valid.amount_cents),
        )
        .filter(partner::Column::Id.eq(actor.partner_id))
        .exec(&txn)
        .await
        .map_err(db_error)?;
    audit::record(
        &txn,
        audit::Entry::by_user(
            &actor.user,
            "billing.auto_recharge_changed",
            "wallet".into(),
        )
        .with_summary(serde_json::to_value(valid).unwrap_or_default()),
        now,
    )
    .await?;
    txn.commit().await.map_err(db_error)?;
    Ok(valid)
}

/// What one round did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Round {
    pub charged: u32,
    pub failed: u32,
}

/// The job: every partner below its threshold whose last attempt is an hour old or more
/// gets one attempt. Safe to rerun and to run on two instances at once.
pub async fn run_due(
    db: &Db,
    processor: &dyn PaymentProcessor,
    platform_name: &str,
    base_url: &str,
    now: DateTime<Utc>,
) -> Result<Round, AppError> {
    let hour_ago = now - EVERY;
    let due_now = || {
        Condition::all()
            .add(partner::Column::AutoRechargeEnabled.eq(true))
            .add(
                Expr::col(partner::Column::BalanceCents)
                    .lt(Expr::col(partner::Column::AutoRechargeThresholdCents)),
            )
            .add(
                Condition::any()
                    .add(partner::Column::AutoRechargeLastAt.is_null())
                    .add(partner::Column::AutoRechargeLastAt.lte(hour_ago)),
            )
    };
    let due = partner::Entity::find()
        .filter(due_now())
        .all(db)
        .await
        .map_err(db_error)?;
    let mut round = Round::default();
    for p in due {
        // Claim this hour's attempt; whoever updates the row owns it.
        let claimed = partner::Entity::update_many()
            .col_expr(partner::Column::AutoRechargeLastAt, Expr::value(now))
            .filter(partner::Column::Id.eq(p.id))
            .filter(due_now())
            .exec(db)
            .await
            .map_err(db_error)?;
        if claimed.rows_affected != 1 {
            continue;
        }
        let record = audit::Entry::by_system(
            "auto-recharge",
            Some(p.id),
            "billing.auto_recharged",
            "wallet".into(),
        )
        .with_summary(serde_json::json!({"amount_cents": p.auto_recharge_amount_cents}));
        let charged = cards::charge_into_wallet(
            db,
            processor,
            p.id,
            p.auto_recharge_amount_cents,
            "Auto-recharge",
            Some(record),
            now,
        )
        .await;
        match charged {
            Ok(_) => round.charged += 1,
            Err(error) => {
                round.failed += 1;
                give_up(db, &p, &error.to_string(), platform_name, base_url, now).await?;
            }
        }
    }
    Ok(round)
}

/// A failed charge: auto-recharge goes off, the partner's admins are told why.
async fn give_up(
    db: &Db,
    p: &partner::Model,
    reason: &str,
    platform_name: &str,
    base_url: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let txn = crate::db::begin(db).await?;
    partner::Entity::update_many()
        .col_expr(partner::Column::AutoRechargeEnabled, Expr::value(false))
        .filter(partner::Column::Id.eq(p.id))
        .exec(&txn)
        .await
        .map_err(db_error)?;
    let admins = user::Entity::find()
        .filter(user::Column::PartnerId.eq(p.id))
        .filter(user::Column::Role.eq(Role::PartnerAdmin.as_str()))
        .filter(user::Column::TenantId.is_null())
        .all(&txn)
        .await
        .map_err(db_error)?;
    let sender = crate::branding::sender_for(&txn, None, platform_name).await?;
    let link = format!("{base_url}/settings/billing/methods");
    let balance = dollars(p.balance_cents);
    for admin in admins {
        let message =
            mail::templates::auto_recharge_failed(&sender, &admin.email, reason, &balance, &link);
        mail::enqueue(&txn, message, now).await?;
    }
    audit::record(
        &txn,
        audit::Entry::by_system(
            "auto-recharge",
            Some(p.id),
            "billing.auto_recharge_failed",
            "wallet".into(),
        )
        .with_summary(serde_json::json!({"reason": reason})),
        now,
    )
    .await?;
    let data = serde_json::json!({
        "purpose": "auto_recharge", "reason": reason,
        "amount": model::api::numbers::decimal(p.auto_recharge_amount_cents), "currency": "USD",
    });
    crate::events::record(&txn, p.id, "payment.failed", &data, now).await?;
    txn.commit().await.map_err(db_error)
}
