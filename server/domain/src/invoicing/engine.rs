//! The billing run: every tenant on a profile whose current period has ended (at local
//! midnight in its billing time zone) gets that period's invoice, one period at a time
//! until it is caught up. It runs inside `serve` and as `server billing-run [--at]`.
//!
//! Exactly once, whatever runs at once: each period is claimed by moving the tenant's
//! `billing_next_start` forward with a guarded UPDATE (`WHERE billing_next_start =` the
//! period's start) in the same transaction that writes the invoice, its lines, the
//! partner's next invoice number and the `invoice.created` event. A second run, on this
//! instance or another, matches no row and moves on; a run killed mid-way rolls the
//! whole period back and the next run bills it. The unique key on
//! `(tenant_id, period_start)` holds the same line if anything else ever tried.

use crate::calendar::{local_midnight, zone};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Tz;
use model::{
    AppError,
    invoicing::{
        InvoiceStatus, PeriodKind,
        compute::{AppliedRate, Usage, compute, finish},
        period_containing,
    },
    tenants::TenantStatus,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, Set,
    sea_query::{Expr, ExprTrait},
};
use serde::Serialize;
use uuid::Uuid;

use super::{
    charges,
    entity::{billing_profile, invoice, invoice_line, tax_rate},
    holdings, invoices, profiles, settings,
};
use crate::{
    Db,
    error::{db_error, internal},
    partners::partner,
    tenants::entity::tenant,
    usage::entity::cdr,
};

/// Days from issue to due; an invoice unpaid past it is overdue.
pub const DUE_DAYS: i64 = 7;

/// What one run did (the CLI prints it as its last line).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub invoices_created: u32,
    pub tenants_billed: u32,
}

fn parse_day(text: &str) -> Result<NaiveDate, AppError> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(internal)
}

/// Closes every ended period due at `at`.
pub async fn run(db: &Db, at: DateTime<Utc>) -> Result<Summary, AppError> {
    let due = tenant::Entity::find()
        .filter(tenant::Column::BillingProfileId.is_not_null())
        .filter(tenant::Column::BillingNextStart.is_not_null())
        .all(db)
        .await
        .map_err(db_error)?;
    let mut summary = Summary::default();
    for t in due {
        let made = bill_tenant(db, t, at).await?;
        if made > 0 {
            summary.tenants_billed += 1;
            summary.invoices_created += made;
        }
    }
    Ok(summary)
}

/// Invoices `t`'s ended periods, oldest first; how many it made.
async fn bill_tenant(db: &Db, mut t: tenant::Model, at: DateTime<Utc>) -> Result<u32, AppError> {
    let tz = zone(&t.timezone);
    let kind = PeriodKind::parse(&t.billing_period).map_err(internal)?;
    let mut made = 0;
    while let (Some(anchor), Some(next)) = (&t.billing_anchor, &t.billing_next_start) {
        let anchor = parse_day(anchor)?;
        let next = parse_day(next)?;
        let period = period_containing(kind, anchor, next);
        let until = local_midnight(tz, period.end);
        if until > at {
            break;
        }
        if let Some(converted) = end_trial(db, &t, anchor, period.start, at).await? {
            t = converted;
            continue;
        }
        // A cancelled tenant is billed up to its cancellation, then no more.
        let cancelled_before = t.status == TenantStatus::Cancelled.as_str()
            && t.cancelled_at
                .is_some_and(|c| local_midnight(tz, period.start) >= c);
        let txn = crate::db::begin(db).await?;
        let claimed = tenant::Entity::update_many()
            .col_expr(
                tenant::Column::BillingNextStart,
                Expr::value(if cancelled_before {
                    None
                } else {
                    Some(period.end.format("%Y-%m-%d").to_string())
                }),
            )
            .filter(tenant::Column::Id.eq(t.id))
            .filter(tenant::Column::BillingNextStart.eq(next.format("%Y-%m-%d").to_string()))
            .exec(&txn)
            .await
            .map_err(db_error)?;
        if claimed.rows_affected == 1 && !cancelled_before {
            issue(&txn, &t, &period, tz, at).await?;
            made += 1;
        }
        txn.commit().await.map_err(db_error)?;
        // Read back what the claim left (another run may have moved it on).
        t = match tenant::Entity::find_by_id(t.id)
            .one(db)
            .await
            .map_err(db_error)?
        {
            Some(fresh) => fresh,
            None => break,
        };
    }
    Ok(made)
}

/// A tenant on a trial profile moves to the profile it converts to at the first period
/// that starts once the trial's days (counted from the day billing began) are over; that
/// period and every later one are billed on the new profile. The move is guarded by the
/// profile the tenant was on, so two runs make it once. Returns the moved tenant.
async fn end_trial(
    db: &Db,
    t: &tenant::Model,
    anchor: NaiveDate,
    period_start: NaiveDate,
    now: DateTime<Utc>,
) -> Result<Option<tenant::Model>, AppError> {
    let Some(current) = t.billing_profile_id else {
        return Ok(None);
    };
    let Some(profile) = billing_profile::Entity::find()
        .filter(billing_profile::Column::PublicId.eq(current))
        .one(db)
        .await
        .map_err(db_error)?
    else {
        return Ok(None);
    };
    let (Some(days), Some(target)) = (profile.trial_days, profile.converts_to) else {
        return Ok(None);
    };
    if period_start < anchor + Duration::days(i64::from(days)) {
        return Ok(None);
    }
    let Some(target) = billing_profile::Entity::find_by_id(target)
        .one(db)
        .await
        .map_err(db_error)?
    else {
        return Ok(None);
    };
    let txn = crate::db::begin(db).await?;
    let moved = tenant::Entity::update_many()
        .col_expr(
            tenant::Column::BillingProfileId,
            Expr::value(target.public_id),
        )
        .col_expr(tenant::Column::UpdatedAt, Expr::value(now))
        .filter(tenant::Column::Id.eq(t.id))
        .filter(tenant::Column::BillingProfileId.eq(current))
        .exec(&txn)
        .await
        .map_err(db_error)?;
    if moved.rows_affected == 1 {
        crate::audit::record(
            &txn,
            crate::audit::Entry::by_system(
                "Billing run",
                Some(t.partner_id),
                "tenant.trial_ended",
                format!("tenant:{}", t.public_id),
            )
            .with_tenant(t.id)
            .with_summary(serde_json::json!({
                "profile": {"before": profile.name, "after": target.name},
                "from": period_start.format("%Y-%m-%d").to_string(),
            })),
            now,
        )
        .await?;
    }
    txn.commit().await.map_err(db_error)?;
    let fresh = tenant::Entity::find_by_id(t.id)
        .one(db)
        .await
        .map_err(db_error)?;
    Ok(fresh.filter(|f| f.billing_profile_id != Some(current)))
}

/// Writes the invoice of `period` for `t` inside the claiming transaction.
async fn issue<C: ConnectionTrait>(
    txn: &C,
    t: &tenant::Model,
    period: &model::invoicing::Period,
    tz: Tz,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let profile_id = t.billing_profile_id.ok_or_else(|| internal("no profile"))?;
    let profile = billing_profile::Entity::find()
        .filter(billing_profile::Column::PublicId.eq(profile_id))
        .one(txn)
        .await
        .map_err(db_error)?
        .ok_or_else(|| internal("profile gone"))?;
    let (prices, included) = profiles::pricing(&profile);
    let from = local_midnight(tz, period.start);
    let until = local_midnight(tz, period.end);
    let days =
        |kind| holdings::item_days(txn, t.id, kind, tz, period.start, period.end, from, until);
    let usage = Usage {
        extension_days: days(holdings::EXTENSION).await?,
        local_number_days: days(holdings::LOCAL_NUMBER).await?,
        toll_free_number_days: days(holdings::TOLL_FREE_NUMBER).await?,
        local_minutes: minutes(txn, t.id, false, from, until).await?,
        toll_free_minutes: minutes(txn, t.id, true, from, until).await?,
    };
    let rates = applied_rates(txn, t).await?;
    let priced = compute(
        profile.base_fee_cents,
        &prices,
        &included,
        period,
        &usage,
        &rates,
    );
    // One-time charges and credits added before the period closed join its lines.
    let taken = charges::waiting(txn, t.id, until).await?;
    let charged: i64 = priced.lines.iter().map(|l| l.amount_cents).sum();
    let (extra, used) = charges::lines(&taken, charged);
    let mut lines = priced.lines;
    lines.extend(extra);
    let computed = finish(lines, &rates);

    // The partner's next number, in this transaction: a rollback returns it unused.
    partner::Entity::update_many()
        .col_expr(
            partner::Column::InvoiceSeq,
            Expr::col(partner::Column::InvoiceSeq).add(1),
        )
        .filter(partner::Column::Id.eq(t.partner_id))
        .exec(txn)
        .await
        .map_err(db_error)?;
    let p = partner::Entity::find_by_id(t.partner_id)
        .one(txn)
        .await
        .map_err(db_error)?
        .ok_or_else(|| internal("partner gone"))?;
    let row = invoice::ActiveModel {
        public_id: Set(Uuid::now_v7()),
        partner_id: Set(t.partner_id),
        tenant_id: Set(t.id),
        seq: Set(p.invoice_seq),
        number: Set(model::invoicing::policy::number(
            &p.invoice_prefix,
            p.invoice_seq,
        )),
        period_start: Set(period.start.format("%Y-%m-%d").to_string()),
        period_end: Set(period.last_day().format("%Y-%m-%d").to_string()),
        status: Set(InvoiceStatus::Draft.as_str().to_owned()),
        currency: Set(profile.currency.clone()),
        subtotal_cents: Set(computed.subtotal_cents),
        tax_cents: Set(computed.tax_cents),
        total_cents: Set(computed.total_cents),
        paid_cents: Set(0),
        refunded_cents: Set(0),
        issued_at: Set(now),
        due_at: Set(now + Duration::days(DUE_DAYS)),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await
    .map_err(db_error)?;
    charges::settle(txn, &taken, &used, row.id).await?;
    let mut position = 0;
    let mut stored = Vec::new();
    for line in &computed.lines {
        position += 1;
        let saved = invoice_line::ActiveModel {
            invoice_id: Set(row.id),
            position: Set(position),
            kind: Set(line.kind.as_str().to_owned()),
            description: Set(line.description.clone()),
            quantity: Set(line.quantity.clone()),
            unit_price: Set(line.unit_price.clone()),
            amount_cents: Set(line.amount_cents),
            ..Default::default()
        }
        .insert(txn)
        .await
        .map_err(db_error)?;
        stored.push(saved);
    }
    for tax in &computed.taxes {
        position += 1;
        let saved = invoice_line::ActiveModel {
            invoice_id: Set(row.id),
            position: Set(position),
            kind: Set(invoices::TAX.to_owned()),
            description: Set(tax.name.clone()),
            quantity: Set("1".into()),
            unit_price: Set(model::invoicing::format_percent(tax.ppm)),
            amount_cents: Set(tax.amount_cents),
            tax_rate_id: Set(Some(tax.tax_rate_id)),
            ppm: Set(Some(tax.ppm)),
            ..Default::default()
        }
        .insert(txn)
        .await
        .map_err(db_error)?;
        stored.push(saved);
    }
    // The event's invoice from what was just written, not read back.
    let dto = invoices::assemble(&row, Some(t), stored.iter());
    crate::events::record(
        txn,
        t.partner_id,
        "invoice.created",
        &model::api::invoicing::InvoiceJson::from(&dto),
        now,
    )
    .await?;
    Ok(())
}

/// Whole minutes of the tenant's calls that started in `[from, until)`.
async fn minutes<C: ConnectionTrait>(
    txn: &C,
    tenant_id: i32,
    toll_free: bool,
    from: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Result<i64, AppError> {
    let rows: Vec<i64> = cdr::Entity::find()
        .select_only()
        .column(cdr::Column::Minutes)
        .filter(cdr::Column::TenantId.eq(tenant_id))
        .filter(cdr::Column::TollFree.eq(toll_free))
        .filter(cdr::Column::StartedAt.gte(from))
        .filter(cdr::Column::StartedAt.lt(until))
        .into_tuple()
        .all(txn)
        .await
        .map_err(db_error)?;
    Ok(rows.into_iter().sum())
}

/// The tenant's enabled tax rates, as they are now (an invoice keeps what it applied).
async fn applied_rates<C: ConnectionTrait>(
    txn: &C,
    t: &tenant::Model,
) -> Result<Vec<AppliedRate>, AppError> {
    let ids: Vec<Uuid> = settings::tax_rate_ids(t)
        .iter()
        .filter_map(|id| Uuid::parse_str(id).ok())
        .collect();
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(tax_rate::Entity::find()
        .filter(tax_rate::Column::PublicId.is_in(ids))
        .filter(tax_rate::Column::PartnerId.eq(t.partner_id))
        .filter(tax_rate::Column::Enabled.eq(true))
        .all(txn)
        .await
        .map_err(db_error)?
        .into_iter()
        .map(|r| AppliedRate {
            tax_rate_id: r.id,
            name: r.name,
            ppm: r.ppm,
        })
        .collect())
}
