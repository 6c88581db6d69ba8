//! The route table. Every page but sign-in is a *lazy route*: the browser build splits
//! each one into its own WASM chunk (`cargo leptos build --split`, see `.ci/build`), so
//! a first load fetches the shell (layout, navigation, sign-in) plus the one page it
//! shows, never the code of pages the visitor will not open. On the server nothing is
//! lazy; rendering only notes which chunks the page used so the document preloads them.
//!
//! A new page is a line in `lazy_pages!` and a `<Route>` below. Keep `data()` trivial:
//! it stays in the main chunk, so pages create their resources inside their view.

use leptos::prelude::*;
use leptos_router::{
    Lazy, LazyRoute,
    components::{Route, Routes},
    lazy_route, path,
};

use crate::{
    admin, apikeys, audit, auth, billing, brand, dashboard, error::NotFound, help, invoicing,
    numbers, portal, team, tenants, webhooks,
};

/// One split point per page: a unit struct whose view renders the page component.
macro_rules! lazy_pages {
    ($($route:ident => $page:path;)*) => {$(
        #[derive(Debug, Clone, Copy)]
        pub struct $route;

        #[lazy_route]
        impl LazyRoute for $route {
            fn data() -> Self {
                Self
            }

            fn view(_this: Self) -> AnyView {
                $page().into_any()
            }
        }
    )*};
}

lazy_pages! {
    DashboardRoute => dashboard::DashboardPage;
    SignInCodeRoute => auth::SignInCodePage;
    SecurityRoute => auth::SecurityPage;
    SignupRoute => auth::SignupPage;
    VerifyEmailRoute => auth::VerifyEmailPage;
    ForgotPasswordRoute => auth::ForgotPasswordPage;
    ResetPasswordRoute => auth::ResetPasswordPage;
    OutboxRoute => admin::OutboxPage;
    PartnersRoute => admin::PartnersPage;
    TiersRoute => admin::TiersPage;
    TenantsRoute => tenants::TenantsPage;
    NewTenantRoute => tenants::NewTenantPage;
    TenantDefaultsRoute => tenants::TenantDefaultsPage;
    TenantRoute => tenants::TenantPage;
    PortalOverviewRoute => portal::PortalOverviewPage;
    PortalExtensionsRoute => portal::PortalExtensionsPage;
    PortalNumbersRoute => portal::PortalNumbersPage;
    PortalUsersRoute => portal::PortalUsersPage;
    PortalActivityRoute => portal::PortalActivityPage;
    PortalSettingsRoute => portal::PortalSettingsPage;
    PortalBillingRoute => portal::PortalBillingPage;
    TeamRoute => team::TeamPage;
    AuditRoute => audit::AuditPage;
    BrandRoute => brand::BrandPage;
    DomainsRoute => brand::DomainSettingsPage;
    GoLiveRoute => brand::GoLivePage;
    ApiKeysRoute => apikeys::ApiKeysPage;
    WebhooksRoute => webhooks::WebhooksPage;
    BillingRoute => billing::BillingPage;
    PaymentMethodsRoute => billing::PaymentMethodsPage;
    WalletHistoryRoute => billing::WalletHistoryPage;
    AcceptInviteRoute => team::AcceptInvitePage;
    InventoryRoute => numbers::InventoryPage;
    BuyNumbersRoute => numbers::BuyNumbersPage;
    E911Route => numbers::E911Page;
    PortsRoute => numbers::PortsPage;
    NewPortRoute => numbers::NewPortPage;
    PortRoute => numbers::PortPage;
    NumberRoute => numbers::NumberPage;
    HelpRoute => help::HelpPage;
    InvoicesRoute => invoicing::InvoicesPage;
    InvoiceRoute => invoicing::InvoicePage;
    PricingRoute => invoicing::PricingPage;
}

/// Every page of the application. Sign-in stays in the main chunk with the shell: it is
/// the first page of nearly every visit.
#[component]
pub fn AppRoutes() -> impl IntoView {
    view! {
        <Routes fallback=|| view! { <NotFound/> }>
            <Route path=path!("/") view={Lazy::<DashboardRoute>::new()}/>
            <Route path=path!("/login") view=auth::LoginPage/>
            <Route path=path!("/login/code") view={Lazy::<SignInCodeRoute>::new()}/>
            <Route path=path!("/settings/security") view={Lazy::<SecurityRoute>::new()}/>
            <Route path=path!("/signup") view={Lazy::<SignupRoute>::new()}/>
            <Route path=path!("/verify-email") view={Lazy::<VerifyEmailRoute>::new()}/>
            <Route path=path!("/forgot-password") view={Lazy::<ForgotPasswordRoute>::new()}/>
            <Route path=path!("/reset-password") view={Lazy::<ResetPasswordRoute>::new()}/>
            <Route path=path!("/admin/outbox") view={Lazy::<OutboxRoute>::new()}/>
            <Route path=path!("/admin/partners") view={Lazy::<PartnersRoute>::new()}/>
            <Route path=path!("/admin/tiers") view={Lazy::<TiersRoute>::new()}/>
            <Route path=path!("/tenants") view={Lazy::<TenantsRoute>::new()}/>
            <Route path=path!("/tenants/new") view={Lazy::<NewTenantRoute>::new()}/>
            <Route path=path!("/tenants/defaults") view={Lazy::<TenantDefaultsRoute>::new()}/>
            <Route path=path!("/tenants/:id") view={Lazy::<TenantRoute>::new()}/>
            <Route path=path!("/orgs/:prefix") view={Lazy::<PortalOverviewRoute>::new()}/>
            <Route path=path!("/orgs/:prefix/extensions") view={Lazy::<PortalExtensionsRoute>::new()}/>
            <Route path=path!("/orgs/:prefix/numbers") view={Lazy::<PortalNumbersRoute>::new()}/>
            <Route path=path!("/orgs/:prefix/users") view={Lazy::<PortalUsersRoute>::new()}/>
            <Route path=path!("/orgs/:prefix/activity") view={Lazy::<PortalActivityRoute>::new()}/>
            <Route path=path!("/orgs/:prefix/settings") view={Lazy::<PortalSettingsRoute>::new()}/>
            <Route path=path!("/orgs/:prefix/billing") view={Lazy::<PortalBillingRoute>::new()}/>
            <Route path=path!("/settings/users") view={Lazy::<TeamRoute>::new()}/>
            <Route path=path!("/settings/audit") view={Lazy::<AuditRoute>::new()}/>
            <Route path=path!("/settings/brand") view={Lazy::<BrandRoute>::new()}/>
            <Route path=path!("/settings/domains") view={Lazy::<DomainsRoute>::new()}/>
            <Route path=path!("/settings/go-live") view={Lazy::<GoLiveRoute>::new()}/>
            <Route path=path!("/settings/api-keys") view={Lazy::<ApiKeysRoute>::new()}/>
            <Route path=path!("/settings/webhooks") view={Lazy::<WebhooksRoute>::new()}/>
            <Route path=path!("/settings/billing") view={Lazy::<BillingRoute>::new()}/>
            <Route path=path!("/settings/billing/methods") view={Lazy::<PaymentMethodsRoute>::new()}/>
            <Route path=path!("/settings/billing/history") view={Lazy::<WalletHistoryRoute>::new()}/>
            <Route path=path!("/invite") view={Lazy::<AcceptInviteRoute>::new()}/>
            <Route path=path!("/numbers") view={Lazy::<InventoryRoute>::new()}/>
            <Route path=path!("/numbers/buy") view={Lazy::<BuyNumbersRoute>::new()}/>
            <Route path=path!("/numbers/e911") view={Lazy::<E911Route>::new()}/>
            <Route path=path!("/numbers/ports") view={Lazy::<PortsRoute>::new()}/>
            <Route path=path!("/numbers/ports/new") view={Lazy::<NewPortRoute>::new()}/>
            <Route path=path!("/numbers/ports/:id") view={Lazy::<PortRoute>::new()}/>
            <Route path=path!("/numbers/:id") view={Lazy::<NumberRoute>::new()}/>
            <Route path=path!("/invoices") view={Lazy::<InvoicesRoute>::new()}/>
            <Route path=path!("/invoices/:id") view={Lazy::<InvoiceRoute>::new()}/>
            <Route path=path!("/settings/pricing") view={Lazy::<PricingRoute>::new()}/>
            <Route path=path!("/help/:manual") view={Lazy::<HelpRoute>::new()}/>
            <Route path=path!("/help/:manual/:chapter") view={Lazy::<HelpRoute>::new()}/>
        </Routes>
    }
}
