//! The partner's logo as a file: `GET /brand/logo/{partner}/{key}` serves it (cached for
//! good: the key changes with the file), `PUT /settings/brand/logo` takes the raw file
//! as the body (the browser sends the bytes as they are, no multipart), `DELETE` removes
//! it. Uploads answer with the new brand, or a problem document whose `errors.logo` is
//! the message to show under the field.

use axum::{
    Extension, Json,
    body::Bytes,
    extract::{Path, State},
    http::{HeaderMap, StatusCode, header},
    response::{IntoResponse, Response},
};
use model::{AppError, auth::Viewer, branding::BrandInfo};

use super::ApiError;
use crate::state::AppState;

pub async fn serve(
    State(state): State<AppState>,
    Path((partner, key)): Path<(String, String)>,
) -> Response {
    let Ok(partner) = uuid::Uuid::parse_str(&partner) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    match domain::branding::logo::file(state.db(), partner, &key).await {
        Ok(Some((content_type, bytes))) => (
            [
                (header::CONTENT_TYPE, content_type),
                (
                    header::CACHE_CONTROL,
                    "public, max-age=31536000, immutable".to_owned(),
                ),
                (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_owned()),
                // Even opened on its own, an SVG may not run or fetch anything.
                (
                    header::CONTENT_SECURITY_POLICY,
                    "default-src 'none'; style-src 'unsafe-inline'; sandbox".to_owned(),
                ),
            ],
            bytes,
        )
            .into_response(),
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(err) => ApiError::new(err, &HeaderMap::new()).into_response(),
    }
}

pub async fn upload(
    State(state): State<AppState>,
    viewer: Option<Extension<Viewer>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let viewer = viewer.map(|Extension(v)| v);
    let saved =
        domain::branding::logo::upload(state.db(), viewer.as_ref(), &body, chrono::Utc::now())
            .await;
    answer(saved, &headers)
}

pub async fn remove(
    State(state): State<AppState>,
    viewer: Option<Extension<Viewer>>,
    headers: HeaderMap,
) -> Response {
    let viewer = viewer.map(|Extension(v)| v);
    let saved =
        domain::branding::logo::remove(state.db(), viewer.as_ref(), chrono::Utc::now()).await;
    answer(saved, &headers)
}

fn answer(saved: Result<BrandInfo, AppError>, headers: &HeaderMap) -> Response {
    match saved {
        Ok(brand) => Json(brand).into_response(),
        Err(error) => ApiError::new(error, headers).into_response(),
    }
}
