//! Port-in paperwork over plain routes (a server function would have to text-encode the
//! files): `POST /numbers/ports/submit` files a new request and `POST
//! /numbers/ports/{id}/resubmit` sends a fixed one back, both as `multipart/form-data`
//! with the form's fields and the `loa` and `bill` files; they answer with the request,
//! or a problem document whose `errors` are by field. `GET
//! /numbers/ports/{id}/documents/{kind}` downloads the current document of a kind.

use axum::{
    Extension, Json,
    extract::{DefaultBodyLimit, Multipart, Path, State},
    http::{HeaderMap, Uri, header},
    response::{IntoResponse, Response},
};
use domain::numbers::ports::{self, Desk, Mailing, Upload};
use model::{
    AppError,
    auth::Viewer,
    numbers::ports::{DocKind, MAX_DOC_BYTES, PortForm},
};

use super::ApiError;
use crate::state::AppState;

/// Two documents and the fields, with room to spare; larger bodies are refused before
/// they are read.
pub fn body_limit() -> DefaultBodyLimit {
    DefaultBodyLimit::max(2 * MAX_DOC_BYTES + 64 * 1024)
}

pub async fn submit(
    State(state): State<AppState>,
    viewer: Option<Extension<Viewer>>,
    headers: HeaderMap,
    uri: Uri,
    body: Multipart,
) -> Response {
    file(state, viewer, headers, uri, body, None).await
}

pub async fn resubmit(
    State(state): State<AppState>,
    viewer: Option<Extension<Viewer>>,
    Path(id): Path<String>,
    headers: HeaderMap,
    uri: Uri,
    body: Multipart,
) -> Response {
    file(state, viewer, headers, uri, body, Some(id)).await
}

/// Files a new request, or resubmits request `id`.
async fn file(
    state: AppState,
    viewer: Option<Extension<Viewer>>,
    headers: HeaderMap,
    uri: Uri,
    body: Multipart,
    id: Option<String>,
) -> Response {
    let viewer = viewer.map(|Extension(v)| v);
    let (form, uploads) = match read(body).await {
        Ok(parts) => parts,
        Err(err) => return ApiError::new(err, &headers).into_response(),
    };
    let base_url = app::context::origin(&headers, &uri).1;
    let desk = desk(&state, &base_url);
    let (db, now) = (state.db(), chrono::Utc::now());
    let saved = match id {
        None => ports::create(db, &desk, viewer.as_ref(), &form, uploads, now).await,
        Some(id) => ports::resubmit(db, &desk, viewer.as_ref(), &id, &form, uploads, now).await,
    };
    answer(saved, &headers)
}

pub async fn document(
    State(state): State<AppState>,
    viewer: Option<Extension<Viewer>>,
    Path((id, kind)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    let viewer = viewer.map(|Extension(v)| v);
    let files = &state.services.files;
    match ports::document(state.db(), files, viewer.as_ref(), &id, &kind).await {
        Ok((content_type, name, bytes)) => (
            [
                (header::CONTENT_TYPE, content_type),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{}\"", name.replace(['"', '\\'], "")),
                ),
                (header::CACHE_CONTROL, "private, no-store".to_owned()),
                (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_owned()),
                (
                    header::CONTENT_SECURITY_POLICY,
                    "default-src 'none'; sandbox".to_owned(),
                ),
            ],
            bytes,
        )
            .into_response(),
        Err(err) => ApiError::new(err, &headers).into_response(),
    }
}

pub(crate) fn desk<'a>(state: &'a AppState, base_url: &'a str) -> Desk<'a> {
    Desk {
        files: &state.services.files,
        secrets: &state.services.secrets,
        mailing: Mailing {
            platform_name: &state.services.platform_name,
            base_url,
        },
    }
}

fn answer(
    saved: Result<model::numbers::ports::PortRequest, AppError>,
    headers: &HeaderMap,
) -> Response {
    match saved {
        Ok(request) => Json(request).into_response(),
        Err(error) => ApiError::new(error, headers).into_response(),
    }
}

/// The form's fields and its files. An empty file input (nothing chosen) is no file.
async fn read(mut body: Multipart) -> Result<(PortForm, Vec<Upload>), AppError> {
    let unreadable = |_| AppError::invalid("form", "The form could not be read; send it again.");
    let mut form = PortForm::default();
    let mut uploads = Vec::new();
    while let Some(field) = body.next_field().await.map_err(unreadable)? {
        let name = field.name().unwrap_or_default().to_owned();
        if let Some(kind) = DocKind::parse(&name) {
            let file_name = field.file_name().unwrap_or_default().to_owned();
            let bytes = field.bytes().await.map_err(unreadable)?;
            if !file_name.is_empty() || !bytes.is_empty() {
                uploads.push(Upload {
                    kind,
                    file_name,
                    bytes: bytes.to_vec(),
                });
            }
            continue;
        }
        let value = field.text().await.map_err(unreadable)?;
        let slot = match name.as_str() {
            "numbers" => &mut form.numbers,
            "losing_carrier" => &mut form.losing_carrier,
            "account_holder" => &mut form.account_holder,
            "account_number" => &mut form.account_number,
            "pin" => &mut form.pin,
            "service_street" => &mut form.service_street,
            "service_city" => &mut form.service_city,
            "service_state" => &mut form.service_state,
            "service_zip" => &mut form.service_zip,
            "tenant" => &mut form.tenant,
            "desired_date" => &mut form.desired_date,
            _ => continue,
        };
        *slot = value;
    }
    Ok((form, uploads))
}
