//! Giving back what an invoice was paid. The refund is taken from the newest payments
//! first: a card payment is refunded through the processor that took it (and, in
//! Platform mode, leaves the partner's wallet again); prepaid funds go back to the
//! tenant's balance; a payment recorded by hand is recorded as given back by hand.

use chrono::{DateTime, Utc};
use model::{
    AppError,
    billing::{LedgerKind, dollars},
    invoicing::Invoice,
};
use sea_orm::{
    ColumnTrait, EntityTrait, QueryFilter, QueryOrder,
    sea_query::{Expr, ExprTrait},
};

use super::{Received, entity::tenant_payment};
use crate::{
    Db, audit,
    billing::{
        gateway::Gateway,
        wallet::{self, Posting},
    },
    error::db_error,
    invoicing::{
        actions::{self, Move},
        entity::invoice,
    },
    partners,
    tenants::entity::tenant,
};

/// One slice of the refund: which payment it comes from, how much, and the
/// processor's refund id for a card.
struct Slice {
    payment: Option<tenant_payment::Model>,
    amount_cents: i64,
    reference: Option<String>,
}

pub(crate) async fn give_back(
    db: &Db,
    gateway: &Gateway,
    row: &invoice::Model,
    amount_cents: i64,
    entry: audit::Entry,
    now: DateTime<Utc>,
) -> Result<Invoice, AppError> {
    let payments = tenant_payment::Entity::find()
        .filter(tenant_payment::Column::InvoiceId.eq(row.id))
        .filter(tenant_payment::Column::Kind.eq("payment"))
        .order_by_desc(tenant_payment::Column::Id)
        .all(db)
        .await
        .map_err(db_error)?;
    let mut left = amount_cents;
    let mut slices = Vec::new();
    for p in payments {
        let take = std::cmp::min(p.amount_cents - p.refunded_cents, left);
        if take > 0 {
            left -= take;
            slices.push(Slice {
                payment: Some(p),
                amount_cents: take,
                reference: None,
            });
        }
    }
    if left > 0 {
        // Paid before payments were itemised: given back by hand.
        slices.push(Slice {
            payment: None,
            amount_cents: left,
            reference: None,
        });
    }
    let cards = slices
        .iter()
        .any(|s| s.payment.as_ref().is_some_and(|p| p.method == "card"));
    let collector = if cards {
        let p = partners::find_by_id(db, row.partner_id)
            .await?
            .ok_or_else(|| crate::error::internal("partner gone"))?;
        Some(gateway.for_partner(&p)?)
    } else {
        None
    };
    // The processor first: what it refused is not recorded (nothing was given back).
    let mut refused = None;
    for slice in &mut slices {
        let (Some(p), Some(c)) = (&slice.payment, &collector) else {
            continue;
        };
        if p.method != "card" {
            continue;
        }
        if p.gateway.as_deref() != Some(c.name.as_str()) {
            refused = Some(format!(
                "The card payment of {} was taken through a payment setup you have since changed; refund it from that account and record it here by hand.",
                dollars(p.amount_cents)
            ));
            break;
        }
        let charge = p.reference.clone().unwrap_or_default();
        let key = format!("refund-{}-{}", p.public_id.simple(), p.refunded_cents);
        match c.processor.refund(&charge, slice.amount_cents, &key).await {
            Ok(id) => slice.reference = Some(id),
            Err(e) => {
                refused = Some(e.message(p.card_last4.as_deref().unwrap_or("")));
                break;
            }
        }
    }
    if let Some(reason) = refused {
        // Keep only what the processor has given back (and nothing after it).
        let cut = slices
            .iter()
            .position(|s| {
                s.payment.as_ref().is_some_and(|p| p.method == "card") && s.reference.is_none()
            })
            .unwrap_or(slices.len());
        slices.truncate(cut);
        if slices.is_empty() {
            return Err(AppError::conflict(reason));
        }
        let done: i64 = slices.iter().map(|s| s.amount_cents).sum();
        write(db, row, slices, done, entry, now).await?;
        return Err(AppError::conflict(format!(
            "{} was refunded; the rest was not: {reason}",
            dollars(done)
        )));
    }
    write(db, row, slices, amount_cents, entry, now).await
}

fn method_name(method: &str) -> &'static str {
    match method {
        "card" => "card",
        "balance" => "balance",
        _ => "manual",
    }
}

async fn write(
    db: &Db,
    row: &invoice::Model,
    slices: Vec<Slice>,
    amount_cents: i64,
    entry: audit::Entry,
    now: DateTime<Utc>,
) -> Result<Invoice, AppError> {
    let txn = crate::db::begin(db).await?;
    let dto = actions::apply(&txn, Move::by(row, 0, amount_cents, entry), now).await?;
    for slice in slices {
        let method = slice
            .payment
            .as_ref()
            .map_or("manual", |p| p.method.as_str())
            .to_owned();
        if let Some(p) = &slice.payment {
            tenant_payment::Entity::update_many()
                .col_expr(
                    tenant_payment::Column::RefundedCents,
                    Expr::col(tenant_payment::Column::RefundedCents).add(slice.amount_cents),
                )
                .filter(tenant_payment::Column::Id.eq(p.id))
                .exec(&txn)
                .await
                .map_err(db_error)?;
        }
        if method == "balance" {
            tenant::Entity::update_many()
                .col_expr(
                    tenant::Column::BalanceCents,
                    Expr::col(tenant::Column::BalanceCents).add(slice.amount_cents),
                )
                .filter(tenant::Column::Id.eq(row.tenant_id))
                .exec(&txn)
                .await
                .map_err(db_error)?;
        }
        let card = slice.payment.as_ref().and_then(|p| p.card_last4.clone());
        let via_wallet = slice
            .payment
            .as_ref()
            .is_some_and(|p| p.method == "card" && p.gateway.as_deref() == Some("platform"));
        if via_wallet && let Some(reference) = &slice.reference {
            let posting = Posting {
                partner_id: row.partner_id,
                kind: LedgerKind::CustomerRefund,
                amount_cents: -slice.amount_cents,
                description: format!(
                    "Invoice {} refunded, card ending {}",
                    row.number,
                    card.as_deref().unwrap_or("")
                ),
                reference: Some(reference.clone()),
                // The money already went back to the card.
                overdraw: true,
            };
            wallet::post(&txn, posting, now).await?;
        }
        super::record(
            &txn,
            Received {
                partner_id: row.partner_id,
                tenant_id: row.tenant_id,
                invoice_id: Some(row.id),
                kind: "refund",
                method: method_name(&method),
                amount_cents: slice.amount_cents,
                gateway: slice.payment.as_ref().and_then(|p| p.gateway.clone()),
                reference: slice.reference,
                card_last4: card,
            },
            now,
        )
        .await?;
    }
    txn.commit().await.map_err(db_error)?;
    Ok(dto)
}
