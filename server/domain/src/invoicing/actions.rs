//! What a partner does with an invoice: void a draft, record a payment received by
//! hand, refund what was paid (in full or in part). Each change is one transaction
//! whose UPDATE is guarded by the amounts and status it read, so two clicks or two
//! instances cannot pay or refund the same money twice. The status follows the
//! amounts: paid in full → `paid`, some paid → `partially_paid`; the invariant
//! `paid − refunded + due = total` holds by construction (due is derived).

use chrono::{DateTime, Utc};
use model::{
    AppError,
    auth::Viewer,
    invoicing::{Invoice, InvoiceStatus},
};
use sea_orm::{ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, sea_query::Expr};
use uuid::Uuid;

use super::{entity::invoice, invoices};
use crate::{Db, audit, auth::actor::Actor, billing::gateway::Gateway, error::db_error};

/// An amount typed or posted as dollars: `"12.50"` → 1,250 cents, above zero.
pub fn parse_amount(input: &str) -> Result<i64, AppError> {
    model::billing::parse_dollars(input).map_err(|m| AppError::invalid("amount", m))
}

pub(super) async fn load(
    db: &impl sea_orm::ConnectionTrait,
    partner_id: i32,
    id: &str,
) -> Result<invoice::Model, AppError> {
    let not_found = || AppError::not_found("No such invoice.");
    let uuid = Uuid::parse_str(id.trim()).map_err(|_| not_found())?;
    invoice::Entity::find()
        .filter(invoice::Column::PublicId.eq(uuid))
        .filter(invoice::Column::PartnerId.eq(partner_id))
        .one(db)
        .await
        .map_err(db_error)?
        .ok_or_else(not_found)
}

/// The status `row`'s amounts call for once `paid` and `refunded` change.
fn settled(row: &invoice::Model, paid: i64, refunded: i64) -> InvoiceStatus {
    let net = paid - refunded;
    if net >= row.total_cents {
        InvoiceStatus::Paid
    } else if net > 0 {
        InvoiceStatus::PartiallyPaid
    } else if row.status == InvoiceStatus::Draft.as_str() {
        InvoiceStatus::Draft
    } else if row.due_at < Utc::now() {
        InvoiceStatus::Overdue
    } else {
        InvoiceStatus::Sent
    }
}

/// A change to one invoice's amounts, as `apply` makes it.
pub(super) struct Move<'a> {
    pub row: &'a invoice::Model,
    pub paid: i64,
    pub refunded: i64,
    pub status: InvoiceStatus,
    /// Who did it and what: the audit entry (the amounts are added to it).
    pub entry: audit::Entry,
}

impl<'a> Move<'a> {
    /// `row` with `paid` more received (or `refunded` more given back).
    pub fn by(row: &'a invoice::Model, paid: i64, refunded: i64, entry: audit::Entry) -> Self {
        let (paid, refunded) = (row.paid_cents + paid, row.refunded_cents + refunded);
        Self {
            row,
            paid,
            refunded,
            status: settled(row, paid, refunded),
            entry,
        }
    }
}

/// Moves the invoice inside `txn`, if nobody changed it meanwhile: its amounts and
/// status, the audit entry, lifting a suspension it caused once it is paid, and
/// `invoice.paid` when it becomes paid.
pub(super) async fn apply(
    txn: &DatabaseTransaction,
    m: Move<'_>,
    now: DateTime<Utc>,
) -> Result<Invoice, AppError> {
    let row = m.row;
    let moved = invoice::Entity::update_many()
        .col_expr(invoice::Column::PaidCents, Expr::value(m.paid))
        .col_expr(invoice::Column::RefundedCents, Expr::value(m.refunded))
        .col_expr(invoice::Column::Status, Expr::value(m.status.as_str()))
        .col_expr(invoice::Column::UpdatedAt, Expr::value(now))
        .filter(invoice::Column::Id.eq(row.id))
        .filter(invoice::Column::Status.eq(row.status.clone()))
        .filter(invoice::Column::PaidCents.eq(row.paid_cents))
        .filter(invoice::Column::RefundedCents.eq(row.refunded_cents))
        .exec(txn)
        .await
        .map_err(db_error)?;
    if moved.rows_affected != 1 {
        return Err(AppError::conflict(
            "The invoice changed meanwhile; reload it and try again.",
        ));
    }
    let fresh = invoice::Entity::find_by_id(row.id)
        .one(txn)
        .await
        .map_err(db_error)?
        .ok_or_else(|| AppError::not_found("No such invoice."))?;
    let dto = invoices::to_dto(txn, vec![fresh]).await?.remove(0);
    audit::record(
        txn,
        m.entry
            .with_tenant(row.tenant_id)
            .with_summary(serde_json::json!({
                "number": row.number,
                "paid": model::api::numbers::decimal(m.paid),
                "refunded": model::api::numbers::decimal(m.refunded),
                "status": m.status.as_str(),
            })),
        now,
    )
    .await?;
    if m.paid > row.paid_cents {
        super::dunning::lift_if_settled(txn, row.tenant_id, &row.number, now).await?;
    }
    if m.status == InvoiceStatus::Paid && row.status != InvoiceStatus::Paid.as_str() {
        crate::events::record(
            txn,
            row.partner_id,
            "invoice.paid",
            &model::api::invoicing::InvoiceJson::from(&dto),
            now,
        )
        .await?;
    }
    Ok(dto)
}

fn by(actor: &Actor, action: &str, row: &invoice::Model) -> audit::Entry {
    audit::Entry::by_user(&actor.user, action, format!("invoice:{}", row.public_id))
}

/// Voids a draft (it keeps its number; numbers never have gaps). Anything else: 409.
pub async fn void(
    db: &Db,
    viewer: Option<&Viewer>,
    id: &str,
    now: DateTime<Utc>,
) -> Result<Invoice, AppError> {
    let actor = Actor::partner_member(db, viewer).await?;
    actor.require_admin()?;
    let row = load(db, actor.partner_id, id).await?;
    if row.status != InvoiceStatus::Draft.as_str() || row.paid_cents > 0 {
        return Err(AppError::conflict(
            "Only a draft with nothing paid can be voided.",
        ));
    }
    let txn = crate::db::begin(db).await?;
    let entry = by(&actor, "invoice.voided", &row);
    let mut change = Move::by(&row, 0, 0, entry);
    change.status = InvoiceStatus::Void;
    let dto = apply(&txn, change, now).await?;
    txn.commit().await.map_err(db_error)?;
    Ok(dto)
}

/// Records `amount_cents` received for invoice `id` (at most what is due).
pub async fn record_payment(
    db: &Db,
    viewer: Option<&Viewer>,
    id: &str,
    amount_cents: i64,
    now: DateTime<Utc>,
) -> Result<Invoice, AppError> {
    let actor = Actor::partner_member(db, viewer).await?;
    actor.require_admin()?;
    let row = load(db, actor.partner_id, id).await?;
    if matches!(row.status.as_str(), "void" | "cancelled") {
        return Err(AppError::conflict(
            "A void or cancelled invoice takes no payments.",
        ));
    }
    let due = row.total_cents - row.paid_cents + row.refunded_cents;
    if amount_cents <= 0 || amount_cents > due {
        return Err(AppError::invalid(
            "amount",
            format!(
                "Enter an amount above zero and at most the {} due.",
                model::billing::dollars(due)
            ),
        ));
    }
    let txn = crate::db::begin(db).await?;
    let entry = by(&actor, "invoice.payment_recorded", &row);
    let dto = apply(&txn, Move::by(&row, amount_cents, 0, entry), now).await?;
    super::collection::record(
        &txn,
        super::collection::Received::manual(&row, amount_cents),
        now,
    )
    .await?;
    txn.commit().await.map_err(db_error)?;
    Ok(dto)
}

/// Refunds `amount_cents` of what invoice `id` was paid: card payments are given back
/// through the processor that took them (newest first), the rest is recorded as given
/// back by hand.
pub async fn refund(
    db: &Db,
    gateway: &Gateway,
    viewer: Option<&Viewer>,
    id: &str,
    amount_cents: i64,
    now: DateTime<Utc>,
) -> Result<Invoice, AppError> {
    let actor = Actor::partner_member(db, viewer).await?;
    actor.require_admin()?;
    let row = load(db, actor.partner_id, id).await?;
    let refundable = row.paid_cents - row.refunded_cents;
    if refundable <= 0 {
        return Err(AppError::conflict(
            "Nothing was paid on this invoice, so nothing can be refunded.",
        ));
    }
    if amount_cents <= 0 || amount_cents > refundable {
        return Err(AppError::invalid(
            "amount",
            format!(
                "Enter an amount above zero and at most the {} paid.",
                model::billing::dollars(refundable)
            ),
        ));
    }
    let entry = by(&actor, "invoice.refunded", &row);
    super::collection::refunds::give_back(db, gateway, &row, amount_cents, entry, now).await
}
