//! Phone numbers: search the carrier, buy (the wallet pays the first, prorated month),
//! the partner's inventory, assign to tenants and release. Carrier work that takes time
//! (bringing a number into service, CNAM, E911) runs as jobs (`jobs`).

pub mod carrier;
mod compliance;
pub mod entity;
mod inventory;
pub mod jobs;
pub mod ports;

use chrono::{DateTime, Datelike, Utc};
use model::{
    AppError,
    auth::Viewer,
    billing::{LedgerKind, Tier, TierCode, plan::prorate},
    numbers::{
        AvailableNumber, E911Status, NumberKind, NumberStatus, Purchase, Search, SearchForm,
        parse_selection,
    },
};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

pub use compliance::{apply_e911_to_tenant, bulk, can_call_911, e911_summary, set_cnam, set_e911};
pub use inventory::{assign, for_tenant, get, list, release, tenant_choices, unassign};

use crate::{
    Db, audit,
    auth::actor::Actor,
    billing::{tiers, wallet},
    error::db_error,
    partners,
};
use carrier::{Carrier, Offer};
use entity::number;

/// What a number costs this partner: its tier's monthly price, no setup fee, and the
/// per-minute rate of its kind.
fn prices(tier: &Tier, kind: NumberKind) -> (i64, i64, i64) {
    match kind {
        NumberKind::Local => (tier.local_did_cents, 0, tier.local_minute_micros),
        NumberKind::TollFree => (tier.toll_free_did_cents, 0, tier.toll_free_minute_micros),
    }
}

async fn partner_tier(
    conn: &impl ConnectionTrait,
    partner_id: i32,
    now: DateTime<Utc>,
) -> Result<Tier, AppError> {
    let partner = partners::find_by_id(conn, partner_id)
        .await?
        .ok_or_else(|| AppError::not_found("Partner"))?;
    let code = TierCode::parse(&partner.tier).unwrap_or(TierCode::Starter);
    tiers::current(conn, code, now).await
}

fn region(offer: &Offer) -> String {
    offer.place.as_ref().map_or_else(
        || "Toll-free".to_owned(),
        |p| format!("{}, {}", p.city, p.state),
    )
}

/// Which of `numbers` someone already holds (bought and not released).
async fn held(conn: &impl ConnectionTrait, numbers: &[String]) -> Result<Vec<String>, AppError> {
    use sea_orm::QuerySelect;
    number::Entity::find()
        .select_only()
        .column(number::Column::E164)
        .filter(number::Column::E164.is_in(numbers.iter().cloned()))
        .filter(number::Column::ReleasedAt.is_null())
        .into_tuple::<String>()
        .all(conn)
        .await
        .map_err(db_error)
}

/// Numbers the partner could buy now, with its prices.
pub async fn search(
    db: &Db,
    carrier: &dyn Carrier,
    viewer: Option<&Viewer>,
    form: &SearchForm,
    now: DateTime<Utc>,
) -> Result<Vec<AvailableNumber>, AppError> {
    let actor = Actor::partner_member(db, viewer).await?;
    let search = form.validate()?;
    let limit = match &search {
        Search::Local { limit, .. } | Search::TollFree { limit, .. } => *limit,
    };
    let tier = partner_tier(db, actor.partner_id, now).await?;
    let mut found = Vec::new();
    let mut offset = 0;
    // The carrier's candidates minus numbers already sold; a few pages at most.
    for _ in 0..5 {
        let page = carrier
            .search(&search, offset, limit * 2)
            .await
            .map_err(|e| AppError::unavailable(format!("The carrier did not answer: {e}")))?;
        if page.is_empty() {
            break;
        }
        offset += page.len();
        let e164s: Vec<String> = page.iter().map(|o| o.number.e164().to_owned()).collect();
        let taken = held(db, &e164s).await?;
        for offer in page {
            if found.len() == limit {
                break;
            }
            if taken.iter().any(|t| t == offer.number.e164()) {
                continue;
            }
            let (monthly_cents, setup_cents, minute_micros) = prices(&tier, offer.kind);
            found.push(AvailableNumber {
                first_charge_cents: setup_cents + first_month(monthly_cents, now),
                region: region(&offer),
                rate_center: offer.place.as_ref().map(|p| p.rate_center.clone()),
                number: offer.number,
                kind: offer.kind,
                monthly_cents,
                setup_cents,
                minute_micros,
            });
        }
        if found.len() == limit {
            break;
        }
    }
    Ok(found)
}

/// The first month is charged now, prorated to the days left (the monthly cycle
/// charges whole months from the next one).
fn first_month(monthly_cents: i64, now: DateTime<Utc>) -> i64 {
    let days = crate::calendar::days_in_month(now);
    let left = days.saturating_sub(now.day0());
    prorate(monthly_cents, left, days)
}

/// Buys `numbers` (as offered by the carrier) for the partner: refused by field when
/// one is not on offer or was just sold, refused with the shortfall when the wallet is
/// short, and in either case nothing changes. The numbers start PENDING; a job brings
/// each into service.
pub async fn purchase(
    db: &Db,
    carrier: &dyn Carrier,
    viewer: Option<&Viewer>,
    numbers: &[String],
    now: DateTime<Utc>,
) -> Result<Purchase, AppError> {
    let actor = Actor::partner_member(db, viewer).await?;
    actor.require_admin()?;
    let chosen = parse_selection(numbers).map_err(|m| AppError::invalid("numbers", m))?;
    let mut offers = Vec::with_capacity(chosen.len());
    for n in &chosen {
        let offer = carrier
            .offer(n)
            .await
            .map_err(|e| AppError::unavailable(format!("The carrier did not answer: {e}")))?
            .ok_or_else(|| {
                AppError::invalid("numbers", format!("{n} is not available from the carrier."))
            })?;
        offers.push(offer);
    }
    let tier = partner_tier(db, actor.partner_id, now).await?;
    let txn = crate::db::begin(db).await?;
    let e164s: Vec<String> = chosen.iter().map(|n| n.e164().to_owned()).collect();
    if let Some(taken) = held(&txn, &e164s).await?.first() {
        return Err(AppError::invalid(
            "numbers",
            format!("{taken} was just bought by someone else; search again."),
        ));
    }
    let mut rows = Vec::with_capacity(offers.len());
    // Charged per kind, so the ledger tells local and toll-free numbers apart.
    let (mut local, mut toll_free) = (0, 0);
    for offer in &offers {
        let (monthly_cents, setup_cents, minute_micros) = prices(&tier, offer.kind);
        let charge = setup_cents + first_month(monthly_cents, now);
        match offer.kind {
            NumberKind::Local => local += charge,
            NumberKind::TollFree => toll_free += charge,
        }
        let row = number::ActiveModel {
            public_id: Set(uuid::Uuid::now_v7()),
            partner_id: Set(actor.partner_id),
            tenant_id: Set(None),
            e164: Set(offer.number.e164().to_owned()),
            kind: Set(kind_str(offer.kind).to_owned()),
            state: Set(offer.place.as_ref().map(|p| p.state.clone())),
            city: Set(offer.place.as_ref().map(|p| p.city.clone())),
            rate_center: Set(offer.place.as_ref().map(|p| p.rate_center.clone())),
            status: Set(NumberStatus::Pending.as_str().to_owned()),
            monthly_cents: Set(monthly_cents),
            setup_cents: Set(setup_cents),
            minute_micros: Set(minute_micros),
            call_flow: Set(None),
            cnam: Set(None),
            cnam_status: Set(None),
            cnam_reason: Set(None),
            e911_address: Set(None),
            e911_status: Set(E911Status::NotSet.as_str().to_owned()),
            e911_reason: Set(None),
            purchased_at: Set(now),
            activated_at: Set(None),
            released_at: Set(None),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await
        .map_err(db_error)?;
        jobs::enqueue(&txn, jobs::Kind::Activate, row.id, now).await?;
        rows.push(row);
    }
    let total = local + toll_free;
    let mut balance_cents = wallet::balance(&txn, actor.partner_id).await?;
    for (kind, cents, what) in [
        (LedgerKind::MonthlyLocalDid, local, "local"),
        (LedgerKind::MonthlyTollFreeDid, toll_free, "toll-free"),
    ] {
        if cents == 0 {
            continue;
        }
        let posted = wallet::post(
            &txn,
            wallet::Posting {
                partner_id: actor.partner_id,
                kind,
                amount_cents: -cents,
                description: format!("New {what} numbers: the rest of this month"),
                reference: None,
                overdraw: false,
            },
            now,
        )
        .await?;
        balance_cents = posted.entry().balance_after_cents;
    }
    for row in &rows {
        inventory::record_event(&txn, row, "phone_number.purchased", Some("purchase"), now).await?;
    }
    audit::record(
        &txn,
        audit::Entry::by_user(&actor.user, "phone_number.purchased", "numbers".into())
            .with_summary(serde_json::json!({"numbers": e164s, "charged_cents": total})),
        now,
    )
    .await?;
    // The carrier reserves them last: if it refuses, the transaction rolls back and
    // nothing was bought or charged.
    carrier
        .order(&chosen)
        .await
        .map_err(|e| AppError::unavailable(format!("The carrier refused the order: {e}")))?;
    txn.commit().await.map_err(db_error)?;
    jobs::WAKE.notify_one();
    let numbers = inventory::describe(db, rows).await?;
    Ok(Purchase {
        numbers,
        charged_cents: total,
        balance_cents,
    })
}

/// Releases every live number of tenant `tenant_id` inside the caller's transaction
/// (a cancelled tenant's numbers); the carrier is told by a job.
pub(crate) async fn release_for_tenant(
    txn: &sea_orm::DatabaseTransaction,
    partner_id: i32,
    tenant_id: i32,
    now: DateTime<Utc>,
) -> Result<usize, AppError> {
    use sea_orm::IntoActiveModel;
    let rows = number::Entity::find()
        .filter(number::Column::PartnerId.eq(partner_id))
        .filter(number::Column::TenantId.eq(tenant_id))
        .filter(number::Column::ReleasedAt.is_null())
        .all(txn)
        .await
        .map_err(db_error)?;
    let count = rows.len();
    for row in rows {
        crate::invoicing::holdings::move_number(txn, &row.kind, row.id, row.tenant_id, None, now)
            .await?;
        let mut active = row.into_active_model();
        active.tenant_id = Set(None);
        active.status = Set(NumberStatus::Released.as_str().to_owned());
        active.released_at = Set(Some(now));
        active.updated_at = Set(now);
        let saved = active.update(txn).await.map_err(db_error)?;
        jobs::enqueue(txn, jobs::Kind::Release, saved.id, now).await?;
        inventory::record_event(txn, &saved, "phone_number.released", None, now).await?;
    }
    crate::tenants::entity::tenant::Entity::update_many()
        .col_expr(
            crate::tenants::entity::tenant::Column::NumberCount,
            sea_orm::sea_query::Expr::value(0),
        )
        .filter(crate::tenants::entity::tenant::Column::Id.eq(tenant_id))
        .exec(txn)
        .await
        .map_err(db_error)?;
    Ok(count)
}

/// What the partner's live numbers bought before `month_start` cost a month, by kind:
/// `(local count, local cents, toll-free count, toll-free cents)`. Numbers bought during
/// the month paid their first month at purchase.
pub(crate) async fn monthly_charges(
    conn: &impl ConnectionTrait,
    partner_id: i32,
    month_start: DateTime<Utc>,
) -> Result<(i64, i64, i64, i64), AppError> {
    use sea_orm::QuerySelect;
    let rows: Vec<(String, i64)> = number::Entity::find()
        .select_only()
        .column(number::Column::Kind)
        .column(number::Column::MonthlyCents)
        .filter(number::Column::PartnerId.eq(partner_id))
        .filter(number::Column::ReleasedAt.is_null())
        .filter(number::Column::PurchasedAt.lt(month_start))
        .into_tuple()
        .all(conn)
        .await
        .map_err(db_error)?;
    Ok(rows
        .into_iter()
        .fold((0, 0, 0, 0), |(lc, l, tc, t), (kind, cents)| {
            if kind == "toll_free" {
                (lc, l, tc + 1, t + cents)
            } else {
                (lc + 1, l + cents, tc, t)
            }
        }))
}

pub(crate) fn kind_str(kind: NumberKind) -> &'static str {
    match kind {
        NumberKind::Local => "local",
        NumberKind::TollFree => "toll_free",
    }
}

#[cfg(test)]
mod compliance_tests;
#[cfg(test)]
mod tests;
