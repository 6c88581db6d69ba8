//! Host → brand, resolved once per request and put into the request's extensions, where
//! pages (through Leptos' request parts) and handlers read it: a partner's subdomain
//! (`SLUG.<platform domain>`) renders in that partner's brand, in the server-rendered
//! HTML already (no flash of the platform's look); every other host in the platform's.
//! `GET /internal/tls-allowed` lets an edge proxy ask whether to issue a certificate.

use axum::{
    extract::{Query, Request, State},
    http::{StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use model::branding::{BrandInfo, HexColor};

use crate::state::AppState;

/// The platform's own look: its configured name and the default accent.
pub const PLATFORM_PRIMARY: HexColor = HexColor::rgb(0x1d, 0x4e, 0xd8);

fn host_of(request: &Request) -> String {
    request
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .map(str::to_owned)
        .or_else(|| request.uri().authority().map(|a| a.to_string()))
        .unwrap_or_default()
}

pub async fn resolve(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    // A signed-in partner member or tenant user already carries their partner's brand
    // (the session middleware ran first).
    if request.extensions().get::<BrandInfo>().is_some() {
        return next.run(request).await;
    }
    let host = host_of(&request);
    let domain = &state.config.platform_domain;
    let partner_brand = if super::is_asset(request.uri().path()) {
        // Scripts and styles look the same on every host: no query per file.
        None
    } else {
        match domain::branding::host::brand_for_host(state.db(), &host, domain).await {
            Ok(brand) => brand,
            Err(err) => {
                // A database hiccup shows the platform's look rather than failing the page.
                tracing::warn!(%err, host, "brand lookup failed; using the platform brand");
                None
            }
        }
    };
    let brand = partner_brand.unwrap_or_else(|| BrandInfo {
        name: state.config.platform_name.clone(),
        primary_color: PLATFORM_PRIMARY,
        logo_url: None,
        support_email: None,
    });
    request.extensions_mut().insert(brand);
    next.run(request).await
}

#[derive(serde::Deserialize)]
pub struct TlsQuery {
    #[serde(default)]
    domain: String,
}

/// `200` when `domain` is a partner subdomain (or an ACTIVE custom domain), `404`
/// otherwise, for an edge proxy's on-demand TLS.
pub async fn tls_allowed(State(state): State<AppState>, Query(q): Query<TlsQuery>) -> Response {
    let domain = &state.config.platform_domain;
    match domain::branding::host::tls_allowed(state.db(), &q.domain, domain).await {
        Ok(true) => (StatusCode::OK, "allowed\n").into_response(),
        Ok(false) => (StatusCode::NOT_FOUND, "unknown host\n").into_response(),
        Err(err) => {
            tracing::warn!(%err, "tls-allowed lookup failed");
            (StatusCode::SERVICE_UNAVAILABLE, "try again\n").into_response()
        }
    }
}
