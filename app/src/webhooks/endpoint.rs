//! One endpoint: what it sends where, whether it is on, and its actions (edit, turn off
//! or on, rotate the secret, delete, deliveries).

use leptos::prelude::*;
use model::{
    FieldErrors,
    webhooks::{Endpoint, EndpointPatch},
};

use super::actions::{DeleteWebhook, RotateWebhookSecret, UpdateWebhook};
use super::{Actions, EventPicker, deliveries::Deliveries};
use crate::error::first;
use crate::{
    context::use_viewer,
    error::{ErrorAlert, split_errors},
    ui::{Badge, TextField, Tone},
};

fn state_badge(e: &Endpoint) -> impl IntoView + use<> {
    let (tone, label) = match (e.enabled, e.disabled_reason.as_deref()) {
        (true, _) => (Tone::Good, "Active"),
        (false, Some("failures")) => (Tone::Bad, "Off: too many failures"),
        (false, _) => (Tone::Neutral, "Off"),
    };
    view! { <Badge tone label/> }
}

#[component]
pub fn EndpointCard(e: Endpoint, allow_private: bool, acts: Actions) -> impl IntoView {
    let can_write = use_viewer().is_some_and(|v| v.can_write());
    let editing = RwSignal::new(false);
    let showing = RwSignal::new(false);
    let asking_rotate = RwSignal::new(false);
    let asking_delete = RwSignal::new(false);
    let id = StoredValue::new(e.id.clone());
    let whole = StoredValue::new(e.clone());
    let enabled = e.enabled;
    let events_text = match e.events.len() {
        1 => e.events[0].clone(),
        n => format!("{n} events"),
    };
    let failures = (e.consecutive_failures > 0)
        .then(|| format!("{} failed attempts in a row", e.consecutive_failures));
    let toggle = move |_| {
        acts.update.dispatch(UpdateWebhook {
            id: id.get_value(),
            patch: EndpointPatch {
                enabled: Some(!enabled),
                ..Default::default()
            },
        });
    };
    let button = "rounded-md border border-slate-300 px-3 py-1 text-sm hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-800";
    view! {
        <article class="rounded-lg border border-slate-200 p-4 dark:border-slate-800" data-testid="endpoint" data-url=e.url.clone()>
            <div class="flex flex-wrap items-start justify-between gap-3">
                <div class="min-w-0">
                    <p class="break-all font-mono text-sm">{e.url.clone()}</p>
                    <p class="mt-1 text-sm text-slate-600 dark:text-slate-400">
                        {(!e.description.is_empty()).then(|| format!("{} · ", e.description))}
                        <span title=e.events.join(", ")>{events_text}</span>
                        {format!(" · secret {}", e.secret_hint)}
                    </p>
                    {failures.map(|f| view! { <p class="mt-1 text-sm text-red-700 dark:text-red-400" data-testid="failures">{f}</p> })}
                </div>
                <div data-testid="endpoint-state">{state_badge(&e)}</div>
            </div>
            <div class="mt-3 flex flex-wrap gap-2">
                <button type="button" class=button aria-expanded=move || showing.get().to_string()
                    on:click=move |_| showing.update(|s| *s = !*s)>"Deliveries"</button>
                {can_write.then(|| view! {
                    <button type="button" class=button on:click=move |_| editing.update(|x| *x = !*x)>"Edit"</button>
                    <button type="button" class=button on:click=toggle data-testid="toggle">
                        {if enabled { "Turn off" } else { "Turn on" }}
                    </button>
                    <Confirm asking=asking_rotate label="Rotate secret" confirm="Rotate now: the old secret stops at once"
                        on_confirm=Callback::new(move |()| { acts.rotate.dispatch(RotateWebhookSecret { id: id.get_value() }); })/>
                    <Confirm asking=asking_delete label="Delete" confirm="Delete: nothing more is sent"
                        on_confirm=Callback::new(move |()| { acts.delete.dispatch(DeleteWebhook { id: id.get_value() }); })/>
                })}
            </div>
            <Show when=move || editing.get()>
                <EditEndpoint e=whole.get_value() allow_private update=acts.update/>
            </Show>
            <Show when=move || showing.get()>
                <Deliveries id=id.get_value() can_write/>
            </Show>
        </article>
    }
    .into_any()
}

/// A button that asks once more before doing something that cannot be undone.
#[component]
fn Confirm(
    asking: RwSignal<bool>,
    label: &'static str,
    confirm: &'static str,
    on_confirm: Callback<()>,
) -> impl IntoView {
    view! {
        <Show when=move || asking.get() fallback=move || view! {
            <button type="button" class="rounded-md border border-red-300 px-3 py-1 text-sm text-red-700 dark:border-red-800 dark:text-red-400"
                on:click=move |_| asking.set(true)>{label}</button>
        }>
            <button type="button" class="rounded-md bg-red-700 px-3 py-1 text-sm text-white"
                on:click=move |_| { asking.set(false); on_confirm.run(()); }>{confirm}</button>
            <button type="button" class="px-2 py-1 text-sm underline" on:click=move |_| asking.set(false)>"Cancel"</button>
        </Show>
    }
}

/// The endpoint's URL, description and events, to change.
#[component]
fn EditEndpoint(
    e: Endpoint,
    allow_private: bool,
    update: ServerAction<UpdateWebhook>,
) -> impl IntoView {
    let url = RwSignal::new(e.url.clone());
    let description = RwSignal::new(e.description.clone());
    let events = RwSignal::new(e.events.clone());
    let local = RwSignal::new(None::<FieldErrors>);
    let (server, other) = split_errors(move || update.value().get());
    let fields = Signal::derive(move || local.get().or_else(|| server.get()));
    let id = StoredValue::new(e.id.clone());
    let current = StoredValue::new(e);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let patch = EndpointPatch {
            url: Some(url.get_untracked()),
            description: Some(description.get_untracked()),
            events: Some(events.get_untracked()),
            enabled: None,
        };
        match patch.over(&current.get_value()).validate(allow_private) {
            Err(errors) => local.set(Some(errors)),
            Ok(_) => {
                local.set(None);
                update.dispatch(UpdateWebhook {
                    id: id.get_value(),
                    patch,
                });
            }
        }
    };
    view! {
        <form class="mt-4 space-y-4 rounded-md bg-slate-50 p-4 dark:bg-slate-900" on:submit=save novalidate>
            <div class="grid gap-4 sm:grid-cols-2">
                <TextField name="url" label="Endpoint URL" input_type="url" value=url errors=fields required=true
                    on_input=Callback::new(move |v| url.set(v))
                    check=|v| model::webhooks::check_url(v, true).map(|_| ())/>
                <TextField name="description" label="Description" value=description errors=fields
                    on_input=Callback::new(move |v| description.set(v))/>
            </div>
            <EventPicker chosen=events id=format!("edit-{}", id.get_value()) error=first(fields, "events")/>
            <div>{move || other.get().map(|error| view! { <ErrorAlert error/> })}</div>
            <button type="submit" disabled=move || update.pending().get()
                class="rounded-md bg-brand px-4 py-2 text-sm font-medium text-white hover:opacity-90 disabled:opacity-60">
                {move || if update.pending().get() { "Saving…" } else { "Save endpoint" }}
            </button>
        </form>
    }
    .into_any()
}
