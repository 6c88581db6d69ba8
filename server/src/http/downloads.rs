//! File downloads: plain routes (not server functions) because the browser must receive
//! a file. `GET /settings/audit.csv` (the filtered audit log) and
//! `GET /settings/billing/history.csv` (the filtered wallet history).

use axum::{
    Extension,
    extract::{Query, State},
    http::{HeaderMap, header},
    response::{IntoResponse, Response},
};
use model::{AppError, audit::AuditFilter, auth::Viewer, billing::LedgerFilter};

use super::ApiError;
use crate::state::AppState;

pub async fn audit_log(
    State(state): State<AppState>,
    viewer: Option<Extension<Viewer>>,
    Query(filter): Query<AuditFilter>,
    headers: HeaderMap,
) -> Response {
    let viewer = viewer.map(|Extension(v)| v);
    let csv = domain::audit::read::csv_for_partner(state.db(), viewer.as_ref(), &filter).await;
    attachment(csv, "audit-log.csv", &headers)
}

pub async fn wallet_history(
    State(state): State<AppState>,
    viewer: Option<Extension<Viewer>>,
    Query(filter): Query<LedgerFilter>,
    headers: HeaderMap,
) -> Response {
    let viewer = viewer.map(|Extension(v)| v);
    let csv = domain::billing::history::csv(state.db(), viewer.as_ref(), &filter).await;
    attachment(csv, "wallet-history.csv", &headers)
}

/// The CSV as a download, or the error as the caller's preferred error document.
fn attachment(csv: Result<String, AppError>, filename: &str, headers: &HeaderMap) -> Response {
    match csv {
        Ok(csv) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{filename}\""),
                ),
                (header::CACHE_CONTROL, "no-store".to_owned()),
            ],
            csv,
        )
            .into_response(),
        Err(error) => ApiError::new(error, headers).into_response(),
    }
}
