//! Chasing unpaid invoices (PRODUCT §5): an invoice unpaid at its due date (7 days after
//! issue) turns overdue and the tenant is mailed once; still unpaid N days after issue
//! (the profile's number, else the partner's; 14 by default, 0 = never) the tenant is
//! suspended for non-payment. Paying lifts that suspension, and only that one: a
//! partner's own suspension stays, and a partner who lifts a non-payment suspension by
//! hand is not overruled (each invoice suspends its tenant at most once).
//!
//! Every step is a guarded UPDATE, so reruns and two instances do each thing once.

use chrono::{DateTime, Duration, Utc};
use model::{AppError, invoicing::InvoiceStatus, tenants::TenantStatus};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, sea_query::Expr};
use serde::Serialize;

use super::{
    document::{Portal, local_day},
    entity::{billing_profile, invoice},
    sending::{By, deliver},
};
use crate::{
    Db, audit,
    error::db_error,
    mail::templates::InvoiceMailKind,
    partners::partner,
    tenants::{entity::tenant, to_dto},
};

/// `tenants.suspended_reason` of a tenant the dunning step suspended.
pub const NONPAYMENT: &str = model::tenants::SUSPENDED_NONPAYMENT;

/// What one dunning pass did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Dunning {
    pub invoices_overdue: u32,
    pub tenants_suspended: u32,
}

fn due(row: &invoice::Model) -> i64 {
    row.total_cents - row.paid_cents + row.refunded_cents
}

/// Days after issue at which `t`'s unpaid invoices suspend it; `None`: never.
async fn suspend_after(
    conn: &impl ConnectionTrait,
    t: &tenant::Model,
) -> Result<Option<i64>, AppError> {
    let from_profile = match t.billing_profile_id {
        Some(id) => billing_profile::Entity::find()
            .filter(billing_profile::Column::PublicId.eq(id))
            .one(conn)
            .await
            .map_err(db_error)?
            .and_then(|p| p.suspend_after_days),
        None => None,
    };
    let days = match from_profile {
        Some(days) => days,
        None => partner::Entity::find_by_id(t.partner_id)
            .one(conn)
            .await
            .map_err(db_error)?
            .map_or(0, |p| p.suspend_after_days),
    };
    Ok((days > 0).then(|| i64::from(days)))
}

async fn tenant_of(
    conn: &impl ConnectionTrait,
    row: &invoice::Model,
) -> Result<tenant::Model, AppError> {
    tenant::Entity::find_by_id(row.tenant_id)
        .one(conn)
        .await
        .map_err(db_error)?
        .ok_or_else(|| AppError::not_found("Tenant"))
}

/// Marks invoices past due as overdue (mailing each tenant once), then suspends tenants
/// whose overdue invoices reached their suspension day.
pub async fn run(db: &Db, portal: Portal<'_>, now: DateTime<Utc>) -> Result<Dunning, AppError> {
    let mut done = Dunning::default();
    let late = invoice::Entity::find()
        .filter(invoice::Column::Status.is_in([
            InvoiceStatus::Sent.as_str(),
            InvoiceStatus::PartiallyPaid.as_str(),
        ]))
        .filter(invoice::Column::DueAt.lte(now))
        .all(db)
        .await
        .map_err(db_error)?;
    for row in late.into_iter().filter(|r| due(r) > 0) {
        let t = tenant_of(db, &row).await?;
        let noticed = row.reminded_at.is_some_and(|r| r >= row.due_at);
        if noticed {
            // Paid in part after its notice: overdue again, without a second notice.
            invoice::Entity::update_many()
                .col_expr(
                    invoice::Column::Status,
                    Expr::value(InvoiceStatus::Overdue.as_str()),
                )
                .col_expr(invoice::Column::UpdatedAt, Expr::value(now))
                .filter(invoice::Column::Id.eq(row.id))
                .filter(invoice::Column::Status.eq(row.status.clone()))
                .exec(db)
                .await
                .map_err(db_error)?;
            continue;
        }
        let suspend_on = suspend_after(db, &t)
            .await?
            .map(|days| local_day(row.issued_at + Duration::days(days), &t));
        let kind = InvoiceMailKind::Overdue { suspend_on };
        if deliver(db, row, &kind, By::BillingRun, portal, now)
            .await?
            .is_some()
        {
            done.invoices_overdue += 1;
        }
    }

    let overdue = invoice::Entity::find()
        .filter(invoice::Column::Status.eq(InvoiceStatus::Overdue.as_str()))
        .filter(invoice::Column::SuspendedTenantAt.is_null())
        .all(db)
        .await
        .map_err(db_error)?;
    for row in overdue.into_iter().filter(|r| due(r) > 0) {
        let t = tenant_of(db, &row).await?;
        let Some(days) = suspend_after(db, &t).await? else {
            continue;
        };
        if now < row.issued_at + Duration::days(days) {
            continue;
        }
        if suspend(db, &row, &t, now).await? {
            done.tenants_suspended += 1;
        }
    }
    Ok(done)
}

/// Suspends `t` for invoice `row`; false when the invoice already did (or the tenant is
/// not active: suspended by its partner, or cancelled).
async fn suspend(
    db: &Db,
    row: &invoice::Model,
    t: &tenant::Model,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    let txn = crate::db::begin(db).await?;
    let claimed = invoice::Entity::update_many()
        .col_expr(invoice::Column::SuspendedTenantAt, Expr::value(now))
        .filter(invoice::Column::Id.eq(row.id))
        .filter(invoice::Column::SuspendedTenantAt.is_null())
        .exec(&txn)
        .await
        .map_err(db_error)?;
    if claimed.rows_affected != 1 {
        return Ok(false);
    }
    let moved = tenant::Entity::update_many()
        .col_expr(
            tenant::Column::Status,
            Expr::value(TenantStatus::Suspended.as_str()),
        )
        .col_expr(tenant::Column::SuspendedReason, Expr::value(NONPAYMENT))
        .col_expr(tenant::Column::UpdatedAt, Expr::value(now))
        .filter(tenant::Column::Id.eq(t.id))
        .filter(
            tenant::Column::Status
                .is_in([TenantStatus::Active.as_str(), TenantStatus::Trial.as_str()]),
        )
        .exec(&txn)
        .await
        .map_err(db_error)?;
    let suspended = moved.rows_affected == 1;
    if suspended {
        status_changed(&txn, t.id, "tenant.suspended", &row.number, now).await?;
    }
    txn.commit().await.map_err(db_error)?;
    Ok(suspended)
}

/// The event and audit entry of a dunning move of tenant `tenant_id`.
async fn status_changed(
    conn: &impl ConnectionTrait,
    tenant_id: i32,
    action: &str,
    invoice_number: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let fresh = tenant::Entity::find_by_id(tenant_id)
        .one(conn)
        .await
        .map_err(db_error)?
        .ok_or_else(|| AppError::not_found("Tenant"))?;
    let dto = to_dto(&fresh);
    crate::events::record(conn, fresh.partner_id, action, &dto, now).await?;
    audit::record(
        conn,
        audit::Entry::by_system(
            "Billing run",
            Some(fresh.partner_id),
            action,
            format!("tenant:{}", fresh.public_id),
        )
        .with_tenant(fresh.id)
        .with_summary(serde_json::json!({"reason": NONPAYMENT, "invoice": invoice_number})),
        now,
    )
    .await
}

/// After a payment on one of `tenant_id`'s invoices: lifts a non-payment suspension when
/// no invoice that suspended the tenant is still unpaid. Runs in the payment's
/// transaction.
pub(crate) async fn lift_if_settled(
    conn: &impl ConnectionTrait,
    tenant_id: i32,
    invoice_number: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let still_owed = invoice::Entity::find()
        .filter(invoice::Column::TenantId.eq(tenant_id))
        .filter(invoice::Column::SuspendedTenantAt.is_not_null())
        .all(conn)
        .await
        .map_err(db_error)?
        .iter()
        .any(|r| due(r) > 0 && !matches!(r.status.as_str(), "void" | "cancelled"));
    if still_owed {
        return Ok(());
    }
    let lifted = tenant::Entity::update_many()
        .col_expr(
            tenant::Column::Status,
            Expr::value(TenantStatus::Active.as_str()),
        )
        .col_expr(
            tenant::Column::SuspendedReason,
            Expr::value(Option::<String>::None),
        )
        .col_expr(tenant::Column::UpdatedAt, Expr::value(now))
        .filter(tenant::Column::Id.eq(tenant_id))
        .filter(tenant::Column::Status.eq(TenantStatus::Suspended.as_str()))
        .filter(tenant::Column::SuspendedReason.eq(NONPAYMENT))
        .exec(conn)
        .await
        .map_err(db_error)?;
    if lifted.rows_affected == 1 {
        status_changed(conn, tenant_id, "tenant.unsuspended", invoice_number, now).await?;
    }
    Ok(())
}
