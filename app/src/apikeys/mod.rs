//! Settings → API Keys: the partner's keys (masked, with their scopes, tenants, status
//! and last use), a new key (shown exactly once), editing a key's scopes and tenants,
//! and revoking it.

mod actions;
mod pickers;

use leptos::prelude::*;
use leptos_meta::Title;
use model::{
    FieldErrors,
    api::{ApiKey, ApiKeyEdit, ApiKeyForm, KeyStatus},
};

use crate::{
    auth::Protected,
    context::use_viewer,
    error::{ErrorAlert, first, split_errors},
    ui::{Badge, Card, ShownOnce, Skeleton, TextField, Tone},
};
use actions::{CreateApiKey, EditApiKey, RevokeApiKey, list_api_keys};
use pickers::{ScopePicker, TenantPicker};

#[component]
pub fn ApiKeysPage() -> impl IntoView {
    let create = ServerAction::<CreateApiKey>::new();
    let edit = ServerAction::<EditApiKey>::new();
    let revoke = ServerAction::<RevokeApiKey>::new();
    // Reloaded after a change that worked, so a refused form keeps what was typed.
    let changed = move || {
        (
            create.value().get().and_then(Result::ok).map(|k| k.key.id),
            edit.value().get().and_then(Result::ok).map(|k| k.id),
            revoke.value().get().and_then(Result::ok).map(|k| k.id),
        )
    };
    let keys = Resource::new(changed, |_| list_api_keys());
    let tenants = Resource::new(|| (), |()| crate::numbers::tenant_choices());
    view! {
        <Title text="API keys"/>
        <Protected>
            <h1 class="text-2xl font-bold tracking-tight">"API keys"</h1>
            <p class="mt-1 max-w-3xl text-sm text-slate-600 dark:text-slate-400">
                "Keys let your own systems use the API: your CRM creating tenants, your accounting reading invoices. A key acts with your role, only within its scopes and tenants, and at most its requests a minute. "
                <a class="text-brand underline" href="/v1/docs">"API reference"</a>
            </p>
            <div class="mt-6 space-y-6">
                <Transition fallback=|| view! { <Skeleton lines=4/> }>
                    {move || Suspend::new(async move {
                        let list = keys.await;
                        let choices = tenants.await.unwrap_or_default();
                        match list {
                            Ok(list) => view! { <KeyTable list choices edit revoke/> }.into_any(),
                            Err(error) => view! { <ErrorAlert error/> }.into_any(),
                        }
                    })}
                </Transition>
                <Transition fallback=|| ()>
                    {move || Suspend::new(async move {
                        let choices = tenants.await.unwrap_or_default();
                        view! { <NewKey create choices/> }
                    })}
                </Transition>
            </div>
        </Protected>
    }
}

#[component]
fn NewKey(create: ServerAction<CreateApiKey>, choices: Vec<(String, String)>) -> impl IntoView {
    let scopes = RwSignal::new(Vec::<String>::new());
    let tenants = RwSignal::new(Vec::<String>::new());
    let name = RwSignal::new(String::new());
    let rate = RwSignal::new(String::new());
    let expiry = RwSignal::new(String::new());
    let (fields, other) = split_errors(move || create.value().get());
    let made = move || create.value().get().and_then(Result::ok);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        create.dispatch(CreateApiKey {
            form: ApiKeyForm {
                name: name.get_untracked(),
                scopes: scopes.get_untracked(),
                tenants: tenants.get_untracked(),
                rate_limit: rate.get_untracked(),
                expires_in_days: expiry.get_untracked(),
            },
        });
    };
    view! {
        <Card title="New key">
            {move || made().map(|key| view! { <Made key/> })}
            <form class="space-y-4" on:submit=submit data-testid="new-key-form">
                <div class="grid gap-4 sm:grid-cols-3">
                    <TextField name="name" label="Name" value=name errors=fields required=true
                        on_input=Callback::new(move |v| name.set(v)) hint="What uses it, e.g. \"CRM sync\"."/>
                    <TextField name="rate_limit" label="Requests a minute" input_type="number" value=rate errors=fields
                        on_input=Callback::new(move |v| rate.set(v)) hint="100 if empty; at most 10,000."/>
                    <div class="space-y-1">
                        <label for="field-expires" class="block text-sm font-medium">"Expires"</label>
                        <select id="field-expires" class="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-900"
                            on:change=move |ev| expiry.set(event_target_value(&ev))>
                            <option value="">"Never"</option>
                            <option value="30">"In 30 days"</option>
                            <option value="90">"In 90 days"</option>
                            <option value="365">"In a year"</option>
                        </select>
                    </div>
                </div>
                <Choices scopes tenants choices fields/>
                <div>{move || other.get().map(|error| view! { <ErrorAlert error/> })}</div>
                <button type="submit" disabled=move || create.pending().get()
                    class="rounded-md bg-brand px-4 py-2 text-sm font-medium text-white hover:opacity-90 disabled:opacity-60">
                    {move || if create.pending().get() { "Creating…" } else { "Create key" }}
                </button>
            </form>
        </Card>
    }
    .into_any()
}

#[component]
fn Choices(
    scopes: RwSignal<Vec<String>>,
    tenants: RwSignal<Vec<String>>,
    choices: Vec<(String, String)>,
    fields: Signal<Option<FieldErrors>>,
) -> impl IntoView {
    view! {
        <div class="grid gap-6 lg:grid-cols-2">
            <ScopePicker chosen=scopes id="new".into() error=first(fields, "scopes")/>
            <TenantPicker chosen=tenants tenants=choices id="new".into() error=first(fields, "tenants")/>
        </div>
    }
    .into_any()
}

/// The key just made, shown once.
#[component]
fn Made(key: model::api::NewApiKey) -> impl IntoView {
    view! {
        <div data-testid="new-key">
            <ShownOnce heading=format!("Copy the key \"{}\" now: it is not shown again.", key.key.name)
                label="The new key" secret=key.secret>
                "Send it as "<code>"Authorization: Bearer …"</code>". Keep it out of source code and browsers."
            </ShownOnce>
        </div>
    }
    .into_any()
}

fn status_badge(status: KeyStatus) -> impl IntoView {
    let tone = match status {
        KeyStatus::Active => Tone::Good,
        KeyStatus::Revoked => Tone::Bad,
        KeyStatus::Expired => Tone::Neutral,
    };
    view! { <Badge tone label=status.label()/> }
}

#[component]
fn KeyTable(
    list: Vec<ApiKey>,
    choices: Vec<(String, String)>,
    edit: ServerAction<EditApiKey>,
    revoke: ServerAction<RevokeApiKey>,
) -> impl IntoView {
    if list.is_empty() {
        return view! {
            <div class="rounded-lg border border-dashed border-slate-300 p-6 text-center text-sm dark:border-slate-700" data-testid="no-keys">
                <p class="font-medium">"No API keys yet."</p>
                <p class="mt-1 text-slate-600 dark:text-slate-400">"Create one below for each system that calls the API, so you can revoke one without touching the others."</p>
            </div>
        }
        .into_any();
    }
    let choices = StoredValue::new(choices);
    view! {
        <div class="relative overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-800">
            <table class="min-w-full divide-y divide-slate-200 text-sm dark:divide-slate-800" data-testid="api-keys">
                <thead class="bg-slate-50 text-left dark:bg-slate-900">
                    <tr>
                        <th scope="col" class="px-3 py-2 font-medium">"Name"</th>
                        <th scope="col" class="px-3 py-2 font-medium">"Key"</th>
                        <th scope="col" class="px-3 py-2 font-medium">"Scopes"</th>
                        <th scope="col" class="px-3 py-2 font-medium">"Tenants"</th>
                        <th scope="col" class="px-3 py-2 font-medium">"Status"</th>
                        <th scope="col" class="px-3 py-2 font-medium">"Last used"</th>
                        <th scope="col" class="px-3 py-2"><span class="sr-only">"Actions"</span></th>
                    </tr>
                </thead>
                <tbody class="divide-y divide-slate-200 dark:divide-slate-800">
                    {list.into_iter().map(|k| view! { <KeyRow k choices=choices.get_value() edit revoke/> }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
fn KeyRow(
    k: ApiKey,
    choices: Vec<(String, String)>,
    edit: ServerAction<EditApiKey>,
    revoke: ServerAction<RevokeApiKey>,
) -> impl IntoView {
    let can_write = use_viewer().is_some_and(|v| v.can_write());
    let editing = RwSignal::new(false);
    let asking = RwSignal::new(false);
    let scopes = RwSignal::new(k.scopes.as_slice().to_vec());
    let tenants = RwSignal::new(
        k.tenants
            .iter()
            .map(|(id, _)| id.clone())
            .collect::<Vec<_>>(),
    );
    let scope_text = if k.scopes.is_all() {
        "All".to_owned()
    } else {
        format!(
            "{} of {}",
            k.scopes.count(),
            model::api::RESOURCES.len() * 2
        )
    };
    let tenant_text = if k.tenants.is_empty() {
        "All".to_owned()
    } else {
        k.tenants
            .iter()
            .map(|(_, n)| n.clone())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let active = k.status == KeyStatus::Active;
    let id = StoredValue::new(k.id.clone());
    let used = k.last_used_at.clone().map_or_else(
        || "Never".to_owned(),
        |t| t.get(..16).unwrap_or_default().replace('T', " "),
    );
    view! {
        <tr data-testid="api-key-row" data-name=k.name.clone()>
            <td class="px-3 py-2">{k.name.clone()}{k.read_only.then(|| view! { <span class="ml-2 text-xs text-slate-500">"read-only"</span> })}</td>
            <td class="whitespace-nowrap px-3 py-2 font-mono text-xs">{k.masked.clone()}</td>
            <td class="px-3 py-2" title=k.scopes.as_slice().join(", ")>{scope_text}</td>
            <td class="px-3 py-2">{tenant_text}</td>
            <td class="px-3 py-2" data-testid="key-status">{status_badge(k.status)}</td>
            <td class="whitespace-nowrap px-3 py-2">{used}</td>
            <td class="whitespace-nowrap px-3 py-2 text-right">
                {(can_write && active).then(|| view! {
                    <button type="button" class="mr-2 text-brand underline" on:click=move |_| editing.update(|e| *e = !*e)>"Edit"</button>
                })}
                {active.then(|| view! {
                    <Show when=move || asking.get() fallback=move || view! {
                        <button type="button" class="text-red-700 underline dark:text-red-400" on:click=move |_| asking.set(true)>"Revoke"</button>
                    }>
                        <button type="button" class="rounded bg-red-700 px-2 py-1 text-white"
                            on:click=move |_| { revoke.dispatch(RevokeApiKey { id: id.get_value() }); }>"Revoke now"</button>
                    </Show>
                })}
            </td>
        </tr>
        <Show when=move || editing.get()>
            <EditRow id=id.get_value() scopes tenants choices=choices.clone() edit/>
        </Show>
    }
    .into_any()
}

/// Under a key's row: its scopes and tenants, to change.
#[component]
fn EditRow(
    id: String,
    scopes: RwSignal<Vec<String>>,
    tenants: RwSignal<Vec<String>>,
    choices: Vec<(String, String)>,
    edit: ServerAction<EditApiKey>,
) -> impl IntoView {
    let (fields, other) = split_errors(move || edit.value().get());
    let key = StoredValue::new(id.clone());
    view! {
        <tr>
            <td colspan="7" class="bg-slate-50 px-3 py-4 dark:bg-slate-900">
                <div class="grid gap-6 lg:grid-cols-2">
                    <ScopePicker chosen=scopes id=format!("edit-{id}") error=first(fields, "scopes")/>
                    <TenantPicker chosen=tenants tenants=choices id=format!("edit-{id}") error=first(fields, "tenants")/>
                </div>
                <div>{move || other.get().map(|error| view! { <ErrorAlert error/> })}</div>
                <button type="button" class="mt-2 rounded-md bg-brand px-4 py-2 text-sm font-medium text-white hover:opacity-90"
                    on:click=move |_| {
                        edit.dispatch(EditApiKey {
                            id: key.get_value(),
                            form: ApiKeyEdit { scopes: scopes.get_untracked(), tenants: tenants.get_untracked() },
                        });
                    }>"Save scopes and tenants"</button>
            </td>
        </tr>
    }
    .into_any()
}
