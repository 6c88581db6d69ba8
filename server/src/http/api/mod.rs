//! The partner REST API under `/v1`: each resource handler checks the key's scope and
//! tenant reach, then calls the same domain service as the pages, as the key's maker.
//! Errors are problem documents (`ApiError`); every response has the request id.

mod auth;
mod body;
mod events_doc;
mod extensions;
mod idempotent;
mod invoicing;
mod links;
mod numbers;
pub(super) mod openapi;
mod ports;
mod tenants;
mod usage;
mod webhooks;

pub use auth::{Limits, bearer};
pub use body::{Body, Query, parse};

use axum::{Router, http::HeaderMap, middleware};
use domain::api::keys::Caller;
use model::{AppError, api::Access};
use utoipa_axum::{router::OpenApiRouter, routes};

use super::ApiError;
use crate::state::AppState;

/// The largest `/v1` body: a port request with two 10 MB documents in base64. Only an
/// authenticated request's body is ever read (the key is checked first).
pub const MAX_BODY: usize = 2 * model::numbers::ports::MAX_DOC_BYTES * 4 / 3 + 64 * 1024;

/// The key-protected routes, and the OpenAPI document built from the same table.
pub fn routes(state: &AppState) -> (Router<AppState>, utoipa::openapi::OpenApi) {
    use utoipa::OpenApi;
    let (router, mut doc) = OpenApiRouter::with_openapi(openapi::ApiDoc::openapi())
        .routes(routes!(tenants::list, tenants::create))
        .routes(routes!(tenants::get, tenants::update, tenants::cancel))
        .routes(routes!(tenants::suspend))
        .routes(routes!(tenants::unsuspend))
        .routes(routes!(usage::tenant_usage))
        .routes(routes!(extensions::list, extensions::create))
        .routes(routes!(
            extensions::get,
            extensions::update,
            extensions::delete
        ))
        .routes(routes!(ports::list, ports::create))
        .routes(routes!(ports::get, ports::update))
        .routes(routes!(usage::calls))
        .routes(routes!(usage::call))
        .routes(routes!(numbers::available))
        .routes(routes!(numbers::list, numbers::buy))
        .routes(routes!(numbers::get, numbers::update))
        .routes(routes!(numbers::assign))
        .routes(routes!(numbers::release))
        .routes(routes!(webhooks::list, webhooks::create))
        .routes(routes!(webhooks::get, webhooks::update, webhooks::delete))
        .routes(routes!(webhooks::deliveries))
        .routes(routes!(webhooks::rotate_secret))
        .routes(routes!(webhooks::redeliver))
        .routes(routes!(invoicing::list_profiles, invoicing::create_profile))
        .routes(routes!(invoicing::get_profile, invoicing::update_profile))
        .routes(routes!(invoicing::list_rates, invoicing::create_rate))
        .routes(routes!(invoicing::get_rate, invoicing::update_rate))
        .routes(routes!(invoicing::list_invoices))
        .routes(routes!(invoicing::get_invoice))
        .routes(routes!(invoicing::void_invoice))
        .routes(routes!(invoicing::invoice_pdf))
        .routes(routes!(invoicing::send_invoice))
        .routes(routes!(invoicing::record_payment))
        .routes(routes!(invoicing::refund))
        .split_for_parts();
    links::add(&mut doc);
    // Bottom-up: the key is checked first, then idempotency (which needs the caller).
    let router = router
        .layer(axum::extract::DefaultBodyLimit::max(MAX_BODY))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            idempotent::replay_or_run,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            auth::require_key,
        ));
    (router, doc)
}

/// `GET /v1/openapi.json` and the docs page at `/v1/docs`, both public (a developer
/// reads them before having a key).
pub fn docs(doc: utoipa::openapi::OpenApi) -> Router<AppState> {
    utoipa_swagger_ui::SwaggerUi::new("/v1/docs")
        .url("/v1/openapi.json", doc)
        .into()
}

type Answer<T> = Result<T, ApiError>;

/// Turns a domain refusal into the problem answer for this request.
fn err(headers: &HeaderMap) -> impl Fn(AppError) -> ApiError + '_ {
    move |e| ApiError::new(e, headers)
}

/// `?limit=` of a list, or a 422 naming it.
fn limit_of(input: Option<&str>, headers: &HeaderMap) -> Result<u64, ApiError> {
    model::api::parse_page_limit(input)
        .map_err(|m| ApiError::new(AppError::invalid("limit", m), headers))
}

/// 403 unless the key has the scope; a Partner User's key may only read.
fn allow(
    caller: &Caller,
    resource: &str,
    access: Access,
    headers: &HeaderMap,
) -> Result<(), ApiError> {
    if access == Access::Write && caller.read_only {
        return Err(ApiError::new(
            AppError::forbidden("This key belongs to a read-only user and can only read."),
            headers,
        ));
    }
    if caller.scopes.allows(resource, access) {
        return Ok(());
    }
    let scope = match access {
        Access::Read => format!("{resource}:read"),
        Access::Write => format!("{resource}:write"),
    };
    Err(ApiError::new(
        AppError::forbidden(format!("This key does not have the {scope} scope.")),
        headers,
    ))
}

/// 403 when the key is limited to tenants and `tenant_id`, read from one of the
/// partner's own records, is not among them.
fn within(caller: &Caller, tenant_id: &str, headers: &HeaderMap) -> Result<(), ApiError> {
    if caller.reaches(tenant_id) {
        Ok(())
    } else {
        Err(ApiError::new(
            AppError::forbidden("This key is not allowed to reach this tenant."),
            headers,
        ))
    }
}

/// For a tenant id the client sent: 403 when the key is limited to tenants and
/// `tenant_id` is another of the partner's;
/// 404 when it is not the partner's at all, exactly as for a key of every tenant, so a
/// limited key learns nothing about other partners' ids.
async fn reach(
    state: &AppState,
    caller: &Caller,
    tenant_id: &str,
    headers: &HeaderMap,
) -> Result<(), ApiError> {
    if caller.reaches(tenant_id) {
        return Ok(());
    }
    domain::tenants::get(state.db(), Some(&caller.viewer), tenant_id)
        .await
        .map_err(err(headers))?;
    within(caller, tenant_id, headers)
}
