//! `GET /invoices/{id}/pdf`: an invoice's PDF for a signed-in user who may see its
//! tenant (the partner's team from the Invoices page, the tenant's users from the
//! portal's Billing tab). A plain route: a server function would have to text-encode
//! the file.

use axum::{
    Extension,
    extract::{Path, State},
    http::{HeaderMap, header},
    response::{IntoResponse, Response},
};
use domain::invoicing::document::{self, Pdf};
use model::auth::Viewer;

use super::ApiError;
use crate::state::AppState;

pub async fn pdf(
    State(state): State<AppState>,
    viewer: Option<Extension<Viewer>>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    let viewer = viewer.map(|Extension(v)| v);
    match document::download(state.db(), viewer.as_ref(), &id, state.services.portal()).await {
        Ok(pdf) => answer(pdf, "inline"),
        Err(err) => ApiError::new(err, &headers).into_response(),
    }
}

/// The PDF with headers that keep it private and inert; `disposition` is `inline`
/// (open in the browser) or `attachment`.
pub fn answer(pdf: Pdf, disposition: &str) -> Response {
    (
        [
            (header::CONTENT_TYPE, "application/pdf".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("{disposition}; filename=\"{}\"", pdf.filename),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_owned()),
            (
                header::CONTENT_SECURITY_POLICY,
                "default-src 'none'; sandbox".to_owned(),
            ),
        ],
        pdf.bytes,
    )
        .into_response()
}
