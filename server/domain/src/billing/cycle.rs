//! The monthly cycle, from the 1st (UTC), for every ACTIVE partner: a downgrade chosen
//! last month takes effect, the month's subscription fee is charged to the default card
//! (the charge lands in the wallet and pays the fee), and the month's per-extension
//! charge draws on the wallet. Each partner's month is claimed with a guarded UPDATE of
//! `last_cycle`, and every posting has a reference naming the month, so reruns and a
//! second instance change nothing. The reseller subscription (the tier's fee per
//! customer account) is charged for every tenant not cancelled, used or not.
//! Service already given is charged even past zero;
//! a failed card charge is recorded and the admins are told, and service continues.

use chrono::{DateTime, Utc};
use model::{
    AppError,
    billing::{LedgerKind, TierCode},
    partners::PartnerStatus,
};
use sea_orm::{
    ColumnTrait, Condition, EntityTrait, QueryFilter,
    sea_query::{Expr, ExprTrait},
};
use uuid::Uuid;

use super::{
    cards,
    processor::PaymentProcessor,
    tiers,
    wallet::{self, CardPaidFee, Posting},
};
use crate::{Db, audit, error::db_error, partners::partner};

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Round {
    pub cycled: u32,
    pub card_failures: u32,
}

pub async fn run_due(
    db: &Db,
    processor: &dyn PaymentProcessor,
    now: DateTime<Utc>,
) -> Result<Round, AppError> {
    let current = crate::calendar::cycle_key(now);
    let due_now = || {
        Condition::all()
            .add(partner::Column::Status.eq(PartnerStatus::Active.as_str()))
            .add(
                Condition::any()
                    .add(partner::Column::LastCycle.is_null())
                    .add(Expr::col(partner::Column::LastCycle).lt(current.clone())),
            )
    };
    let due = partner::Entity::find()
        .filter(due_now())
        .all(db)
        .await
        .map_err(db_error)?;
    let mut round = Round::default();
    for p in due {
        let txn = crate::db::begin(db).await?;
        let claimed = partner::Entity::update_many()
            .col_expr(partner::Column::LastCycle, Expr::value(current.clone()))
            .col_expr(
                partner::Column::Tier,
                Expr::value(p.pending_tier.clone().unwrap_or_else(|| p.tier.clone())),
            )
            .col_expr(
                partner::Column::PendingTier,
                Expr::value(Option::<String>::None),
            )
            .filter(partner::Column::Id.eq(p.id))
            .filter(due_now())
            .exec(&txn)
            .await
            .map_err(db_error)?;
        if claimed.rows_affected != 1 {
            continue;
        }
        let code = TierCode::parse(p.pending_tier.as_deref().unwrap_or(&p.tier))
            .map_err(crate::error::internal)?;
        let tier = tiers::current(&txn, code, now).await?;
        let extensions = i64::from(p.extension_count) * tier.extension_cents;
        if extensions > 0 {
            let posting = Posting {
                partner_id: p.id,
                kind: LedgerKind::MonthlyExtension,
                amount_cents: -extensions,
                description: format!(
                    "{} extensions × {}, {current}",
                    p.extension_count,
                    model::billing::dollars(tier.extension_cents)
                ),
                reference: Some(format!("cycle:{current}:extensions")),
                overdraw: true,
            };
            wallet::post(&txn, posting, now).await?;
        }
        let month_start = crate::calendar::start_of(crate::calendar::month_start(now));
        let (local_n, local, tf_n, toll_free) =
            crate::numbers::monthly_charges(&txn, p.id, month_start).await?;
        for (kind, count, cents, what, key) in [
            (
                LedgerKind::MonthlyLocalDid,
                local_n,
                local,
                "local",
                "local_dids",
            ),
            (
                LedgerKind::MonthlyTollFreeDid,
                tf_n,
                toll_free,
                "toll-free",
                "toll_free_dids",
            ),
        ] {
            if cents > 0 {
                let posting = Posting {
                    partner_id: p.id,
                    kind,
                    amount_cents: -cents,
                    description: format!("{count} {what} numbers, {current}"),
                    reference: Some(format!("cycle:{current}:{key}")),
                    // Service already given, like extensions.
                    overdraw: true,
                };
                wallet::post(&txn, posting, now).await?;
            }
        }
        let accounts = account_fees(&txn, p.id, &tier, &current, now).await?;
        audit::record(
            &txn,
            audit::Entry::by_system(
                "billing",
                Some(p.id),
                "billing.cycle",
                format!("cycle:{current}"),
            )
            .with_summary(serde_json::json!({
                "tier": code,
                "extensions_cents": extensions,
                "numbers_cents": local + toll_free,
                "account_fees_cents": accounts,
            })),
            now,
        )
        .await?;
        txn.commit().await.map_err(db_error)?;
        round.cycled += 1;
        if let Some(fee) = tier.monthly_fee_cents.filter(|f| *f > 0)
            && !charge_fee(db, processor, p.id, &tier.name, fee, &current, now).await?
        {
            round.card_failures += 1;
        }
    }
    Ok(round)
}

/// The reseller subscription: the tier's monthly fee for each customer account the
/// partner has (every tenant not cancelled, in trial or suspended too, used or not). Returns
/// the cents posted.
async fn account_fees(
    txn: &sea_orm::DatabaseTransaction,
    partner_id: i32,
    tier: &model::billing::Tier,
    current: &str,
    now: DateTime<Utc>,
) -> Result<i64, AppError> {
    use sea_orm::PaginatorTrait;
    if tier.account_fee_cents <= 0 {
        return Ok(0);
    }
    let accounts = crate::tenants::entity::tenant::Entity::find()
        .filter(crate::tenants::entity::tenant::Column::PartnerId.eq(partner_id))
        .filter(
            crate::tenants::entity::tenant::Column::Status
                .ne(model::tenants::TenantStatus::Cancelled.as_str()),
        )
        .count(txn)
        .await
        .map_err(db_error)?;
    let count = i64::try_from(accounts).unwrap_or(i64::MAX);
    let cents = count.saturating_mul(tier.account_fee_cents);
    if cents > 0 {
        let posting = Posting {
            partner_id,
            kind: LedgerKind::AccountFees,
            amount_cents: -cents,
            description: format!(
                "{count} customer accounts × {}, {current}",
                model::billing::dollars(tier.account_fee_cents)
            ),
            reference: Some(format!("cycle:{current}:accounts")),
            // A subscription, owed whatever the wallet holds (like extensions).
            overdraw: true,
        };
        wallet::post(txn, posting, now).await?;
    }
    Ok(cents)
}

/// Charges the month's fee to the default card: the charge credits the wallet and the
/// fee debits it, in one transaction. Returns false (recorded) when it could not.
async fn charge_fee(
    db: &Db,
    processor: &dyn PaymentProcessor,
    partner_id: i32,
    tier: &str,
    fee: i64,
    current: &str,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    // Recorded once per cycle (the cycle is marked done before the fee is charged).
    let failed = async |reason: String| -> Result<bool, AppError> {
        let txn = crate::db::begin(db).await?;
        let entry = audit::Entry::by_system(
            "billing",
            Some(partner_id),
            "billing.subscription_unpaid",
            format!("cycle:{current}"),
        )
        .with_summary(serde_json::json!({"reason": reason, "amount_cents": fee}));
        audit::record(&txn, entry, now).await?;
        let data = serde_json::json!({
            "purpose": "subscription", "period": current, "reason": reason,
            "amount": model::api::numbers::decimal(fee), "currency": "USD",
        });
        crate::events::record(&txn, partner_id, "payment.failed", &data, now).await?;
        txn.commit().await.map_err(db_error)?;
        Ok(false)
    };
    let Some(card) = cards::default_card(db, partner_id).await? else {
        return failed("no payment method".into()).await;
    };
    let charge = match processor
        .charge(&card.token, fee, &Uuid::now_v7().to_string())
        .await
    {
        Ok(charge) => charge,
        Err(e) => return failed(e.message(&card.last4)).await,
    };
    let txn = crate::db::begin(db).await?;
    let what = format!("{tier} plan");
    let fee = CardPaidFee {
        partner_id,
        amount_cents: fee,
        charge: &charge,
        card_last4: &card.last4,
        what: &what,
        period: current,
        fee_reference: format!("cycle:{current}:subscription"),
    };
    wallet::post_card_paid_fee(&txn, fee, now).await?;
    txn.commit().await.map_err(db_error)?;
    Ok(true)
}
