//! The partner dashboard (PRODUCT.md §10). Cards for tenants, numbers and usage join as
//! their areas land; the system status card is here from the start.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    auth::Protected,
    system::{LiveCheck, SystemStatusCard},
};

/// `/`: the dashboard for the signed-in and verified; sign-in for everyone else.
#[component]
pub fn DashboardPage() -> impl IntoView {
    view! { <Protected><Dashboard/></Protected> }
}

#[component]
fn Dashboard() -> impl IntoView {
    // The operator's home is the partner list; the partner dashboard is not theirs.
    let viewer = crate::context::use_viewer();
    if viewer.as_ref().is_some_and(|v| v.is_platform_admin()) {
        return view! { <leptos_router::components::Redirect path="/admin/partners"/> }.into_any();
    }
    // A tenant's own users live in their portal.
    if let Some(tenant) = viewer.and_then(|v| v.tenant) {
        let path = format!("/orgs/{}", tenant.sip_prefix);
        return view! { <leptos_router::components::Redirect path/> }.into_any();
    }
    view! {
        <Title text="Dashboard"/>
        <h1 class="text-2xl font-bold tracking-tight">"Dashboard"</h1>
        <div class="mt-6 grid gap-6 md:grid-cols-2 xl:grid-cols-3">
            <SystemStatusCard/>
            <LiveCheck/>
        </div>
    }
    .into_any()
}
