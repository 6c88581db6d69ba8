//! One number at `/numbers/{id}`: its facts, its caller-ID name (overriding the
//! tenant's default, synced to the carrier: Pending → Synced or Failed with the reason)
//! and its emergency address (Pending → Registered or Failed).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use model::numbers::{CnamStatus, OwnedNumber, compliance::parse_cnam};

use super::{
    actions::{SaveNumberCnam, SaveNumberE911, get_number},
    e911_badge, status_badge,
};
use crate::{
    auth::Protected,
    context::use_viewer,
    error::{ErrorAlert, split_errors},
    ui::{Card, Fact, Skeleton, TextField},
};

#[component]
pub fn NumberPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let cnam = ServerAction::<SaveNumberCnam>::new();
    let e911 = ServerAction::<SaveNumberE911>::new();
    // Loaded once per number: a save updates its own card from the action's answer
    // instead of re-rendering the page (which also keeps what the user typed).
    let data = Resource::new(id, get_number);
    view! {
        <Protected>
            <Transition fallback=|| view! { <Skeleton lines=6/> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(n) => view! { <Number n cnam e911/> }.into_any(),
                        Err(error) => view! { <Title text="Number"/><ErrorAlert error/> }.into_any(),
                    }
                })}
            </Transition>
        </Protected>
    }
}

fn cnam_status(n: &OwnedNumber) -> String {
    match n.cnam_status {
        Some(CnamStatus::Pending) => "Pending: waiting for the carrier".into(),
        Some(CnamStatus::Synced) => "Synced".into(),
        Some(CnamStatus::Failed) => "Failed".into(),
        None => "Not sent".into(),
    }
}

#[component]
fn Number(
    n: OwnedNumber,
    cnam: ServerAction<SaveNumberCnam>,
    e911: ServerAction<SaveNumberE911>,
) -> impl IntoView {
    let can_write = use_viewer().is_some_and(|v| v.can_write());
    let (cnam_fields, cnam_other) = split_errors(move || cnam.value().get());
    let (e911_fields, e911_other) = split_errors(move || e911.value().get());
    let title = n.number.to_string();
    let (id, form_id) = (n.id.clone(), n.id.clone());
    let (status, e911_status, region) = (n.status, n.e911_status, n.region.clone());
    let tenant = n
        .tenant
        .as_ref()
        .map_or_else(|| "Unassigned".to_owned(), |t| t.name.clone());
    let initial_cnam = cnam_status(&n);
    let carrier_says = move || {
        cnam.value()
            .get()
            .and_then(Result::ok)
            .map_or_else(|| initial_cnam.clone(), |saved| cnam_status(&saved))
    };
    let initial_e911 = e911_status;
    let registered = move || {
        e911.value()
            .get()
            .and_then(Result::ok)
            .map_or(initial_e911, |saved| saved.e911_status)
    };
    let part = |f: fn(&model::tenants::E911Address) -> &String| {
        n.e911_address
            .as_ref()
            .map(|a| f(a).clone())
            .unwrap_or_default()
    };
    let address = RwSignal::new(model::numbers::E911Form {
        street: part(|a| &a.street),
        city: part(|a| &a.city),
        state: part(|a| &a.state),
        zip: part(|a| &a.zip),
    });
    let (street, city, state, zip) = (
        part(|a| &a.street),
        part(|a| &a.city),
        part(|a| &a.state),
        part(|a| &a.zip),
    );
    let (cnam_reason, e911_reason) = (n.cnam_reason.clone(), n.e911_reason.clone());
    // What is typed, dispatched by the forms themselves: the answer updates the card in
    // place (an ActionForm would post the optional fields' names as they are).
    let typed = RwSignal::new(n.cnam.clone().unwrap_or_default());
    view! {
        <Title text=title.clone()/>
        <p class="text-sm"><a class="text-brand underline" href="/numbers">"Numbers"</a>" / "{title.clone()}</p>
        <h1 class="mt-1 font-mono text-2xl font-bold tracking-tight">{title}</h1>
        <div class="mt-6 grid gap-6 lg:grid-cols-3">
            <Card title="Number">
                <dl class="space-y-2 text-sm">
                    <Fact label="Status">{status_badge(status)}</Fact>
                    <Fact label="Region">{region.clone()}</Fact>
                    <Fact label="Tenant">{tenant.clone()}</Fact>
                    <Fact label="E911">{move || e911_badge(registered())}</Fact>
                </dl>
            </Card>
            <Card title="Caller ID name (CNAM)">
                <form class="space-y-3" data-testid="cnam-form" on:submit=move |ev| {
                    ev.prevent_default();
                    cnam.dispatch(SaveNumberCnam { id: id.clone(), cnam: typed.get_untracked() });
                }>
                    <TextField name="cnam" label="Name shown to the people called" value=typed errors=cnam_fields
                        on_input=Callback::new(move |v| typed.set(v))
                        hint="Up to 15 characters. Empty uses the tenant's default."
                        check=|v| parse_cnam(v).map(|_| ())/>
                    <div class="space-y-2">
                        <p class="text-sm" data-testid="cnam-status">"Carrier: "{carrier_says}</p>
                        <div>{cnam_reason.map(|r| view! { <p class="text-sm text-red-700 dark:text-red-400" data-testid="cnam-reason">{r}</p> })}</div>
                        <div>{move || cnam_other.get().map(|error| view! { <ErrorAlert error/> })}</div>
                    </div>
                    <div>{can_write.then(|| view! {
                        <button type="submit" class="rounded-md bg-brand px-4 py-2 text-sm font-medium text-white hover:opacity-90">"Save caller ID"</button>
                    })}</div>
                </form>
            </Card>
            <Card title="Emergency address (E911)">
                <form class="space-y-3" data-testid="e911-form" on:submit=move |ev| {
                    ev.prevent_default();
                    e911.dispatch(SaveNumberE911 { id: form_id.clone(), form: address.get_untracked() });
                }>
                    <TextField name="e911_street" label="Street (with building number)" errors=e911_fields value=street
                        on_input=Callback::new(move |v| address.update(|a| a.street = v))/>
                    <TextField name="e911_city" label="City" errors=e911_fields value=city
                        on_input=Callback::new(move |v| address.update(|a| a.city = v))/>
                    <div class="grid grid-cols-2 gap-3">
                        <TextField name="e911_state" label="State" errors=e911_fields value=state
                        on_input=Callback::new(move |v| address.update(|a| a.state = v))/>
                        <TextField name="e911_zip" label="ZIP" errors=e911_fields value=zip
                        on_input=Callback::new(move |v| address.update(|a| a.zip = v))/>
                    </div>
                    <div>{e911_reason.map(|r| view! { <p class="text-sm text-red-700 dark:text-red-400">{r}</p> })}</div>
                    <div>{move || e911_other.get().map(|error| view! { <ErrorAlert error/> })}</div>
                    <div>{can_write.then(|| view! {
                        <button type="submit" class="rounded-md bg-brand px-4 py-2 text-sm font-medium text-white hover:opacity-90">"Register address"</button>
                    })}</div>
                </form>
            </Card>
        </div>
    }
    .into_any()
}
