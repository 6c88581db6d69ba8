//! `AppError` as an RFC 9457 problem document, the error body of every `/v1` response.

use axum::{
    Json,
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use model::{AppError, Problem};

use super::REQUEST_ID;

/// An error on its way out of a JSON endpoint. (A newtype because both `AppError` and
/// `IntoResponse` are foreign to this crate.)
#[derive(Debug)]
pub struct ApiError {
    pub error: AppError,
    pub request_id: Option<String>,
}

impl ApiError {
    pub fn new(error: AppError, headers: &HeaderMap) -> Self {
        let request_id = headers
            .get(REQUEST_ID)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        Self { error, request_id }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status =
            StatusCode::from_u16(self.error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut response = (
            status,
            Json(Problem::from_error(&self.error, self.request_id)),
        )
            .into_response();
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static(Problem::CONTENT_TYPE),
        );
        if let AppError::RateLimited { retry_after_secs } = self.error {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(retry_after_secs));
        }
        response
    }
}

/// Any `/v1` path that no resource answers.
pub async fn api_not_found(headers: HeaderMap) -> ApiError {
    ApiError::new(AppError::not_found("API resource"), &headers)
}

/// A panic in a handler becomes a 500 problem with a log reference instead of a dropped
/// connection.
pub fn panic_response(panic: Box<dyn std::any::Any + Send + 'static>) -> Response {
    let message = panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("panic");
    ApiError {
        error: domain::error::internal(format!("handler panicked: {message}")),
        request_id: None,
    }
    .into_response()
}

/// Leptos answers every refused server-function call with 500. For callers that are not
/// plain HTML form posts (the hydrated app, scripts, tests), give the response the
/// status of the `AppError` it carries (422, 401, 403, 409, 429 with Retry-After…), so
/// clients, logs and metrics see what really happened. Plain form posts keep Leptos'
/// redirect back to the form.
pub async fn server_fn_status(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let form_post = request
        .headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/html"));
    let response = next.run(request).await;
    if form_post
        || response.status() != StatusCode::INTERNAL_SERVER_ERROR
        || !response.headers().contains_key("serverfnerror")
    {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 1 << 20).await else {
        return Response::from_parts(parts, axum::body::Body::empty());
    };
    if let Ok(error) = serde_json::from_slice::<AppError>(&bytes) {
        parts.status =
            StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        if let AppError::RateLimited { retry_after_secs } = error {
            parts
                .headers
                .insert(header::RETRY_AFTER, HeaderValue::from(retry_after_secs));
        }
    }
    Response::from_parts(parts, axum::body::Body::from(bytes))
}
