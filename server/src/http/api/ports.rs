//! `/v1/ports`: port-in requests, over the same domain service as Numbers → Port In. The
//! two documents travel inline in base64 and are checked exactly like uploads.

use axum::{
    Extension, Json,
    extract::{Path, State},
    http::{HeaderMap, StatusCode, Uri},
    response::{IntoResponse, Response},
};
use base64::{Engine, engine::general_purpose::STANDARD};
use domain::{api::keys::Caller, numbers::ports};
use model::{
    AppError,
    api::{
        Access, ListPage,
        ports::{FileInput, PortInput, PortPatch},
    },
    numbers::ports::{DocKind, PortRequest, PortSummary},
};
use serde::Deserialize;

use super::{Answer, allow, err, reach, within};
use crate::{
    http::{ApiError, ports::desk},
    state::AppState,
};

#[derive(Debug, Default, Deserialize)]
pub struct StatusQuery {
    pub status: Option<String>,
}

/// The inline documents as uploads; bad base64 is refused under the document's field.
fn uploads(
    loa: Option<&FileInput>,
    bill: Option<&FileInput>,
) -> Result<Vec<ports::Upload>, AppError> {
    let mut out = Vec::new();
    for (kind, file) in [(DocKind::Loa, loa), (DocKind::Bill, bill)] {
        let Some(file) = file else { continue };
        let bytes = STANDARD
            .decode(file.content_base64.trim())
            .map_err(|_| AppError::invalid(kind.as_str(), "content_base64 is not valid base64."))?;
        out.push(ports::Upload {
            kind,
            file_name: file.file_name.clone(),
            bytes,
        });
    }
    Ok(out)
}

#[utoipa::path(get, path = "/v1/ports", tag = "ports", operation_id = "listPorts",
    summary = "Port-in requests, most recently changed first",
    params(("status" = Option<String>, Query, description = "`open`, `rejected`, `completed` or `cancelled`; all when absent")),
    responses(
        (status = 200, description = "Every matching request (one page)", body = ListPage<PortSummary>),
        super::openapi::Refused,
    ))]
pub async fn list(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    super::Query(query): super::Query<StatusQuery>,
    headers: HeaderMap,
) -> Answer<Json<ListPage<PortSummary>>> {
    allow(&caller, "ports", Access::Read, &headers)?;
    let status = query.status.unwrap_or_default().to_ascii_lowercase();
    let mut data = ports::list(state.db(), Some(&caller.viewer), &status)
        .await
        .map_err(err(&headers))?;
    if !caller.tenants.is_empty() {
        let mut reachable = Vec::new();
        for summary in data {
            let full = ports::get(state.db(), Some(&caller.viewer), &summary.id)
                .await
                .map_err(err(&headers))?;
            if caller.reaches(&full.tenant.id) {
                reachable.push(summary);
            }
        }
        data = reachable;
    }
    Ok(Json(ListPage {
        data,
        next_cursor: None,
    }))
}

#[utoipa::path(post, path = "/v1/ports", tag = "ports", operation_id = "createPort",
    summary = "File a port-in request (letter of authorization and a recent bill inline)",
    request_body = PortInput,
    params(("Idempotency-Key" = Option<String>, Header, description = "Repeat the same request safely for 24 hours")),
    responses(
        (status = 201, description = "The request, pending submission to the carrier", body = PortRequest),
        super::openapi::Refused,
    ))]
pub async fn create(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    headers: HeaderMap,
    uri: Uri,
    super::Body(input): super::Body<PortInput>,
) -> Answer<Response> {
    allow(&caller, "ports", Access::Write, &headers)?;
    reach(&state, &caller, &input.tenant_id, &headers).await?;
    let files = uploads(input.loa.as_ref(), input.bill.as_ref()).map_err(err(&headers))?;
    let base_url = app::context::origin(&headers, &uri).1;
    let desk = desk(&state, &base_url);
    let now = chrono::Utc::now();
    let filed = ports::create(
        state.db(),
        &desk,
        Some(&caller.viewer),
        &input.form(),
        files,
        now,
    )
    .await
    .map_err(err(&headers))?;
    Ok((StatusCode::CREATED, Json(filed)).into_response())
}

/// Request `id`, when the key may reach its tenant.
async fn reachable(
    state: &AppState,
    caller: &Caller,
    id: &str,
    headers: &HeaderMap,
) -> Result<PortRequest, ApiError> {
    let request = ports::get(state.db(), Some(&caller.viewer), id)
        .await
        .map_err(err(headers))?;
    within(caller, &request.tenant.id, headers)?;
    Ok(request)
}

#[utoipa::path(get, path = "/v1/ports/{id}", tag = "ports", operation_id = "getPort",
    summary = "One request, with its documents and history",
    params(("id" = String, Path, description = "The request's id")),
    responses(
        (status = 200, description = "The request", body = PortRequest),
        super::openapi::Refused,
    ))]
pub async fn get(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Answer<Json<PortRequest>> {
    allow(&caller, "ports", Access::Read, &headers)?;
    Ok(Json(reachable(&state, &caller, &id, &headers).await?))
}

#[utoipa::path(patch, path = "/v1/ports/{id}", tag = "ports", operation_id = "updatePort",
    summary = "Cancel an open request, or correct and resubmit a rejected one",
    params(("id" = String, Path, description = "The request's id")),
    request_body = PortPatch,
    responses(
        (status = 200, description = "The request as it now stands", body = PortRequest),
        super::openapi::Refused,
    ))]
pub async fn update(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    headers: HeaderMap,
    uri: Uri,
    super::Body(patch): super::Body<PortPatch>,
) -> Answer<Json<PortRequest>> {
    allow(&caller, "ports", Access::Write, &headers)?;
    let current = reachable(&state, &caller, &id, &headers).await?;
    let base_url = app::context::origin(&headers, &uri).1;
    let desk = desk(&state, &base_url);
    let (db, viewer, now) = (state.db(), Some(&caller.viewer), chrono::Utc::now());
    let saved = match patch.status.as_deref() {
        Some("CANCELLED") => ports::cancel(db, &desk.mailing, viewer, &id, now).await,
        Some(_) => Err(AppError::invalid(
            "status",
            "Only CANCELLED can be set; send corrected fields to resubmit.",
        )),
        None => {
            let files = uploads(patch.loa.as_ref(), patch.bill.as_ref()).map_err(err(&headers))?;
            ports::resubmit(db, &desk, viewer, &id, &patch.over(&current), files, now).await
        }
    };
    Ok(Json(saved.map_err(err(&headers))?))
}
