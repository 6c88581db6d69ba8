//! Everything the browser can run: routes, pages, components, the UI kit and the
//! server functions (thin: resolve the caller, call one domain service, map to a DTO).
//!
//! Compiled twice: with `ssr` into the server, with `hydrate` into the WASM bundle.
//! `cfg(feature = …)` appears only at module seams.

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
pub mod layout;
pub mod numbers;
pub mod portal;
pub mod system;
pub mod team;
pub mod tenants;
pub mod ui;
pub mod webhooks;

use leptos::prelude::*;
use leptos_meta::{Link, Meta, MetaTags, Stylesheet, Title, provide_meta_context};
use leptos_router::{
    components::{Route, Router, Routes},
    path,
};

use crate::{
    admin::{OutboxPage, PartnersPage},
    audit::AuditPage,
    auth::{
        ForgotPasswordPage, LoginPage, Protected, ResetPasswordPage, SecurityPage, SignInCodePage,
        SignupPage, VerifyEmailPage,
    },
    context::RequestLook,
    dashboard::DashboardPage,
    error::NotFound,
    layout::Shell,
    team::{AcceptInvitePage, TeamPage},
};

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
    context::mark_hydrated();
    context::follow_server_redirects_with_a_full_load();

    view! {
        <Stylesheet id="leptos" href="/pkg/portal.css"/>
        <Link rel="icon" href="/favicon.svg" type_="image/svg+xml"/>
        <Meta name="color-scheme" content="light dark"/>
        <Title formatter=move |page: String| brand.page_title(&page)/>
        <Router>
            <Shell>
                <Routes fallback=|| view! { <NotFound/> }>
                    <Route path=path!("/") view=|| view! { <Protected><DashboardPage/></Protected> }/>
                    <Route path=path!("/login") view=LoginPage/>
                    <Route path=path!("/login/code") view=SignInCodePage/>
                    <Route path=path!("/settings/security") view=SecurityPage/>
                    <Route path=path!("/signup") view=SignupPage/>
                    <Route path=path!("/verify-email") view=VerifyEmailPage/>
                    <Route path=path!("/forgot-password") view=ForgotPasswordPage/>
                    <Route path=path!("/reset-password") view=ResetPasswordPage/>
                    <Route path=path!("/admin/outbox") view=OutboxPage/>
                    <Route path=path!("/admin/partners") view=PartnersPage/>
                    <Route path=path!("/admin/tiers") view=admin::TiersPage/>
                    <Route path=path!("/tenants") view=tenants::TenantsPage/>
                    <Route path=path!("/tenants/new") view=tenants::NewTenantPage/>
                    <Route path=path!("/tenants/defaults") view=tenants::TenantDefaultsPage/>
                    <Route path=path!("/tenants/:id") view=tenants::TenantPage/>
                    <Route path=path!("/orgs/:prefix") view=portal::PortalOverviewPage/>
                    <Route path=path!("/orgs/:prefix/extensions") view=portal::PortalExtensionsPage/>
                    <Route path=path!("/orgs/:prefix/numbers") view=portal::PortalNumbersPage/>
                    <Route path=path!("/orgs/:prefix/users") view=portal::PortalUsersPage/>
                    <Route path=path!("/orgs/:prefix/activity") view=portal::PortalActivityPage/>
                    <Route path=path!("/orgs/:prefix/settings") view=portal::PortalSettingsPage/>
                    <Route path=path!("/settings/users") view=TeamPage/>
                    <Route path=path!("/settings/audit") view=AuditPage/>
                    <Route path=path!("/settings/brand") view=brand::BrandPage/>
                    <Route path=path!("/settings/domains") view=brand::DomainSettingsPage/>
                    <Route path=path!("/settings/go-live") view=brand::GoLivePage/>
                    <Route path=path!("/settings/api-keys") view=apikeys::ApiKeysPage/>
                    <Route path=path!("/settings/webhooks") view=webhooks::WebhooksPage/>
                    <Route path=path!("/settings/billing") view=billing::BillingPage/>
                    <Route path=path!("/settings/billing/methods") view=billing::PaymentMethodsPage/>
                    <Route path=path!("/settings/billing/history") view=billing::WalletHistoryPage/>
                    <Route path=path!("/invite") view=AcceptInvitePage/>
                    <Route path=path!("/numbers") view=numbers::InventoryPage/>
                    <Route path=path!("/numbers/buy") view=numbers::BuyNumbersPage/>
                    <Route path=path!("/numbers/e911") view=numbers::E911Page/>
                    <Route path=path!("/numbers/ports") view=numbers::PortsPage/>
                    <Route path=path!("/numbers/ports/new") view=numbers::NewPortPage/>
                    <Route path=path!("/numbers/ports/:id") view=numbers::PortPage/>
                    <Route path=path!("/numbers/:id") view=numbers::NumberPage/>
                    <Route path=path!("/help/:manual") view=help::HelpPage/>
                    <Route path=path!("/help/:manual/:chapter") view=help::HelpPage/>
                </Routes>
            </Shell>
        </Router>
    }
}
