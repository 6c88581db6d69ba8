//! Mailing invoices to tenants: the first send (Draft → Sent), a reminder a partner asks
//! for, and the overdue notice the dunning step sends. Each goes to the tenant's billing
//! address in the partner's brand with the PDF attached and a link to pay in the portal.
//!
//! The PDF is rendered before the transaction (it is CPU work; no lock is held meanwhile).
//! The transaction then makes the change with an UPDATE guarded by what was read, and
//! writes the mail into the outbox: two instances, or two clicks, mail it once.

use chrono::{DateTime, Utc};
use model::{
    AppError,
    auth::Viewer,
    billing::dollars,
    invoicing::{Invoice, InvoiceStatus},
};
use sea_orm::{ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, sea_query::Expr};

use super::{
    actions,
    document::{self, Portal},
    entity::invoice,
    invoices,
};
use crate::{
    Db, audit,
    auth::{actor::Actor, user},
    error::db_error,
    mail::{self, Attachment, templates::InvoiceMail, templates::InvoiceMailKind},
    partners::partner,
    tenants::entity::tenant,
};

/// Who asked for the mail: a partner's user, or the billing run.
#[derive(Clone, Copy)]
pub(crate) enum By<'a> {
    User(&'a user::Model),
    BillingRun,
}

/// Sends invoice `id` (a partner admin's action): a draft is issued and mailed; an
/// unpaid invoice already sent is mailed again as a reminder.
pub async fn send(
    db: &Db,
    viewer: Option<&Viewer>,
    id: &str,
    portal: Portal<'_>,
    now: DateTime<Utc>,
) -> Result<Invoice, AppError> {
    let actor = Actor::partner_member(db, viewer).await?;
    actor.require_admin()?;
    let row = actions::load(db, actor.partner_id, id).await?;
    let kind = match InvoiceStatus::parse(&row.status).unwrap_or(InvoiceStatus::Draft) {
        InvoiceStatus::Void | InvoiceStatus::Cancelled => {
            return Err(AppError::conflict(
                "A void or cancelled invoice is not sent.",
            ));
        }
        InvoiceStatus::Draft => InvoiceMailKind::New,
        _ if row.total_cents - row.paid_cents + row.refunded_cents <= 0 => {
            return Err(AppError::conflict(
                "This invoice is paid in full: there is nothing to remind the customer of.",
            ));
        }
        _ => InvoiceMailKind::Reminder,
    };
    match deliver(db, row, &kind, By::User(&actor.user), portal, now).await? {
        Some(sent) => Ok(sent),
        None => Err(AppError::conflict(
            "The invoice changed meanwhile; reload it and try again.",
        )),
    }
}

/// Mails `row` for `kind` and records it; `None` when another run or click changed the
/// invoice first (then nothing was mailed here).
pub(crate) async fn deliver(
    db: &Db,
    row: invoice::Model,
    kind: &InvoiceMailKind,
    by: By<'_>,
    portal: Portal<'_>,
    now: DateTime<Utc>,
) -> Result<Option<Invoice>, AppError> {
    let pdf = document::render(db, row.clone(), portal).await?;
    let txn = crate::db::begin(db).await?;
    let guarded = invoice::Entity::update_many()
        .col_expr(invoice::Column::UpdatedAt, Expr::value(now))
        .filter(invoice::Column::Id.eq(row.id))
        .filter(invoice::Column::Status.eq(row.status.clone()))
        .filter(match row.reminded_at {
            Some(at) => invoice::Column::RemindedAt.eq(at),
            None => invoice::Column::RemindedAt.is_null(),
        });
    let (guarded, action) = match kind {
        InvoiceMailKind::New => (
            guarded
                .col_expr(
                    invoice::Column::Status,
                    Expr::value(InvoiceStatus::Sent.as_str()),
                )
                .col_expr(invoice::Column::SentAt, Expr::value(now))
                // Issued when sent: the due date counts from the day the tenant gets it.
                .col_expr(invoice::Column::IssuedAt, Expr::value(now))
                .col_expr(
                    invoice::Column::DueAt,
                    Expr::value(now + chrono::Duration::days(super::engine::DUE_DAYS)),
                ),
            "invoice.sent",
        ),
        InvoiceMailKind::Reminder => (
            guarded.col_expr(invoice::Column::RemindedAt, Expr::value(now)),
            "invoice.reminded",
        ),
        InvoiceMailKind::Overdue { .. } => (
            guarded
                .col_expr(invoice::Column::RemindedAt, Expr::value(now))
                .col_expr(
                    invoice::Column::Status,
                    Expr::value(InvoiceStatus::Overdue.as_str()),
                ),
            "invoice.overdue",
        ),
        // Mailed by `declined`, in the transaction that records the failed charge.
        InvoiceMailKind::Declined { .. } => return Ok(None),
    };
    if guarded.exec(&txn).await.map_err(db_error)?.rows_affected != 1 {
        return Ok(None);
    }
    let fresh = invoice::Entity::find_by_id(row.id)
        .one(&txn)
        .await
        .map_err(db_error)?
        .ok_or_else(|| AppError::not_found("No such invoice."))?;
    let (t, p, dto, mut message) = compose(&txn, &fresh, kind, portal).await?;
    message.attachment = Some(Attachment {
        name: pdf.filename,
        content_type: "application/pdf".into(),
        bytes: pdf.bytes,
    });
    mail::enqueue(&txn, message, now).await?;
    let target = format!("invoice:{}", row.public_id);
    let entry = match by {
        By::User(u) => audit::Entry::by_user(u, action, target),
        By::BillingRun => audit::Entry::by_system("Billing run", Some(p.id), action, target),
    };
    audit::record(
        &txn,
        entry.with_tenant(t.id).with_summary(serde_json::json!({
            "number": dto.number,
            "to": t.billing_email,
            "due": model::api::numbers::decimal(dto.due_cents),
        })),
        now,
    )
    .await?;
    txn.commit().await.map_err(db_error)?;
    Ok(Some(dto))
}

/// The mail about invoice `row` for `kind`, to the tenant's billing address in its
/// partner's brand (the caller attaches the PDF, if any, and queues it).
async fn compose(
    txn: &DatabaseTransaction,
    fresh: &invoice::Model,
    kind: &InvoiceMailKind,
    portal: Portal<'_>,
) -> Result<(tenant::Model, partner::Model, Invoice, mail::Message), AppError> {
    let t = tenant::Entity::find_by_id(fresh.tenant_id)
        .one(txn)
        .await
        .map_err(db_error)?
        .ok_or_else(|| AppError::not_found("Tenant"))?;
    let p = partner::Entity::find_by_id(fresh.partner_id)
        .one(txn)
        .await
        .map_err(db_error)?
        .ok_or_else(|| AppError::not_found("Partner"))?;
    let dto = invoices::to_dto(txn, vec![fresh.clone()]).await?.remove(0);
    let origin = document::portal_origin(txn, &p, portal).await?;
    let sender = crate::branding::sender_for(txn, Some(p.id), "").await?;
    let period = document::period_text(&dto);
    let due_date = document::local_day(fresh.due_at, &t);
    let (total, amount_due) = (dollars(dto.total_cents), dollars(dto.due_cents));
    let link = document::billing_link(&origin, &t);
    let message = mail::templates::invoice(
        &sender,
        &t.billing_email,
        kind,
        &InvoiceMail {
            number: &dto.number,
            period: &period,
            total: &total,
            amount_due: &amount_due,
            due_date: &due_date,
            link: &link,
        },
    );
    Ok((t, p, dto, message))
}

/// Queues the mail telling a tenant that auto-pay could not charge invoice `row`, in the
/// caller's transaction (the one recording the failure: it goes out exactly once).
pub(crate) async fn declined(
    txn: &DatabaseTransaction,
    row: &invoice::Model,
    reason: &str,
    portal: Portal<'_>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let kind = InvoiceMailKind::Declined {
        reason: reason.to_owned(),
    };
    let (.., message) = compose(txn, row, &kind, portal).await?;
    mail::enqueue(txn, message, now).await.map(|_| ())
}

/// Issues and mails every draft of a partner that sends invoices at once (what the
/// billing run just made, and any a killed run left behind); how many went out.
pub async fn send_due(db: &Db, portal: Portal<'_>, now: DateTime<Utc>) -> Result<u32, AppError> {
    let auto: Vec<i32> = partner::Entity::find()
        .filter(partner::Column::AutoSendInvoices.eq(true))
        .all(db)
        .await
        .map_err(db_error)?
        .into_iter()
        .map(|p| p.id)
        .collect();
    if auto.is_empty() {
        return Ok(0);
    }
    let drafts = invoice::Entity::find()
        .filter(invoice::Column::Status.eq(InvoiceStatus::Draft.as_str()))
        .filter(invoice::Column::PartnerId.is_in(auto))
        .filter(invoice::Column::SentAt.is_null())
        .all(db)
        .await
        .map_err(db_error)?;
    let mut sent = 0;
    for row in drafts {
        if deliver(db, row, &InvoiceMailKind::New, By::BillingRun, portal, now)
            .await?
            .is_some()
        {
            sent += 1;
        }
    }
    Ok(sent)
}
