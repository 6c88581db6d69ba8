//! One-time charges and credits: a partner admin adds them to a tenant; the tenant's
//! next invoice takes every one added before its period closed, in the transaction that
//! writes it (so a charge lands on exactly one invoice). A credit covers at most what
//! the invoice's other lines come to; the rest of it stays for the next invoice.

use chrono::{DateTime, Utc};
use model::{
    AppError,
    api::rfc3339,
    auth::Viewer,
    invoicing::{
        LineKind,
        charges::{Charge, ChargeForm, apply_credits},
        compute::Line,
    },
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
    sea_query::Expr,
};
use uuid::Uuid;

use super::entity::{charge, invoice};
use crate::{Db, audit, auth::actor::Actor, error::db_error};

fn to_dto(row: &charge::Model, invoice_number: Option<String>) -> Charge {
    Charge {
        id: row.public_id.to_string(),
        kind: LineKind::parse(&row.kind).unwrap_or(LineKind::OneTime),
        description: row.description.clone(),
        amount_cents: row.amount_cents,
        created_at: rfc3339(row.created_at),
        invoice_number,
    }
}

/// Tenant `tenant_id`'s charges and credits, waiting ones first, then the 20 newest
/// that invoices took; for the partner's team.
pub async fn list(
    db: &Db,
    viewer: Option<&Viewer>,
    tenant_id: &str,
) -> Result<Vec<Charge>, AppError> {
    let actor = Actor::partner_member(db, viewer).await?;
    let t = crate::tenants::find(db, &actor, tenant_id).await?;
    let rows = charge::Entity::find()
        .filter(charge::Column::TenantId.eq(t.id))
        .order_by_desc(charge::Column::Id)
        .all(db)
        .await
        .map_err(db_error)?;
    let taken: Vec<i32> = rows.iter().filter_map(|r| r.invoice_id).collect();
    let numbers = invoice::Entity::find()
        .filter(invoice::Column::Id.is_in(taken))
        .all(db)
        .await
        .map_err(db_error)?;
    let number = |id: Option<i32>| {
        id.and_then(|id| {
            numbers
                .iter()
                .find(|i| i.id == id)
                .map(|i| i.number.clone())
        })
    };
    let (waiting, billed): (Vec<_>, Vec<_>) = rows.iter().partition(|r| r.invoice_id.is_none());
    Ok(waiting
        .into_iter()
        .chain(billed.into_iter().take(20))
        .map(|r| to_dto(r, number(r.invoice_id)))
        .collect())
}

/// Adds a charge or credit for the tenant's next invoice; partner admins only.
pub async fn add(
    db: &Db,
    viewer: Option<&Viewer>,
    tenant_id: &str,
    form: &ChargeForm,
    now: DateTime<Utc>,
) -> Result<Charge, AppError> {
    let actor = Actor::partner_member(db, viewer).await?;
    actor.require_admin()?;
    let valid = form.validate()?;
    let txn = crate::db::begin(db).await?;
    let t = crate::tenants::find(&txn, &actor, tenant_id).await?;
    let saved = charge::ActiveModel {
        public_id: Set(Uuid::now_v7()),
        partner_id: Set(actor.partner_id),
        tenant_id: Set(t.id),
        kind: Set(valid.kind.as_str().to_owned()),
        description: Set(valid.description),
        amount_cents: Set(valid.amount_cents),
        created_at: Set(now),
        invoice_id: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(db_error)?;
    audit::record(
        &txn,
        audit::Entry::by_user(
            &actor.user,
            "tenant.charge_added",
            format!("tenant:{}", t.public_id),
        )
        .with_tenant(t.id)
        .with_summary(serde_json::json!({
            "kind": saved.kind,
            "description": saved.description,
            "amount": model::api::numbers::decimal(saved.amount_cents),
        })),
        now,
    )
    .await?;
    txn.commit().await.map_err(db_error)?;
    Ok(to_dto(&saved, None))
}

/// Takes back a charge or credit no invoice has taken yet; partner admins only.
pub async fn remove(
    db: &Db,
    viewer: Option<&Viewer>,
    id: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let actor = Actor::partner_member(db, viewer).await?;
    actor.require_admin()?;
    let not_found = || AppError::not_found("No such charge.");
    let uuid = Uuid::parse_str(id.trim()).map_err(|_| not_found())?;
    let txn = crate::db::begin(db).await?;
    let row = charge::Entity::find()
        .filter(charge::Column::PublicId.eq(uuid))
        .filter(charge::Column::PartnerId.eq(actor.partner_id))
        .one(&txn)
        .await
        .map_err(db_error)?
        .ok_or_else(not_found)?;
    let gone = charge::Entity::delete_many()
        .filter(charge::Column::Id.eq(row.id))
        .filter(charge::Column::InvoiceId.is_null())
        .exec(&txn)
        .await
        .map_err(db_error)?;
    if gone.rows_affected != 1 {
        return Err(AppError::conflict(
            "An invoice already took it; refund or credit the tenant instead.",
        ));
    }
    audit::record(
        &txn,
        audit::Entry::by_user(
            &actor.user,
            "tenant.charge_removed",
            format!("charge:{}", row.public_id),
        )
        .with_tenant(row.tenant_id)
        .with_summary(serde_json::json!({"description": row.description})),
        now,
    )
    .await?;
    txn.commit().await.map_err(db_error)
}

/// What the invoice of a period ending at `until` takes: the waiting charges added
/// before then, oldest first.
pub(super) async fn waiting<C: ConnectionTrait>(
    txn: &C,
    tenant_id: i32,
    until: DateTime<Utc>,
) -> Result<Vec<charge::Model>, AppError> {
    charge::Entity::find()
        .filter(charge::Column::TenantId.eq(tenant_id))
        .filter(charge::Column::InvoiceId.is_null())
        .filter(charge::Column::CreatedAt.lt(until))
        .order_by_asc(charge::Column::Id)
        .all(txn)
        .await
        .map_err(db_error)
}

/// The lines `taken` adds to an invoice whose other lines come to `charged`, and how
/// much of each credit it uses (`taken`'s order; one-time charges use all of theirs).
pub(super) fn lines(taken: &[charge::Model], charged: i64) -> (Vec<Line>, Vec<i64>) {
    let one_time: i64 = taken
        .iter()
        .filter(|c| c.kind == LineKind::OneTime.as_str())
        .map(|c| c.amount_cents)
        .sum();
    let credits: Vec<i64> = taken
        .iter()
        .filter(|c| c.kind == LineKind::Credit.as_str())
        .map(|c| c.amount_cents)
        .collect();
    let mut applied = apply_credits(charged + one_time, &credits).into_iter();
    let mut used = Vec::new();
    let mut out = Vec::new();
    for c in taken {
        let (kind, amount) = if c.kind == LineKind::Credit.as_str() {
            let part = applied.next().unwrap_or_default();
            (LineKind::Credit, -part)
        } else {
            (LineKind::OneTime, c.amount_cents)
        };
        used.push(amount.abs());
        if amount != 0 {
            out.push(Line {
                kind,
                description: c.description.clone(),
                quantity: "1".into(),
                unit_price: model::api::numbers::decimal(amount),
                amount_cents: amount,
            });
        }
    }
    (out, used)
}

/// Marks `taken` as on invoice `invoice_id`; a credit only partly used is cut to what
/// was used and the rest waits, as a credit of its own, for the next invoice.
pub(super) async fn settle<C: ConnectionTrait>(
    txn: &C,
    taken: &[charge::Model],
    used: &[i64],
    invoice_id: i32,
) -> Result<(), AppError> {
    for (c, &used) in taken.iter().zip(used) {
        let rest = c.amount_cents - used;
        if c.kind == LineKind::Credit.as_str() && used == 0 {
            continue; // nothing of it used: it stays waiting as it is
        }
        charge::Entity::update_many()
            .col_expr(charge::Column::InvoiceId, Expr::value(invoice_id))
            .col_expr(charge::Column::AmountCents, Expr::value(used))
            .filter(charge::Column::Id.eq(c.id))
            .exec(txn)
            .await
            .map_err(db_error)?;
        if rest > 0 {
            charge::ActiveModel {
                public_id: Set(Uuid::now_v7()),
                partner_id: Set(c.partner_id),
                tenant_id: Set(c.tenant_id),
                kind: Set(c.kind.clone()),
                description: Set(c.description.clone()),
                amount_cents: Set(rest),
                created_at: Set(c.created_at),
                invoice_id: Set(None),
                ..Default::default()
            }
            .insert(txn)
            .await
            .map_err(db_error)?;
        }
    }
    Ok(())
}
