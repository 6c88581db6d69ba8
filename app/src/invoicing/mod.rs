//! Money tenants pay the partner: Settings → Pricing (billing profiles with their margin
//! over wholesale, tax rates), the Invoices list and one invoice with its actions, and
//! the Billing card on a tenant's page. Server functions stay thin: each calls one
//! domain service as the signed-in viewer.

mod charges;
mod collection_card;
mod invoices;
mod payments;
mod pricing;
mod settings_card;
mod tenant_billing;

pub use charges::ChargesCard;
pub use invoices::{InvoicePage, InvoicesPage, status_badge};
pub use pricing::PricingPage;
pub use tenant_billing::TenantBillingCard;

use leptos::prelude::*;
use model::{
    invoicing::{
        BillingProfile, Invoice, InvoiceFilter, PricingPage as PricingData, ProfileForm, TaxRate,
        TaxRateForm, TenantBillingForm,
    },
    tenants::Tenant,
};

use crate::{error::FnError, ui::INPUT};

#[server(prefix = "/api", endpoint = "pricing")]
pub async fn pricing() -> Result<PricingData, FnError> {
    let (db, meta) = (
        crate::context::services()?.db,
        crate::context::request_meta(),
    );
    Ok(domain::invoicing::pages::pricing(&db, meta.viewer.as_ref(), chrono::Utc::now()).await?)
}

/// Adds a profile (`id` empty) or changes one.
#[server(prefix = "/api", endpoint = "save_profile")]
pub async fn save_profile(id: String, form: ProfileForm) -> Result<BillingProfile, FnError> {
    let (db, meta) = (
        crate::context::services()?.db,
        crate::context::request_meta(),
    );
    let id = Some(id).filter(|i| !i.is_empty());
    Ok(domain::invoicing::pages::save_profile(
        &db,
        meta.viewer.as_ref(),
        id.as_deref(),
        &form,
        chrono::Utc::now(),
    )
    .await?)
}

/// Adds a tax rate (`id` empty) or changes one.
#[server(prefix = "/api", endpoint = "save_tax_rate")]
pub async fn save_tax_rate(id: String, form: TaxRateForm) -> Result<TaxRate, FnError> {
    let (db, meta) = (
        crate::context::services()?.db,
        crate::context::request_meta(),
    );
    let id = Some(id).filter(|i| !i.is_empty());
    Ok(domain::invoicing::pages::save_rate(
        &db,
        meta.viewer.as_ref(),
        id.as_deref(),
        &form,
        chrono::Utc::now(),
    )
    .await?)
}

#[server(prefix = "/api", endpoint = "save_invoice_settings")]
pub async fn save_invoice_settings(
    form: model::invoicing::policy::InvoiceSettingsForm,
) -> Result<model::invoicing::policy::InvoiceSettings, FnError> {
    let (db, meta) = (
        crate::context::services()?.db,
        crate::context::request_meta(),
    );
    Ok(
        domain::invoicing::policy::save(&db, meta.viewer.as_ref(), &form, chrono::Utc::now())
            .await?,
    )
}

#[server(prefix = "/api", endpoint = "invoices")]
pub async fn list_invoices(filter: InvoiceFilter) -> Result<Vec<Invoice>, FnError> {
    let (db, meta) = (
        crate::context::services()?.db,
        crate::context::request_meta(),
    );
    Ok(domain::invoicing::pages::invoices(&db, meta.viewer.as_ref(), &filter).await?)
}

#[server(prefix = "/api", endpoint = "invoice")]
pub async fn get_invoice(id: String) -> Result<Invoice, FnError> {
    let (db, meta) = (
        crate::context::services()?.db,
        crate::context::request_meta(),
    );
    Ok(domain::invoicing::pages::invoice(&db, meta.viewer.as_ref(), &id).await?)
}

/// `send` (a draft is issued, else a reminder), `void`, `payment` or `refund` (with
/// `amount` in dollars) on invoice `id`.
#[server(prefix = "/api", endpoint = "invoice_action")]
pub async fn invoice_action(
    id: String,
    action: String,
    amount: String,
) -> Result<Invoice, FnError> {
    use domain::invoicing::actions;
    let (services, meta, now) = (
        crate::context::services()?,
        crate::context::request_meta(),
        chrono::Utc::now(),
    );
    let (db, viewer) = (&services.db, meta.viewer.as_ref());
    Ok(match action.as_str() {
        "send" => domain::invoicing::sending::send(db, viewer, &id, services.portal(), now).await?,
        "void" => actions::void(db, viewer, &id, now).await?,
        "payment" => {
            let cents = actions::parse_amount(&amount)?;
            actions::record_payment(db, viewer, &id, cents, now).await?
        }
        "refund" => {
            let cents = actions::parse_amount(&amount)?;
            actions::refund(db, &services.gateway, viewer, &id, cents, now).await?
        }
        other => {
            return Err(FnError(model::AppError::invalid(
                "action",
                format!("Unknown action {other}."),
            )));
        }
    })
}

#[server(prefix = "/api", endpoint = "save_tenant_billing")]
pub async fn save_tenant_billing(
    tenant: String,
    form: TenantBillingForm,
) -> Result<Tenant, FnError> {
    let (db, meta) = (
        crate::context::services()?.db,
        crate::context::request_meta(),
    );
    Ok(domain::invoicing::settings::apply(
        &db,
        meta.viewer.as_ref(),
        &tenant,
        &form,
        chrono::Utc::now(),
    )
    .await?)
}

const BUTTON: &str = "rounded-md bg-brand px-4 py-2 text-sm font-medium text-white hover:opacity-90 disabled:opacity-60";
const QUIET: &str = "rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-800";
