//! Paying in the portal's Billing tab: the card on file and auto-pay, prepaid funds,
//! and the form that pays one invoice. A declined card says so on the card number and
//! changes nothing; the invoice list reloads after a payment.

use leptos::prelude::*;
use model::{
    FieldErrors,
    billing::{
        dollars,
        payments::{StripeElements, TEST_CARDS},
    },
    invoicing::{
        Invoice,
        collection::{PayForm, PortalPayment, parse_top_up},
    },
};

use crate::{
    billing::{card_fields::CardFields, stripe_card::StripeCardFields},
    error::{ErrorAlert, FnError, split_errors},
    ui::{Card, Skeleton, TextField},
};

#[server(prefix = "/api", endpoint = "payment_options")]
pub async fn payment_options(tenant: String) -> Result<PortalPayment, FnError> {
    let (services, meta) = (crate::context::services()?, crate::context::request_meta());
    Ok(domain::invoicing::collection::pay::portal(
        &services.db,
        &services.gateway,
        meta.viewer.as_ref(),
        &tenant,
    )
    .await?)
}

#[server(prefix = "/api", endpoint = "pay_invoice")]
pub async fn pay_invoice(
    tenant: String,
    invoice: String,
    form: PayForm,
) -> Result<Invoice, FnError> {
    let (services, meta) = (crate::context::services()?, crate::context::request_meta());
    Ok(domain::invoicing::collection::pay::pay_invoice(
        &services.db,
        &services.gateway,
        meta.viewer.as_ref(),
        &tenant,
        &invoice,
        &form,
        chrono::Utc::now(),
    )
    .await?)
}

#[server(prefix = "/api", endpoint = "add_funds")]
pub async fn add_funds(tenant: String, form: PayForm) -> Result<PortalPayment, FnError> {
    let (services, meta) = (crate::context::services()?, crate::context::request_meta());
    Ok(domain::invoicing::collection::pay::top_up(
        &services.db,
        &services.gateway,
        meta.viewer.as_ref(),
        &tenant,
        &form,
        chrono::Utc::now(),
    )
    .await?)
}

/// `autopay_on`, `autopay_off` or `forget`.
#[server(prefix = "/api", endpoint = "portal_card")]
pub async fn portal_card(tenant: String, action: String) -> Result<(), FnError> {
    use domain::invoicing::collection::pay;
    let (services, meta) = (crate::context::services()?, crate::context::request_meta());
    let (db, viewer, now) = (&services.db, meta.viewer.as_ref(), chrono::Utc::now());
    match action.as_str() {
        "autopay_on" | "autopay_off" => {
            let on = action == "autopay_on";
            pay::set_autopay(db, &services.gateway, viewer, &tenant, on, now).await?;
        }
        "forget" => pay::forget_card(db, viewer, &tenant, now).await?,
        _ => return Err(model::AppError::invalid("action", "Unknown card action.").into()),
    }
    Ok(())
}

/// The actions of the Billing tab. What they change reloads only after one succeeds:
/// a refused payment keeps the card the user typed.
#[derive(Clone, Copy)]
pub struct Payments {
    pub pay: ServerAction<PayInvoice>,
    pub funds: ServerAction<AddFunds>,
    pub card: ServerAction<PortalCard>,
    done: RwSignal<usize>,
}

impl Payments {
    pub fn new() -> Self {
        let this = Self {
            pay: ServerAction::new(),
            funds: ServerAction::new(),
            card: ServerAction::new(),
            done: RwSignal::new(0),
        };
        // One watcher per action: a refusal of one never reloads for another's success.
        Effect::new(move || {
            if matches!(this.pay.value().get(), Some(Ok(_))) {
                this.done.update(|n| *n += 1);
            }
        });
        Effect::new(move || {
            if matches!(this.funds.value().get(), Some(Ok(_))) {
                this.done.update(|n| *n += 1);
            }
        });
        Effect::new(move || {
            if matches!(this.card.value().get(), Some(Ok(_))) {
                this.done.update(|n| *n += 1);
            }
        });
        this
    }

    /// Changes whenever money or the card changed.
    pub fn version(self) -> usize {
        self.done.get()
    }
}

/// How the tenant pays: the card on file and auto-pay, prepaid funds with "Add funds".
#[component]
pub fn HowYouPay(
    tenant: String,
    actions: Payments,
    /// `payment_options`, reloaded on `actions.version()`.
    data: Resource<Result<PortalPayment, FnError>>,
) -> impl IntoView {
    view! {
        <Transition fallback=|| view! { <Skeleton lines=3/> }>
            {move || {
                let tenant = tenant.clone();
                Suspend::new(async move {
                    match data.await {
                        Ok(p) => view! { <PaySummary tenant p actions/> }.into_any(),
                        Err(error) => view! { <ErrorAlert error/> }.into_any(),
                    }
                })
            }}
        </Transition>
    }
}

#[component]
fn PaySummary(tenant: String, p: PortalPayment, actions: Payments) -> impl IntoView {
    let card_line = p.card.as_ref().map(|c| {
        format!(
            "{} ending {}, expires {:02}/{}",
            c.brand, c.last4, c.exp_month, c.exp_year
        )
    });
    let autopay = p.card.as_ref().is_some_and(|c| c.autopay);
    let (toggle, toggle_label) = if autopay {
        ("autopay_off", "Turn auto-pay off")
    } else {
        ("autopay_on", "Turn auto-pay on")
    };
    let can_pay = p.can_pay && p.accepts_cards;
    let (ta, tb, t2) = (tenant.clone(), tenant.clone(), tenant.clone());
    view! {
        <Card title="How you pay">
            {(!p.accepts_cards).then(|| view! {
                <p class="text-sm">"Card payments are not available for this account yet; pay as your invoice says, or ask your provider."</p>
            })}
            {p.accepts_cards.then(|| match card_line.clone() {
                Some(line) => view! {
                    <p class="text-sm" data-testid="saved-card">{line}</p>
                    <p class="mt-1 text-sm text-slate-600 dark:text-slate-400" data-testid="autopay-state">
                        {if autopay { "Auto-pay is on: each new invoice is charged to this card when it is issued." } else { "Auto-pay is off: you pay each invoice yourself." }}
                    </p>
                    {p.can_pay.then(|| view! {
                        <div class="mt-3 flex flex-wrap gap-2">
                            <ActionForm action=actions.card>
                                <input type="hidden" name="tenant" value=ta/>
                                <input type="hidden" name="action" value=toggle/>
                                <button type="submit" class="rounded-md border border-slate-300 px-3 py-1.5 text-sm dark:border-slate-700" data-testid="toggle-autopay">{toggle_label}</button>
                            </ActionForm>
                            <ActionForm action=actions.card>
                                <input type="hidden" name="tenant" value=tb/>
                                <input type="hidden" name="action" value="forget"/>
                                <button type="submit" class="rounded-md border border-slate-300 px-3 py-1.5 text-sm dark:border-slate-700">"Remove card"</button>
                            </ActionForm>
                        </div>
                    })}
                }.into_any(),
                None => view! {
                    <p class="text-sm text-slate-600 dark:text-slate-400" data-testid="no-saved-card">"No card on file. When you pay, tick “Keep this card” to save it and let new invoices pay themselves."</p>
                }.into_any(),
            })}
            {move || actions.card.value().get().and_then(Result::err).map(|error| view! { <ErrorAlert error/> })}
            {p.test_cards_only.then(|| view! {
                <details class="mt-3 text-sm">
                    <summary class="cursor-pointer text-slate-600 dark:text-slate-400">"Test cards"</summary>
                    <p class="mt-1">"This installation takes test cards only (any future expiry, any 3-digit code):"</p>
                    <ul class="mt-1 space-y-1">
                        {TEST_CARDS.iter().map(|(number, outcome)| view! { <li><code>{*number}</code>" "{*outcome}</li> }).collect_view()}
                    </ul>
                </details>
            })}
        </Card>
        {p.prepaid.then(|| view! {
            <div class="mt-6">
                <Funds tenant=t2.clone() balance=p.balance_cents can_pay has_card=p.card.is_some() card_form=p.card_form.clone() actions/>
            </div>
        })}
    }
}

/// Prepaid funds: the balance, and adding to it by card (they pay open invoices first).
#[component]
fn Funds(
    tenant: String,
    balance: i64,
    can_pay: bool,
    has_card: bool,
    card_form: Option<StripeElements>,
    actions: Payments,
) -> impl IntoView {
    let (fields, other) = split_errors(move || actions.funds.value().get());
    let added = move || matches!(actions.funds.value().get(), Some(Ok(_)));
    view! {
        <Card title="Prepaid funds">
            <p class="text-2xl font-semibold tabular-nums" data-testid="funds">{dollars(balance)}</p>
            <p class="text-sm text-slate-600 dark:text-slate-400">"Your calls and invoices draw on these funds; what you add pays any open invoice first."</p>
            {can_pay.then(|| view! {
                <ActionForm action=actions.funds attr:novalidate=true attr:class="mt-4 grid gap-4 sm:grid-cols-2" attr:data-testid="add-funds">
                    <input type="hidden" name="tenant" value=tenant.clone()/>
                    <div class="sm:col-span-2">
                        <TextField name="amount" input_name="form[amount]" label="Amount (USD)" errors=fields check=|v| parse_top_up(v).map(|_| ())/>
                    </div>
                    <CardChoice has_card card_form=card_form.clone() errors=fields/>
                    <div class="space-y-2 sm:col-span-2">
                        {move || other.get().map(|error| view! { <ErrorAlert error/> })}
                        <button type="submit" class="rounded-md bg-brand px-4 py-2 text-sm font-medium text-white hover:opacity-90 disabled:opacity-60" disabled=move || actions.funds.pending().get()>
                            {move || if actions.funds.pending().get() { "Charging your card…" } else { "Add funds" }}
                        </button>
                        <p role="status" class="text-sm text-green-700 dark:text-green-400">{move || added().then_some("Funds added.")}</p>
                    </div>
                </ActionForm>
            })}
        </Card>
    }
}

/// The saved card (ticked by default) or a new one, with "keep it": typed into our
/// fields (test cards), or into Stripe's card form when the account has one.
#[component]
fn CardChoice(
    has_card: bool,
    card_form: Option<StripeElements>,
    #[prop(into)] errors: Signal<Option<FieldErrors>>,
) -> impl IntoView {
    let use_saved = RwSignal::new(has_card);
    view! {
        {has_card.then(|| view! {
            <label class="flex items-center gap-2 text-sm sm:col-span-2">
                <input type="checkbox" name="form[saved]" checked=true data-testid="use-saved-card"
                    on:change=move |ev| use_saved.set(event_target_checked(&ev))/>
                "Use the card on file"
            </label>
        })}
        <Show when=move || !use_saved.get()>
            {match card_form.clone() {
                Some(elements) => view! {
                    <StripeCardFields elements names=["form[card][name]", "form[card][payment_method]"] errors/>
                }.into_any(),
                None => view! {
                    <CardFields names=["form[card][name]", "form[card][number]", "form[card][expiry]", "form[card][cvc]"] errors/>
                }.into_any(),
            }}
            <label class="flex items-center gap-2 text-sm sm:col-span-2">
                <input type="checkbox" name="form[remember]" data-testid="remember-card"/>
                "Keep this card for next time"
            </label>
            <label class="flex items-center gap-2 text-sm sm:col-span-2">
                <input type="checkbox" name="form[autopay]" data-testid="autopay-card"/>
                "Pay new invoices with it automatically (auto-pay)"
            </label>
        </Show>
    }
}

/// Paying one invoice: everything that is due, now.
#[component]
pub fn PayInvoiceForm(
    tenant: String,
    invoice: Invoice,
    /// `payment_options`: the card on file and how a new card is taken.
    options: PortalPayment,
    actions: Payments,
) -> impl IntoView {
    let has_card = options.card.is_some();
    let (fields, other) = split_errors(move || actions.pay.value().get());
    let title = format!("Pay invoice {}", invoice.number);
    let due = dollars(invoice.due_cents);
    view! {
        <Card title>
            <ActionForm action=actions.pay attr:novalidate=true attr:class="grid gap-4 sm:grid-cols-2" attr:data-testid="pay-invoice">
                <input type="hidden" name="tenant" value=tenant/>
                <input type="hidden" name="invoice" value=invoice.id.clone()/>
                <p class="text-sm sm:col-span-2">{format!("Amount due: {due}")}</p>
                <CardChoice has_card card_form=options.card_form errors=fields/>
                <div class="space-y-2 sm:col-span-2">
                    {move || other.get().map(|error| view! { <ErrorAlert error/> })}
                    <button type="submit" class="rounded-md bg-brand px-4 py-2 text-sm font-medium text-white hover:opacity-90 disabled:opacity-60" disabled=move || actions.pay.pending().get() data-testid="pay-now">
                        {move || if actions.pay.pending().get() { "Charging your card…".to_owned() } else { format!("Pay {due}") }}
                    </button>
                </div>
            </ActionForm>
        </Card>
    }
}
