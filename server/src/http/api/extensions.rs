//! `/v1/tenants/{id}/extensions`: a tenant's extensions, over the same domain service as
//! the tenant's Extensions page. A new extension's SIP password is in the `POST` answer
//! and nowhere else.

use axum::{
    Extension as Ext, Json,
    extract::{Path, State},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Response},
};
use domain::{api::keys::Caller, tenants::extensions};
use model::{
    api::{Access, ListPage, resources::ExtensionInput},
    tenants::extensions::{Extension, ExtensionSecret},
};

use super::{Answer, allow, err, reach};
use crate::{http::ApiError, state::AppState};

const TENANT: &str = "The tenant's id";
const EXT: &str = "The extension's id";

async fn check(
    state: &AppState,
    caller: &Caller,
    tenant: &str,
    access: Access,
    headers: &HeaderMap,
) -> Result<(), ApiError> {
    allow(caller, "extensions", access, headers)?;
    reach(state, caller, tenant, headers).await
}

#[utoipa::path(get, path = "/v1/tenants/{id}/extensions", tag = "extensions", operation_id = "listExtensions",
    summary = "A tenant's extensions, by number", params(("id" = String, Path, description = TENANT)),
    responses(
        (status = 200, description = "Every extension of the tenant (one page)", body = ListPage<Extension>),
        super::openapi::Refused,
    ))]
pub async fn list(
    State(state): State<AppState>,
    Ext(caller): Ext<Caller>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Answer<Json<ListPage<Extension>>> {
    check(&state, &caller, &id, Access::Read, &headers).await?;
    let data = extensions::list(state.db(), Some(&caller.viewer), &id)
        .await
        .map_err(err(&headers))?;
    Ok(Json(ListPage {
        data,
        next_cursor: None,
    }))
}

#[utoipa::path(post, path = "/v1/tenants/{id}/extensions", tag = "extensions", operation_id = "createExtension",
    summary = "Add an extension; the answer holds its SIP password, shown only this once",
    request_body = ExtensionInput,
    params(
        ("id" = String, Path, description = TENANT),
        ("Idempotency-Key" = Option<String>, Header, description = "Repeat the same request safely for 24 hours"),
    ),
    responses(
        (status = 201, description = "The extension and its SIP password", body = ExtensionSecret),
        super::openapi::Refused,
    ))]
pub async fn create(
    State(state): State<AppState>,
    Ext(caller): Ext<Caller>,
    Path(id): Path<String>,
    headers: HeaderMap,
    super::Body(input): super::Body<ExtensionInput>,
) -> Answer<Response> {
    check(&state, &caller, &id, Access::Write, &headers).await?;
    let made = extensions::create(
        state.db(),
        &state.services.secrets,
        Some(&caller.viewer),
        &id,
        &input.over(None),
        chrono::Utc::now(),
    )
    .await
    .map_err(err(&headers))?;
    Ok((StatusCode::CREATED, Json(made)).into_response())
}

/// The extension `ext_id` of tenant `id`, or 404.
async fn find(
    state: &AppState,
    caller: &Caller,
    id: &str,
    ext_id: &str,
    headers: &HeaderMap,
) -> Result<Extension, ApiError> {
    extensions::list(state.db(), Some(&caller.viewer), id)
        .await
        .map_err(err(headers))?
        .into_iter()
        .find(|e| e.id == ext_id)
        .ok_or_else(|| ApiError::new(model::AppError::not_found("Extension"), headers))
}

#[utoipa::path(get, path = "/v1/tenants/{id}/extensions/{ext_id}", tag = "extensions", operation_id = "getExtension",
    summary = "One extension",
    params(("id" = String, Path, description = TENANT), ("ext_id" = String, Path, description = EXT)),
    responses(
        (status = 200, description = "The extension", body = Extension),
        super::openapi::Refused,
    ))]
pub async fn get(
    State(state): State<AppState>,
    Ext(caller): Ext<Caller>,
    Path((id, ext_id)): Path<(String, String)>,
    headers: HeaderMap,
) -> Answer<Json<Extension>> {
    check(&state, &caller, &id, Access::Read, &headers).await?;
    Ok(Json(find(&state, &caller, &id, &ext_id, &headers).await?))
}

#[utoipa::path(patch, path = "/v1/tenants/{id}/extensions/{ext_id}", tag = "extensions", operation_id = "updateExtension",
    summary = "Change an extension (fields left out stay as they are)",
    params(("id" = String, Path, description = TENANT), ("ext_id" = String, Path, description = EXT)),
    request_body = ExtensionInput,
    responses(
        (status = 200, description = "The changed extension", body = Extension),
        super::openapi::Refused,
    ))]
pub async fn update(
    State(state): State<AppState>,
    Ext(caller): Ext<Caller>,
    Path((id, ext_id)): Path<(String, String)>,
    headers: HeaderMap,
    super::Body(input): super::Body<ExtensionInput>,
) -> Answer<Json<Extension>> {
    check(&state, &caller, &id, Access::Write, &headers).await?;
    let current = find(&state, &caller, &id, &ext_id, &headers).await?;
    model::api::unchanged(
        "number",
        input.number.as_deref(),
        &current.number,
        "An extension's number is fixed when it is created: add a new extension instead.",
    )
    .map_err(err(&headers))?;
    let form = input.over(Some(&current));
    let saved = extensions::update(
        state.db(),
        Some(&caller.viewer),
        &id,
        &ext_id,
        &form,
        chrono::Utc::now(),
    )
    .await
    .map_err(err(&headers))?;
    Ok(Json(saved))
}

#[utoipa::path(delete, path = "/v1/tenants/{id}/extensions/{ext_id}", tag = "extensions", operation_id = "deleteExtension",
    summary = "Delete an extension (its phones stop registering)",
    params(("id" = String, Path, description = TENANT), ("ext_id" = String, Path, description = EXT)),
    responses(
        (status = 204, description = "Deleted"),
        super::openapi::Refused,
    ))]
pub async fn delete(
    State(state): State<AppState>,
    Ext(caller): Ext<Caller>,
    Path((id, ext_id)): Path<(String, String)>,
    headers: HeaderMap,
) -> Answer<StatusCode> {
    check(&state, &caller, &id, Access::Write, &headers).await?;
    extensions::delete(
        state.db(),
        Some(&caller.viewer),
        &id,
        &ext_id,
        chrono::Utc::now(),
    )
    .await
    .map_err(err(&headers))?;
    Ok(StatusCode::NO_CONTENT)
}
