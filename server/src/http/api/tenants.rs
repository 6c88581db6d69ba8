//! `/v1/tenants`: list (cursor pages), create, read, change, cancel (`DELETE`), suspend
//! and unsuspend, over the same domain services as the Tenants pages.

use axum::{
    Extension, Json,
    extract::{Path, State},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Response},
};
use domain::{api::keys::Caller, invoicing::settings};
use model::{
    AppError,
    api::{Access, ListPage, TenantInput},
    invoicing::TenantBillingForm,
    tenants::{Tenant, TenantForm},
};
use serde::Deserialize;

use super::{Answer, allow, err, limit_of, reach};
use crate::{http::ApiError, state::AppState};

#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    pub limit: Option<String>,
    pub cursor: Option<String>,
}

#[utoipa::path(get, path = "/v1/tenants", tag = "tenants", operation_id = "listTenants",
    summary = "List tenants, oldest first",
    params(
        ("limit" = Option<u64>, Query, description = "How many, 1 to 200 (default 50)"),
        ("cursor" = Option<String>, Query, description = "The `next_cursor` of the previous page"),
    ),
    responses(
        (status = 200, description = "A page of tenants", body = ListPage<Tenant>),
        super::openapi::Refused,
    ))]
pub async fn list(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    super::Query(query): super::Query<ListQuery>,
    headers: HeaderMap,
) -> Answer<Json<ListPage<Tenant>>> {
    allow(&caller, "tenants", Access::Read, &headers)?;
    let limit = limit_of(query.limit.as_deref(), &headers)?;
    let (data, next_cursor) = domain::tenants::page_after(
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

#[utoipa::path(post, path = "/v1/tenants", tag = "tenants", operation_id = "createTenant",
    summary = "Create a tenant (in trial)",
    request_body = TenantInput,
    params(("Idempotency-Key" = Option<String>, Header, description = "Repeat the same request safely for 24 hours")),
    responses(
        (status = 201, description = "The new tenant", body = Tenant),
        super::openapi::Refused,
    ))]
pub async fn create(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    headers: HeaderMap,
    super::Body(input): super::Body<TenantInput>,
) -> Answer<Response> {
    allow(&caller, "tenants", Access::Write, &headers)?;
    // A key limited to some tenants cannot add others.
    if !caller.tenants.is_empty() {
        return Err(ApiError::new(
            AppError::forbidden("This key is limited to some tenants and cannot create tenants."),
            &headers,
        ));
    }
    let mut input = input;
    let billing = input
        .billing
        .take()
        .map(|b| b.over(TenantBillingForm::of(&Default::default())));
    let (db, viewer) = (state.db(), Some(&caller.viewer));
    if let Some(form) = &billing {
        settings::check(db, viewer, form)
            .await
            .map_err(err(&headers))?;
    }
    let form = input.over(TenantForm::default());
    let now = chrono::Utc::now();
    let mut created = domain::tenants::create(db, viewer, &form, now)
        .await
        .map_err(err(&headers))?;
    if let Some(form) = &billing {
        created = settings::apply(db, viewer, &created.id, form, now)
            .await
            .map_err(err(&headers))?;
    }
    Ok((StatusCode::CREATED, Json(created)).into_response())
}

#[utoipa::path(get, path = "/v1/tenants/{id}", tag = "tenants", operation_id = "getTenant",
    summary = "One tenant", params(("id" = String, Path, description = "The tenant's id")),
    responses(
        (status = 200, description = "The tenant", body = Tenant),
        super::openapi::Refused,
    ))]
pub async fn get(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Answer<Json<Tenant>> {
    allow(&caller, "tenants", Access::Read, &headers)?;
    reach(&state, &caller, &id, &headers).await?;
    let tenant = domain::tenants::get(state.db(), Some(&caller.viewer), &id)
        .await
        .map_err(err(&headers))?;
    Ok(Json(tenant))
}

#[utoipa::path(patch, path = "/v1/tenants/{id}", tag = "tenants", operation_id = "updateTenant",
    summary = "Change a tenant (fields left out stay as they are)", params(("id" = String, Path, description = "The tenant's id")),
    request_body = TenantInput,
    responses(
        (status = 200, description = "The changed tenant", body = Tenant),
        super::openapi::Refused,
    ))]
pub async fn update(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    headers: HeaderMap,
    super::Body(input): super::Body<TenantInput>,
) -> Answer<Json<Tenant>> {
    writable(&state, &caller, &id, &headers).await?;
    let db = state.db();
    let viewer = Some(&caller.viewer);
    let current = domain::tenants::get(db, viewer, &id)
        .await
        .map_err(err(&headers))?;
    model::api::unchanged(
        "sip_prefix",
        input.sip_prefix.as_deref(),
        &current.sip_prefix,
        "A tenant's SIP prefix is fixed when it is created and can't be changed.",
    )
    .map_err(err(&headers))?;
    let mut input = input;
    let billing = input
        .billing
        .take()
        .map(|b| b.over(TenantBillingForm::of(&current.billing)));
    if let Some(form) = &billing {
        settings::check(db, viewer, form)
            .await
            .map_err(err(&headers))?;
    }
    let form = input.over(current.form());
    let now = chrono::Utc::now();
    let mut saved = domain::tenants::update(db, viewer, &id, &form, now)
        .await
        .map_err(err(&headers))?;
    if let Some(form) = &billing {
        saved = settings::apply(db, viewer, &id, form, now)
            .await
            .map_err(err(&headers))?;
    }
    Ok(Json(saved))
}

/// `DELETE` cancels the tenant (its data is kept 90 days, as from the Tenants page).
#[utoipa::path(delete, path = "/v1/tenants/{id}", tag = "tenants", operation_id = "cancelTenant",
    summary = "Cancel a tenant (its data is kept 90 days)", params(("id" = String, Path, description = "The tenant's id")),
    responses(
        (status = 200, description = "The cancelled tenant", body = Tenant),
        super::openapi::Refused,
    ))]
pub async fn cancel(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Answer<Json<Tenant>> {
    writable(&state, &caller, &id, &headers).await?;
    let db = state.db();
    let viewer = Some(&caller.viewer);
    let current = domain::tenants::get(db, viewer, &id)
        .await
        .map_err(err(&headers))?;
    // The page asks for the name typed back; the DELETE itself is the confirmation.
    let cancelled = domain::tenants::cancel(db, viewer, &id, &current.name, chrono::Utc::now())
        .await
        .map_err(err(&headers))?;
    Ok(Json(cancelled))
}

#[utoipa::path(post, path = "/v1/tenants/{id}/suspend", tag = "tenants", operation_id = "suspendTenant",
    summary = "Suspend a tenant (its phones stop working)", params(
        ("id" = String, Path, description = "The tenant's id"),
        ("Idempotency-Key" = Option<String>, Header, description = "Repeat the same request safely for 24 hours"),
    ),
    responses(
        (status = 200, description = "The suspended tenant", body = Tenant),
        super::openapi::Refused,
    ))]
pub async fn suspend(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Answer<Json<Tenant>> {
    set_suspended(&state, &caller, &id, &headers, true).await
}

#[utoipa::path(post, path = "/v1/tenants/{id}/unsuspend", tag = "tenants", operation_id = "unsuspendTenant",
    summary = "Bring a suspended tenant back", params(
        ("id" = String, Path, description = "The tenant's id"),
        ("Idempotency-Key" = Option<String>, Header, description = "Repeat the same request safely for 24 hours"),
    ),
    responses(
        (status = 200, description = "The tenant, in service again", body = Tenant),
        super::openapi::Refused,
    ))]
pub async fn unsuspend(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Answer<Json<Tenant>> {
    set_suspended(&state, &caller, &id, &headers, false).await
}

async fn set_suspended(
    state: &AppState,
    caller: &Caller,
    id: &str,
    headers: &HeaderMap,
    suspended: bool,
) -> Answer<Json<Tenant>> {
    writable(state, caller, id, headers).await?;
    let (db, viewer, now) = (state.db(), Some(&caller.viewer), chrono::Utc::now());
    let changed = if suspended {
        domain::tenants::suspend(db, viewer, id, now).await
    } else {
        domain::tenants::unsuspend(db, viewer, id, now).await
    };
    changed.map(Json).map_err(err(headers))
}

/// Writes to one tenant need the write scope and the tenant in the key's reach.
async fn writable(
    state: &AppState,
    caller: &Caller,
    id: &str,
    headers: &HeaderMap,
) -> Result<(), ApiError> {
    allow(caller, "tenants", Access::Write, headers)?;
    reach(state, caller, id, headers).await
}
