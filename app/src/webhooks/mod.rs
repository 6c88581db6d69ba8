//! Settings → Webhooks: the partner's endpoints (URL, events, on/off, failures in a
//! row), adding one (its signing secret shown exactly once), editing, rotating the
//! secret, deleting, and each endpoint's deliveries with *Redeliver*.

mod actions;
mod deliveries;
mod endpoint;
mod events;

use leptos::prelude::*;
use leptos_meta::Title;
use model::{
    FieldErrors,
    webhooks::{EndpointForm, NewSecret},
};

use crate::{
    auth::Protected,
    context::use_viewer,
    error::{ErrorAlert, first, split_errors},
    ui::{Card, ShownOnce, Skeleton, TextField},
};
use actions::{CreateWebhook, DeleteWebhook, RotateWebhookSecret, UpdateWebhook, list_webhooks};
use endpoint::EndpointCard;
pub(crate) use events::EventPicker;

/// The actions every endpoint card shares (one set per page, so any change reloads it).
#[derive(Clone, Copy)]
pub(crate) struct Actions {
    pub update: ServerAction<UpdateWebhook>,
    pub rotate: ServerAction<RotateWebhookSecret>,
    pub delete: ServerAction<DeleteWebhook>,
}

#[component]
pub fn WebhooksPage() -> impl IntoView {
    let create = ServerAction::<CreateWebhook>::new();
    let acts = Actions {
        update: ServerAction::new(),
        rotate: ServerAction::new(),
        delete: ServerAction::new(),
    };
    // Reloaded after a change that worked, so a refused form keeps what was typed.
    let changed = move || {
        (
            create
                .value()
                .get()
                .and_then(Result::ok)
                .map(|n| n.endpoint.id),
            acts.update
                .value()
                .get()
                .and_then(Result::ok)
                .map(|e| e.updated_at),
            acts.rotate
                .value()
                .get()
                .and_then(Result::ok)
                .map(|n| n.endpoint.updated_at),
            acts.delete.value().get().and_then(Result::ok),
        )
    };
    let list = Resource::new(changed, |_| list_webhooks());
    view! {
        <Title text="Webhooks"/>
        <Protected>
            <h1 class="text-2xl font-bold tracking-tight">"Webhooks"</h1>
            <p class="mt-1 max-w-3xl text-sm text-slate-600 dark:text-slate-400">
                "Webhooks tell your own systems what happens as it happens: a tenant signs up, a number is assigned, an invoice is paid. We POST a signed JSON event to your URL and retry for a day if it does not answer. "
                <a class="text-brand underline" href="/help/partner/webhooks">"How to receive and verify them"</a>
            </p>
            {move || acts.rotate.value().get().and_then(Result::ok).map(|made| view! { <SecretOnce made rotated=true/> })}
            <div class="mt-6 space-y-6">
                <Transition fallback=|| view! { <Skeleton lines=4/> }>
                    {move || Suspend::new(async move {
                        match list.await {
                            Ok(data) => {
                                let allow_private = data.allow_private;
                                view! {
                                    <EndpointList endpoints=data.endpoints allow_private acts/>
                                    <NewEndpoint create allow_private/>
                                }.into_any()
                            }
                            Err(error) => view! { <ErrorAlert error/> }.into_any(),
                        }
                    })}
                </Transition>
            </div>
        </Protected>
    }
}

#[component]
fn EndpointList(
    endpoints: Vec<model::webhooks::Endpoint>,
    allow_private: bool,
    acts: Actions,
) -> impl IntoView {
    if endpoints.is_empty() {
        return view! {
            <div class="rounded-lg border border-dashed border-slate-300 p-6 text-center text-sm dark:border-slate-700" data-testid="no-endpoints">
                <p class="font-medium">"No endpoints yet."</p>
                <p class="mt-1 text-slate-600 dark:text-slate-400">"Add the URL of a server you run (or a Zapier or Make hook) below, and choose the events it should hear about."</p>
            </div>
        }
        .into_any();
    }
    view! {
        <ul class="space-y-4" data-testid="endpoints">
            {endpoints.into_iter().map(|e| view! { <li><EndpointCard e allow_private acts/></li> }).collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn NewEndpoint(create: ServerAction<CreateWebhook>, allow_private: bool) -> impl IntoView {
    let can_write = use_viewer().is_some_and(|v| v.can_write());
    let url = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let events = RwSignal::new(Vec::<String>::new());
    let local = RwSignal::new(None::<FieldErrors>);
    let (server, other) = split_errors(move || create.value().get());
    let fields = Signal::derive(move || local.get().or_else(|| server.get()));
    let made = move || create.value().get().and_then(Result::ok);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let form = EndpointForm {
            url: url.get_untracked(),
            description: description.get_untracked(),
            events: events.get_untracked(),
        };
        // The same rules as the server, so most mistakes never leave the page.
        match form.validate(allow_private) {
            Err(errors) => local.set(Some(errors)),
            Ok(_) => {
                local.set(None);
                create.dispatch(CreateWebhook { form });
            }
        }
    };
    if !can_write {
        return ().into_any();
    }
    let placeholder = if allow_private {
        "https://hooks.example.com/switchboard (http and local addresses allowed here)"
    } else {
        "https://hooks.example.com/switchboard"
    };
    view! {
        <Card title="Add endpoint">
            {move || made().map(|made| view! { <SecretOnce made rotated=false/> })}
            <form class="space-y-4" on:submit=submit data-testid="new-endpoint-form" novalidate>
                <div class="grid gap-4 sm:grid-cols-2">
                    <TextField name="url" label="Endpoint URL" input_type="url" value=url errors=fields required=true
                        on_input=Callback::new(move |v| url.set(v)) hint=placeholder
                        check=|v| model::webhooks::check_url(v, true).map(|_| ())/>
                    <TextField name="description" label="Description (optional)" value=description errors=fields
                        on_input=Callback::new(move |v| description.set(v)) hint="For your own reference, e.g. \"CRM sync\"."/>
                </div>
                <EventPicker chosen=events id="new".into() error=first(fields, "events")/>
                <div>{move || other.get().map(|error| view! { <ErrorAlert error/> })}</div>
                <button type="submit" disabled=move || create.pending().get()
                    class="rounded-md bg-brand px-4 py-2 text-sm font-medium text-white hover:opacity-90 disabled:opacity-60">
                    {move || if create.pending().get() { "Creating…" } else { "Create endpoint" }}
                </button>
            </form>
        </Card>
    }
    .into_any()
}

/// A signing secret just made or rotated, shown once.
#[component]
fn SecretOnce(made: NewSecret, rotated: bool) -> impl IntoView {
    let heading = if rotated {
        format!(
            "New signing secret for {}: copy it now, it is not shown again. The old one no longer signs.",
            made.endpoint.url
        )
    } else {
        "Endpoint added. Copy its signing secret now: it is not shown again.".to_owned()
    };
    view! {
        <div class="mt-4" data-testid="endpoint-secret">
            <ShownOnce heading label="Signing secret" secret=made.secret>
                "Check each request's "<code>"webhook-signature"</code>" with it (see the help chapter) before trusting the body."
            </ShownOnce>
        </div>
    }
}
