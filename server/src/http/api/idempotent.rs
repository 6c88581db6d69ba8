//! `Idempotency-Key` on `POST` (see `domain::api::idempotency`): the first request with
//! a key runs and its answer is kept; a repeat within 24 hours gets the same status and
//! body back (marked `Idempotent-Replayed: true`) and changes nothing; the same key on
//! a different request is a 422, and while the first is still running a 409.

use axum::{
    body::{Body, to_bytes},
    extract::{Request, State},
    http::{HeaderMap, HeaderValue, Method, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use domain::api::{
    idempotency::{self, Claim},
    keys::Caller,
};
use model::AppError;

use super::super::ApiError;
use crate::state::AppState;

/// Bodies larger than this are not API requests.
const MAX_BODY: usize = super::MAX_BODY;

pub async fn replay_or_run(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let key = request
        .headers()
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let (Some(key), Some(caller)) = (key, request.extensions().get::<Caller>().cloned()) else {
        return next.run(request).await;
    };
    if request.method() != Method::POST {
        return next.run(request).await;
    }
    let headers = request.headers().clone();
    if key.is_empty() || key.len() > 255 {
        let err = AppError::invalid("Idempotency-Key", "Use a key of 1 to 255 characters.");
        return ApiError::new(err, &headers).into_response();
    }
    let (parts, body) = request.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_BODY).await else {
        let err = AppError::invalid("body", "The request body is too large.");
        return ApiError::new(err, &headers).into_response();
    };
    let fingerprint = idempotency::fingerprint(parts.method.as_str(), parts.uri.path(), &bytes);
    let now = chrono::Utc::now();
    let claim = idempotency::claim(state.db(), caller.partner_id, &key, &fingerprint, now).await;
    let id = match claim {
        Ok(Claim::Run(id)) => id,
        Ok(Claim::Replay { status, body }) => {
            return match state.services.secrets.open(&body) {
                Ok(plain) => replayed(status, String::from_utf8_lossy(&plain).into_owned()),
                Err(err) => ApiError::new(err, &headers).into_response(),
            };
        }
        Ok(Claim::InProgress) => {
            let err = AppError::conflict(
                "A request with this Idempotency-Key is still being processed; retry shortly.",
            );
            return ApiError::new(err, &headers).into_response();
        }
        Ok(Claim::Mismatch) => {
            let err = AppError::invalid(
                "Idempotency-Key",
                "This key was already used for a different request.",
            );
            return ApiError::new(err, &headers).into_response();
        }
        Err(err) => return ApiError::new(err, &headers).into_response(),
    };
    let response = next
        .run(Request::from_parts(parts, Body::from(bytes)))
        .await;
    let (parts, body) = response.into_parts();
    let bytes = to_bytes(body, usize::MAX).await.unwrap_or_default();
    // Kept sealed: a first answer can hold a secret shown once (a webhook signing secret).
    let kept = state.services.secrets.seal(&bytes);
    let finished = match kept {
        Ok(sealed) => idempotency::finish(state.db(), id, parts.status.as_u16(), &sealed).await,
        Err(err) => Err(err),
    };
    if let Err(err) = finished {
        tracing::warn!(%err, "could not keep an idempotent answer");
    }
    Response::from_parts(parts, Body::from(bytes))
}

fn replayed(status: u16, body: String) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
    let mut headers = HeaderMap::new();
    let kind = if status.is_success() {
        "application/json"
    } else {
        model::Problem::CONTENT_TYPE
    };
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    headers.insert("idempotent-replayed", HeaderValue::from_static("true"));
    (status, headers, body).into_response()
}
