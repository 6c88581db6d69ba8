//! `/v1/tenants`: list (cursor pages), create, read, change, cancel (`DELETE`), suspend
//! and unsuspend, over the same domain services as the Tenants pages.

use axum::{
    Extension, Json,
    extract::{Path, Query, State},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Response},
};
use domain::api::keys::Caller;
use model::{
    AppError,
    api::{Access, ListPage, TenantInput, parse_page_limit},
    tenants::{Tenant, TenantForm},
};
use serde::Deserialize;

use super::{allow, reach};
use crate::{http::ApiError, state::AppState};

#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    pub limit: Option<String>,
    pub cursor: Option<String>,
}

type Answer<T> = Result<T, ApiError>;

fn err(headers: &HeaderMap) -> impl Fn(AppError) -> ApiError + '_ {
    move |e| ApiError::new(e, headers)
}

pub async fn list(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Query(query): Query<ListQuery>,
    headers: HeaderMap,
) -> Answer<Json<ListPage<Tenant>>> {
    allow(&caller, "tenants", Access::Read, &headers)?;
    let limit = parse_page_limit(query.limit.as_deref())
        .map_err(|m| ApiError::new(AppError::invalid("limit", m), &headers))?;
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
    let form = input.over(TenantForm::default());
    let now = chrono::Utc::now();
    let created = domain::tenants::create(state.db(), Some(&caller.viewer), &form, now)
        .await
        .map_err(err(&headers))?;
    Ok((StatusCode::CREATED, Json(created)).into_response())
}

pub async fn get(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Answer<Json<Tenant>> {
    allow(&caller, "tenants", Access::Read, &headers)?;
    reach(&caller, &id, &headers)?;
    let tenant = domain::tenants::get(state.db(), Some(&caller.viewer), &id)
        .await
        .map_err(err(&headers))?;
    Ok(Json(tenant))
}

pub async fn update(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    headers: HeaderMap,
    super::Body(input): super::Body<TenantInput>,
) -> Answer<Json<Tenant>> {
    allow(&caller, "tenants", Access::Write, &headers)?;
    reach(&caller, &id, &headers)?;
    let db = state.db();
    let viewer = Some(&caller.viewer);
    let current = domain::tenants::get(db, viewer, &id)
        .await
        .map_err(err(&headers))?;
    let form = input.over(current.form());
    let saved = domain::tenants::update(db, viewer, &id, &form, chrono::Utc::now())
        .await
        .map_err(err(&headers))?;
    Ok(Json(saved))
}

/// `DELETE` cancels the tenant (its data is kept 90 days, as from the Tenants page).
pub async fn cancel(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Answer<Json<Tenant>> {
    allow(&caller, "tenants", Access::Write, &headers)?;
    reach(&caller, &id, &headers)?;
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

pub async fn suspend(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Answer<Json<Tenant>> {
    allow(&caller, "tenants", Access::Write, &headers)?;
    reach(&caller, &id, &headers)?;
    let t = domain::tenants::suspend(state.db(), Some(&caller.viewer), &id, chrono::Utc::now())
        .await
        .map_err(err(&headers))?;
    Ok(Json(t))
}

pub async fn unsuspend(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Answer<Json<Tenant>> {
    allow(&caller, "tenants", Access::Write, &headers)?;
    reach(&caller, &id, &headers)?;
    let t = domain::tenants::unsuspend(state.db(), Some(&caller.viewer), &id, chrono::Utc::now())
        .await
        .map_err(err(&headers))?;
    Ok(Json(t))
}
