//! Settings → Pricing, "Card payments": how tenants' card payments reach the partner
//! (through the platform into the wallet, a connected Stripe account, or the partner's
//! own Stripe keys) and what their card statements show. A secret key is checked with
//! Stripe when saved and never shown again.

use leptos::prelude::*;
use model::{
    FieldErrors,
    billing::payments::parse_publishable_key,
    invoicing::collection::{
        CollectionForm, CollectionSettings, PaymentMode, parse_account_id, parse_descriptor,
        parse_secret_key,
    },
};

use super::BUTTON;
use crate::{
    context::use_viewer,
    error::{ErrorAlert, FnError, split_errors},
    ui::{Card, Skeleton, TextField},
};

#[server(prefix = "/api", endpoint = "card_payment_settings")]
pub async fn card_payment_settings() -> Result<CollectionSettings, FnError> {
    let (services, meta) = (crate::context::services()?, crate::context::request_meta());
    Ok(domain::invoicing::collection::settings(&services.db, meta.viewer.as_ref()).await?)
}

#[server(prefix = "/api", endpoint = "save_collection")]
pub async fn save_collection(form: CollectionForm) -> Result<CollectionSettings, FnError> {
    let (services, meta) = (crate::context::services()?, crate::context::request_meta());
    Ok(domain::invoicing::collection::save_settings(
        &services.db,
        &services.gateway,
        meta.viewer.as_ref(),
        &form,
        chrono::Utc::now(),
    )
    .await?)
}

#[component]
pub fn CollectionCard() -> impl IntoView {
    let save = ServerAction::<SaveCollection>::new();
    let data = Resource::new(
        move || save.value().get().and_then(Result::ok),
        |_| card_payment_settings(),
    );
    view! {
        <Card title="Card payments">
            <Transition fallback=|| view! { <Skeleton lines=4/> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(s) => view! { <CollectionEditor settings=s save/> }.into_any(),
                        Err(error) => view! { <ErrorAlert error/> }.into_any(),
                    }
                })}
            </Transition>
        </Card>
    }
}

const INPUT: &str = "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-900";

#[component]
fn CollectionEditor(
    settings: CollectionSettings,
    save: ServerAction<SaveCollection>,
) -> impl IntoView {
    let can_write = use_viewer().is_some_and(|v| v.can_write());
    let has_key = settings.secret_key_last4.is_some();
    let form = RwSignal::new(CollectionForm::of(&settings));
    let local = RwSignal::new(None::<FieldErrors>);
    let (server, other) = split_errors(move || save.value().get());
    let errors = Signal::derive(move || local.get().or_else(|| server.get()));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let f = form.get_untracked();
        match f.validate(has_key) {
            Err(e) => local.set(Some(e)),
            Ok(_) => {
                local.set(None);
                save.dispatch(SaveCollection { form: f });
            }
        }
    };
    let mode = move || PaymentMode::parse(&form.with(|f| f.mode.clone())).unwrap_or_default();
    let saved = move || matches!(save.value().get(), Some(Ok(_)));
    let key_hint = settings
        .secret_key_last4
        .as_ref()
        .map(|l| format!("A key ending {l} is saved; leave empty to keep it."))
        .unwrap_or_else(|| {
            "Checked with Stripe when you save; it is stored encrypted and never shown again."
                .into()
        });
    view! {
        <form class="space-y-4" on:submit=submit novalidate data-testid="collection-settings">
            <fieldset disabled=!can_write class="grid gap-4 sm:grid-cols-2">
                <div class="sm:col-span-2">
                    <label for="field-mode" class="block text-sm font-medium">"Where card payments go"</label>
                    <select id="field-mode" class=INPUT aria-describedby="field-mode-error" data-testid="payment-mode"
                        on:change=move |ev| form.update(|f| f.mode = event_target_value(&ev))>
                        {PaymentMode::ALL.into_iter().map(|m| view! {
                            <option value=m.as_str() selected=m == settings.mode>{m.label()}</option>
                        }).collect_view()}
                    </select>
                    <p id="field-mode-error" class="text-sm text-red-700 dark:text-red-400" aria-live="polite">
                        {move || errors.get().and_then(|e| e.first("mode").map(str::to_owned))}
                    </p>
                </div>
                <Show when=move || mode() == PaymentMode::Connect>
                    <div class="sm:col-span-2">
                        <TextField name="connect_account_id" label="Connected account id" errors
                            value=Signal::derive(move || form.with(|f| f.connect_account_id.clone()))
                            check=|v| parse_account_id(v).map(|_| ())
                            on_input=Callback::new(move |v| form.update(|f| f.connect_account_id = v))/>
                    </div>
                </Show>
                <Show when=move || mode() == PaymentMode::CustomKeys>
                    <div class="sm:col-span-2">
                        <TextField name="secret_key" label="Stripe secret key" input_type="password" errors hint=key_hint.clone()
                            autocomplete="off"
                            check=|v| if v.trim().is_empty() { Ok(()) } else { parse_secret_key(v).map(|_| ()) }
                            on_input=Callback::new(move |v| form.update(|f| f.secret_key = v))/>
                    </div>
                    <div class="sm:col-span-2">
                        <TextField name="publishable_key" label="Stripe publishable key (for live cards)" errors
                            hint="With it, customers type live cards into Stripe's own card form; without it, only Stripe's test cards work."
                            autocomplete="off"
                            value=Signal::derive(move || form.with(|f| f.publishable_key.clone()))
                            check=|v| if v.trim().is_empty() { Ok(()) } else { parse_publishable_key(v).map(|_| ()) }
                            on_input=Callback::new(move |v| form.update(|f| f.publishable_key = v))/>
                    </div>
                </Show>
                <div class="sm:col-span-2">
                    <TextField name="statement_descriptor" label="Card statement shows (optional)" errors
                        hint="Up to 22 letters, digits, spaces, - and &."
                        value=Signal::derive(move || form.with(|f| f.statement_descriptor.clone()))
                        check=|v| parse_descriptor(v).map(|_| ())
                        on_input=Callback::new(move |v| form.update(|f| f.statement_descriptor = v))/>
                </div>
            </fieldset>
            <p class="text-sm text-slate-600 dark:text-slate-400">"Your customers pay in their portal's Billing tab, can keep a card for auto-pay, and prepaid customers add funds there."</p>
            {move || other.get().map(|error| view! { <ErrorAlert error/> })}
            {can_write.then(|| view! {
                <button type="submit" class=BUTTON disabled=move || save.pending().get()>{move || if save.pending().get() { "Checking and saving…" } else { "Save card payments" }}</button>
            })}
            <p role="status" class="text-sm text-green-700 dark:text-green-400">{move || saved().then_some("Saved.")}</p>
        </form>
    }
}
