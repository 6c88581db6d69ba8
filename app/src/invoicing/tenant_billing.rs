//! The Billing card on a tenant's page: which profile it is invoiced on, how often, in
//! advance or after, its credit limit and tax rates; and a link to its invoices.

use leptos::prelude::*;
use model::{
    FieldErrors,
    billing::dollars,
    invoicing::{BillingMode, PeriodKind, TenantBilling, TenantBillingForm},
};

use super::{BUTTON, INPUT, SaveTenantBilling, pricing};
use crate::{
    error::{ErrorAlert, split_errors},
    ui::{Card, Skeleton, TextField},
};

#[component]
pub fn TenantBillingCard(tenant: String, billing: TenantBilling, can_write: bool) -> impl IntoView {
    let choices = Resource::new(|| (), |_| pricing());
    let save = ServerAction::<SaveTenantBilling>::new();
    let form = RwSignal::new(TenantBillingForm::of(&billing));
    let local = RwSignal::new(None::<FieldErrors>);
    let (server, other) = split_errors(move || save.value().get());
    let errors = Signal::derive(move || local.get().or_else(|| server.get()));
    let saved = move || matches!(save.value().get(), Some(Ok(_)));
    let id = StoredValue::new(tenant.clone());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let f = form.get_untracked();
        match f.validate() {
            Err(e) => local.set(Some(e)),
            Ok(_) => {
                local.set(None);
                save.dispatch(SaveTenantBilling {
                    tenant: id.get_value(),
                    form: f,
                });
            }
        }
    };
    let balance = dollars(billing.balance_cents);
    view! {
        <Card title="Billing">
            <Transition fallback=|| view! { <Skeleton lines=4/> }>
                {move || Suspend::new(async move {
                    let p = match choices.await {
                        Ok(p) => p,
                        Err(error) => return view! { <ErrorAlert error/> }.into_any(),
                    };
                    let profiles = p.profiles.clone();
                    let rates = p.rates.clone();
                    view! {
                        <form class="space-y-4" on:submit=submit novalidate data-testid="tenant-billing">
                            <fieldset disabled=!can_write class="space-y-4">
                                <label class="block text-sm font-medium">"Billing profile"
                                    <select class=INPUT on:change=move |ev| form.update(|f| f.profile_id = event_target_value(&ev)) data-testid="billing-profile">
                                        <option value="" selected=move || form.with(|f| f.profile_id.is_empty())>"Not invoiced"</option>
                                        {profiles.into_iter().map(|p| {
                                            let pid = p.id.clone();
                                            view! { <option value=p.id.clone() selected=move || form.with(|f| f.profile_id == pid)>{p.name}</option> }
                                        }).collect_view()}
                                    </select>
                                </label>
                                <label class="block text-sm font-medium">"Billing period"
                                    <select class=INPUT on:change=move |ev| form.update(|f| f.period = event_target_value(&ev)) data-testid="billing-period">
                                        {PeriodKind::ALL.into_iter().map(|k| view! {
                                            <option value=k.as_str() selected=move || form.with(|f| f.period == k.as_str())>{k.label()}</option>
                                        }).collect_view()}
                                    </select>
                                </label>
                                <label class="block text-sm font-medium">"Balance"
                                    <select class=INPUT on:change=move |ev| form.update(|f| f.mode = event_target_value(&ev))>
                                        {[(BillingMode::Postpaid, "Postpaid: invoiced after use"), (BillingMode::Prepaid, "Prepaid: pays in advance")].into_iter().map(|(m, label)| view! {
                                            <option value=m.as_str() selected=move || form.with(|f| f.mode == m.as_str())>{label}</option>
                                        }).collect_view()}
                                    </select>
                                </label>
                                {move || form.with(|f| f.mode == BillingMode::Postpaid.as_str()).then(|| view! {
                                    <TextField name="credit_limit" label="Credit limit ($, empty: none)" value=Signal::derive(move || form.with(|f| f.credit_limit.clone())) errors
                                        on_input=Callback::new(move |v| form.update(|f| f.credit_limit = v))/>
                                })}
                                {(!rates.is_empty()).then(|| view! {
                                    <fieldset>
                                        <legend class="text-sm font-medium">"Tax rates"</legend>
                                        {rates.into_iter().map(|r| {
                                            let (rid, rid2) = (r.id.clone(), r.id.clone());
                                            view! {
                                                <label class="mt-1 flex items-center gap-2 text-sm">
                                                    <input type="checkbox" prop:checked=move || form.with(|f| f.tax_rate_ids.contains(&rid))
                                                        on:change=move |ev| {
                                                            let on = event_target_checked(&ev);
                                                            form.update(|f| {
                                                                f.tax_rate_ids.retain(|x| *x != rid2);
                                                                if on { f.tax_rate_ids.push(rid2.clone()); }
                                                            });
                                                        }/>
                                                    {format!("{} ({} %)", r.name, model::invoicing::format_percent(r.ppm))}
                                                </label>
                                            }
                                        }).collect_view()}
                                    </fieldset>
                                })}
                            </fieldset>
                            {move || other.get().map(|error| view! { <ErrorAlert error/> })}
                            <p class="text-xs text-red-700 dark:text-red-400" role="alert">{move || crate::error::first(errors, "profile_id").get()}</p>
                            {can_write.then(|| view! {
                                <button type="submit" class=BUTTON disabled=move || save.pending().get()>{move || if save.pending().get() { "Saving…" } else { "Save billing" }}</button>
                            })}
                            <p role="status" class="text-sm text-green-700 dark:text-green-400">{move || saved().then_some("Saved. The next invoice follows these settings.")}</p>
                        </form>
                    }.into_any()
                })}
            </Transition>
            <p class="mt-4 text-sm">{format!("Balance: {balance}")}" · "
                <a class="text-brand underline" href=format!("/invoices?tenant={tenant}")>"Invoices"</a>
            </p>
        </Card>
    }
}
