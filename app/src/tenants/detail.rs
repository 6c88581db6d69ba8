//! `/tenants/{id}`: one tenant — its facts, the edit form, and the status moves
//! (activate, suspend, unsuspend, delete with the typed name, reactivate).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use model::tenants::{Tenant, TenantStatus};

use super::{
    ChangeTenantStatus as StatusMove, DeleteTenant, UpdateTenant, form::TenantFields, get_tenant,
    list::status_badge,
};
use crate::{
    auth::Protected,
    context::use_viewer,
    error::{ErrorAlert, split_errors},
    ui::{Badge, Card, Fact, Skeleton},
};

#[component]
pub fn TenantPage() -> impl IntoView {
    view! {
        <Title text="Tenant"/>
        <Protected>
            <TenantDetail/>
        </Protected>
    }
}

#[component]
fn TenantDetail() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let update = ServerAction::<UpdateTenant>::new();
    let status = ServerAction::<StatusMove>::new();
    let delete = ServerAction::<DeleteTenant>::new();
    // A refused edit does not reload the page, so what the user typed stays.
    let data = Resource::new(
        move || {
            (
                id(),
                update.value().get().and_then(Result::ok),
                status.version().get(),
                delete.version().get(),
            )
        },
        |(id, ..)| get_tenant(id),
    );
    view! {
        <Transition fallback=|| view! { <Skeleton lines=8/> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(t) => view! { <Loaded tenant=t update status delete/> }.into_any(),
                    Err(error) => view! { <ErrorAlert error/> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Loaded(
    tenant: Tenant,
    update: ServerAction<UpdateTenant>,
    status: ServerAction<StatusMove>,
    delete: ServerAction<DeleteTenant>,
) -> impl IntoView {
    let can_write = use_viewer().is_some_and(|v| v.can_write());
    let (fields, other) = split_errors(move || update.value().get());
    let saved = move || matches!(update.value().get(), Some(Ok(_)));
    let (tone, label) = status_badge(&tenant);
    let cancelled = tenant.status == TenantStatus::Cancelled;
    let editable = can_write && !cancelled;
    let created = tenant.created_at.get(..10).unwrap_or_default().to_owned();
    let purge_day = tenant
        .purge_after
        .as_deref()
        .and_then(|d| d.get(..10))
        .unwrap_or("the purge date")
        .to_owned();
    let (name, prefix, form, id) = (
        tenant.name.clone(),
        tenant.sip_prefix.clone(),
        tenant.form(),
        tenant.id.clone(),
    );
    let (users, numbers, extensions) = (tenant.users, tenant.numbers, tenant.extensions);
    let extensions_card =
        view! { <super::extensions::ExtensionsCard tenant=id.clone() can_write=editable/> };
    let manage = can_write
        .then(|| view! { <super::assume::ManageAsTenant tenant=id.clone() name=name.clone()/> });
    let billing = can_write.then(|| {
        let (id, billing) = (tenant.id.clone(), tenant.billing.clone());
        view! {
            <crate::invoicing::TenantBillingCard tenant=id.clone() billing can_write=editable/>
            <crate::invoicing::ChargesCard tenant=id can_write=editable/>
        }
    });
    let lifecycle = can_write.then(|| view! { <Lifecycle tenant status delete/> });
    view! {
        <Title text=name.clone()/>
        <div class="flex flex-wrap items-center gap-3">
            <h1 class="text-2xl font-bold tracking-tight">{name}</h1>
            <Badge tone label/>
        </div>
        {cancelled.then(|| view! {
            <p class="mt-2 rounded-md bg-slate-100 p-3 text-sm dark:bg-slate-800" role="status">
                {format!("Cancelled and read-only. Its data is deleted on {purge_day} unless you reactivate it.")}
            </p>
        })}
        <div class="mt-6 grid grid-cols-1 gap-6 lg:grid-cols-3">
            <div class="space-y-6 lg:col-span-2">
                <Card title="Details">
                    <ActionForm action=update attr:novalidate=true attr:data-testid="tenant-edit">
                        <input type="hidden" name="id" value=id/>
                        <fieldset disabled=!editable>
                            <TenantFields initial=form creating=false errors=fields/>
                        </fieldset>
                        {editable.then(|| view! {
                            <div class="mt-6 space-y-3">
                                {move || other.get().map(|error| view! { <ErrorAlert error/> })}
                                <button type="submit" class="rounded-md bg-brand px-4 py-2 text-sm font-medium text-white hover:opacity-90 disabled:opacity-60" disabled=move || update.pending().get()>
                                    {move || if update.pending().get() { "Saving…" } else { "Save changes" }}
                                </button>
                                <p role="status" class="text-sm text-green-700 dark:text-green-400">{move || saved().then_some("Saved. Changes apply at once.")}</p>
                            </div>
                        })}
                    </ActionForm>
                </Card>
                {extensions_card}
            </div>
            <div class="space-y-6">
                <Card title="At a glance">
                    <dl>
                        <Fact label="SIP prefix"><code>{prefix}</code></Fact>
                        <Fact label="Users">{users}</Fact>
                        <Fact label="Numbers">{numbers}</Fact>
                        <Fact label="Extensions">{extensions}</Fact>
                        <Fact label="Created">{created}</Fact>
                    </dl>
                </Card>
                {billing}
                {manage}
                {lifecycle}
            </div>
        </div>
    }
}

/// The status moves that apply to the tenant's current status.
#[component]
fn Lifecycle(
    tenant: Tenant,
    status: ServerAction<StatusMove>,
    delete: ServerAction<DeleteTenant>,
) -> impl IntoView {
    let moves: &[(&str, &str, &str)] = match tenant.status {
        TenantStatus::Trial => &[
            ("activate", "Activate (start billing)", ""),
            (
                "suspend",
                "Suspend service",
                "Calls stop and the customer sees a suspended page.",
            ),
        ],
        TenantStatus::Active => &[(
            "suspend",
            "Suspend service",
            "Calls stop and the customer sees a suspended page.",
        )],
        TenantStatus::Suspended => &[("unsuspend", "Restore service", "")],
        TenantStatus::Cancelled => &[(
            "reactivate",
            "Reactivate",
            "Back to active, phones register again.",
        )],
    };
    let (delete_fields, delete_other) = split_errors(move || delete.value().get());
    let status_error = move || status.value().get().and_then(Result::err);
    let confirm_message = move || {
        delete_fields
            .get()
            .and_then(|e| e.first("confirm").map(str::to_owned))
    };
    let id = tenant.id.clone();
    view! {
        <Card title="Service">
            <div class="space-y-3">
                {moves.iter().map(|(change, label, note)| {
                    let id = id.clone();
                    view! {
                    <ActionForm action=status>
                        <input type="hidden" name="id" value=id/>
                        <input type="hidden" name="change" value=*change/>
                        <button type="submit" class="w-full rounded-md border border-slate-300 px-3 py-2 text-sm font-medium hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800">{*label}</button>
                        {(!note.is_empty()).then(|| view! { <p class="mt-1 text-xs text-slate-500">{*note}</p> })}
                    </ActionForm>
                }}).collect_view()}
                {move || status_error().map(|error| view! { <ErrorAlert error/> })}
                {(tenant.status != TenantStatus::Cancelled).then(|| view! {
                    <details class="rounded-md border border-red-200 p-3 dark:border-red-900">
                        <summary class="cursor-pointer text-sm font-medium text-red-700 dark:text-red-400">"Delete tenant…"</summary>
                        <ActionForm action=delete attr:class="mt-3 space-y-2">
                            <input type="hidden" name="id" value=tenant.id.clone()/>
                            <p class="text-xs text-slate-600 dark:text-slate-400">"The tenant is cancelled at once: read-only, phones unregistered, numbers back in your inventory. Its data is deleted after 90 days; until then you can reactivate it."</p>
                            <label for="field-confirm" class="block text-sm">{format!("Type “{}” to confirm", tenant.name)}</label>
                            <input id="field-confirm" name="confirm" autocomplete="off" aria-describedby="field-confirm-error"
                                aria-invalid=move || confirm_message().is_some().to_string()
                                class="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-900"/>
                            <p id="field-confirm-error" class="text-sm text-red-700 dark:text-red-400" aria-live="polite">{confirm_message}</p>
                            {move || delete_other.get().map(|error| view! { <ErrorAlert error/> })}
                            <button type="submit" class="rounded-md bg-red-700 px-3 py-2 text-sm font-medium text-white hover:bg-red-800">"Delete tenant"</button>
                        </ActionForm>
                    </details>
                })}
            </div>
        </Card>
    }
}
