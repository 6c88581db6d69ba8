//! The route table: every page of the application, by path.
//!
//! Not split yet: lazy routes (`#[lazy_route]`, `cargo leptos build --split`) built and
//! split the bundle, but the lazy pages failed to hydrate (tachys "failed to cast marker
//! node"); see the first-load issue's note. Until that is solved every page is in the
//! one WASM file.

use leptos::prelude::*;
use leptos_router::{
    components::{Route, Routes},
    path,
};

use crate::{
    admin, apikeys, audit, auth, billing, brand, dashboard, error::NotFound, help, numbers, portal,
    team, tenants, webhooks,
};

/// Every page of the application.
#[component]
pub fn AppRoutes() -> impl IntoView {
    view! {
        <Routes fallback=|| view! { <NotFound/> }>
            <Route path=path!("/") view=dashboard::DashboardPage/>
            <Route path=path!("/login") view=auth::LoginPage/>
            <Route path=path!("/login/code") view=auth::SignInCodePage/>
            <Route path=path!("/settings/security") view=auth::SecurityPage/>
            <Route path=path!("/signup") view=auth::SignupPage/>
            <Route path=path!("/verify-email") view=auth::VerifyEmailPage/>
            <Route path=path!("/forgot-password") view=auth::ForgotPasswordPage/>
            <Route path=path!("/reset-password") view=auth::ResetPasswordPage/>
            <Route path=path!("/admin/outbox") view=admin::OutboxPage/>
            <Route path=path!("/admin/partners") view=admin::PartnersPage/>
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
            <Route path=path!("/settings/users") view=team::TeamPage/>
            <Route path=path!("/settings/audit") view=audit::AuditPage/>
            <Route path=path!("/settings/brand") view=brand::BrandPage/>
            <Route path=path!("/settings/domains") view=brand::DomainSettingsPage/>
            <Route path=path!("/settings/go-live") view=brand::GoLivePage/>
            <Route path=path!("/settings/api-keys") view=apikeys::ApiKeysPage/>
            <Route path=path!("/settings/webhooks") view=webhooks::WebhooksPage/>
            <Route path=path!("/settings/billing") view=billing::BillingPage/>
            <Route path=path!("/settings/billing/methods") view=billing::PaymentMethodsPage/>
            <Route path=path!("/settings/billing/history") view=billing::WalletHistoryPage/>
            <Route path=path!("/invite") view=team::AcceptInvitePage/>
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
    }
}
