//! A tenant's extensions on its page: the list, "Add extension", password reset and
//! removal. A new or reset SIP password is shown here once and never again.

use leptos::prelude::*;
use model::tenants::extensions::{Extension, ExtensionForm, ExtensionSecret};

use crate::{
    error::{ErrorAlert, FnError, split_errors},
    ui::{Badge, Card, Skeleton, TextField, Tone},
};

#[server(prefix = "/api", endpoint = "tenant_extensions")]
pub async fn tenant_extensions(tenant: String) -> Result<Vec<Extension>, FnError> {
    let (db, meta) = (
        crate::context::services()?.db,
        crate::context::request_meta(),
    );
    Ok(domain::tenants::extensions::list(&db, meta.viewer.as_ref(), &tenant).await?)
}

#[server(prefix = "/api", endpoint = "add_extension")]
pub async fn add_extension(
    tenant: String,
    form: ExtensionForm,
) -> Result<ExtensionSecret, FnError> {
    let (services, meta) = (crate::context::services()?, crate::context::request_meta());
    Ok(domain::tenants::extensions::create(
        &services.db,
        &services.secrets,
        meta.viewer.as_ref(),
        &tenant,
        &form,
        chrono::Utc::now(),
    )
    .await?)
}

#[server(prefix = "/api", endpoint = "reset_extension_password")]
pub async fn reset_extension_password(
    tenant: String,
    extension: String,
) -> Result<ExtensionSecret, FnError> {
    let (services, meta) = (crate::context::services()?, crate::context::request_meta());
    Ok(domain::tenants::extensions::reset_password(
        &services.db,
        &services.secrets,
        meta.viewer.as_ref(),
        &tenant,
        &extension,
        chrono::Utc::now(),
    )
    .await?)
}

#[server(prefix = "/api", endpoint = "delete_extension")]
pub async fn delete_extension(tenant: String, extension: String) -> Result<(), FnError> {
    let (db, meta) = (
        crate::context::services()?.db,
        crate::context::request_meta(),
    );
    Ok(domain::tenants::extensions::delete(
        &db,
        meta.viewer.as_ref(),
        &tenant,
        &extension,
        chrono::Utc::now(),
    )
    .await?)
}

/// The once-only password panel.
#[component]
fn Secret(secret: ExtensionSecret) -> impl IntoView {
    view! {
        <div role="status" class="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-700 dark:bg-amber-950" data-testid="sip-secret">
            <p class="font-medium">{format!("SIP password for {} — copy it now, it is not shown again:", secret.extension.sip_username)}</p>
            <code class="mt-1 block select-all break-all text-base" data-testid="sip-password">{secret.sip_password}</code>
        </div>
    }
}

#[component]
pub fn ExtensionsCard(tenant: String, can_write: bool) -> impl IntoView {
    let add = ServerAction::<AddExtension>::new();
    let reset = ServerAction::<ResetExtensionPassword>::new();
    let delete = ServerAction::<DeleteExtension>::new();
    let id = tenant.clone();
    let list = Resource::new(
        move || (id.clone(), add.version().get(), delete.version().get()),
        |(id, ..)| tenant_extensions(id),
    );
    let (fields, other) = split_errors(move || add.value().get());
    let shown = move || {
        reset
            .value()
            .get()
            .and_then(Result::ok)
            .or_else(|| add.value().get().and_then(Result::ok))
    };
    let row_error = move || {
        reset
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| delete.value().get().and_then(Result::err))
    };
    let tenant_for_rows = tenant.clone();
    view! {
        <Card title="Extensions">
            <div class="space-y-4">
                {move || shown().map(|secret| view! { <Secret secret/> })}
                <Transition fallback=|| view! { <Skeleton lines=3/> }>
                    {move || {
                        let tenant = tenant_for_rows.clone();
                        Suspend::new(async move {
                            match list.await {
                                Ok(rows) if rows.is_empty() => view! {
                                    <p class="text-sm text-slate-600 dark:text-slate-400">"No extensions yet. Add one for each phone or person; each gets its own SIP login."</p>
                                }.into_any(),
                                Ok(rows) => view! { <ExtensionTable rows tenant can_write reset delete/> }.into_any(),
                                Err(error) => view! { <ErrorAlert error/> }.into_any(),
                            }
                        })
                    }}
                </Transition>
                {move || row_error().map(|error| view! { <ErrorAlert error/> })}
                {can_write.then(|| view! {
                    <ActionForm action=add attr:class="grid gap-3 border-t border-slate-200 pt-4 sm:grid-cols-3 dark:border-slate-800" attr:novalidate=true attr:data-testid="add-extension">
                        <input type="hidden" name="tenant" value=tenant.clone()/>
                        <TextField name="number" input_name="form[number]" label="Extension" errors=fields
                            check=|v| model::tenants::extensions::parse_number(v).map(|_| ())/>
                        <TextField name="display_name" input_name="form[display_name]" label="Display name" errors=fields/>
                        <div class="flex items-end gap-3 pb-7">
                            <label class="flex items-center gap-2 text-sm">
                                <input type="checkbox" name="form[voicemail]" value="on" checked=true class="h-4 w-4 accent-brand"/>"Voicemail"
                            </label>
                            <button type="submit" class="rounded-md bg-brand px-3 py-2 text-sm font-medium text-white hover:opacity-90 disabled:opacity-60" disabled=move || add.pending().get()>"Add extension"</button>
                        </div>
                        <div class="sm:col-span-3">{move || other.get().map(|error| view! { <ErrorAlert error/> })}</div>
                    </ActionForm>
                })}
            </div>
        </Card>
    }
}

#[component]
fn ExtensionTable(
    rows: Vec<Extension>,
    tenant: String,
    can_write: bool,
    reset: ServerAction<ResetExtensionPassword>,
    delete: ServerAction<DeleteExtension>,
) -> impl IntoView {
    view! {
        <div class="relative -mx-5 overflow-x-auto">
            <table class="min-w-full text-left text-sm" data-testid="extensions-table">
                <thead class="text-xs uppercase tracking-wide text-slate-500">
                    <tr>
                        <th scope="col" class="px-5 py-2">"Ext."</th>
                        <th scope="col" class="px-5 py-2">"Name"</th>
                        <th scope="col" class="px-5 py-2">"SIP username"</th>
                        <th scope="col" class="px-5 py-2">"Voicemail"</th>
                        {can_write.then(|| view! { <th scope="col" class="px-5 py-2"><span class="sr-only">"Actions"</span></th> })}
                    </tr>
                </thead>
                <tbody class="divide-y divide-slate-200 dark:divide-slate-800">
                    {rows.into_iter().map(|e| {
                        let (t1, t2, id1, id2) = (tenant.clone(), tenant.clone(), e.id.clone(), e.id.clone());
                        view! {
                            <tr data-testid="extension-row">
                                <td class="px-5 py-2 font-medium tabular-nums">{e.number.clone()}</td>
                                <td class="px-5 py-2">{e.display_name.clone()}</td>
                                <td class="px-5 py-2"><code>{e.sip_username.clone()}</code>
                                    {(!e.registered).then(|| view! { <span class="ml-2"><Badge tone=Tone::Neutral label="Unregistered"/></span> })}</td>
                                <td class="px-5 py-2">{if e.voicemail { "On" } else { "Off" }}</td>
                                {can_write.then(|| view! {
                                    <td class="space-x-3 whitespace-nowrap px-5 py-2 text-right">
                                        <ActionForm action=reset attr:class="inline">
                                            <input type="hidden" name="tenant" value=t1/>
                                            <input type="hidden" name="extension" value=id1/>
                                            <button type="submit" class="text-sm text-brand hover:underline">"New password"</button>
                                        </ActionForm>
                                        <ActionForm action=delete attr:class="inline">
                                            <input type="hidden" name="tenant" value=t2/>
                                            <input type="hidden" name="extension" value=id2/>
                                            <button type="submit" class="text-sm text-red-700 hover:underline dark:text-red-400">"Remove"</button>
                                        </ActionForm>
                                    </td>
                                })}
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
