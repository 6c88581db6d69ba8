//! Settings → Billing → Subscription: the partner's wholesale plan, how much of its
//! extension cap is in use, and the price list to compare (PRODUCT.md §4).

use leptos::prelude::*;
use leptos_meta::Title;
use model::billing::{Subscription, Tier, dollars, rate_per_minute};

use crate::{
    auth::Protected,
    error::{ErrorAlert, FnError},
    ui::{Card, Fact, Skeleton},
};

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
    let data = Resource::new(|| (), |_| get_subscription());
    view! {
        <Title text="Billing"/>
        <Protected>
            <h1 class="text-2xl font-bold tracking-tight">"Billing"</h1>
            <p class="mt-1 text-sm text-slate-600 dark:text-slate-400">"Your plan with the platform and what it includes."</p>
            <div class="mt-6">
                <Transition fallback=|| view! { <Skeleton lines=6/> }>
                    {move || Suspend::new(async move {
                        match data.await {
                            Ok(s) => view! { <Plan sub=s/> }.into_any(),
                            Err(error) => view! { <ErrorAlert error/> }.into_any(),
                        }
                    })}
                </Transition>
            </div>
        </Protected>
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
fn Plan(sub: Subscription) -> impl IntoView {
    let current = sub.tier.code;
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
        <div class="grid gap-6 lg:grid-cols-3">
            <Card title="Your plan">
                <p class="text-xl font-semibold" data-testid="current-tier">{sub.tier.name.clone()}</p>
                <p class="text-sm text-slate-600 dark:text-slate-400">{fee(&sub.tier)}</p>
                {meter}
                <dl class="mt-3">
                    <Fact label="Status">{sub.status.clone()}</Fact>
                    {sub.trial_ends_at.clone().map(|d| view! { <Fact label="Trial ends">{d.get(..10).unwrap_or_default().to_owned()}</Fact> })}
                    <Fact label="Prices effective">{since}</Fact>
                </dl>
            </Card>
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
