//! `/tenants/new`: the create form. On success the server opens the new tenant.

use leptos::prelude::*;
use leptos_meta::Title;
use model::tenants::TenantForm;

use super::{CreateTenant, form::TenantFields};
use crate::{
    auth::Protected,
    error::{ErrorAlert, split_errors},
    ui::Card,
};

#[component]
pub fn NewTenantPage() -> impl IntoView {
    view! {
        <Title text="New tenant"/>
        <Protected>
            <NewTenant/>
        </Protected>
    }
}

#[component]
fn NewTenant() -> impl IntoView {
    let action = ServerAction::<CreateTenant>::new();
    let (fields, other) = split_errors(move || action.value().get());
    // The partner's tenant defaults pre-fill the form.
    let defaults = Resource::new(|| (), |_| super::defaults::get_tenant_defaults());
    view! {
        <h1 class="text-2xl font-bold tracking-tight">"New tenant"</h1>
        <p class="mt-1 text-sm text-slate-600 dark:text-slate-400">"A customer of yours. It starts in a free trial: nothing is billed until you activate it."</p>
        <div class="mt-6 max-w-2xl">
            <Card title="Customer details">
                <ActionForm action attr:novalidate=true attr:data-testid="tenant-form">
                    <Suspense fallback=|| view! { <crate::ui::Skeleton lines=6/> }>
                        {move || Suspend::new(async move {
                            let initial = defaults.await.map(|d| d.new_tenant_form()).unwrap_or_else(|_| TenantForm::default());
                            view! { <TenantFields initial creating=true errors=fields/> }
                        })}
                    </Suspense>
                    <div class="mt-6 space-y-3">
                        {move || other.get().map(|error| view! { <ErrorAlert error/> })}
                        <button type="submit" disabled=move || action.pending().get()
                            class="w-full rounded-md bg-brand px-4 py-2 text-sm font-medium text-white hover:opacity-90 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand focus-visible:ring-offset-2 disabled:opacity-60 sm:w-auto">
                            {move || if action.pending().get() { "Creating…" } else { "Create tenant" }}
                        </button>
                    </div>
                </ActionForm>
            </Card>
        </div>
    }
}
