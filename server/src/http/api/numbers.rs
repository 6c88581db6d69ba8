//! `/v1/numbers`: search what the carrier offers, buy, the inventory (cursor pages),
//! one number (with whether it may call 911), its caller-ID name and emergency
//! address, assign and release, over the same domain services as the Numbers pages.

use axum::{
    Extension, Json,
    extract::{Path, State},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Response},
};
use domain::api::keys::Caller;
use model::{
    AppError,
    api::{
        Access, ListPage,
        numbers::{
            AssignInput, AvailableJson, NumberJson, NumberPatch, PurchaseInput, PurchaseJson,
            decimal,
        },
    },
    numbers::{E911Form, InventoryFilter, OwnedNumber, SearchForm},
};
use serde::Deserialize;

use super::{Answer, Body, allow, err, limit_of, reach, within};
use crate::{http::ApiError, state::AppState};

/// A key limited to tenants reaches only numbers assigned to one of them.
fn reach_number(caller: &Caller, n: &OwnedNumber, headers: &HeaderMap) -> Result<(), ApiError> {
    if caller.tenants.is_empty() {
        return Ok(());
    }
    match &n.tenant {
        Some(t) => within(caller, &t.id, headers),
        None => Err(ApiError::new(
            AppError::forbidden("This key is limited to some tenants; this number is unassigned."),
            headers,
        )),
    }
}

/// Partner-wide actions (buying into the partner's stock) need a key for every tenant.
fn whole_partner(caller: &Caller, headers: &HeaderMap) -> Result<(), ApiError> {
    if caller.tenants.is_empty() {
        Ok(())
    } else {
        Err(ApiError::new(
            AppError::forbidden("This key is limited to some tenants and cannot buy numbers."),
            headers,
        ))
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct AvailableQuery {
    kind: Option<String>,
    state: Option<String>,
    area_code: Option<String>,
    nxx: Option<String>,
    rate_center: Option<String>,
    city: Option<String>,
    pattern: Option<String>,
    limit: Option<String>,
}

#[utoipa::path(get, path = "/v1/numbers/available", tag = "numbers", operation_id = "searchNumbers",
    summary = "Numbers you can buy, with your prices",
    params(
        ("kind" = Option<String>, Query, description = "`local` (default) or `toll_free`"),
        ("state" = Option<String>, Query, description = "Two-letter state; required for local numbers"),
        ("area_code" = Option<String>, Query, description = "Three digits"),
        ("nxx" = Option<String>, Query, description = "The exchange: the three digits after the area code"),
        ("rate_center" = Option<String>, Query, description = "Rate center name"),
        ("city" = Option<String>, Query, description = "City name"),
        ("pattern" = Option<String>, Query, description = "Toll-free vanity pattern: letters are keypad digits, X any digit (`8XX-OUR-FOOD`)"),
        ("limit" = Option<String>, Query, description = "How many, 1 to 50 (default 10)"),
    ),
    responses(
        (status = 200, description = "Numbers on offer", body = ListPage<AvailableJson>),
        super::openapi::Refused,
    ))]
pub async fn available(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    super::Query(q): super::Query<AvailableQuery>,
    headers: HeaderMap,
) -> Answer<Json<ListPage<AvailableJson>>> {
    allow(&caller, "numbers", Access::Read, &headers)?;
    let form = SearchForm {
        kind: q.kind.unwrap_or_default(),
        state: q.state.unwrap_or_default(),
        area_code: q.area_code.unwrap_or_default(),
        nxx: q.nxx.unwrap_or_default(),
        rate_center: q.rate_center.unwrap_or_default(),
        city: q.city.unwrap_or_default(),
        pattern: q.pattern.unwrap_or_default(),
        limit: q.limit.unwrap_or_default(),
    };
    let services = &state.services;
    let offers = domain::numbers::search(
        state.db(),
        services.carrier.as_ref(),
        Some(&caller.viewer),
        &form,
        chrono::Utc::now(),
    )
    .await
    .map_err(err(&headers))?;
    Ok(Json(ListPage {
        data: offers.iter().map(AvailableJson::from).collect(),
        next_cursor: None,
    }))
}

#[derive(Debug, Default, Deserialize)]
pub struct InventoryQuery {
    limit: Option<String>,
    cursor: Option<String>,
    status: Option<String>,
    tenant_id: Option<String>,
    e911_status: Option<String>,
    q: Option<String>,
}

#[utoipa::path(get, path = "/v1/numbers", tag = "numbers", operation_id = "listNumbers",
    summary = "Your numbers, newest first",
    params(
        ("limit" = Option<u64>, Query, description = "How many, 1 to 200 (default 50)"),
        ("cursor" = Option<String>, Query, description = "The `next_cursor` of the previous page"),
        ("status" = Option<String>, Query, description = "`ACTIVE`, `PENDING` or `RELEASED`; live numbers when absent"),
        ("tenant_id" = Option<String>, Query, description = "A tenant's id, or `unassigned`"),
        ("e911_status" = Option<String>, Query, description = "`REGISTERED`, `PENDING`, `FAILED` or `NOT_SET`"),
        ("q" = Option<String>, Query, description = "Part of a number or of a tenant's name"),
    ),
    responses(
        (status = 200, description = "A page of numbers", body = ListPage<NumberJson>),
        super::openapi::Refused,
    ))]
pub async fn list(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    super::Query(q): super::Query<InventoryQuery>,
    headers: HeaderMap,
) -> Answer<Json<ListPage<NumberJson>>> {
    allow(&caller, "numbers", Access::Read, &headers)?;
    let limit = limit_of(q.limit.as_deref(), &headers)?;
    let tenant = q.tenant_id.unwrap_or_default();
    if !tenant.is_empty() && tenant != "unassigned" {
        reach(&state, &caller, &tenant, &headers).await?;
    }
    let filter = InventoryFilter {
        tenant,
        e911: q.e911_status.unwrap_or_default(),
        status: q.status.unwrap_or_default(),
        q: q.q.unwrap_or_default(),
    };
    let all = domain::numbers::list(state.db(), Some(&caller.viewer), &filter)
        .await
        .map_err(err(&headers))?;
    // The inventory is small per partner (hundreds): the page is cut from the filtered
    // list, after the number the cursor names.
    let visible: Vec<&OwnedNumber> = all
        .iter()
        .filter(|n| {
            caller.tenants.is_empty() || n.tenant.as_ref().is_some_and(|t| caller.reaches(&t.id))
        })
        .collect();
    let start = match q.cursor.as_deref().filter(|c| !c.is_empty()) {
        None => 0,
        Some(c) => visible
            .iter()
            .position(|n| n.id == c)
            .map(|i| i + 1)
            .ok_or_else(|| {
                ApiError::new(
                    AppError::invalid("cursor", "This cursor is not one this list gave."),
                    &headers,
                )
            })?,
    };
    let limit = usize::try_from(limit).unwrap_or(usize::MAX);
    let page: Vec<NumberJson> = visible
        .iter()
        .skip(start)
        .take(limit)
        .map(|n| NumberJson::from(*n))
        .collect();
    let next_cursor = (start + limit < visible.len())
        .then(|| page.last().map(|n| n.id.clone()))
        .flatten();
    Ok(Json(ListPage {
        data: page,
        next_cursor,
    }))
}

#[utoipa::path(post, path = "/v1/numbers", tag = "numbers", operation_id = "buyNumbers",
    summary = "Buy numbers (the wallet pays the rest of this month)",
    request_body = PurchaseInput,
    params(("Idempotency-Key" = Option<String>, Header, description = "Repeat the same request safely for 24 hours")),
    responses(
        (status = 201, description = "Bought: the numbers start PENDING and come into service shortly", body = PurchaseJson),
        super::openapi::Refused,
    ))]
pub async fn buy(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    headers: HeaderMap,
    Body(input): Body<PurchaseInput>,
) -> Answer<Response> {
    allow(&caller, "numbers", Access::Write, &headers)?;
    whole_partner(&caller, &headers)?;
    let bought = domain::numbers::purchase(
        state.db(),
        state.services.carrier.as_ref(),
        Some(&caller.viewer),
        &input.numbers,
        chrono::Utc::now(),
    )
    .await
    .map_err(err(&headers))?;
    let json = PurchaseJson {
        numbers: bought.numbers.iter().map(NumberJson::from).collect(),
        charged: decimal(bought.charged_cents),
        balance: decimal(bought.balance_cents),
        currency: "USD".into(),
    };
    Ok((StatusCode::CREATED, Json(json)).into_response())
}

async fn one(
    state: &AppState,
    caller: &Caller,
    id: &str,
    headers: &HeaderMap,
) -> Answer<OwnedNumber> {
    let n = domain::numbers::get(state.db(), Some(&caller.viewer), id)
        .await
        .map_err(err(headers))?;
    reach_number(caller, &n, headers)?;
    Ok(n)
}

#[utoipa::path(get, path = "/v1/numbers/{id}", tag = "numbers", operation_id = "getNumber",
    summary = "One number, with whether it may call 911",
    params(("id" = String, Path, description = "The number's id")),
    responses(
        (status = 200, description = "The number", body = NumberJson),
        super::openapi::Refused,
    ))]
pub async fn get(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Answer<Json<NumberJson>> {
    allow(&caller, "numbers", Access::Read, &headers)?;
    Ok(Json(NumberJson::from(
        &one(&state, &caller, &id, &headers).await?,
    )))
}

#[utoipa::path(patch, path = "/v1/numbers/{id}", tag = "numbers", operation_id = "updateNumber",
    summary = "Set its caller-ID name and/or emergency address (sent to the carrier)",
    params(("id" = String, Path, description = "The number's id")),
    request_body = NumberPatch,
    responses(
        (status = 200, description = "The number, with the new records pending at the carrier", body = NumberJson),
        super::openapi::Refused,
    ))]
pub async fn update(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    headers: HeaderMap,
    Body(patch): Body<NumberPatch>,
) -> Answer<Json<NumberJson>> {
    allow(&caller, "numbers", Access::Write, &headers)?;
    let mut n = one(&state, &caller, &id, &headers).await?;
    let (db, viewer, now) = (state.db(), Some(&caller.viewer), chrono::Utc::now());
    if let Some(address) = patch.e911 {
        let form = E911Form {
            street: address.street,
            city: address.city,
            state: address.state,
            zip: address.zip,
        };
        n = domain::numbers::set_e911(db, viewer, &id, &form, now)
            .await
            .map_err(err(&headers))?;
    }
    if let Some(cnam) = patch.cnam {
        n = domain::numbers::set_cnam(db, viewer, &id, &cnam, now)
            .await
            .map_err(err(&headers))?;
    }
    Ok(Json(NumberJson::from(&n)))
}

#[utoipa::path(post, path = "/v1/numbers/{id}/assign", tag = "numbers", operation_id = "assignNumber",
    summary = "Give the number to a tenant (within the tenant's number limit)",
    params(("id" = String, Path, description = "The number's id")),
    request_body = AssignInput,
    responses(
        (status = 200, description = "The number, assigned", body = NumberJson),
        super::openapi::Refused,
    ))]
pub async fn assign(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    headers: HeaderMap,
    Body(input): Body<AssignInput>,
) -> Answer<Json<NumberJson>> {
    allow(&caller, "numbers", Access::Write, &headers)?;
    reach(&state, &caller, &input.tenant_id, &headers).await?;
    let current = domain::numbers::get(state.db(), Some(&caller.viewer), &id)
        .await
        .map_err(err(&headers))?;
    // A limited key may take an unassigned number, but not one of a tenant it cannot reach.
    if let Some(t) = &current.tenant {
        within(&caller, &t.id, &headers)?;
    }
    let n = domain::numbers::assign(
        state.db(),
        Some(&caller.viewer),
        &id,
        &input.tenant_id,
        chrono::Utc::now(),
    )
    .await
    .map_err(err(&headers))?;
    Ok(Json(NumberJson::from(&n)))
}

#[utoipa::path(post, path = "/v1/numbers/{id}/release", tag = "numbers", operation_id = "releaseNumber",
    summary = "Give the number up: its monthly charge stops",
    params(("id" = String, Path, description = "The number's id")),
    responses(
        (status = 200, description = "The number, released", body = NumberJson),
        super::openapi::Refused,
    ))]
pub async fn release(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Answer<Json<NumberJson>> {
    allow(&caller, "numbers", Access::Write, &headers)?;
    one(&state, &caller, &id, &headers).await?;
    let n = domain::numbers::release(
        state.db(),
        state.services.carrier.as_ref(),
        Some(&caller.viewer),
        &id,
        chrono::Utc::now(),
    )
    .await
    .map_err(err(&headers))?;
    Ok(Json(NumberJson::from(&n)))
}
