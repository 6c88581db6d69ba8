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
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};
use uuid::Uuid;

use super::{entity::invoice, invoices};
use crate::{Db, audit, auth::actor::Actor, error::db_error};

/// An amount typed or posted as dollars: `"12.50"` → 1,250 cents, above zero.
pub fn parse_amount(input: &str) -> Result<i64, AppError> {
    model::billing::parse_dollars(input).map_err(|m| AppError::invalid("amount", m))
}

pub(super) async fn load(db: &Db, partner_id: i32, id: &str) -> Result<invoice::Model, AppError> {
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

/// Moves `row` to the given amounts and status, if nobody changed it meanwhile.
#[allow(clippy::too_many_arguments)]
async fn change(
    db: &Db,
    actor: &Actor,
    row: &invoice::Model,
    paid: i64,
    refunded: i64,
    status: InvoiceStatus,
    action: &str,
    now: DateTime<Utc>,
) -> Result<Invoice, AppError> {
    let txn = crate::db::begin(db).await?;
    let moved = invoice::Entity::update_many()
        .col_expr(invoice::Column::PaidCents, Expr::value(paid))
        .col_expr(invoice::Column::RefundedCents, Expr::value(refunded))
        .col_expr(invoice::Column::Status, Expr::value(status.as_str()))
        .col_expr(invoice::Column::UpdatedAt, Expr::value(now))
        .filter(invoice::Column::Id.eq(row.id))
        .filter(invoice::Column::Status.eq(row.status.clone()))
        .filter(invoice::Column::PaidCents.eq(row.paid_cents))
        .filter(invoice::Column::RefundedCents.eq(row.refunded_cents))
        .exec(&txn)
        .await
        .map_err(db_error)?;
    if moved.rows_affected != 1 {
        return Err(AppError::conflict(
            "The invoice changed meanwhile; reload it and try again.",
        ));
    }
    let fresh = invoice::Entity::find_by_id(row.id)
        .one(&txn)
        .await
        .map_err(db_error)?
        .ok_or_else(|| AppError::not_found("No such invoice."))?;
    let dto = invoices::to_dto(&txn, vec![fresh]).await?.remove(0);
    audit::record(
        &txn,
        audit::Entry::by_user(&actor.user, action, format!("invoice:{}", row.public_id))
            .with_tenant(row.tenant_id)
            .with_summary(serde_json::json!({
                "number": row.number,
                "paid": model::api::numbers::decimal(paid),
                "refunded": model::api::numbers::decimal(refunded),
                "status": status.as_str(),
            })),
        now,
    )
    .await?;
    if paid > row.paid_cents {
        super::dunning::lift_if_settled(&txn, row.tenant_id, &row.number, now).await?;
    }
    if status == InvoiceStatus::Paid && row.status != InvoiceStatus::Paid.as_str() {
        crate::events::record(
            &txn,
            row.partner_id,
            "invoice.paid",
            &model::api::invoicing::InvoiceJson::from(&dto),
            now,
        )
        .await?;
    }
    txn.commit().await.map_err(db_error)?;
    Ok(dto)
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
    change(
        db,
        &actor,
        &row,
        0,
        0,
        InvoiceStatus::Void,
        "invoice.voided",
        now,
    )
    .await
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
    let paid = row.paid_cents + amount_cents;
    let status = settled(&row, paid, row.refunded_cents);
    change(
        db,
        &actor,
        &row,
        paid,
        row.refunded_cents,
        status,
        "invoice.payment_recorded",
        now,
    )
    .await
}

/// Refunds `amount_cents` of what invoice `id` was paid.
pub async fn refund(
    db: &Db,
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
    let refunded = row.refunded_cents + amount_cents;
    let status = settled(&row, row.paid_cents, refunded);
    change(
        db,
        &actor,
        &row,
        row.paid_cents,
        refunded,
        status,
        "invoice.refunded",
        now,
    )
    .await
}
