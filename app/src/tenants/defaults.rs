//! `/tenants/defaults`: the values that pre-fill "New tenant". Saving changes no
//! existing tenant.

use leptos::prelude::*;
use leptos_meta::Title;
use model::tenants::{Cnam, TIMEZONES, TenantDefaults};

use super::form::Choice;
use crate::{
    auth::Protected,
    context::use_viewer,
    error::{ErrorAlert, FnError, split_errors},
    ui::{Card, Skeleton, TextField},
};

#[server(prefix = "/api", endpoint = "get_tenant_defaults")]
pub async fn get_tenant_defaults() -> Result<TenantDefaults, FnError> {
    let (db, meta) = (
        crate::context::services()?.db,
        crate::context::request_meta(),
    );
    Ok(domain::tenants::defaults::get(&db, meta.viewer.as_ref()).await?)
}

#[server(prefix = "/api", endpoint = "save_tenant_defaults")]
pub async fn save_tenant_defaults(form: TenantDefaults) -> Result<TenantDefaults, FnError> {
    let (db, meta) = (
        crate::context::services()?.db,
        crate::context::request_meta(),
    );
    Ok(
        domain::tenants::defaults::save(&db, meta.viewer.as_ref(), &form, chrono::Utc::now())
            .await?,
    )
}

#[component]
pub fn TenantDefaultsPage() -> impl IntoView {
    view! {
        <Title text="Tenant defaults"/>
        <Protected>
            <Defaults/>
        </Protected>
    }
}

#[component]
fn Defaults() -> impl IntoView {
    let save = ServerAction::<SaveTenantDefaults>::new();
    let current = Resource::new(move || save.version().get(), |_| get_tenant_defaults());
    let can_write = use_viewer().is_some_and(|v| v.can_write());
    let (fields, other) = split_errors(move || save.value().get());
    let saved = move || matches!(save.value().get(), Some(Ok(_)));
    view! {
        <h1 class="text-2xl font-bold tracking-tight">"Tenant defaults"</h1>
        <p class="mt-1 text-sm text-slate-600 dark:text-slate-400">"What a new tenant starts with. Changing these never touches existing tenants."</p>
        <div class="mt-6 max-w-xl">
            <Card title="New tenants start with">
                <Transition fallback=|| view! { <Skeleton lines=4/> }>
                    {move || Suspend::new(async move {
                        match current.await {
                            Ok(d) => view! {
                                <ActionForm action=save attr:class="space-y-4" attr:novalidate=true attr:data-testid="defaults-form">
                                    <fieldset disabled=!can_write class="space-y-4">
                                        <Choice name="timezone" input_name="form[timezone]" label="Time zone" options=TIMEZONES selected=d.timezone.clone() errors=fields/>
                                        <TextField name="default_cnam" input_name="form[default_cnam]" label="Caller-ID name (CNAM)" errors=fields value=d.default_cnam.clone()
                                            hint="Up to 15 carrier-safe characters; empty leaves it unset." check=|v| Cnam::parse_optional(v).map(|_| ())/>
                                        <div class="grid gap-4 sm:grid-cols-2">
                                            <TextField name="max_extensions" input_name="form[max_extensions]" label="Max extensions" input_type="number" errors=fields value=d.max_extensions.clone() hint="Empty = unlimited."/>
                                            <TextField name="max_numbers" input_name="form[max_numbers]" label="Max numbers" input_type="number" errors=fields value=d.max_numbers.clone() hint="Empty = unlimited."/>
                                        </div>
                                    </fieldset>
                                    {move || other.get().map(|error| view! { <ErrorAlert error/> })}
                                    {can_write.then(|| view! {
                                        <button type="submit" class="rounded-md bg-brand px-4 py-2 text-sm font-medium text-white hover:opacity-90">"Save defaults"</button>
                                    })}
                                    <p role="status" class="text-sm text-green-700 dark:text-green-400">{move || saved().then_some("Saved. New tenants start with these.")}</p>
                                </ActionForm>
                            }.into_any(),
                            Err(error) => view! { <ErrorAlert error/> }.into_any(),
                        }
                    })}
                </Transition>
            </Card>
        </div>
    }
}
