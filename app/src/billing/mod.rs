//! Settings → Billing: what the partner pays the platform (PRODUCT.md §4), in three
//! tabs. Subscription: the plan, the extension cap in use, the wallet with top-up, and
//! the price list. Payment methods: saved cards. History: every wallet movement.

pub mod card_fields;
mod history;
mod methods;
mod plan;
pub mod stripe_card;

use leptos::prelude::*;
use leptos_meta::Title;
use model::billing::{LedgerEntry, Subscription, Tier, dollars, parse_charge, rate_per_minute};

use crate::{
    auth::Protected,
    context::use_viewer,
    error::{ErrorAlert, FnError, split_errors},
    ui::{Card, Fact, Skeleton, Tabs, TextField},
};

#[server(prefix = "/api", endpoint = "top_up_wallet")]
pub async fn top_up_wallet(amount: String) -> Result<LedgerEntry, FnError> {
    let (services, meta) = (crate::context::services()?, crate::context::request_meta());
    Ok(domain::billing::cards::top_up(
        &services.db,
        services.payments.as_ref(),
        meta.viewer.as_ref(),
        &amount,
        chrono::Utc::now(),
    )
    .await?)
}

/// The page frame every billing tab shares: heading and tabs.
#[component]
fn BillingFrame(title: &'static str, children: ChildrenFn) -> impl IntoView {
    let tabs = vec![
        ("Subscription", "/settings/billing".to_owned()),
        ("Payment methods", "/settings/billing/methods".to_owned()),
        ("History", "/settings/billing/history".to_owned()),
    ];
    view! {
        <Title text=title/>
        <Protected>
            <h1 class="text-2xl font-bold tracking-tight">"Billing"</h1>
            <p class="mt-1 text-sm text-slate-600 dark:text-slate-400">"Your plan with the platform, your prepaid wallet and what it paid for."</p>
            <Tabs label="Billing" tabs=tabs.clone()/>
            <div class="mt-6">{children()}</div>
        </Protected>
    }
}

#[component]
pub fn PaymentMethodsPage() -> impl IntoView {
    view! { <BillingFrame title="Payment methods"><methods::PaymentMethods/></BillingFrame> }
}

#[component]
pub fn WalletHistoryPage() -> impl IntoView {
    view! { <BillingFrame title="Wallet history"><history::History/></BillingFrame> }
}

#[server(prefix = "/api", endpoint = "subscription")]
pub async fn get_subscription() -> Result<Subscription, FnError> {
    let (db, meta) = (
        crate::context::services()?.db,
        crate::context::request_meta(),
    );
    Ok(domain::billing::tiers::subscription(&db, meta.viewer.as_ref(), chrono::Utc::now()).await?)
}

#[component]
pub fn BillingPage() -> impl IntoView {
    let top_up = ServerAction::<TopUpWallet>::new();
    // Reload only after a successful top-up: a refused one keeps what the user typed.
    let data = Resource::new(
        move || top_up.value().get().and_then(Result::ok),
        |_| get_subscription(),
    );
    view! {
        <BillingFrame title="Billing">
            <Transition fallback=|| view! { <Skeleton lines=6/> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(s) => view! { <Plan sub=s top_up/> }.into_any(),
                        Err(error) => view! { <ErrorAlert error/> }.into_any(),
                    }
                })}
            </Transition>
        </BillingFrame>
    }
}

/// The wallet: balance and, for admins, a top-up from the default card.
#[component]
fn Wallet(balance_cents: i64, top_up: ServerAction<TopUpWallet>) -> impl IntoView {
    let can_write = use_viewer().is_some_and(|v| v.can_write());
    let (fields, other) = split_errors(move || top_up.value().get());
    let done = move || {
        top_up
            .value()
            .get()
            .and_then(Result::ok)
            .map(|e| format!("Added {}. {}", dollars(e.amount_cents), e.description))
    };
    view! {
        <Card title="Wallet">
            <p class="text-3xl font-semibold tabular-nums" data-testid="wallet-balance">{dollars(balance_cents)}</p>
            <p class="text-xs text-slate-500">"Monthly extension and number charges and per-minute usage draw on this balance."</p>
            {can_write.then(|| view! {
                <ActionForm action=top_up attr:class="mt-4 space-y-2" attr:novalidate=true attr:data-testid="top-up">
                    <TextField name="amount" label="Top up (USD)" errors=fields hint="From $10 to $10,000, charged to your default card."
                        check=|v| parse_charge(v).map(|_| ())/>
                    {move || other.get().map(|error| view! { <ErrorAlert error/> })}
                    <button type="submit" class="rounded-md bg-brand px-4 py-2 text-sm font-medium text-white hover:opacity-90 disabled:opacity-60" disabled=move || top_up.pending().get()>
                        {move || if top_up.pending().get() { "Charging…" } else { "Top up" }}
                    </button>
                    <p role="status" class="text-sm text-green-700 dark:text-green-400">{done}</p>
                </ActionForm>
            })}
        </Card>
    }
}

fn fee(t: &Tier) -> String {
    t.monthly_fee_cents
        .map_or_else(|| "Custom".to_owned(), |c| format!("{}/mo", dollars(c)))
}

fn cap(t: &Tier) -> String {
    t.extension_cap
        .map_or_else(|| "Unlimited".to_owned(), |n| n.to_string())
}

#[component]
fn Plan(sub: Subscription, top_up: ServerAction<TopUpWallet>) -> impl IntoView {
    let can_write = use_viewer().is_some_and(|v| v.can_write());
    let chooser = can_write.then(|| view! { <plan::PlanChooser sub=sub.clone()/> });
    let pending = sub.pending.clone().map(|(t, day)| {
        view! { <Fact label="Changes to">{format!("{} on {day}", t.name)}</Fact> }
    });
    let current = sub.tier.code;
    // The reseller subscription column shows only when some plan has such a fee.
    let account_fees = sub.tiers.iter().any(|t| t.account_fee_cents > 0);
    let used = sub.extensions_used;
    let meter = sub.tier.extension_cap.map(|cap| {
        let cap = u64::from(cap.max(1));
        let pct = (used.min(cap) * 100) / cap;
        let color = if pct >= 90 { "bg-amber-500" } else { "bg-brand" };
        view! {
            <div class="mt-3">
                <div class="h-3 w-full overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800"
                    role="meter" aria-label="Extensions in use" aria-valuemin="0" aria-valuemax=cap aria-valuenow=used.min(cap)>
                    <div class=format!("h-full {color}") style=format!("width: {pct}%")></div>
                </div>
                <p class="mt-1 text-xs text-slate-500">{format!("{used} of {cap} extensions in use ({pct}%)")}</p>
            </div>
        }
    });
    let since = sub
        .tier
        .effective_from
        .get(..10)
        .unwrap_or_default()
        .to_owned();
    view! {
        <div class="grid grid-cols-1 gap-6 lg:grid-cols-3">
            <div class="space-y-6">
            <Wallet balance_cents=sub.balance_cents top_up/>
            <Card title="Your plan">
                <p class="text-xl font-semibold" data-testid="current-tier">{sub.tier.name.clone()}</p>
                <p class="text-sm text-slate-600 dark:text-slate-400">{fee(&sub.tier)}</p>
                {meter}
                <dl class="mt-3">
                    <Fact label="Status">{sub.status.clone()}</Fact>
                    {sub.trial_ends_at.clone().map(|d| view! { <Fact label="Trial ends">{d.get(..10).unwrap_or_default().to_owned()}</Fact> })}
                    <Fact label="Prices effective">{since}</Fact>
                    {pending}
                </dl>
            </Card>
            {chooser}
            </div>
            <div class="lg:col-span-2">
                <Card title="Plans">
                    <div class="-mx-5 overflow-x-auto">
                        <table class="min-w-full text-left text-sm" data-testid="tier-table">
                            <caption class="sr-only">"Wholesale plans and their prices"</caption>
                            <thead class="text-xs uppercase tracking-wide text-slate-500">
                                <tr>
                                    <th scope="col" class="px-5 py-2">"Plan"</th>
                                    <th scope="col" class="px-5 py-2">"Monthly"</th>
                                    <th scope="col" class="px-5 py-2">"Extensions"</th>
                                    <th scope="col" class="px-5 py-2">"Per extension"</th>
                                    <th scope="col" class="px-5 py-2">"Number local / toll-free"</th>
                                    <th scope="col" class="px-5 py-2">"Minute local / toll-free"</th>
                                    {account_fees.then(|| view! { <th scope="col" class="px-5 py-2">"Per customer account"</th> })}
                                </tr>
                            </thead>
                            <tbody class="divide-y divide-slate-200 dark:divide-slate-800">
                                {sub.tiers.iter().map(|t| {
                                    let mine = t.code == current;
                                    view! {
                                        <tr class=if mine { "bg-slate-50 dark:bg-slate-800/50" } else { "" } aria-current=mine.then_some("true")>
                                            <th scope="row" class="px-5 py-2 font-medium">{t.name.clone()}{mine.then_some(" (yours)")}</th>
                                            <td class="px-5 py-2">{fee(t)}</td>
                                            <td class="px-5 py-2">{cap(t)}</td>
                                            <td class="px-5 py-2">{dollars(t.extension_cents)}</td>
                                            <td class="px-5 py-2">{format!("{} / {}", dollars(t.local_did_cents), dollars(t.toll_free_did_cents))}</td>
                                            <td class="px-5 py-2">{format!("{} / {}", rate_per_minute(t.local_minute_micros), rate_per_minute(t.toll_free_minute_micros))}</td>
                                            {account_fees.then(|| view! { <td class="px-5 py-2">{dollars(t.account_fee_cents)}</td> })}
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                </Card>
            </div>
        </div>
    }
}
