//! The wholesale tiers as they apply at a moment, a partner's tier, and the tier's cap on
//! a partner's extensions. Each tier is a series of versions; the one in force at `now`
//! is the newest whose `effective_from` is not after `now`.

use chrono::{DateTime, Utc};
use model::{
    AppError,
    auth::Viewer,
    billing::{Tier, TierCode, dollars},
};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    sea_query::{Expr, ExprTrait},
};

use super::entity::tier;
use crate::{Db, auth::user, db::rfc3339, error::db_error, partners::partner};

fn to_dto(row: tier::Model) -> Result<Tier, AppError> {
    Ok(Tier {
        code: TierCode::parse(&row.code).map_err(crate::error::internal)?,
        name: row.name,
        monthly_fee_cents: row.monthly_fee_cents,
        extension_cap: row.extension_cap.and_then(|n| u32::try_from(n).ok()),
        extension_cents: row.extension_cents,
        local_did_cents: row.local_did_cents,
        toll_free_did_cents: row.toll_free_did_cents,
        local_minute_micros: row.local_minute_micros,
        toll_free_minute_micros: row.toll_free_minute_micros,
        account_fee_cents: row.account_fee_cents,
        effective_from: rfc3339(row.effective_from),
    })
}

/// Every tier as it stands at `now`, cheapest first.
pub async fn in_force(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
) -> Result<Vec<Tier>, AppError> {
    let rows = tier::Entity::find()
        .filter(tier::Column::EffectiveFrom.lte(now))
        .order_by_desc(tier::Column::EffectiveFrom)
        .all(conn)
        .await
        .map_err(db_error)?;
    let mut out = Vec::new();
    for code in TierCode::ALL {
        if let Some(row) = rows.iter().find(|r| r.code == code.as_str()) {
            out.push(to_dto(row.clone())?);
        }
    }
    Ok(out)
}

/// One tier as it stands at `now`.
pub async fn current(
    conn: &impl ConnectionTrait,
    code: TierCode,
    now: DateTime<Utc>,
) -> Result<Tier, AppError> {
    let row = tier::Entity::find()
        .filter(tier::Column::Code.eq(code.as_str()))
        .filter(tier::Column::EffectiveFrom.lte(now))
        .order_by_desc(tier::Column::EffectiveFrom)
        .one(conn)
        .await
        .map_err(db_error)?
        .ok_or_else(|| AppError::not_found("Tier"))?;
    to_dto(row)
}

/// The price list a signed-in partner (or platform admin) sees.
pub async fn list(
    db: &Db,
    viewer: Option<&Viewer>,
    now: DateTime<Utc>,
) -> Result<Vec<Tier>, AppError> {
    user::behind(db, viewer).await?;
    in_force(db, now).await
}

/// A partner's tier row and its in-force version.
pub(crate) async fn of_partner(
    conn: &impl ConnectionTrait,
    partner_id: i32,
    now: DateTime<Utc>,
) -> Result<Tier, AppError> {
    let p = partner::Entity::find_by_id(partner_id)
        .one(conn)
        .await
        .map_err(db_error)?
        .ok_or_else(|| AppError::not_found("Partner"))?;
    let code = TierCode::parse(&p.tier).map_err(crate::error::internal)?;
    current(conn, code, now).await
}

/// Counts one more extension against the partner's tier cap, in the caller's transaction.
/// The check and the count are one guarded UPDATE, so concurrent creations cannot pass
/// the cap together. Over the cap, the answer is an upgrade prompt.
pub(crate) async fn count_extension(
    conn: &impl ConnectionTrait,
    partner_id: i32,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let tier = of_partner(conn, partner_id, now).await?;
    let mut update = partner::Entity::update_many()
        .col_expr(
            partner::Column::ExtensionCount,
            Expr::col(partner::Column::ExtensionCount).add(1),
        )
        .filter(partner::Column::Id.eq(partner_id));
    if let Some(cap) = tier.extension_cap {
        update = update.filter(Expr::col(partner::Column::ExtensionCount).lt(i64::from(cap)));
    }
    let counted = update.exec(conn).await.map_err(db_error)?;
    if counted.rows_affected == 1 {
        return Ok(());
    }
    let cap = tier.extension_cap.unwrap_or_default();
    let next = tier.code.next();
    let mut message = format!(
        "Your {} plan includes {cap} extensions across all your customers, and they are all in use.",
        tier.name
    );
    if let Some(next) = next {
        let up = current(conn, next, now).await?;
        let room = up.extension_cap.map_or_else(
            || "unlimited extensions".to_owned(),
            |n| format!("up to {n} extensions"),
        );
        let fee = up
            .monthly_fee_cents
            .map(dollars)
            .unwrap_or_else(|| "custom pricing".into());
        message.push_str(&format!(" {} allows {room} ({fee} a month).", up.name));
    }
    Err(AppError::PlanLimit {
        message,
        upgrade_to: next.map(|t| t.as_str().to_owned()),
    })
}

/// Gives back `n` extensions (deleted, or their tenant cancelled); a reactivated tenant
/// adds its extensions back with a negative `n`, even past the cap (nothing is taken away
/// from a customer; only new extensions wait for an upgrade).
pub(crate) async fn release_extensions(
    conn: &impl ConnectionTrait,
    partner_id: i32,
    n: i32,
) -> Result<(), AppError> {
    partner::Entity::update_many()
        .col_expr(
            partner::Column::ExtensionCount,
            Expr::col(partner::Column::ExtensionCount).sub(n),
        )
        .filter(partner::Column::Id.eq(partner_id))
        .exec(conn)
        .await
        .map_err(db_error)?;
    Ok(())
}

/// The caller's partner's plan and usage, with the price list (any member of the team).
pub async fn subscription(
    db: &Db,
    viewer: Option<&Viewer>,
    now: DateTime<Utc>,
) -> Result<model::billing::Subscription, AppError> {
    let actor = crate::auth::actor::Actor::partner_member(db, viewer).await?;
    let p = partner::Entity::find_by_id(actor.partner_id)
        .one(db)
        .await
        .map_err(db_error)?
        .ok_or_else(|| AppError::not_found("Partner"))?;
    let code = TierCode::parse(&p.tier).map_err(crate::error::internal)?;
    Ok(model::billing::Subscription {
        tier: current(db, code, now).await?,
        extensions_used: u64::try_from(p.extension_count).unwrap_or(0),
        status: p.status,
        trial_ends_at: p.trial_ends_at.map(rfc3339),
        balance_cents: p.balance_cents,
        pending: match p.pending_tier.as_deref().map(TierCode::parse) {
            Some(Ok(code)) => Some((
                current(db, code, now).await?,
                crate::calendar::next_month_start(now).to_string(),
            )),
            _ => None,
        },
        tiers: in_force(db, now).await?,
    })
}

/// For platform admins: every tier as in force now, followed by any scheduled versions.
pub async fn schedule(
    db: &Db,
    viewer: Option<&Viewer>,
    now: DateTime<Utc>,
) -> Result<Vec<Tier>, AppError> {
    crate::auth::actor::platform_admin(db, viewer).await?;
    let mut out = in_force(db, now).await?;
    let upcoming = tier::Entity::find()
        .filter(tier::Column::EffectiveFrom.gt(now))
        .order_by_asc(tier::Column::EffectiveFrom)
        .all(db)
        .await
        .map_err(db_error)?;
    for row in upcoming {
        out.push(to_dto(row)?);
    }
    Ok(out)
}

/// A platform admin sets a tier's prices from a date (today or later). A version for
/// that tier and day is replaced; earlier versions, and everything billed under them,
/// stand.
pub async fn edit(
    db: &Db,
    viewer: Option<&Viewer>,
    code: &str,
    form: &model::billing::tier_form::TierForm,
    now: DateTime<Utc>,
) -> Result<Tier, AppError> {
    use sea_orm::{ActiveModelTrait, Set};
    let admin = crate::auth::actor::platform_admin(db, viewer).await?;
    let code = TierCode::parse(code).map_err(|m| AppError::invalid("tier", m))?;
    let valid = form.validate(&now.date_naive().to_string())?;
    let day = chrono::NaiveDate::parse_from_str(&valid.effective_from, "%Y-%m-%d")
        .map_err(|_| AppError::invalid("effective_from", "Use a date like 2026-12-01."))?;
    // Today's change applies from now (not from midnight, which has passed).
    let from = Ord::max(crate::calendar::start_of(day), now);
    let name = current(db, code, now).await?.name;
    let txn = crate::db::begin(db).await?;
    tier::Entity::delete_many()
        .filter(tier::Column::Code.eq(code.as_str()))
        .filter(tier::Column::EffectiveFrom.gte(crate::calendar::start_of(day)))
        .filter(
            tier::Column::EffectiveFrom
                .lt(crate::calendar::start_of(day.succ_opt().unwrap_or(day))),
        )
        .filter(tier::Column::EffectiveFrom.gt(now))
        .exec(&txn)
        .await
        .map_err(db_error)?;
    let row = tier::ActiveModel {
        code: Set(code.as_str().to_owned()),
        name: Set(name),
        monthly_fee_cents: Set(valid.monthly_fee_cents),
        extension_cap: Set(valid
            .extension_cap
            .map(|n| i32::try_from(n).unwrap_or(i32::MAX))),
        extension_cents: Set(valid.extension_cents),
        local_did_cents: Set(valid.local_did_cents),
        toll_free_did_cents: Set(valid.toll_free_did_cents),
        local_minute_micros: Set(valid.local_minute_micros),
        toll_free_minute_micros: Set(valid.toll_free_minute_micros),
        account_fee_cents: Set(valid.account_fee_cents),
        effective_from: Set(from),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(db_error)?;
    crate::audit::record(
        &txn,
        crate::audit::Entry::by_user(
            &admin,
            "billing.tier_changed",
            format!("tier:{}", code.as_str()),
        )
        .with_summary(serde_json::json!({"effective_from": rfc3339(from), "prices": form})),
        now,
    )
    .await?;
    txn.commit().await.map_err(db_error)?;
    to_dto(row)
}
