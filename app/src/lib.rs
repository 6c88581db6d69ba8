//! Everything the browser can run: routes, pages, components, the UI kit and the
//! server functions (thin: resolve the caller, call one domain service, map to a DTO).
//!
//! Compiled twice: with `ssr` into the server, with `hydrate` into the WASM bundle.
//! `cfg(feature = …)` appears only at module seams.

// Lazy routes hydrate asynchronously, and the future of a page tree nests deeper than the
// default limit allows the compiler to lay out.
#![recursion_limit = "256"]

pub mod admin;
pub mod apikeys;
pub mod audit;
pub mod auth;
pub mod billing;
pub mod brand;
pub mod context;
pub mod dashboard;
pub mod error;
pub mod help;
pub mod invoicing;
pub mod layout;
pub mod numbers;
pub mod portal;
pub mod routes;
pub mod system;
pub mod team;
pub mod tenants;
pub mod ui;
pub mod webhooks;

use leptos::prelude::*;
use leptos_meta::{HashedStylesheet, Link, Meta, MetaTags, Title, provide_meta_context};
use leptos_router::components::Router;

use crate::{context::RequestLook, layout::Shell, routes::AppRoutes};

/// The HTML document around the app, rendered on the server only. The brand's colour
/// and the theme are in the first bytes, so nothing flashes before hydration.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let look = RequestLook::from_request();
    let brand_json = look.brand_json();
    let brand_css = look.brand_css();
    let viewer_json = look.viewer_json();
    let html_class = look.theme.as_str();
    view! {
        <!DOCTYPE html>
        <html lang="en" class=html_class>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <style id="sb-brand-css" inner_html=brand_css></style>
                <script type="application/json" id="sb-brand" inner_html=brand_json></script>
                <script type="application/json" id="sb-viewer" inner_html=viewer_json></script>
                <AutoReload options=options.clone()/>
                <HashedStylesheet id="leptos" options=options.clone()/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body class="min-h-screen bg-slate-50 text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100">
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let look = RequestLook::from_request();
    let brand = look.brand.clone();
    look.provide();
    context::follow_server_redirects_with_a_full_load();

    view! {
        <Link rel="icon" href="/favicon.svg" type_="image/svg+xml"/>
        <Meta name="color-scheme" content="light dark"/>
        <Title formatter=move |page: String| brand.page_title(&page)/>
        <Router>
            <Shell>
                <AppRoutes/>
            </Shell>
        </Router>
    }
    // Erased: with lazy routes the browser hydrates through `hydrate_lazy`, whose future
    // would otherwise carry the whole page tree's type past the compiler's depth limit.
    .into_any()
}
