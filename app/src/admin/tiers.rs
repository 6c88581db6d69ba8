//! `/admin/tiers`: the wholesale price list as the operator keeps it. Each tier's prices
//! change from a date (today or later); versions already in force, and everything billed
//! under them, stand. Scheduled versions are listed under the current ones.

use leptos::prelude::*;
use leptos_meta::Title;
use model::billing::{
    Tier, dollars, rate_per_minute,
    tier_form::{TierForm, parse_rate},
};

use crate::{
    auth::PlatformAdminOnly,
    error::{ErrorAlert, FnError, split_errors},
    ui::{Card, Skeleton, TextField},
};

#[server(prefix = "/api", endpoint = "tier_schedule")]
pub async fn tier_schedule() -> Result<Vec<Tier>, FnError> {
    let (db, meta) = (
        crate::context::services()?.db,
        crate::context::request_meta(),
    );
    Ok(domain::billing::tiers::schedule(&db, meta.viewer.as_ref(), chrono::Utc::now()).await?)
}

#[server(prefix = "/api", endpoint = "edit_tier")]
pub async fn edit_tier(code: String, form: TierForm) -> Result<Tier, FnError> {
    let (db, meta) = (
        crate::context::services()?.db,
        crate::context::request_meta(),
    );
    Ok(
        domain::billing::tiers::edit(&db, meta.viewer.as_ref(), &code, &form, chrono::Utc::now())
            .await?,
    )
}

#[component]
pub fn TiersPage() -> impl IntoView {
    // Bumped by any card's successful save, to reload the schedule.
    let saved = RwSignal::new(0usize);
    let tiers = Resource::new(move || saved.get(), |_| tier_schedule());
    view! {
        <Title text="Tiers"/>
        <PlatformAdminOnly>
            <h1 class="text-2xl font-bold tracking-tight">"Tiers"</h1>
            <p class="mt-1 text-sm text-slate-600 dark:text-slate-400">"What partners pay the platform. A change applies from the date you choose; anything billed before it stands."</p>
            <div class="mt-6 space-y-6">
                <Transition fallback=|| view! { <Skeleton lines=6/> }>
                    {move || Suspend::new(async move {
                        match tiers.await {
                            Ok(list) => view! { <Schedule list saved/> }.into_any(),
                            Err(error) => view! { <ErrorAlert error/> }.into_any(),
                        }
                    })}
                </Transition>
            </div>
        </PlatformAdminOnly>
    }
}

#[component]
fn Schedule(list: Vec<Tier>, saved: RwSignal<usize>) -> impl IntoView {
    let in_force: Vec<Tier> = list.iter().take(4).cloned().collect();
    view! {
        <Card title="Price list">
            <div class="-mx-5 overflow-x-auto">
                <table class="min-w-full text-left text-sm" data-testid="tier-schedule">
                    <thead class="text-xs uppercase tracking-wide text-slate-500">
                        <tr>
                            <th scope="col" class="px-5 py-2">"Tier"</th>
                            <th scope="col" class="px-5 py-2">"From"</th>
                            <th scope="col" class="px-5 py-2">"Monthly"</th>
                            <th scope="col" class="px-5 py-2">"Extensions"</th>
                            <th scope="col" class="px-5 py-2">"Per ext."</th>
                            <th scope="col" class="px-5 py-2">"DID local / TF"</th>
                            <th scope="col" class="px-5 py-2">"Minute local / TF"</th>
                            <th scope="col" class="px-5 py-2">"Per account"</th>
                        </tr>
                    </thead>
                    <tbody class="divide-y divide-slate-200 dark:divide-slate-800">
                        {list.into_iter().enumerate().map(|(i, t)| {
                            // The first four rows are in force; the rest are scheduled.
                            let scheduled = i > 3;
                            view! {
                            <tr class=if scheduled { "bg-amber-50 dark:bg-amber-950/40" } else { "" }>
                                <th scope="row" class="px-5 py-2 font-medium">{t.name.clone()}{scheduled.then_some(" (scheduled)")}</th>
                                <td class="px-5 py-2">{t.effective_from.get(..10).unwrap_or_default().to_owned()}</td>
                                <td class="px-5 py-2">{t.monthly_fee_cents.map_or_else(|| "Custom".to_owned(), dollars)}</td>
                                <td class="px-5 py-2">{t.extension_cap.map_or_else(|| "Unlimited".to_owned(), |n| n.to_string())}</td>
                                <td class="px-5 py-2">{dollars(t.extension_cents)}</td>
                                <td class="px-5 py-2">{format!("{} / {}", dollars(t.local_did_cents), dollars(t.toll_free_did_cents))}</td>
                                <td class="px-5 py-2">{format!("{} / {}", rate_per_minute(t.local_minute_micros), rate_per_minute(t.toll_free_minute_micros))}</td>
                                <td class="px-5 py-2">{dollars(t.account_fee_cents)}</td>
                            </tr>
                        }}).collect_view()}
                    </tbody>
                </table>
            </div>
        </Card>
        <div class="grid gap-6 lg:grid-cols-2">
            {in_force.into_iter().map(|t| view! { <EditTierCard tier=t saved/> }).collect_view()}
        </div>
    }
}

#[component]
fn EditTierCard(tier: Tier, saved: RwSignal<usize>) -> impl IntoView {
    let code = tier.code.as_str();
    let form = TierForm::of(&tier);
    // One action per card, so each shows only its own messages.
    let edit = ServerAction::<EditTier>::new();
    Effect::new(move |_| {
        if matches!(edit.value().get(), Some(Ok(_))) {
            saved.update(|n| *n += 1);
        }
    });
    let (fields, other) = split_errors(move || edit.value().get());
    view! {
        <Card title=format!("Change {}", tier.name)>
            <ActionForm action=edit attr:class="grid gap-3 sm:grid-cols-2" attr:novalidate=true attr:data-testid=format!("edit-tier-{code}")>
                <input type="hidden" name="code" value=code/>
                <TextField name="monthly_fee" input_name="form[monthly_fee]" label="Monthly fee (USD; empty = custom)" errors=fields value=form.monthly_fee.clone()/>
                <TextField name="extension_cap" input_name="form[extension_cap]" label="Extension cap (empty = unlimited)" errors=fields value=form.extension_cap.clone()/>
                <TextField name="extension" input_name="form[extension]" label="Per extension (USD)" errors=fields value=form.extension.clone()/>
                <TextField name="local_did" input_name="form[local_did]" label="Local number (USD/mo)" errors=fields value=form.local_did.clone()/>
                <TextField name="toll_free_did" input_name="form[toll_free_did]" label="Toll-free number (USD/mo)" errors=fields value=form.toll_free_did.clone()/>
                <TextField name="local_minute" input_name="form[local_minute]" label="Local minute (USD)" errors=fields value=form.local_minute.clone()
                    check=|v| parse_rate(v).map(|_| ())/>
                <TextField name="toll_free_minute" input_name="form[toll_free_minute]" label="Toll-free minute (USD)" errors=fields value=form.toll_free_minute.clone()
                    check=|v| parse_rate(v).map(|_| ())/>
                <TextField name="account_fee" input_name="form[account_fee]" label="Per customer account (USD/mo, used or not)" errors=fields value=form.account_fee.clone()
                    hint="The reseller subscription: charged monthly for each of a partner's tenants that is not cancelled."/>
                <TextField name="effective_from" input_name="form[effective_from]" label="Applies from" input_type="date" errors=fields/>
                <div class="space-y-2 sm:col-span-2">
                    {move || other.get().map(|error| view! { <ErrorAlert error/> })}
                    <button type="submit" class="rounded-md bg-brand px-4 py-2 text-sm font-medium text-white hover:opacity-90">"Schedule prices"</button>
                </div>
            </ActionForm>
        </Card>
    }
}
