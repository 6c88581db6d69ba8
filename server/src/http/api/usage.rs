//! `/v1/tenants/{id}/usage` (the current cycle so far) and `/v1/calls` (rated call
//! records, newest first), over the usage domain services.

use axum::{
    Extension, Json,
    extract::{Path, State},
    http::HeaderMap,
};
use domain::{api::keys::Caller, usage::report};
use model::api::{
    Access, ListPage,
    resources::{CallRecord, TenantUsage},
};

use super::{Answer, allow, err, limit_of, reach, tenants::ListQuery, within};
use crate::state::AppState;

#[utoipa::path(get, path = "/v1/tenants/{id}/usage", tag = "usage", operation_id = "getTenantUsage",
    summary = "A tenant's usage in the current cycle (calendar month, UTC)",
    params(("id" = String, Path, description = "The tenant's id")),
    responses(
        (status = 200, description = "Minutes, counts and wholesale cost so far", body = TenantUsage),
        super::openapi::Refused,
    ))]
pub async fn tenant_usage(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Answer<Json<TenantUsage>> {
    allow(&caller, "usage", Access::Read, &headers)?;
    reach(&state, &caller, &id, &headers).await?;
    let usage = report::tenant_usage(state.db(), Some(&caller.viewer), &id, chrono::Utc::now())
        .await
        .map_err(err(&headers))?;
    Ok(Json(usage))
}

#[utoipa::path(get, path = "/v1/calls", tag = "calls", operation_id = "listCalls",
    summary = "Rated call records, newest first",
    params(
        ("limit" = Option<u64>, Query, description = "How many, 1 to 200 (default 50)"),
        ("cursor" = Option<String>, Query, description = "The `next_cursor` of the previous page"),
    ),
    responses(
        (status = 200, description = "A page of call records", body = ListPage<CallRecord>),
        super::openapi::Refused,
    ))]
pub async fn calls(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    super::Query(query): super::Query<ListQuery>,
    headers: HeaderMap,
) -> Answer<Json<ListPage<CallRecord>>> {
    allow(&caller, "calls", Access::Read, &headers)?;
    let limit = limit_of(query.limit.as_deref(), &headers)?;
    let (data, next_cursor) = report::calls_after(
        state.db(),
        Some(&caller.viewer),
        query.cursor.as_deref(),
        limit,
        &caller.tenants,
    )
    .await
    .map_err(err(&headers))?;
    Ok(Json(ListPage { data, next_cursor }))
}

#[utoipa::path(get, path = "/v1/calls/{id}", tag = "calls", operation_id = "getCall",
    summary = "One call record", params(("id" = String, Path, description = "The record's id, as the call engine sent it")),
    responses(
        (status = 200, description = "The call record", body = CallRecord),
        super::openapi::Refused,
    ))]
pub async fn call(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Answer<Json<CallRecord>> {
    allow(&caller, "calls", Access::Read, &headers)?;
    let record = report::call(state.db(), Some(&caller.viewer), &id)
        .await
        .map_err(err(&headers))?;
    within(&caller, &record.tenant_id, &headers)?;
    Ok(Json(record))
}
