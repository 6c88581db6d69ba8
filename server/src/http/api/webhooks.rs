//! `/v1/webhook-endpoints`: a partner's endpoints, their deliveries, *Rotate secret* and
//! *Redeliver*, over the same domain services as Settings → Webhooks.

use axum::{
    Extension, Json,
    extract::{Path, State},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Response},
};
use domain::{api::keys::Caller, webhooks::endpoints};
use model::{
    api::{Access, ListPage},
    webhooks::{DeliveryAttempt, Endpoint, EndpointForm, EndpointPatch, NewSecret},
};

use super::{Answer, allow, err};
use crate::state::AppState;

const ID: &str = "The endpoint's id";

#[utoipa::path(get, path = "/v1/webhook-endpoints", tag = "webhooks", operation_id = "listWebhookEndpoints",
    summary = "Your webhook endpoints, newest first",
    responses(
        (status = 200, description = "Every endpoint (one page)", body = ListPage<Endpoint>),
        super::openapi::Refused,
    ))]
pub async fn list(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    headers: HeaderMap,
) -> Answer<Json<ListPage<Endpoint>>> {
    allow(&caller, "webhooks", Access::Read, &headers)?;
    let data = endpoints::list(state.db(), Some(&caller.viewer))
        .await
        .map_err(err(&headers))?;
    Ok(Json(ListPage {
        data,
        next_cursor: None,
    }))
}

#[utoipa::path(post, path = "/v1/webhook-endpoints", tag = "webhooks", operation_id = "createWebhookEndpoint",
    summary = "Add an endpoint; the answer holds its signing secret, shown only this once",
    request_body = EndpointForm,
    params(("Idempotency-Key" = Option<String>, Header, description = "Repeat the same request safely for 24 hours")),
    responses(
        (status = 201, description = "The endpoint and its secret", body = NewSecret),
        super::openapi::Refused,
    ))]
pub async fn create(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    headers: HeaderMap,
    super::Body(form): super::Body<EndpointForm>,
) -> Answer<Response> {
    allow(&caller, "webhooks", Access::Write, &headers)?;
    let made = endpoints::create(
        state.db(),
        &state.services.secrets,
        Some(&caller.viewer),
        &form,
        state.config.allow_private_webhooks,
        chrono::Utc::now(),
    )
    .await
    .map_err(err(&headers))?;
    Ok((StatusCode::CREATED, Json(made)).into_response())
}

#[utoipa::path(get, path = "/v1/webhook-endpoints/{id}", tag = "webhooks", operation_id = "getWebhookEndpoint",
    summary = "One endpoint", params(("id" = String, Path, description = ID)),
    responses(
        (status = 200, description = "The endpoint", body = Endpoint),
        super::openapi::Refused,
    ))]
pub async fn get(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Answer<Json<Endpoint>> {
    allow(&caller, "webhooks", Access::Read, &headers)?;
    let endpoint = endpoints::get(state.db(), Some(&caller.viewer), &id)
        .await
        .map_err(err(&headers))?;
    Ok(Json(endpoint))
}

#[utoipa::path(patch, path = "/v1/webhook-endpoints/{id}", tag = "webhooks", operation_id = "updateWebhookEndpoint",
    summary = "Change the URL, description or events, or turn the endpoint off and on",
    params(("id" = String, Path, description = ID)),
    request_body = EndpointPatch,
    responses(
        (status = 200, description = "The changed endpoint", body = Endpoint),
        super::openapi::Refused,
    ))]
pub async fn update(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    headers: HeaderMap,
    super::Body(patch): super::Body<EndpointPatch>,
) -> Answer<Json<Endpoint>> {
    allow(&caller, "webhooks", Access::Write, &headers)?;
    let endpoint = endpoints::update(
        state.db(),
        Some(&caller.viewer),
        &id,
        &patch,
        state.config.allow_private_webhooks,
        chrono::Utc::now(),
    )
    .await
    .map_err(err(&headers))?;
    Ok(Json(endpoint))
}

#[utoipa::path(delete, path = "/v1/webhook-endpoints/{id}", tag = "webhooks", operation_id = "deleteWebhookEndpoint",
    summary = "Delete an endpoint (nothing more is sent; its delivery history is kept)",
    params(("id" = String, Path, description = ID)),
    responses(
        (status = 204, description = "Deleted"),
        super::openapi::Refused,
    ))]
pub async fn delete(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Answer<StatusCode> {
    allow(&caller, "webhooks", Access::Write, &headers)?;
    endpoints::delete(state.db(), Some(&caller.viewer), &id, chrono::Utc::now())
        .await
        .map_err(err(&headers))?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(get, path = "/v1/webhook-endpoints/{id}/deliveries", tag = "webhooks", operation_id = "listWebhookDeliveries",
    summary = "The last 100 attempts (and deliveries not tried yet), newest first",
    params(("id" = String, Path, description = ID)),
    responses(
        (status = 200, description = "Attempts with their request and response", body = ListPage<DeliveryAttempt>),
        super::openapi::Refused,
    ))]
pub async fn deliveries(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Answer<Json<ListPage<DeliveryAttempt>>> {
    allow(&caller, "webhooks", Access::Read, &headers)?;
    let data = endpoints::deliveries(state.db(), Some(&caller.viewer), &id)
        .await
        .map_err(err(&headers))?;
    Ok(Json(ListPage {
        data,
        next_cursor: None,
    }))
}

#[utoipa::path(post, path = "/v1/webhook-endpoints/{id}/rotate-secret", tag = "webhooks", operation_id = "rotateWebhookSecret",
    summary = "Replace the signing secret; the old one stops at once",
    params(
        ("id" = String, Path, description = ID),
        ("Idempotency-Key" = Option<String>, Header, description = "Repeat the same request safely for 24 hours"),
    ),
    responses(
        (status = 200, description = "The endpoint and its new secret, shown only this once", body = NewSecret),
        super::openapi::Refused,
    ))]
pub async fn rotate_secret(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Answer<Json<NewSecret>> {
    allow(&caller, "webhooks", Access::Write, &headers)?;
    let rotated = endpoints::rotate_secret(
        state.db(),
        &state.services.secrets,
        Some(&caller.viewer),
        &id,
        chrono::Utc::now(),
    )
    .await
    .map_err(err(&headers))?;
    Ok(Json(rotated))
}

#[utoipa::path(post, path = "/v1/webhook-endpoints/{id}/deliveries/{delivery_id}/redeliver", tag = "webhooks", operation_id = "redeliverWebhook",
    summary = "Send a delivery's event again: same id, same body, a fresh schedule",
    params(
        ("id" = String, Path, description = ID),
        ("delivery_id" = String, Path, description = "The delivery's id (`delivery_id` in the deliveries list)"),
        ("Idempotency-Key" = Option<String>, Header, description = "Repeat the same request safely for 24 hours"),
    ),
    responses(
        (status = 202, description = "Queued; it is sent within seconds"),
        super::openapi::Refused,
    ))]
pub async fn redeliver(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path((id, delivery_id)): Path<(String, String)>,
    headers: HeaderMap,
) -> Answer<StatusCode> {
    allow(&caller, "webhooks", Access::Write, &headers)?;
    endpoints::redeliver(
        state.db(),
        Some(&caller.viewer),
        &id,
        &delivery_id,
        chrono::Utc::now(),
    )
    .await
    .map_err(err(&headers))?;
    Ok(StatusCode::ACCEPTED)
}
