//! What a page knows about the request it renders for: the brand (from the Host
//! header) and the theme (from a cookie). The server reads them from the request; the
//! browser reads the same values back from the document the server wrote, so hydration
//! renders exactly what the server did.

#[cfg(feature = "hydrate")]
mod browser;
#[cfg(feature = "ssr")]
mod server;

#[cfg(feature = "ssr")]
pub use server::{
    ClientIp, RequestMeta, Services, SessionId, origin, request_brand, request_meta, services,
    set_session_cookie,
};

use leptos::prelude::*;
use model::{
    auth::Viewer,
    branding::{BrandInfo, HexColor, Theme},
};

/// The look of one request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestLook {
    pub brand: BrandInfo,
    pub theme: Theme,
    /// The signed-in person, if any.
    pub viewer: Option<Viewer>,
}

/// The signed-in person for this page, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ViewerState(pub Option<Viewer>);

/// The viewer of the current page (`None` when signed out).
pub fn use_viewer() -> Option<Viewer> {
    use_context::<ViewerState>().and_then(|v| v.0)
}

/// The live theme, shared by the toggle and the document.
#[derive(Debug, Clone, Copy)]
pub struct ThemeState(pub RwSignal<Theme>);

impl RequestLook {
    pub fn from_request() -> Self {
        read_look().unwrap_or_else(|| Self {
            brand: neutral_brand(),
            theme: Theme::default(),
            viewer: None,
        })
    }

    /// Puts the brand and a theme signal into context for every component below.
    pub fn provide(&self) {
        provide_context(self.brand.clone());
        provide_context(ViewerState(self.viewer.clone()));
        let theme = RwSignal::new(self.theme);
        provide_context(ThemeState(theme));
        apply_theme_to_document(theme);
    }

    /// The brand as JSON for the `<script id="sb-brand">` the browser reads back.
    /// `<` is escaped so no brand name can close the script element.
    pub fn brand_json(&self) -> String {
        serde_json::to_string(&self.brand)
            .unwrap_or_else(|_| "null".into())
            .replace('<', "\\u003c")
    }

    /// The viewer as JSON for `<script id="sb-viewer">` (nothing secret in it).
    pub fn viewer_json(&self) -> String {
        serde_json::to_string(&self.viewer)
            .unwrap_or_else(|_| "null".into())
            .replace('<', "\\u003c")
    }

    /// The brand's colours as CSS custom properties (Tailwind's `brand` colour reads
    /// them). Only a parsed `HexColor` reaches this string, so it cannot inject CSS.
    pub fn brand_css(&self) -> String {
        format!(":root{{--brand-primary:{};}}", self.brand.primary_color)
    }
}

/// Used only if a page is rendered outside a request (never in the product): a name
/// that is nobody's, so no platform name can leak through a missing context.
fn neutral_brand() -> BrandInfo {
    BrandInfo {
        name: "Portal".into(),
        primary_color: HexColor::rgb(0x1d, 0x4e, 0xd8),
        logo_url: None,
        support_email: None,
    }
}

#[cfg(all(feature = "hydrate", not(feature = "ssr")))]
use browser::read_look;
#[cfg(feature = "ssr")]
use server::read_look;
#[cfg(not(any(feature = "ssr", feature = "hydrate")))]
fn read_look() -> Option<RequestLook> {
    None
}

/// Keeps `<html class="dark">` in step with the theme signal (browser only).
#[cfg(feature = "hydrate")]
fn apply_theme_to_document(theme: RwSignal<Theme>) {
    Effect::new(move |_| browser::set_document_theme(theme.get()));
}
#[cfg(not(feature = "hydrate"))]
fn apply_theme_to_document(_theme: RwSignal<Theme>) {}

/// Sets `data-hydrated` on `<body>` once the WASM app has taken over (the browser entry
/// point calls it when hydration, lazy page included, is done), so browser tests (and
/// curious developers) can tell an SSR page from a live one.
#[cfg(feature = "hydrate")]
pub fn mark_hydrated() {
    browser::mark_hydrated();
}

/// Server functions redirect only on sign-in, sign-up and sign-out, and each of those
/// changes who the page is rendered for. So follow them with a full document load (a
/// fresh server render with the new viewer) instead of the router's client-side
/// navigation, which would keep the old viewer. Must run before `<Router>` installs its
/// own hook (the hook is set once).
#[cfg(feature = "hydrate")]
pub fn follow_server_redirects_with_a_full_load() {
    let _ = leptos::server_fn::redirect::set_redirect_hook(|location: &str| {
        if let Some(window) = web_sys::window() {
            let _ = window.location().assign(location);
        }
    });
}
#[cfg(not(feature = "hydrate"))]
pub fn follow_server_redirects_with_a_full_load() {}
