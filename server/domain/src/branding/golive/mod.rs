//! The go-live check: renders every surface a partner's customers can see — the
//! sign-in pages and every tenant-portal page on the partner's host, each email a
//! customer can receive, the customer manual — and lists each place the platform's name
//! or domain appears. Pages are rendered by the real application (through
//! [`PageSource`]), as one of the partner's Tenant Admins when a tenant has one, else as
//! the calling admin managing the tenant: exactly the HTML a customer's browser gets.

mod scan;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use model::{
    AppError,
    auth::Viewer,
    branding::golive::{GoLiveReport, Leak, Surface},
    help::Manual,
};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::{
    Db,
    auth::{actor::Actor, user},
    error::db_error,
    mail::{Message, templates},
    partners,
    tenants::entity::tenant,
};
pub use scan::{Needles, scan};

/// Renders a page of the running application: `path` on `host`, signed in as `viewer`.
#[async_trait]
pub trait PageSource: Send + Sync {
    async fn page(&self, host: &str, path: &str, viewer: Option<&Viewer>)
    -> Result<String, String>;
}

/// What the platform is called and where it lives: what must not show.
pub struct Platform<'a> {
    pub name: &'a str,
    pub domain: &'a str,
    /// The installation's sender address (used when a partner has none of its own).
    pub mail_from: &'a str,
}

/// What one check looks at before scanning.
struct Collected {
    surfaces: Vec<(String, Option<String>, String)>,
    failures: Vec<String>,
    notices: Vec<String>,
}

impl Collected {
    fn add(&mut self, place: impl Into<String>, path: Option<String>, text: String) {
        self.surfaces.push((place.into(), path, text));
    }
}

pub async fn run(
    db: &Db,
    viewer: Option<&Viewer>,
    platform: &Platform<'_>,
    pages: &dyn PageSource,
    now: DateTime<Utc>,
) -> Result<GoLiveReport, AppError> {
    let actor = Actor::partner_member(db, viewer).await?;
    let partner = partners::find_by_id(db, actor.partner_id)
        .await?
        .ok_or_else(|| AppError::not_found("Partner"))?;
    let custom = super::domains::entity::Entity::find()
        .filter(super::domains::entity::Column::PartnerId.eq(partner.id))
        .filter(
            super::domains::entity::Column::Status
                .eq(model::branding::domains::DomainStatus::Active.wire()),
        )
        .one(db)
        .await
        .map_err(db_error)?;
    let subdomain = format!("{}.{}", partner.slug, platform.domain);
    let mut collected = Collected {
        surfaces: Vec::new(),
        failures: Vec::new(),
        notices: Vec::new(),
    };
    let host = match custom {
        Some(d) => d.hostname,
        None => {
            collected.notices.push(format!(
                "Your customers reach you at {subdomain}, which ends in the platform's domain. Add a custom domain under Settings → Domains so the address is yours too."
            ));
            subdomain
        }
    };
    let sender = super::sender_for(db, Some(partner.id), platform.name).await?;

    for (place, path) in [
        ("Sign-in page", "/login"),
        ("Forgotten password page", "/forgot-password"),
        ("Customer help center", "/help/tenant"),
    ] {
        render(&mut collected, pages, &host, place, path, None).await;
    }
    let chapter = crate::help::view(Manual::Tenant, None, None, &sender.brand.name)
        .and_then(|v| v.toc.first().map(|c| c.slug.clone()));
    if let Some(slug) = chapter {
        let path = format!("/help/tenant/{slug}");
        render(
            &mut collected,
            pages,
            &host,
            "Help chapter page",
            &path,
            None,
        )
        .await;
    }
    match portal_viewer(db, &actor, viewer, now).await? {
        Some((as_viewer, prefix)) => {
            for (place, tab) in [
                ("Portal: overview", ""),
                ("Portal: extensions", "/extensions"),
                ("Portal: numbers", "/numbers"),
                ("Portal: users", "/users"),
                ("Portal: activity", "/activity"),
                ("Portal: billing", "/billing"),
                ("Portal: settings", "/settings"),
            ] {
                let path = format!("/orgs/{prefix}{tab}");
                render(&mut collected, pages, &host, place, &path, Some(&as_viewer)).await;
            }
        }
        None => collected
            .notices
            .push("Create a tenant to have its portal pages checked too.".into()),
    }

    let base = format!("https://{host}");
    let to = "customer@example.com";
    invoice_pdf(db, &mut collected, &partner, &base).await?;
    let mails: [(&str, Message); 4] = [
        (
            "Email: invoice",
            templates::invoice(
                &sender,
                to,
                &templates::InvoiceMailKind::Overdue {
                    suspend_on: Some("Jan 15, 2027".into()),
                },
                &templates::InvoiceMail {
                    number: "INV-000001",
                    period: "Dec 1, 2026 – Dec 31, 2026",
                    total: "$49.00",
                    amount_due: "$49.00",
                    due_date: "Jan 8, 2027",
                    link: &format!("{base}/orgs/sample/billing"),
                },
            ),
        ),
        (
            "Email: invitation",
            templates::invite(
                &sender,
                "Your colleague",
                to,
                &format!("{base}/invite?token=sample"),
            ),
        ),
        (
            "Email: password reset",
            templates::reset_password(&sender, to, &format!("{base}/reset-password?token=sample")),
        ),
        (
            "Email: address confirmation",
            templates::verify_email(&sender, to, &format!("{base}/verify-email?token=sample")),
        ),
    ];
    for (place, message) in mails {
        let from = message
            .from_address
            .clone()
            .unwrap_or_else(|| platform.mail_from.to_owned());
        let envelope = format!(
            "From: {} <{from}>\nReply-To: {}\nSubject: {}\n\n{}\n\n{}",
            message.from_name,
            message.reply_to.clone().unwrap_or_default(),
            message.subject,
            message.text,
            message.html
        );
        collected.add(place, None, envelope);
    }
    for (path, text) in crate::help::all_text(Manual::Tenant, &sender.brand.name) {
        collected.add("Customer manual", Some(path), text);
    }
    Ok(report(collected, platform, &host, now))
}

/// What the partner's newest invoice PDF prints (its text, before layout).
async fn invoice_pdf(
    db: &Db,
    collected: &mut Collected,
    partner: &partners::partner::Model,
    base: &str,
) -> Result<(), AppError> {
    use crate::invoicing::{document, entity::invoice, invoices};
    let newest = invoice::Entity::find()
        .filter(invoice::Column::PartnerId.eq(partner.id))
        .order_by_desc(invoice::Column::Seq)
        .one(db)
        .await
        .map_err(db_error)?;
    let Some(row) = newest else {
        collected
            .notices
            .push("Issue an invoice to have its PDF checked too.".into());
        return Ok(());
    };
    let Some(t) = tenant::Entity::find_by_id(row.tenant_id)
        .one(db)
        .await
        .map_err(db_error)?
    else {
        return Ok(());
    };
    let dto = invoices::to_dto(db, vec![row.clone()]).await?.remove(0);
    let doc = document::document(&row, &dto, &t, partner, &document::billing_link(base, &t));
    let text = serde_json::to_string(&doc).map_err(crate::error::internal)?;
    collected.add(
        format!("Invoice PDF ({})", dto.number),
        Some(format!("/invoices/{}/pdf", dto.id)),
        text,
    );
    Ok(())
}

async fn render(
    collected: &mut Collected,
    pages: &dyn PageSource,
    host: &str,
    place: &str,
    path: &str,
    viewer: Option<&Viewer>,
) {
    match pages.page(host, path, viewer).await {
        Ok(html) => collected.add(place, Some(path.to_owned()), html),
        Err(e) => collected
            .failures
            .push(format!("{place} ({path}) could not be rendered: {e}")),
    }
}

fn report(
    collected: Collected,
    platform: &Platform<'_>,
    host: &str,
    now: DateTime<Utc>,
) -> GoLiveReport {
    let needles = Needles {
        name: platform.name,
        domain: platform.domain,
        allowed_host: host,
    };
    let mut surfaces = Vec::new();
    let mut leaks: Vec<Leak> = Vec::new();
    for (place, path, text) in &collected.surfaces {
        let found = scan(place, path.as_deref(), text, &needles);
        surfaces.push(Surface {
            place: place.clone(),
            path: path.clone(),
            leaks: found.len(),
        });
        leaks.extend(found);
    }
    GoLiveReport {
        host: host.to_owned(),
        surfaces,
        leaks,
        failures: collected.failures,
        notices: collected.notices,
        checked_at: crate::db::rfc3339(now),
    }
}

/// Who the portal pages are rendered for, and the tenant's prefix: a Tenant Admin of
/// the partner's oldest live tenant when there is one (what a customer sees), else the
/// calling admin managing that tenant.
async fn portal_viewer(
    db: &Db,
    actor: &Actor,
    caller: Option<&Viewer>,
    now: DateTime<Utc>,
) -> Result<Option<(Viewer, String)>, AppError> {
    let live = tenant::Entity::find()
        .filter(tenant::Column::PartnerId.eq(actor.partner_id))
        .filter(tenant::Column::Status.ne(model::tenants::TenantStatus::Cancelled.as_str()))
        .order_by_asc(tenant::Column::Id)
        .all(db)
        .await
        .map_err(db_error)?;
    let Some(first) = live.first() else {
        return Ok(None);
    };
    let ids: Vec<i32> = live.iter().map(|t| t.id).collect();
    let admin = user::Entity::find()
        .filter(user::Column::TenantId.is_in(ids))
        .filter(user::Column::Role.eq(model::auth::Role::TenantAdmin.as_str()))
        .order_by_asc(user::Column::Id)
        .one(db)
        .await
        .map_err(db_error)?;
    if let Some(admin) = admin {
        let prefix = live
            .iter()
            .find(|t| Some(t.id) == admin.tenant_id)
            .map_or_else(|| first.sip_prefix.clone(), |t| t.sip_prefix.clone());
        let viewer = crate::auth::viewer::of_user(db, &admin, now).await?;
        return Ok(Some((viewer, prefix)));
    }
    let Some(mut viewer) = caller.cloned() else {
        return Ok(None);
    };
    viewer.assumed = crate::tenants::assume::describe(db, actor.partner_id, first.id, Some(now))
        .await?
        .map(|(t, _)| t);
    Ok(Some((viewer, first.sip_prefix.clone())))
}

#[cfg(test)]
mod tests;
