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
