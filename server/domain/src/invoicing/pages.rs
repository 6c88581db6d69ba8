//! What the partner's billing pages read and change, for the signed-in caller: the
//! same services as `/v1`, reached through the viewer's partner.

use chrono::{DateTime, Utc};
use model::{
    AppError,
    auth::Viewer,
    invoicing::{
        BillingProfile, Invoice, InvoiceFilter, InvoiceStatus, PricingPage, ProfileForm, TaxRate,
        TaxRateForm,
    },
};

use super::{invoices, profiles, taxes};
use crate::{Db, auth::actor::Actor};

pub async fn pricing(
    db: &Db,
    viewer: Option<&Viewer>,
    now: DateTime<Utc>,
) -> Result<PricingPage, AppError> {
    let actor = Actor::partner_member(db, viewer).await?;
    Ok(PricingPage {
        profiles: profiles::list_for(db, actor.partner_id).await?,
        rates: taxes::list(db, actor.partner_id).await?,
        wholesale: crate::billing::tiers::subscription(db, viewer, now)
            .await?
            .tier,
        settings: super::policy::get(db, actor.partner_id).await?,
    })
}

/// Adds (no `id`) or changes a billing profile; partner admins only.
pub async fn save_profile(
    db: &Db,
    viewer: Option<&Viewer>,
    id: Option<&str>,
    form: &ProfileForm,
    now: DateTime<Utc>,
) -> Result<BillingProfile, AppError> {
    let actor = Actor::partner_member(db, viewer).await?;
    actor.require_admin()?;
    match id {
        Some(id) => profiles::update(db, actor.partner_id, id, form, now).await,
        None => profiles::create(db, actor.partner_id, form, now).await,
    }
}

/// Adds (no `id`) or changes a tax rate; partner admins only.
pub async fn save_rate(
    db: &Db,
    viewer: Option<&Viewer>,
    id: Option<&str>,
    form: &TaxRateForm,
    now: DateTime<Utc>,
) -> Result<TaxRate, AppError> {
    let actor = Actor::partner_member(db, viewer).await?;
    actor.require_admin()?;
    match id {
        Some(id) => taxes::update(db, actor.partner_id, id, form, now).await,
        None => taxes::create(db, actor.partner_id, form, now).await,
    }
}

pub async fn invoices(
    db: &Db,
    viewer: Option<&Viewer>,
    filter: &InvoiceFilter,
) -> Result<Vec<Invoice>, AppError> {
    let actor = Actor::partner_member(db, viewer).await?;
    let status = match filter.status.trim() {
        "" => None,
        s => Some(InvoiceStatus::parse(s).map_err(|m| AppError::invalid("status", m))?),
    };
    let filter = invoices::Filter {
        status,
        tenant_id: Some(filter.tenant.trim().to_owned()).filter(|t| !t.is_empty()),
    };
    invoices::list(db, actor.partner_id, &filter).await
}

pub async fn invoice(db: &Db, viewer: Option<&Viewer>, id: &str) -> Result<Invoice, AppError> {
    let actor = Actor::partner_member(db, viewer).await?;
    invoices::get(db, actor.partner_id, id).await
}
