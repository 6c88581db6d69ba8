//! Reading invoices: the partner's list with filters and one invoice with its lines.

use model::{
    AppError,
    api::rfc3339,
    invoicing::{Invoice, InvoiceLine, InvoiceStatus, InvoiceTax, LineKind},
};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use super::entity::{invoice, invoice_line};
use crate::{Db, error::db_error, tenants::entity::tenant};

/// The `kind` of a stored tax line (never shown as a line: it is a tax).
pub const TAX: &str = "tax";

pub async fn to_dto<C: ConnectionTrait>(
    db: &C,
    rows: Vec<invoice::Model>,
) -> Result<Vec<Invoice>, AppError> {
    let ids: Vec<i32> = rows.iter().map(|r| r.id).collect();
    let tenant_ids: Vec<i32> = rows.iter().map(|r| r.tenant_id).collect();
    let lines = invoice_line::Entity::find()
        .filter(invoice_line::Column::InvoiceId.is_in(ids))
        .order_by_asc(invoice_line::Column::Position)
        .all(db)
        .await
        .map_err(db_error)?;
    let tenants = tenant::Entity::find()
        .filter(tenant::Column::Id.is_in(tenant_ids))
        .all(db)
        .await
        .map_err(db_error)?;
    Ok(rows
        .iter()
        .map(|r| {
            let t = tenants.iter().find(|t| t.id == r.tenant_id);
            assemble(r, t, lines.iter().filter(|l| l.invoice_id == r.id))
        })
        .collect())
}

/// One invoice from its row, its tenant and its stored lines (in position order): what
/// `to_dto` reads, and what the billing run has in hand after writing them.
pub fn assemble<'a>(
    r: &invoice::Model,
    t: Option<&tenant::Model>,
    lines: impl Iterator<Item = &'a invoice_line::Model> + Clone,
) -> Invoice {
    Invoice {
        id: r.public_id.to_string(),
        number: r.number.clone(),
        tenant_id: t.map(|t| t.public_id.to_string()).unwrap_or_default(),
        tenant_name: t.map(|t| t.name.clone()).unwrap_or_default(),
        period_start: r.period_start.clone(),
        period_end: r.period_end.clone(),
        status: InvoiceStatus::parse(&r.status).unwrap_or(InvoiceStatus::Draft),
        currency: r.currency.clone(),
        subtotal_cents: r.subtotal_cents,
        tax_cents: r.tax_cents,
        total_cents: r.total_cents,
        paid_cents: r.paid_cents,
        refunded_cents: r.refunded_cents,
        due_cents: r.total_cents - r.paid_cents + r.refunded_cents,
        issued_at: rfc3339(r.issued_at),
        due_at: rfc3339(r.due_at),
        lines: lines
            .clone()
            .filter_map(|l| {
                Some(InvoiceLine {
                    kind: LineKind::parse(&l.kind)?,
                    description: l.description.clone(),
                    quantity: l.quantity.clone(),
                    unit_price: l.unit_price.clone(),
                    amount_cents: l.amount_cents,
                })
            })
            .collect(),
        taxes: lines
            .filter(|l| l.kind == TAX)
            .map(|l| InvoiceTax {
                name: l.description.clone(),
                ppm: l.ppm.unwrap_or_default(),
                amount_cents: l.amount_cents,
            })
            .collect(),
    }
}

/// Which invoices a list shows.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub status: Option<InvoiceStatus>,
    /// A tenant's public id.
    pub tenant_id: Option<String>,
}

/// `partner_id`'s invoices, newest first.
pub async fn list(db: &Db, partner_id: i32, filter: &Filter) -> Result<Vec<Invoice>, AppError> {
    let mut query = invoice::Entity::find().filter(invoice::Column::PartnerId.eq(partner_id));
    if let Some(status) = filter.status {
        query = query.filter(invoice::Column::Status.eq(status.as_str()));
    }
    if let Some(tenant) = &filter.tenant_id {
        let Ok(uuid) = Uuid::parse_str(tenant) else {
            return Ok(Vec::new());
        };
        let Some(t) = tenant::Entity::find()
            .filter(tenant::Column::PublicId.eq(uuid))
            .filter(tenant::Column::PartnerId.eq(partner_id))
            .one(db)
            .await
            .map_err(db_error)?
        else {
            return Ok(Vec::new());
        };
        query = query.filter(invoice::Column::TenantId.eq(t.id));
    }
    let rows = query
        .order_by_desc(invoice::Column::Seq)
        .all(db)
        .await
        .map_err(db_error)?;
    to_dto(db, rows).await
}

/// Invoice `id` of `partner_id`; another partner's is not found.
pub async fn get(db: &Db, partner_id: i32, id: &str) -> Result<Invoice, AppError> {
    let not_found = || AppError::not_found("No such invoice.");
    let uuid = Uuid::parse_str(id.trim()).map_err(|_| not_found())?;
    let row = invoice::Entity::find()
        .filter(invoice::Column::PublicId.eq(uuid))
        .filter(invoice::Column::PartnerId.eq(partner_id))
        .one(db)
        .await
        .map_err(db_error)?
        .ok_or_else(not_found)?;
    Ok(to_dto(db, vec![row]).await?.remove(0))
}

/// Tenant `tenant_id`'s invoices for its portal, newest first: its own users or the
/// partner's team may look. Drafts are the partner's work in progress and stay hidden.
pub async fn for_tenant(
    db: &Db,
    viewer: Option<&model::auth::Viewer>,
    tenant_id: &str,
) -> Result<Vec<Invoice>, AppError> {
    let scope = crate::tenants::scope::resolve(db, viewer, tenant_id).await?;
    let rows = invoice::Entity::find()
        .filter(invoice::Column::TenantId.eq(scope.tenant.id))
        .filter(invoice::Column::Status.ne(InvoiceStatus::Draft.as_str()))
        .order_by_desc(invoice::Column::Seq)
        .all(db)
        .await
        .map_err(db_error)?;
    to_dto(db, rows).await
}
