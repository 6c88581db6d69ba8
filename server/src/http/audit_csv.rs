//! `GET /settings/audit.csv`: the partner's filtered audit log as a download. A plain
//! route (not a server function) because the browser must receive a file.

use axum::{
    Extension,
    extract::{Query, State},
    http::{HeaderMap, header},
    response::{IntoResponse, Response},
};
use model::{audit::AuditFilter, auth::Viewer};

use super::ApiError;
use crate::state::AppState;

pub async fn download(
    State(state): State<AppState>,
    viewer: Option<Extension<Viewer>>,
    Query(filter): Query<AuditFilter>,
    headers: HeaderMap,
) -> Response {
    let viewer = viewer.map(|Extension(v)| v);
    match domain::audit::read::csv_for_partner(state.db(), viewer.as_ref(), &filter).await {
        Ok(csv) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"audit-log.csv\"",
                ),
                (header::CACHE_CONTROL, "no-store"),
            ],
            csv,
        )
            .into_response(),
        Err(error) => ApiError::new(error, &headers).into_response(),
    }
}
