//! `POST /v1/cdrs`: the call engine's batch of call records, with a platform ingest key
//! (`Authorization: Bearer sbk_ingest_…`). Answers `{"accepted": N, "duplicates": N}`;
//! errors are problem documents (401 bad key, 422 with `errors` per record field).

use axum::{
    Json,
    body::Bytes,
    extract::State,
    http::{HeaderMap, header},
    response::{IntoResponse, Response},
};
use model::{AppError, usage::CdrBatch};

use super::ApiError;
use crate::state::AppState;

pub async fn ingest(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Response {
    match run(&state, &headers, &body).await {
        Ok(result) => Json(result).into_response(),
        Err(error) => ApiError::new(error, &headers).into_response(),
    }
}

async fn run(
    state: &AppState,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<model::usage::IngestResult, AppError> {
    let now = chrono::Utc::now();
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .ok_or(AppError::Unauthorized)?;
    domain::usage::keys::verify(state.db(), bearer.trim(), now).await?;
    let batch: CdrBatch = serde_json::from_slice(body).map_err(|e| {
        AppError::invalid(
            "records",
            format!("The body is not a batch of call records: {e}"),
        )
    })?;
    domain::usage::ingest::ingest(state.db(), &batch, now).await
}
