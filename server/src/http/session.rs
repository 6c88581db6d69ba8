//! Session cookie → `Viewer`, once per request, into the request's extensions (where
//! pages and server functions read it). A stale or unknown cookie simply means signed
//! out. Static assets skip the lookup.

use std::net::SocketAddr;

use app::context::{ClientIp, SessionId};
use axum::{
    extract::{ConnectInfo, Request, State},
    middleware::Next,
    response::Response,
};
use model::auth::Viewer;

use crate::state::AppState;

pub async fn resolve(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let ip = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map_or_else(
            || "unknown".to_owned(),
            |ConnectInfo(addr)| addr.ip().to_string(),
        );
    request.extensions_mut().insert(ClientIp(ip));

    let is_asset = super::is_asset(request.uri().path());
    let cookie = (!is_asset).then(|| session_cookie(&request)).flatten();
    let mut acting = None;
    if let Some(id) = cookie {
        // One query: session, user, partner and brand, own and managed tenant.
        match domain::auth::viewer::resolve(state.db(), &id, chrono::Utc::now()).await {
            Ok(Some(signed_in)) => {
                // While a partner admin manages a tenant, every audit entry this request
                // writes names the tenant as well as the real user.
                acting = signed_in.acting;
                // Signed in, a partner's people see their partner's brand on any host
                // (the brand middleware then has nothing to look up).
                if let Some(brand) = signed_in.brand {
                    request.extensions_mut().insert(brand);
                }
                request.extensions_mut().insert::<Viewer>(signed_in.viewer);
                request.extensions_mut().insert(SessionId(id));
            }
            Ok(None) => {}
            // The page still renders, signed out; the error is in the log.
            Err(err) => tracing::warn!(error = %err, "session lookup failed"),
        }
    }
    match acting {
        Some(acting) => domain::audit::with_acting_as(acting, next.run(request)).await,
        None => next.run(request).await,
    }
}

fn session_cookie(request: &Request) -> Option<String> {
    request
        .headers()
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|header| header.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == domain::auth::session::COOKIE)
        .map(|(_, value)| value.to_owned())
        .filter(|v| !v.is_empty())
}
