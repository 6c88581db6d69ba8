//! Every `/v1` request but the public ones (the OpenAPI document, the docs page and the
//! call engine's ingest) starts here: the bearer key becomes a `Caller`, then the key's
//! own per-minute limit and its partner's shared 1,000 a minute are checked. Limits are
//! counted in this process (GCRA through `governor`): with several instances each
//! enforces them on the requests it serves.

use std::{
    collections::HashMap,
    num::NonZeroU32,
    sync::{Arc, Mutex},
};

use axum::{
    extract::{Request, State},
    http::{HeaderMap, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use domain::api::keys::Caller;
use governor::{
    DefaultDirectRateLimiter, Quota, RateLimiter,
    clock::{Clock, DefaultClock},
};
use model::{AppError, api::PARTNER_RATE_LIMIT};

use super::super::ApiError;
use crate::state::AppState;

type Limiter = Arc<DefaultDirectRateLimiter>;

/// One limiter per key (each with its own quota, remembered with it) and one per
/// partner.
#[derive(Default, Clone)]
pub struct Limits {
    keys: Arc<Mutex<HashMap<uuid::Uuid, (u32, Limiter)>>>,
    partners: Arc<Mutex<HashMap<i32, Limiter>>>,
}

fn per_minute(n: u32) -> Limiter {
    let n = NonZeroU32::new(n).unwrap_or(NonZeroU32::MIN);
    Arc::new(RateLimiter::direct(Quota::per_minute(n)))
}

impl Limits {
    /// `Ok` when the caller may go on; otherwise the seconds until it may.
    fn check(&self, caller: &Caller) -> Result<(), u64> {
        let key = {
            let mut keys = self.keys.lock().unwrap_or_else(|e| e.into_inner());
            let entry = keys
                .entry(caller.key_id)
                .or_insert_with(|| (caller.rate_limit, per_minute(caller.rate_limit)));
            // The limit was changed (by an operator or a new key version): start afresh.
            if entry.0 != caller.rate_limit {
                *entry = (caller.rate_limit, per_minute(caller.rate_limit));
            }
            entry.1.clone()
        };
        let partner = {
            let mut partners = self.partners.lock().unwrap_or_else(|e| e.into_inner());
            partners
                .entry(caller.partner_id)
                .or_insert_with(|| per_minute(PARTNER_RATE_LIMIT))
                .clone()
        };
        for limiter in [key, partner] {
            if let Err(not_until) = limiter.check() {
                let wait = not_until.wait_time_from(DefaultClock::default().now());
                return Err(wait.as_secs() + u64::from(wait.subsec_nanos() > 0));
            }
        }
        Ok(())
    }
}

/// The key in `Authorization: Bearer <key>`; empty when there is none (which no key
/// matches, so it answers 401 like a wrong one).
pub fn bearer(headers: &HeaderMap) -> &str {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .unwrap_or_default()
}

/// The middleware: 401 without a good key, 403 for the call engine's ingest key (valid,
/// but not for partner resources), 429 with `Retry-After` over a limit.
pub async fn require_key(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    let headers = request.headers().clone();
    let bearer = bearer(&headers);
    let now = chrono::Utc::now();
    let caller = match domain::api::keys::authenticate(state.db(), bearer, now).await {
        Ok(caller) => caller,
        Err(AppError::Unauthorized)
            if domain::usage::keys::verify(state.db(), bearer, now)
                .await
                .is_ok() =>
        {
            let wrong_kind = AppError::forbidden(
                "This is a call engine's ingest key: it may only post call records to /v1/cdrs.",
            );
            return ApiError::new(wrong_kind, &headers).into_response();
        }
        Err(err) => return ApiError::new(err, &headers).into_response(),
    };
    if let Err(seconds) = state.api_limits.check(&caller) {
        let limited = AppError::RateLimited {
            retry_after_secs: seconds.max(1),
        };
        return ApiError::new(limited, &headers).into_response();
    }
    request.extensions_mut().insert(caller);
    next.run(request).await
}
