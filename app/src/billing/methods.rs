//! Settings → Billing → Payment methods: saved cards (one default, used for top-ups,
//! auto-recharge and the subscription), adding a card, and the test cards the built-in
//! processor understands.

use leptos::prelude::*;
use model::billing::{
    AutoRecharge, AutoRechargeForm, dollars, parse_charge, parse_dollars,
    payments::{CardForm, PaymentMethod, StripeElements, TEST_CARDS},
};

use super::{card_fields::CardFields, stripe_card::StripeCardFields};
use crate::{
    context::use_viewer,
    error::{ErrorAlert, FnError, split_errors},
    ui::{Badge, Card, Skeleton, TextField, Tone},
};

#[server(prefix = "/api", endpoint = "payment_methods")]
pub async fn payment_methods() -> Result<Vec<PaymentMethod>, FnError> {
    let (db, meta) = (
        crate::context::services()?.db,
        crate::context::request_meta(),
    );
    Ok(domain::billing::cards::list(&db, meta.viewer.as_ref()).await?)
}

/// Stripe's card form for the platform's account, when the operator set it up.
#[server(prefix = "/api", endpoint = "platform_card_form")]
pub async fn platform_card_form() -> Result<Option<StripeElements>, FnError> {
    let (services, meta) = (crate::context::services()?, crate::context::request_meta());
    if meta.viewer.is_none() {
        return Err(model::AppError::Unauthorized.into());
    }
    Ok(services.gateway.platform_card_form())
}

#[server(prefix = "/api", endpoint = "add_card")]
pub async fn add_card(form: CardForm) -> Result<PaymentMethod, FnError> {
    let (services, meta) = (crate::context::services()?, crate::context::request_meta());
    Ok(domain::billing::cards::add(
        &services.db,
        services.payments.as_ref(),
        meta.viewer.as_ref(),
        &form,
        chrono::Utc::now(),
    )
    .await?)
}

#[server(prefix = "/api", endpoint = "card_action")]
pub async fn card_action(id: String, action: String) -> Result<(), FnError> {
    let (db, meta) = (
        crate::context::services()?.db,
        crate::context::request_meta(),
    );
    let now = chrono::Utc::now();
    match action.as_str() {
        "default" => {
            Ok(domain::billing::cards::make_default(&db, meta.viewer.as_ref(), &id, now).await?)
        }
        "remove" => Ok(domain::billing::cards::remove(&db, meta.viewer.as_ref(), &id, now).await?),
        _ => Err(model::AppError::invalid("action", "Unknown card action.").into()),
    }
}

#[server(prefix = "/api", endpoint = "auto_recharge")]
pub async fn get_auto_recharge() -> Result<AutoRecharge, FnError> {
    let (db, meta) = (
        crate::context::services()?.db,
        crate::context::request_meta(),
    );
    Ok(domain::billing::auto_recharge::settings(&db, meta.viewer.as_ref()).await?)
}

#[server(prefix = "/api", endpoint = "save_auto_recharge")]
pub async fn save_auto_recharge(form: AutoRechargeForm) -> Result<AutoRecharge, FnError> {
    let (db, meta) = (
        crate::context::services()?.db,
        crate::context::request_meta(),
    );
    Ok(
        domain::billing::auto_recharge::save(&db, meta.viewer.as_ref(), &form, chrono::Utc::now())
            .await?,
    )
}

#[component]
pub fn PaymentMethods() -> impl IntoView {
    let can_write = use_viewer().is_some_and(|v| v.can_write());
    let add = ServerAction::<AddCard>::new();
    let act = ServerAction::<CardAction>::new();
    let cards = Resource::new(
        move || (add.version().get(), act.version().get()),
        |_| payment_methods(),
    );
    let (fields, other) = split_errors(move || add.value().get());
    let card_form = Resource::new(|| (), |_| platform_card_form());
    view! {
        <div class="grid gap-6 lg:grid-cols-3">
            <div class="space-y-6 lg:col-span-2">
                <Card title="Saved cards">
                    <Transition fallback=|| view! { <Skeleton lines=2/> }>
                        {move || Suspend::new(async move {
                            match cards.await {
                                Ok(list) if list.is_empty() => view! {
                                    <p class="text-sm text-slate-600 dark:text-slate-400" data-testid="no-cards">"No card yet. Add one to top up your wallet and activate your plan."</p>
                                }.into_any(),
                                Ok(list) => view! {
                                    <ul class="divide-y divide-slate-200 dark:divide-slate-800" data-testid="cards">
                                        {list.into_iter().map(|c| view! { <CardRow card=c act can_write/> }).collect_view()}
                                    </ul>
                                }.into_any(),
                                Err(error) => view! { <ErrorAlert error/> }.into_any(),
                            }
                        })}
                    </Transition>
                    {move || act.value().get().and_then(Result::err).map(|error| view! { <ErrorAlert error/> })}
                </Card>
                {can_write.then(|| view! {
                    <Card title="Add a card">
                        <ActionForm action=add attr:novalidate=true attr:class="grid gap-4 sm:grid-cols-2" attr:data-testid="add-card">
                            <Suspense fallback=|| view! { <div class="sm:col-span-2"><Skeleton lines=2/></div> }>
                                {move || Suspend::new(async move {
                                    match card_form.await.ok().flatten() {
                                        Some(elements) => view! {
                                            <StripeCardFields elements names=["form[name]", "form[payment_method]"] errors=fields/>
                                        }.into_any(),
                                        None => view! {
                                            <CardFields names=["form[name]", "form[number]", "form[expiry]", "form[cvc]"] errors=fields/>
                                        }.into_any(),
                                    }
                                })}
                            </Suspense>
                            <div class="space-y-2 sm:col-span-2">
                                {move || other.get().map(|error| view! { <ErrorAlert error/> })}
                                <button type="submit" class="rounded-md bg-brand px-4 py-2 text-sm font-medium text-white hover:opacity-90 disabled:opacity-60" disabled=move || add.pending().get()>
                                    {move || if add.pending().get() { "Saving card…" } else { "Save card" }}
                                </button>
                            </div>
                        </ActionForm>
                    </Card>
                })}
            </div>
            <div class="space-y-6">
            <AutoRechargeCard can_write version=act.version()/>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    card_form.await.ok().flatten().is_none().then(|| view! {
                        <Card title="Test cards">
                            <p class="text-sm text-slate-600 dark:text-slate-400">"Without a payment provider connected, this installation takes these cards (any future expiry, any 3-digit code):"</p>
                            <ul class="mt-2 space-y-1 text-sm">
                                {TEST_CARDS.iter().map(|(number, outcome)| view! {
                                    <li><code>{*number}</code>" "{*outcome}</li>
                                }).collect_view()}
                            </ul>
                        </Card>
                    })
                })}
            </Suspense>
            </div>
        </div>
    }
}

/// Threshold and amount; removing the last card turns it off, so it reloads when cards
/// change (`version`).
#[component]
fn AutoRechargeCard(can_write: bool, version: RwSignal<usize>) -> impl IntoView {
    let save = ServerAction::<SaveAutoRecharge>::new();
    // Reload only after a successful save: a refused one keeps what the user typed.
    let current = Resource::new(
        move || (version.get(), save.value().get().and_then(Result::ok)),
        |_| get_auto_recharge(),
    );
    let (fields, other) = split_errors(move || save.value().get());
    let saved = move || matches!(save.value().get(), Some(Ok(_)));
    view! {
        <Card title="Auto-recharge">
            <Transition fallback=|| view! { <Skeleton lines=3/> }>
                {move || Suspend::new(async move {
                    match current.await {
                        Ok(a) => {
                            let state = if a.enabled {
                                format!("On: when the wallet drops below {}, your default card is charged {} (at most once an hour).", dollars(a.threshold_cents), dollars(a.amount_cents))
                            } else {
                                "Off. Turn it on so calls never stop for an empty wallet.".to_owned()
                            };
                            let shown = |c: i64| if c > 0 { dollars(c).replace('$', "") } else { String::new() };
                            view! {
                                <p class="text-sm" data-testid="auto-recharge-state">{state}</p>
                                {can_write.then(|| view! {
                                    <ActionForm action=save attr:class="mt-3 space-y-3" attr:novalidate=true attr:data-testid="auto-recharge">
                                        <label class="flex items-center gap-2 text-sm">
                                            <input type="checkbox" name="form[enabled]" id="field-enabled" checked=a.enabled aria-describedby="field-enabled-error"/>
                                            "Recharge automatically"
                                        </label>
                                        <p id="field-enabled-error" class="text-sm text-red-700 dark:text-red-400" aria-live="polite">
                                            {move || fields.get().and_then(|e| e.first("enabled").map(str::to_owned))}
                                        </p>
                                        <TextField name="threshold" input_name="form[threshold]" label="When the balance drops below (USD)" errors=fields
                                            value=shown(a.threshold_cents) check=|v| parse_dollars(v).map(|_| ())/>
                                        <TextField name="amount" input_name="form[amount]" label="Add (USD)" errors=fields
                                            value=shown(a.amount_cents) check=|v| parse_charge(v).map(|_| ())/>
                                        {move || other.get().map(|error| view! { <ErrorAlert error/> })}
                                        <button type="submit" class="rounded-md bg-brand px-4 py-2 text-sm font-medium text-white hover:opacity-90">"Save auto-recharge"</button>
                                        <p role="status" class="text-sm text-green-700 dark:text-green-400">{move || saved().then_some("Saved.")}</p>
                                    </ActionForm>
                                })}
                            }.into_any()
                        }
                        Err(error) => view! { <ErrorAlert error/> }.into_any(),
                    }
                })}
            </Transition>
        </Card>
    }
}

#[component]
fn CardRow(card: PaymentMethod, act: ServerAction<CardAction>, can_write: bool) -> impl IntoView {
    let label = format!("{} ending {}", card.brand, card.last4);
    let expiry = format!("Expires {:02}/{}", card.exp_month, card.exp_year % 100);
    let id = card.id.clone();
    view! {
        <li class="flex flex-wrap items-center justify-between gap-2 py-2 text-sm" data-testid="card-row">
            <span>
                <span class="block font-medium">{label.clone()}</span>
                <span class="block text-xs text-slate-500">{expiry}</span>
            </span>
            <span class="flex items-center gap-3">
                {card.is_default.then(|| view! { <Badge tone=Tone::Good label="Default"/> })}
                {(can_write && !card.is_default).then(|| {
                    let id = id.clone();
                    view! {
                        <ActionForm action=act attr:class="inline">
                            <input type="hidden" name="id" value=id/>
                            <input type="hidden" name="action" value="default"/>
                            <button type="submit" class="text-sm hover:underline" aria-label=format!("Make {label} the default")>"Make default"</button>
                        </ActionForm>
                    }
                })}
                {can_write.then(|| view! {
                    <ActionForm action=act attr:class="inline">
                        <input type="hidden" name="id" value=id.clone()/>
                        <input type="hidden" name="action" value="remove"/>
                        <button type="submit" class="text-sm text-red-700 hover:underline dark:text-red-400">"Remove"</button>
                    </ActionForm>
                })}
            </span>
        </li>
    }
}
