//! Server functions of the numbers pages: thin calls into `domain::numbers`.

use leptos::prelude::*;
use model::numbers::{
    AvailableNumber, BulkForm, BulkOutcome, E911Form, E911Summary, InventoryFilter, OwnedNumber,
    Purchase, SearchForm,
};

use crate::error::FnError;

#[server(prefix = "/api", endpoint = "search_numbers")]
pub async fn search_numbers(form: SearchForm) -> Result<Vec<AvailableNumber>, FnError> {
    let (services, meta) = (crate::context::services()?, crate::context::request_meta());
    Ok(domain::numbers::search(
        &services.db,
        services.carrier.as_ref(),
        meta.viewer.as_ref(),
        &form,
        chrono::Utc::now(),
    )
    .await?)
}

#[server(prefix = "/api", endpoint = "buy_numbers")]
pub async fn buy_numbers(numbers: Vec<String>) -> Result<Purchase, FnError> {
    let (services, meta) = (crate::context::services()?, crate::context::request_meta());
    Ok(domain::numbers::purchase(
        &services.db,
        services.carrier.as_ref(),
        meta.viewer.as_ref(),
        &numbers,
        chrono::Utc::now(),
    )
    .await?)
}

/// Cities and rate centers the carrier has numbers in, for the search form's
/// suggestions (public facts; no partner data).
#[server(prefix = "/api", endpoint = "number_places")]
pub async fn number_places(state: String) -> Result<(Vec<String>, Vec<String>), FnError> {
    let mut cities: Vec<String> = Vec::new();
    let mut centers: Vec<String> = Vec::new();
    for p in domain::numbers::carrier::places()
        .iter()
        .filter(|p| p.state == state)
    {
        if !cities.contains(&p.city) {
            cities.push(p.city.clone());
        }
        if !centers.contains(&p.rate_center) {
            centers.push(p.rate_center.clone());
        }
    }
    cities.sort();
    centers.sort();
    Ok((cities, centers))
}

#[server(prefix = "/api", endpoint = "inventory")]
pub async fn inventory(filter: InventoryFilter) -> Result<Vec<OwnedNumber>, FnError> {
    let (db, meta) = (
        crate::context::services()?.db,
        crate::context::request_meta(),
    );
    Ok(domain::numbers::list(&db, meta.viewer.as_ref(), &filter).await?)
}

#[server(prefix = "/api", endpoint = "number_action")]
pub async fn number_action(
    id: String,
    action: String,
    #[server(default)] tenant: String,
) -> Result<OwnedNumber, FnError> {
    let (services, meta) = (crate::context::services()?, crate::context::request_meta());
    let (db, viewer, now) = (&services.db, meta.viewer.as_ref(), chrono::Utc::now());
    Ok(match action.as_str() {
        "assign" => domain::numbers::assign(db, viewer, &id, &tenant, now).await?,
        "unassign" => domain::numbers::unassign(db, viewer, &id, now).await?,
        "release" => {
            domain::numbers::release(db, services.carrier.as_ref(), viewer, &id, now).await?
        }
        _ => return Err(model::AppError::invalid("action", "Unknown number action.").into()),
    })
}

/// The partner's tenants that can take numbers (not cancelled), by name: `(id, name)`.
#[server(prefix = "/api", endpoint = "tenant_choices")]
pub async fn tenant_choices() -> Result<Vec<(String, String)>, FnError> {
    let (db, meta) = (
        crate::context::services()?.db,
        crate::context::request_meta(),
    );
    Ok(domain::numbers::tenant_choices(&db, meta.viewer.as_ref()).await?)
}

#[server(prefix = "/api", endpoint = "get_number")]
pub async fn get_number(id: String) -> Result<OwnedNumber, FnError> {
    let (db, meta) = (
        crate::context::services()?.db,
        crate::context::request_meta(),
    );
    Ok(domain::numbers::get(&db, meta.viewer.as_ref(), &id).await?)
}

#[server(prefix = "/api", endpoint = "save_number_cnam")]
pub async fn save_number_cnam(id: String, cnam: String) -> Result<OwnedNumber, FnError> {
    let (db, meta) = (
        crate::context::services()?.db,
        crate::context::request_meta(),
    );
    Ok(
        domain::numbers::set_cnam(&db, meta.viewer.as_ref(), &id, &cnam, chrono::Utc::now())
            .await?,
    )
}

#[server(prefix = "/api", endpoint = "save_number_e911")]
pub async fn save_number_e911(id: String, form: E911Form) -> Result<OwnedNumber, FnError> {
    let (db, meta) = (
        crate::context::services()?.db,
        crate::context::request_meta(),
    );
    Ok(
        domain::numbers::set_e911(&db, meta.viewer.as_ref(), &id, &form, chrono::Utc::now())
            .await?,
    )
}

/// A slice of a bulk action (the page sends the selection in slices to show progress).
#[server(prefix = "/api", endpoint = "bulk_numbers")]
pub async fn bulk_numbers(form: BulkForm) -> Result<BulkOutcome, FnError> {
    let (services, meta) = (crate::context::services()?, crate::context::request_meta());
    Ok(domain::numbers::bulk(
        &services.db,
        meta.viewer.as_ref(),
        &form,
        Some(services.carrier.as_ref()),
        chrono::Utc::now(),
    )
    .await?)
}

#[server(prefix = "/api", endpoint = "numbers_e911_summary")]
pub async fn numbers_e911_summary() -> Result<E911Summary, FnError> {
    let (db, meta) = (
        crate::context::services()?.db,
        crate::context::request_meta(),
    );
    Ok(domain::numbers::e911_summary(&db, meta.viewer.as_ref()).await?)
}

#[server(prefix = "/api", endpoint = "apply_tenant_e911")]
pub async fn apply_tenant_e911(tenant: String, form: E911Form) -> Result<BulkOutcome, FnError> {
    let (db, meta) = (
        crate::context::services()?.db,
        crate::context::request_meta(),
    );
    Ok(domain::numbers::apply_e911_to_tenant(
        &db,
        meta.viewer.as_ref(),
        &tenant,
        &form,
        chrono::Utc::now(),
    )
    .await?)
}
