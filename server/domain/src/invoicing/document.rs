//! The invoice PDF: what `invoice-pdf` lays out, filled from the invoice, its tenant and
//! its partner's brand. Dates are the tenant's local dates; the pay link points at the
//! tenant portal on the partner's own host (an active custom domain, else the partner's
//! subdomain), never at the platform's.

use chrono::{DateTime, NaiveDate, Utc};
use invoice_pdf::{BillTo, Brand, Fact, InvoiceDocument, Line, Total};
use model::{
    AppError,
    billing::dollars,
    invoicing::{Invoice, InvoiceStatus, format_percent},
};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::{entity::invoice, invoices};
use crate::{
    branding::{self, domains, logo},
    calendar::zone,
    error::{db_error, internal},
    partners::partner,
    tenants::entity::tenant,
};

/// Where the platform is reached, for links made outside a request (the billing run).
#[derive(Debug, Clone, Copy)]
pub struct Portal<'a> {
    /// `https://platform.example` (or `http://localhost:3000`).
    pub base_url: &'a str,
    pub platform_domain: &'a str,
}

/// A rendered invoice, ready to download or attach.
#[derive(Debug, Clone)]
pub struct Pdf {
    pub filename: String,
    pub bytes: Vec<u8>,
}

/// `https://host` of the partner's portal: its first active custom domain, else its
/// subdomain of the platform (keeping the platform URL's scheme and port).
pub async fn portal_origin(
    conn: &impl ConnectionTrait,
    p: &partner::Model,
    portal: Portal<'_>,
) -> Result<String, AppError> {
    let custom = domains::entity::Entity::find()
        .filter(domains::entity::Column::PartnerId.eq(p.id))
        .filter(
            domains::entity::Column::Status
                .eq(model::branding::domains::DomainStatus::Active.wire()),
        )
        .order_by_asc(domains::entity::Column::Id)
        .one(conn)
        .await
        .map_err(db_error)?;
    if let Some(d) = custom {
        return Ok(format!("https://{}", d.hostname));
    }
    let mut url = url::Url::parse(portal.base_url).map_err(internal)?;
    let host = format!(
        "{}.{}",
        p.slug,
        url.host_str().unwrap_or(portal.platform_domain)
    );
    url.set_host(Some(&host)).map_err(internal)?;
    Ok(url.origin().ascii_serialization())
}

/// Where the tenant sees and pays its invoices.
pub fn billing_link(origin: &str, t: &tenant::Model) -> String {
    format!("{origin}/orgs/{}/billing", t.sip_prefix)
}

fn day(text: &str) -> String {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_or_else(|_| text.to_owned(), long)
}

fn long(d: NaiveDate) -> String {
    d.format("%b %-d, %Y").to_string()
}

/// `at` as the tenant's local date, "Dec 8, 2026".
pub fn local_day(at: DateTime<Utc>, t: &tenant::Model) -> String {
    long(at.with_timezone(&zone(&t.timezone)).date_naive())
}

/// "Nov 1, 2026 – Nov 30, 2026".
pub fn period_text(dto: &Invoice) -> String {
    format!("{} – {}", day(&dto.period_start), day(&dto.period_end))
}

/// The document for `dto` (read from `row`), formatted for people.
pub fn document(
    row: &invoice::Model,
    dto: &Invoice,
    t: &tenant::Model,
    p: &partner::Model,
    pay_link: &str,
) -> InvoiceDocument {
    let brand = branding::of_partner(p);
    let mut facts = vec![
        Fact {
            label: "Issued".into(),
            value: local_day(row.issued_at, t),
        },
        Fact {
            label: "Due".into(),
            value: local_day(row.due_at, t),
        },
        Fact {
            label: "Period".into(),
            value: period_text(dto),
        },
    ];
    facts.push(Fact {
        label: "Status".into(),
        value: dto.status.label().into(),
    });
    let mut totals = vec![Total {
        label: "Subtotal".into(),
        amount: dollars(dto.subtotal_cents),
        strong: false,
    }];
    totals.extend(dto.taxes.iter().map(|tax| Total {
        label: format!("{} ({}%)", tax.name, format_percent(tax.ppm)),
        amount: dollars(tax.amount_cents),
        strong: false,
    }));
    totals.push(Total {
        label: "Total".into(),
        amount: dollars(dto.total_cents),
        strong: true,
    });
    if dto.paid_cents > 0 {
        totals.push(Total {
            label: "Paid".into(),
            amount: dollars(-dto.paid_cents),
            strong: false,
        });
    }
    if dto.refunded_cents > 0 {
        totals.push(Total {
            label: "Refunded".into(),
            amount: dollars(dto.refunded_cents),
            strong: false,
        });
    }
    totals.push(Total {
        label: "Amount due".into(),
        amount: dollars(dto.due_cents),
        strong: true,
    });
    let (note, link) = match dto.status {
        InvoiceStatus::Void | InvoiceStatus::Cancelled => (
            Some("This invoice was cancelled: nothing is owed on it.".to_owned()),
            None,
        ),
        _ if dto.due_cents <= 0 => (Some("Paid in full. Thank you!".to_owned()), None),
        _ => (
            Some(
                "Pay this invoice by card, and see all your invoices, in your account:".to_owned(),
            ),
            Some(pay_link.to_owned()),
        ),
    };
    InvoiceDocument {
        brand: Brand {
            name: brand.name,
            color: brand.primary_color.to_string(),
            support_email: brand.support_email,
        },
        number: dto.number.clone(),
        bill_to: BillTo {
            name: t.name.clone(),
            lines: vec![t.billing_email.clone()],
        },
        facts,
        lines: dto
            .lines
            .iter()
            .map(|l| Line {
                description: l.description.clone(),
                quantity: l.quantity.clone(),
                unit_price: l.unit_price.clone(),
                amount: dollars(l.amount_cents),
            })
            .collect(),
        totals,
        note,
        pay_link: link,
    }
}

/// Renders invoice `row` (Typst runs on a blocking thread: it is CPU work).
pub async fn render(
    conn: &impl ConnectionTrait,
    row: invoice::Model,
    portal: Portal<'_>,
) -> Result<Pdf, AppError> {
    let t = tenant::Entity::find_by_id(row.tenant_id)
        .one(conn)
        .await
        .map_err(db_error)?
        .ok_or_else(|| internal("tenant gone"))?;
    let p = partner::Entity::find_by_id(row.partner_id)
        .one(conn)
        .await
        .map_err(db_error)?
        .ok_or_else(|| internal("partner gone"))?;
    let logo = match p.logo_key {
        Some(_) => logo::entity::Entity::find_by_id(p.id)
            .one(conn)
            .await
            .map_err(db_error)?
            .map(|l| l.bytes),
        None => None,
    };
    let origin = portal_origin(conn, &p, portal).await?;
    let dto = invoices::to_dto(conn, vec![row.clone()]).await?.remove(0);
    let doc = document(&row, &dto, &t, &p, &billing_link(&origin, &t));
    let filename = format!("{}.pdf", filename_safe(&dto.number));
    let bytes = tokio::task::spawn_blocking(move || invoice_pdf::render(&doc, logo.as_deref()))
        .await
        .map_err(internal)?
        .map_err(internal)?;
    Ok(Pdf { filename, bytes })
}

/// The invoice number as a file name: letters, digits, `-` and `_` only.
fn filename_safe(number: &str) -> String {
    number
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect()
}

/// Invoice `id` of `partner_id` as a PDF (the `/v1` download).
pub async fn for_partner(
    db: &crate::Db,
    partner_id: i32,
    id: &str,
    portal: Portal<'_>,
) -> Result<Pdf, AppError> {
    let row = super::actions::load(db, partner_id, id).await?;
    render(db, row, portal).await
}

/// Invoice `id` as a PDF for whoever may see its tenant: the partner's team or the
/// tenant's own users. Anyone else is told it does not exist.
pub async fn download(
    db: &crate::Db,
    viewer: Option<&model::auth::Viewer>,
    id: &str,
    portal: Portal<'_>,
) -> Result<Pdf, AppError> {
    let not_found = || AppError::not_found("No such invoice.");
    let uuid = uuid::Uuid::parse_str(id.trim()).map_err(|_| not_found())?;
    let row = invoice::Entity::find()
        .filter(invoice::Column::PublicId.eq(uuid))
        .one(db)
        .await
        .map_err(db_error)?
        .ok_or_else(not_found)?;
    let t = tenant::Entity::find_by_id(row.tenant_id)
        .one(db)
        .await
        .map_err(db_error)?
        .ok_or_else(not_found)?;
    crate::tenants::scope::resolve(db, viewer, &t.public_id.to_string())
        .await
        .map_err(|e| match e {
            AppError::NotFound { .. } => not_found(),
            other => other,
        })?;
    render(db, row, portal).await
}
