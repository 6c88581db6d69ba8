//! The billing run's collection step, after new invoices go out: prepaid funds pay what
//! is open, then invoices of tenants with auto-pay are charged to their saved card.
//! Each invoice is claimed for auto-pay once (a guarded UPDATE of `autopay_tried_at`),
//! so a rerun or a second instance never charges it again; a declined card fires
//! `invoice.failed` and the invoice goes on through reminders like any other. Prepaid
//! funds move with a guarded UPDATE of the balance, in the transaction that pays.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use model::{
    AppError,
    invoicing::{BillingMode, InvoiceStatus},
};
use sea_orm::{
    ColumnTrait, EntityTrait, QueryFilter, QueryOrder,
    sea_query::{Expr, ExprTrait},
};

use super::{
    Received,
    pay::{self, Card},
    settle::{self, Settle},
};
use crate::{
    Db, audit,
    billing::gateway::Gateway,
    error::db_error,
    invoicing::{
        actions::{self, Move},
        document::Portal,
        entity::invoice,
    },
    partners,
    tenants::entity::tenant,
};

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Round {
    /// Invoices paid (in full or in part) from prepaid funds.
    pub paid_from_funds: u32,
    /// Invoices charged to a saved card.
    pub autopaid: u32,
    /// Auto-pay charges that did not go through.
    pub autopay_failed: u32,
}

const OPEN: [InvoiceStatus; 3] = [
    InvoiceStatus::Sent,
    InvoiceStatus::PartiallyPaid,
    InvoiceStatus::Overdue,
];

/// Open invoices the automatic collectors may take. One with a refund is left alone:
/// the partner gave that money back on purpose, and only the tenant or the partner
/// should settle it again.
fn open() -> sea_orm::Condition {
    sea_orm::Condition::all()
        .add(invoice::Column::Status.is_in(OPEN.map(InvoiceStatus::as_str)))
        .add(invoice::Column::RefundedCents.eq(0))
        .add(
            Expr::col(invoice::Column::PaidCents)
                .sub(Expr::col(invoice::Column::RefundedCents))
                .lt(Expr::col(invoice::Column::TotalCents)),
        )
}

/// `portal`: where the mail to a tenant whose card could not be charged links to.
pub async fn run(
    db: &Db,
    gateway: &Gateway,
    portal: Portal<'_>,
    now: DateTime<Utc>,
) -> Result<Round, AppError> {
    let mut round = Round::default();
    let waiting = invoice::Entity::find()
        .filter(open())
        .all(db)
        .await
        .map_err(db_error)?;
    let owing: HashSet<i32> = waiting.iter().map(|i| i.tenant_id).collect();
    let prepaid = tenant::Entity::find()
        .filter(tenant::Column::Id.is_in(owing.iter().copied()))
        .filter(tenant::Column::BillingMode.eq(BillingMode::Prepaid.as_str()))
        .filter(tenant::Column::BalanceCents.gt(0))
        .all(db)
        .await
        .map_err(db_error)?;
    for t in prepaid {
        round.paid_from_funds += spend_balance(db, t.id, now).await?;
    }
    let untried: Vec<_> = invoice::Entity::find()
        .filter(open())
        .filter(invoice::Column::AutopayTriedAt.is_null())
        .order_by_asc(invoice::Column::Id)
        .all(db)
        .await
        .map_err(db_error)?;
    let ids: HashSet<i32> = untried.iter().map(|i| i.tenant_id).collect();
    let autopay: HashMap<i32, tenant::Model> = tenant::Entity::find()
        .filter(tenant::Column::Id.is_in(ids))
        .filter(tenant::Column::Autopay.eq(true))
        .all(db)
        .await
        .map_err(db_error)?
        .into_iter()
        .map(|t| (t.id, t))
        .collect();
    for row in untried {
        let Some(t) = autopay.get(&row.tenant_id) else {
            continue;
        };
        match charge_one(db, gateway, portal, t, row, now).await? {
            Some(true) => round.autopaid += 1,
            Some(false) => round.autopay_failed += 1,
            None => {}
        }
    }
    Ok(round)
}

/// Claims and charges one invoice: `None` when another run has it (or nothing is due).
async fn charge_one(
    db: &Db,
    gateway: &Gateway,
    portal: Portal<'_>,
    t: &tenant::Model,
    row: invoice::Model,
    now: DateTime<Utc>,
) -> Result<Option<bool>, AppError> {
    let claimed = invoice::Entity::update_many()
        .col_expr(invoice::Column::AutopayTriedAt, Expr::value(now))
        .filter(invoice::Column::Id.eq(row.id))
        .filter(invoice::Column::AutopayTriedAt.is_null())
        .exec(db)
        .await
        .map_err(db_error)?;
    // The invoice as it is now (prepaid funds may have paid some of it).
    let Some(row) = invoice::Entity::find_by_id(row.id)
        .one(db)
        .await
        .map_err(db_error)?
    else {
        return Ok(None);
    };
    let due = row.total_cents - row.paid_cents + row.refunded_cents;
    if claimed.rows_affected != 1 || due <= 0 {
        return Ok(None);
    }
    let system = |action: &str| {
        audit::Entry::by_system(
            "billing",
            Some(row.partner_id),
            action,
            format!("invoice:{}", row.public_id),
        )
    };
    let p = partners::find_by_id(db, row.partner_id)
        .await?
        .ok_or_else(|| crate::error::internal("partner gone"))?;
    let collector = match gateway.for_partner(&p) {
        Ok(c) => c,
        Err(e) => {
            let reason = e.to_string();
            let entry = system("invoice.autopay_failed");
            super::failed(db, &row, &reason, entry, Some(portal), now).await?;
            return Ok(Some(false));
        }
    };
    let Some(saved) = pay::saved_card(db, t.id, &collector).await? else {
        let reason = "There is no card on file that can be charged any more; add your card again.";
        let entry = system("invoice.autopay_failed");
        super::failed(db, &row, reason, entry, Some(portal), now).await?;
        return Ok(Some(false));
    };
    let card = Card::saved(saved);
    let key = format!("autopay-{}", row.public_id.simple());
    match collector.processor.charge(&card.token, due, &key).await {
        Ok(charge) => {
            let done = Settle {
                card: &card,
                charge: &charge,
                amount_cents: due,
                entry: system("invoice.autopaid"),
                keep: None,
            };
            settle::settle(db, &collector, &row, done, now).await?;
            Ok(Some(true))
        }
        Err(e) => {
            let reason = e.message(&card.last4);
            let entry = system("invoice.autopay_failed");
            super::failed(db, &row, &reason, entry, Some(portal), now).await?;
            Ok(Some(false))
        }
    }
}

/// Prepaid funds of tenant `tenant_id` pay its open invoices, oldest first, as far as
/// they go. Returns how many invoices they paid into.
pub async fn spend_balance(db: &Db, tenant_id: i32, now: DateTime<Utc>) -> Result<u32, AppError> {
    let rows = invoice::Entity::find()
        .filter(open())
        .filter(invoice::Column::TenantId.eq(tenant_id))
        .order_by_asc(invoice::Column::Seq)
        .all(db)
        .await
        .map_err(db_error)?;
    let mut paid = 0;
    for row in rows {
        let txn = crate::db::begin(db).await?;
        let Some(t) = tenant::Entity::find_by_id(tenant_id)
            .one(&txn)
            .await
            .map_err(db_error)?
        else {
            break;
        };
        let due = row.total_cents - row.paid_cents + row.refunded_cents;
        let amount = std::cmp::min(due, t.balance_cents);
        if amount <= 0 {
            break;
        }
        let moved = tenant::Entity::update_many()
            .col_expr(
                tenant::Column::BalanceCents,
                Expr::col(tenant::Column::BalanceCents).sub(amount),
            )
            .filter(tenant::Column::Id.eq(tenant_id))
            .filter(tenant::Column::BalanceCents.gte(amount))
            .exec(&txn)
            .await
            .map_err(db_error)?;
        if moved.rows_affected != 1 {
            break;
        }
        let entry = audit::Entry::by_system(
            "billing",
            Some(row.partner_id),
            "invoice.paid_from_funds",
            format!("invoice:{}", row.public_id),
        );
        // Another run paid it meanwhile: the transaction (and the balance) rolls back.
        if actions::apply(&txn, Move::by(&row, amount, 0, entry), now)
            .await
            .is_err()
        {
            continue;
        }
        super::record(
            &txn,
            Received {
                partner_id: row.partner_id,
                tenant_id,
                invoice_id: Some(row.id),
                kind: "payment",
                method: "balance",
                amount_cents: amount,
                gateway: None,
                reference: None,
                card_last4: None,
            },
            now,
        )
        .await?;
        txn.commit().await.map_err(db_error)?;
        paid += 1;
    }
    Ok(paid)
}
