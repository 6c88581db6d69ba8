//! `POST /v1/cdrs`: the call engine's batch of call records, with a platform ingest key
//! (`Authorization: Bearer sbk_ingest_…`). Answers `{"accepted": N, "duplicates": N}`;
//! errors are problem documents (401 bad key, 422 with `errors` per record field).

use axum::{
    Json,
    body::Bytes,
    extract::State,
    http::HeaderMap,
    response::{IntoResponse, Response},
};
use model::{AppError, usage::CdrBatch};

use super::ApiError;
use crate::state::AppState;

#[utoipa::path(post, path = "/v1/cdrs", tag = "calls", operation_id = "ingestCdrs",
    summary = "Post call records (the call engine, with a platform ingest key)",
    description = "For the platform's call engine, not partners: authenticate with an ingest key from `server create-ingest-key` (`Bearer sbk_ingest_…`); a partner key is refused with 403. Records are idempotent by `id`: a record already received counts as a duplicate and changes nothing.",
    request_body = CdrBatch,
    responses(
        (status = 200, description = "How many records were new and how many were repeats", body = model::usage::IngestResult),
        super::api::openapi::Refused,
    ))]
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
    let bearer = super::api::bearer(headers);
    if let Err(refused) = domain::usage::keys::verify(state.db(), bearer, now).await {
        // A live partner key is a valid key of the wrong kind: 403, not 401.
        if matches!(refused, AppError::Unauthorized)
            && domain::api::keys::authenticate(state.db(), bearer, now)
                .await
                .is_ok()
        {
            return Err(AppError::forbidden(
                "Call records are posted with a platform ingest key (sbk_ingest_…), not a partner API key.",
            ));
        }
        return Err(refused);
    }
    let batch: CdrBatch =
        super::api::parse(body).map_err(|(field, message)| AppError::invalid(&field, message))?;
    domain::usage::ingest::ingest(state.db(), &batch, now).await
}
