//! Host → brand, resolved once per request and put into the request's extensions, where
//! pages (through Leptos' request parts) and handlers read it.
//!
//! Today every host renders the platform brand; partner subdomains and custom domains
//! join here when partners and branding exist.

use axum::{
    extract::{Request, State},
    middleware::Next,
    response::Response,
};
use model::branding::{BrandInfo, HexColor};

use crate::state::AppState;

/// The platform's own look: its configured name and the default accent.
pub const PLATFORM_PRIMARY: HexColor = HexColor::rgb(0x1d, 0x4e, 0xd8);

pub async fn resolve(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let brand = BrandInfo {
        name: state.config.platform_name.clone(),
        primary_color: PLATFORM_PRIMARY,
        logo_url: None,
        support_email: None,
    };
    request.extensions_mut().insert(brand);
    next.run(request).await
}
