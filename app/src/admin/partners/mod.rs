//! `/admin/partners`: every partner on the platform, searchable, with create (the owner
//! is invited by email), suspend (with a reason) and reactivate. The server checks the
//! platform-admin role on every call, whatever the page shows.

mod actions;
mod create;
mod table;

pub use actions::{
    AdminCreatePartner, AdminReactivatePartner, AdminSuspendPartner, admin_partners,
};

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{components::Form, hooks::use_query_map};

use crate::{
    auth::PlatformAdminOnly,
    error::ErrorAlert,
    ui::{Card, Skeleton},
};
use create::CreatePartnerForm;
use table::PartnerTable;

#[component]
pub fn PartnersPage() -> impl IntoView {
    view! {
        <Title text="Partners"/>
        <PlatformAdminOnly>
            <Partners/>
        </PlatformAdminOnly>
    }
}

#[component]
fn Partners() -> impl IntoView {
    let query = use_query_map();
    let search = move || query.read().get("q").unwrap_or_default();
    let page = move || {
        query
            .read()
            .get("page")
            .and_then(|p| p.parse::<u64>().ok())
            .unwrap_or(1)
    };
    let create = ServerAction::<AdminCreatePartner>::new();
    let suspend = ServerAction::<AdminSuspendPartner>::new();
    let reactivate = ServerAction::<AdminReactivatePartner>::new();
    let partners = Resource::new(
        move || {
            (
                search(),
                page(),
                create.version().get(),
                suspend.version().get(),
                reactivate.version().get(),
            )
        },
        |(search, page, ..)| admin_partners(search, page),
    );
    let action_error = move || {
        suspend
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| reactivate.value().get().and_then(Result::err))
    };
    view! {
        <h1 class="text-2xl font-bold tracking-tight">"Partners"</h1>
        <p class="mt-1 text-sm text-slate-600 dark:text-slate-400">
            "The resellers on this platform. Suspending one signs its whole team out and keeps them out until you reactivate it."
        </p>
        <div class="mt-6 grid grid-cols-1 gap-6 lg:grid-cols-3">
            <div class="lg:col-span-2">
                <Card title="All partners">
                    <Form method="GET" action="" attr:class="mb-4 flex gap-2" attr:role="search">
                        <label for="partner-search" class="sr-only">"Search partners"</label>
                        <input id="partner-search" type="search" name="q" prop:value=search
                            placeholder="Name, address or team email"
                            class="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-900"/>
                        <button type="submit" class="rounded-md border border-slate-300 px-3 py-2 text-sm font-medium hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800">"Search"</button>
                    </Form>
                    <Suspense fallback=|| view! { <Skeleton lines=5/> }>
                        {move || Suspend::new(async move {
                            match partners.await {
                                Ok(page) => view! { <PartnerTable page search=search() suspend reactivate/> }.into_any(),
                                Err(error) => view! { <ErrorAlert error/> }.into_any(),
                            }
                        })}
                    </Suspense>
                    {move || action_error().map(|error| view! { <ErrorAlert error/> })}
                </Card>
            </div>
            <CreatePartnerForm action=create/>
        </div>
    }
}
