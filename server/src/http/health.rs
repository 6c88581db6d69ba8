//! `GET /healthz`: 200 when the database answers, 503 when it does not.

use std::time::Duration;

use axum::{Json, extract::State, http::StatusCode, response::IntoResponse};
use model::system::Health;

use crate::state::AppState;

/// A database slower than this counts as down: a load balancer should stop sending
/// traffic rather than queue it behind a stuck pool.
const DATABASE_TIMEOUT: Duration = Duration::from_secs(2);

pub async fn healthz(State(state): State<AppState>) -> impl IntoResponse {
    let ok = matches!(
        tokio::time::timeout(DATABASE_TIMEOUT, domain::system::ping(state.db())).await,
        Ok(Ok(_))
    );
    let status = if ok {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (
        status,
        [(axum::http::header::CACHE_CONTROL, "no-store")],
        Json(Health::from_database(ok)),
    )
}
