//! Settings → Pricing: the partner's billing profiles (its retail price lists) with the
//! margin of each price over what the platform charges it, shown while typing; and its
//! tax rates. A change applies to invoices made from then on.

use leptos::prelude::*;
use leptos_meta::Title;
use model::{
    FieldErrors,
    billing::{Tier, dollars, rate_per_minute, tier_form::parse_rate},
    invoicing::{
        BillingProfile, ProfileForm, ProfileKind, TaxRate, TaxRateForm, cents_or_zero,
        format_percent, margin_bp,
    },
};

use super::{
    BUTTON, QUIET, SaveInvoiceSettings, SaveProfile, SaveTaxRate, collection_card::CollectionCard,
    pricing, settings_card::InvoiceSettingsCard,
};
use crate::{
    auth::Protected,
    context::use_viewer,
    error::{ErrorAlert, split_errors},
    ui::{Card, Skeleton, TextField},
};

#[component]
pub fn PricingPage() -> impl IntoView {
    let save = ServerAction::<SaveProfile>::new();
    let save_rate = ServerAction::<SaveTaxRate>::new();
    let save_settings = ServerAction::<SaveInvoiceSettings>::new();
    let data = Resource::new(
        move || {
            (
                save.value().get().and_then(Result::ok).map(|p| p.id),
                save_rate.version().get(),
                save_settings.value().get().and_then(Result::ok),
            )
        },
        |_| pricing(),
    );
    view! {
        <Title text="Pricing"/>
        <Protected>
            <h1 class="text-2xl font-bold tracking-tight">"Pricing"</h1>
            <p class="mt-1 max-w-3xl text-sm text-slate-600 dark:text-slate-400">
                "What your tenants pay you. Give each tenant a profile on its page; prices are per month, and each price shows what you keep over your wholesale price. "
                <a class="text-brand underline" href="/help/partner/billing-your-customers">"How billing works"</a>
            </p>
            <div class="mt-6 space-y-6">
                <Transition fallback=|| view! { <Skeleton lines=6/> }>
                    {move || Suspend::new(async move {
                        match data.await {
                            Ok(p) => view! {
                                <Profiles profiles=p.profiles wholesale=p.wholesale save/>
                                <Rates rates=p.rates save=save_rate/>
                                <InvoiceSettingsCard settings=p.settings save=save_settings/>
                            }.into_any(),
                            Err(error) => view! { <ErrorAlert error/> }.into_any(),
                        }
                    })}
                </Transition>
                <CollectionCard/>
            </div>
        </Protected>
    }
}

#[component]
fn Profiles(
    profiles: Vec<BillingProfile>,
    wholesale: Tier,
    save: ServerAction<SaveProfile>,
) -> impl IntoView {
    let can_write = use_viewer().is_some_and(|v| v.can_write());
    // Which profile the editor shows: `Some("")` a new one.
    let editing = RwSignal::new(None::<String>);
    let all = StoredValue::new(profiles.clone());
    view! {
        <Card title="Billing profiles">
            <div class="relative -mx-5 overflow-x-auto">
                <table class="min-w-full text-left text-sm" data-testid="profiles-table">
                    <thead class="text-xs uppercase tracking-wide text-slate-500">
                        <tr>
                            <th scope="col" class="px-5 py-2">"Name"</th>
                            <th scope="col" class="px-5 py-2">"Kind"</th>
                            <th scope="col" class="px-5 py-2 text-right">"Base fee"</th>
                            <th scope="col" class="px-5 py-2 text-right">"Per extension"</th>
                            <th scope="col" class="px-5 py-2 text-right">"Tenants"</th>
                            <th scope="col" class="px-5 py-2"><span class="sr-only">"Actions"</span></th>
                        </tr>
                    </thead>
                    <tbody class="divide-y divide-slate-200 dark:divide-slate-800">
                        {profiles.into_iter().map(|p| {
                            let id = p.id.clone();
                            view! {
                                <tr>
                                    <td class="px-5 py-2 font-medium">{p.name.clone()}{p.trial_days.map(|d| format!(" (trial, {d} days)"))}</td>
                                    <td class="px-5 py-2">{p.kind.label()}</td>
                                    <td class="px-5 py-2 text-right tabular-nums">{dollars(p.base_fee_cents)}</td>
                                    <td class="px-5 py-2 text-right tabular-nums">{dollars(p.prices.extension_cents)}</td>
                                    <td class="px-5 py-2 text-right tabular-nums">{p.tenant_count}</td>
                                    <td class="px-5 py-2 text-right">
                                        {can_write.then(|| view! {
                                            <button type="button" class=QUIET on:click=move |_| editing.set(Some(id.clone()))>"Edit"<span class="sr-only">{format!(" {}", p.name)}</span></button>
                                        })}
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            {can_write.then(|| view! {
                <button type="button" class=format!("mt-4 {BUTTON}") on:click=move |_| editing.set(Some(String::new())) data-testid="new-profile">"New profile"</button>
            })}
        </Card>
        {move || editing.get().map(|id| {
            let current = all.with_value(|all| all.iter().find(|p| p.id == id).cloned());
            let others = all.get_value();
            view! { <ProfileEditor id current others wholesale=wholesale.clone() save done=editing/> }
        })}
    }
}

/// "Margin $2.00 (40 %)" for a typed price against its wholesale price.
fn margin_text(typed: &str, wholesale: i64, per_minute: bool) -> (String, bool) {
    let retail = if per_minute {
        parse_rate(typed)
    } else {
        cents_or_zero(typed)
    };
    let shown = |v: i64| {
        if per_minute {
            rate_per_minute(v)
        } else {
            dollars(v)
        }
    };
    match retail {
        Err(_) => (String::new(), false),
        Ok(0) => (
            format!("Free to the tenant (you pay {})", shown(wholesale)),
            true,
        ),
        Ok(r) => {
            let bp = margin_bp(r, wholesale).unwrap_or_default();
            let below = r < wholesale;
            let text = format!(
                "Wholesale {} · margin {} ({}.{} %)",
                shown(wholesale),
                shown(r - wholesale),
                bp / 100,
                (bp % 100).abs() / 10
            );
            (text, below)
        }
    }
}

#[component]
fn ProfileEditor(
    id: String,
    current: Option<BillingProfile>,
    others: Vec<BillingProfile>,
    wholesale: Tier,
    save: ServerAction<SaveProfile>,
    done: RwSignal<Option<String>>,
) -> impl IntoView {
    let start = current
        .as_ref()
        .map(ProfileForm::of)
        .unwrap_or_else(|| ProfileForm {
            kind: ProfileKind::FlatRate.as_str().into(),
            currency: "USD".into(),
            ..ProfileForm::default()
        });
    let form = RwSignal::new(start);
    let local = RwSignal::new(None::<FieldErrors>);
    let (server, other) = split_errors(move || save.value().get());
    let errors = Signal::derive(move || local.get().or_else(|| server.get()));
    let title = if current.is_some() {
        "Edit profile"
    } else {
        "New profile"
    };
    let id = StoredValue::new(id);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let f = form.get_untracked();
        match f.validate() {
            Err(e) => local.set(Some(e)),
            Ok(_) => {
                local.set(None);
                save.dispatch(SaveProfile {
                    id: id.get_value(),
                    form: f,
                });
            }
        }
    };
    // A saved profile closes the editor (the list reloads with it).
    Effect::new(move |_| {
        if matches!(save.value().get(), Some(Ok(_))) {
            done.set(None);
        }
    });
    let field = move |name: &'static str,
                      label: &'static str,
                      get: fn(&ProfileForm) -> String,
                      set: fn(&mut ProfileForm, String),
                      margin: Option<(i64, bool)>| {
        let value = Signal::derive(move || form.with(get));
        let hint = margin.map(|(wholesale, per_minute)| {
            move || {
                let (text, below) = margin_text(&value.get(), wholesale, per_minute);
                view! { <p class=if below { "mt-1 text-xs text-amber-700 dark:text-amber-400" } else { "mt-1 text-xs text-slate-500 dark:text-slate-400" } data-testid=format!("margin-{name}")>{text}</p> }
            }
        });
        view! {
            <div>
                <TextField name label value errors on_input=Callback::new(move |v| form.update(|f| set(f, v)))/>
                {hint}
            </div>
        }
    };
    view! {
        <Card title=title>
            <form class="space-y-5" on:submit=submit novalidate data-testid="profile-form">
                <div class="grid gap-4 sm:grid-cols-2">
                    {field("name", "Name", |f| f.name.clone(), |f, v| f.name = v, None)}
                    <label class="block text-sm font-medium">"Kind"
                        <select class=super::INPUT on:change=move |ev| form.update(|f| f.kind = event_target_value(&ev))>
                            {[ProfileKind::FlatRate, ProfileKind::Payg].into_iter().map(|k| view! {
                                <option value=k.as_str() selected=move || form.with(|f| f.kind == k.as_str())>{k.label()}</option>
                            }).collect_view()}
                        </select>
                    </label>
                    {field("base_fee", "Base fee a month ($)", |f| f.base_fee.clone(), |f, v| f.base_fee = v, None)}
                    {field("trial_days", "Trial days (empty: no trial)", |f| f.trial_days.clone(), |f, v| f.trial_days = v, None)}
                    {field("suspend_after_days", "Suspend unpaid after days (empty: your default)", |f| f.suspend_after_days.clone(), |f, v| f.suspend_after_days = v, None)}
                </div>
                <fieldset class="grid gap-4 sm:grid-cols-2">
                    <legend class="mb-2 text-sm font-semibold">"Prices beyond what is included"</legend>
                    {field("extension", "Per extension a month ($)", |f| f.extension.clone(), |f, v| f.extension = v, Some((wholesale.extension_cents, false)))}
                    {field("local_number", "Per local number a month ($)", |f| f.local_number.clone(), |f, v| f.local_number = v, Some((wholesale.local_did_cents, false)))}
                    {field("toll_free_number", "Per toll-free number a month ($)", |f| f.toll_free_number.clone(), |f, v| f.toll_free_number = v, Some((wholesale.toll_free_did_cents, false)))}
                    {field("local_minute", "Per local minute ($, up to 6 decimals)", |f| f.local_minute.clone(), |f, v| f.local_minute = v, Some((wholesale.local_minute_micros, true)))}
                    {field("toll_free_minute", "Per toll-free minute ($)", |f| f.toll_free_minute.clone(), |f, v| f.toll_free_minute = v, Some((wholesale.toll_free_minute_micros, true)))}
                </fieldset>
                <fieldset class="grid gap-4 sm:grid-cols-2">
                    <legend class="mb-2 text-sm font-semibold">"Included in the base fee"</legend>
                    {field("included_extensions", "Extensions", |f| f.included_extensions.clone(), |f, v| f.included_extensions = v, None)}
                    {field("included_local_numbers", "Local numbers", |f| f.included_local_numbers.clone(), |f, v| f.included_local_numbers = v, None)}
                    {field("included_toll_free_numbers", "Toll-free numbers", |f| f.included_toll_free_numbers.clone(), |f, v| f.included_toll_free_numbers = v, None)}
                    {field("included_minutes", "Minutes", |f| f.included_minutes.clone(), |f, v| f.included_minutes = v, None)}
                </fieldset>
                {move || (!form.with(|f| f.trial_days.trim().is_empty())).then(|| {
                    let choices = others.iter().filter(|p| p.trial_days.is_none()).cloned().collect::<Vec<_>>();
                    view! {
                        <label class="block text-sm font-medium">"When the trial ends, move to"
                            <select class=super::INPUT on:change=move |ev| form.update(|f| f.converts_to = event_target_value(&ev))>
                                <option value="">"Choose a profile"</option>
                                {choices.into_iter().map(|p| view! { <option value=p.id.clone() selected=form.with_untracked(|f| f.converts_to == p.id)>{p.name}</option> }).collect_view()}
                            </select>
                            <span class="mt-1 block text-xs text-red-700 dark:text-red-400" role="alert">{move || crate::error::first(errors, "converts_to").get()}</span>
                        </label>
                    }
                })}
                {move || other.get().map(|error| view! { <ErrorAlert error/> })}
                <div class="flex gap-3">
                    <button type="submit" class=BUTTON disabled=move || save.pending().get()>{move || if save.pending().get() { "Saving…" } else { "Save profile" }}</button>
                    <button type="button" class=QUIET on:click=move |_| done.set(None)>"Cancel"</button>
                </div>
            </form>
        </Card>
    }
}

#[component]
fn Rates(rates: Vec<TaxRate>, save: ServerAction<SaveTaxRate>) -> impl IntoView {
    let can_write = use_viewer().is_some_and(|v| v.can_write());
    let (fields, other) = split_errors(move || save.value().get());
    let form = RwSignal::new(TaxRateForm {
        enabled: true,
        ..TaxRateForm::default()
    });
    let editing = RwSignal::new(String::new());
    let local = RwSignal::new(None::<FieldErrors>);
    // The rate's fields are `tax_…` on the page, so their ids never clash with the
    // profile editor's beside them.
    let errors = Signal::derive(move || {
        local.get().or_else(|| fields.get()).map(|e| {
            let mut out = FieldErrors::new();
            for (field, messages) in e.iter() {
                for m in messages {
                    out.add(&format!("tax_{field}"), m.clone());
                }
            }
            out
        })
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let f = form.get_untracked();
        match f.validate() {
            Err(e) => local.set(Some(e)),
            Ok(_) => {
                local.set(None);
                save.dispatch(SaveTaxRate {
                    id: editing.get_untracked(),
                    form: f,
                });
            }
        }
    };
    let empty = rates.is_empty();
    view! {
        <Card title="Tax rates">
            {empty.then(|| view! {
                <p class="text-sm text-slate-600 dark:text-slate-400" data-testid="no-tax-rates">"No tax rates yet. Add the ones you must charge, then choose them on each tenant's page. A rate applies to invoices made from then on."</p>
            })}
            {(!empty).then(|| view! {
                <div class="relative -mx-5 overflow-x-auto">
                    <table class="min-w-full text-left text-sm" data-testid="rates-table">
                        <thead class="text-xs uppercase tracking-wide text-slate-500">
                            <tr>
                                <th scope="col" class="px-5 py-2">"Name"</th>
                                <th scope="col" class="px-5 py-2">"Code"</th>
                                <th scope="col" class="px-5 py-2 text-right">"Rate"</th>
                                <th scope="col" class="px-5 py-2">"Enabled"</th>
                                <th scope="col" class="px-5 py-2"><span class="sr-only">"Actions"</span></th>
                            </tr>
                        </thead>
                        <tbody class="divide-y divide-slate-200 dark:divide-slate-800">
                            {rates.into_iter().map(|r| {
                                let edit = r.clone();
                                view! {
                                    <tr>
                                        <td class="px-5 py-2">{r.name}</td>
                                        <td class="px-5 py-2"><code>{r.code}</code></td>
                                        <td class="px-5 py-2 text-right tabular-nums">{format!("{} %", format_percent(r.ppm))}</td>
                                        <td class="px-5 py-2">{if r.enabled { "Yes" } else { "No" }}</td>
                                        <td class="px-5 py-2 text-right">{can_write.then(|| view! {
                                            <button type="button" class=QUIET on:click=move |_| { editing.set(edit.id.clone()); form.set(TaxRateForm::of(&edit)); }>"Edit"</button>
                                        })}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            })}
            {can_write.then(|| view! {
                <form class="mt-4 grid gap-4 sm:grid-cols-4 sm:items-end" on:submit=submit novalidate data-testid="tax-rate-form">
                    <TextField name="tax_name" label="Tax name" value=Signal::derive(move || form.with(|f| f.name.clone())) errors on_input=Callback::new(move |v| form.update(|f| f.name = v))/>
                    <TextField name="tax_code" label="Code" value=Signal::derive(move || form.with(|f| f.code.clone())) errors on_input=Callback::new(move |v| form.update(|f| f.code = v))/>
                    <TextField name="tax_rate" label="Rate (%)" value=Signal::derive(move || form.with(|f| f.rate.clone())) errors on_input=Callback::new(move |v| form.update(|f| f.rate = v))/>
                    <div class="space-y-2">
                        <label class="flex items-center gap-2 text-sm"><input type="checkbox" prop:checked=move || form.with(|f| f.enabled) on:change=move |ev| form.update(|f| f.enabled = event_target_checked(&ev))/>"Enabled"</label>
                        <button type="submit" class=BUTTON disabled=move || save.pending().get()>{move || if editing.get().is_empty() { "Add tax rate" } else { "Save tax rate" }}</button>
                    </div>
                    <div class="sm:col-span-4">{move || other.get().map(|error| view! { <ErrorAlert error/> })}</div>
                </form>
            })}
        </Card>
    }
}
