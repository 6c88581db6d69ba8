//! Numbers → E911: how every number stands (a bar to look at, counts to read), the
//! numbers in a chosen status with a link to fix each, and one address applied to all
//! numbers of a tenant. Green when every live number has a registered address.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use model::numbers::{E911Summary, InventoryFilter};

use super::{
    actions::{ApplyTenantE911, inventory, numbers_e911_summary, tenant_choices},
    e911_badge,
};
use crate::{
    auth::Protected,
    context::use_viewer,
    error::{ErrorAlert, split_errors},
    ui::{Card, Skeleton, TextField},
};

#[component]
pub fn E911Page() -> impl IntoView {
    let query = use_query_map();
    let status = move || query.with(|q| q.get("status").unwrap_or_else(|| "NOT_SET".into()));
    let apply = ServerAction::<ApplyTenantE911>::new();
    // Reload after a successful apply only, so a refused form keeps what was typed.
    let applied = move || apply.value().get().and_then(Result::ok);
    let summary = Resource::new(applied, |_| numbers_e911_summary());
    let rows = Resource::new(
        move || (status(), applied()),
        |(status, _)| {
            inventory(InventoryFilter {
                e911: status,
                ..Default::default()
            })
        },
    );
    view! {
        <Title text="E911"/>
        <Protected>
            <h1 class="text-2xl font-bold tracking-tight">"E911 compliance"</h1>
            <p class="mt-1 max-w-3xl text-sm text-slate-600 dark:text-slate-400">"Every number needs a registered emergency address: a number without one cannot call 911."</p>
            <div class="mt-6 space-y-6">
                <Transition fallback=|| view! { <Skeleton lines=2/> }>
                    {move || Suspend::new(async move {
                        match summary.await {
                            Ok(s) => view! { <Overview s/> }.into_any(),
                            Err(error) => view! { <ErrorAlert error/> }.into_any(),
                        }
                    })}
                </Transition>
                <div class="grid gap-6 lg:grid-cols-3">
                    <div class="lg:col-span-2">
                        <Card title="Numbers">
                            <nav aria-label="E911 status" class="mb-3 flex flex-wrap gap-2 text-sm">
                                {[("NOT_SET", "Not set"), ("FAILED", "Failed"), ("PENDING", "Pending"), ("REGISTERED", "Registered")].into_iter().map(|(v, l)| view! {
                                    <a href=format!("/numbers/e911?status={v}") aria-current=move || (status() == v).then_some("page")
                                        class="rounded-full border border-slate-300 px-3 py-1 aria-[current=page]:border-brand aria-[current=page]:text-brand dark:border-slate-700">{l}</a>
                                }).collect_view()}
                            </nav>
                            <Transition fallback=|| view! { <Skeleton lines=3/> }>
                                {move || Suspend::new(async move {
                                    match rows.await {
                                        Ok(list) if list.is_empty() => view! { <p class="text-sm text-slate-600 dark:text-slate-400" data-testid="e911-empty">"No numbers in this state."</p> }.into_any(),
                                        Ok(list) => view! {
                                            <ul class="divide-y divide-slate-200 text-sm dark:divide-slate-800" data-testid="e911-numbers">
                                                {list.into_iter().map(|n| view! {
                                                    <li class="flex flex-wrap items-center gap-3 py-2">
                                                        <a class="font-mono text-brand underline" href=format!("/numbers/{}", n.id)>{n.number.to_string()}</a>
                                                        <span>{n.tenant.map_or_else(|| "Unassigned".to_owned(), |t| t.name)}</span>
                                                        {e911_badge(n.e911_status)}
                                                        {n.e911_reason.map(|r| view! { <span class="text-red-700 dark:text-red-400">{r}</span> })}
                                                    </li>
                                                }).collect_view()}
                                            </ul>
                                        }.into_any(),
                                        Err(error) => view! { <ErrorAlert error/> }.into_any(),
                                    }
                                })}
                            </Transition>
                        </Card>
                    </div>
                    <ApplyToTenant apply/>
                </div>
            </div>
        </Protected>
    }
}

/// The share of numbers in each state, as one bar, with the counts beside it.
#[component]
fn Overview(s: E911Summary) -> impl IntoView {
    let total = (s.registered + s.pending + s.failed + s.not_set).max(1);
    let width = |n: usize| format!("width: {:.2}%", n as f64 * 100.0 / total as f64);
    let compliant = s.compliant();
    let headline = if compliant {
        format!(
            "All {} numbers have a registered emergency address.",
            s.registered
        )
    } else {
        format!(
            "{} of {} numbers still need attention.",
            s.pending + s.failed + s.not_set,
            s.registered + s.pending + s.failed + s.not_set
        )
    };
    let tone = if compliant {
        "border-green-300 bg-green-50 text-green-900 dark:border-green-800 dark:bg-green-950 dark:text-green-100"
    } else {
        "border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
    };
    view! {
        <div class=format!("rounded-md border p-4 {tone}") data-testid="e911-summary" data-compliant=compliant.to_string()>
            <p class="font-medium">{if compliant { "✓ " } else { "! " }}{headline}</p>
            <div class="mt-3 flex h-3 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-700" role="img"
                aria-label=format!("{} registered, {} pending, {} failed, {} not set", s.registered, s.pending, s.failed, s.not_set)>
                <span class="bg-green-600" style=width(s.registered)></span>
                <span class="bg-amber-500" style=width(s.pending)></span>
                <span class="bg-red-600" style=width(s.failed)></span>
                <span class="bg-slate-400" style=width(s.not_set)></span>
            </div>
            <p class="mt-2 text-sm">{format!("Registered {} · Pending {} · Failed {} · Not set {}", s.registered, s.pending, s.failed, s.not_set)}</p>
        </div>
    }
    .into_any()
}

#[component]
fn ApplyToTenant(apply: ServerAction<ApplyTenantE911>) -> impl IntoView {
    let can_write = use_viewer().is_some_and(|v| v.can_write());
    let tenants = Resource::new(|| (), |_| tenant_choices());
    let (fields, other) = split_errors(move || apply.value().get());
    view! {
        <Card title="Apply to all numbers of a tenant">
            <ActionForm action=apply attr:novalidate=true attr:class="space-y-3" attr:data-testid="e911-apply">
                <label class="block text-sm font-medium" for="e911-tenant">"Tenant"</label>
                <select id="e911-tenant" name="tenant" class="w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-900">
                    <Transition>{move || tenants.get().and_then(Result::ok).map(|list| list.into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view())}</Transition>
                </select>
                <TextField name="e911_street" input_name="form[street]" label="Street (with building number)" errors=fields/>
                <TextField name="e911_city" input_name="form[city]" label="City" errors=fields/>
                <div class="grid grid-cols-2 gap-3">
                    <TextField name="e911_state" input_name="form[state]" label="State" errors=fields/>
                    <TextField name="e911_zip" input_name="form[zip]" label="ZIP" errors=fields/>
                </div>
                {move || other.get().map(|error| view! { <ErrorAlert error/> })}
                {move || apply.value().get().and_then(Result::ok).map(|o| view! {
                    <p role="status" class="text-sm text-green-700 dark:text-green-400" data-testid="e911-applied">{format!("Sent for {} number{}; registration follows in moments.", o.done, if o.done == 1 { "" } else { "s" })}</p>
                })}
                {can_write.then(|| view! {
                    <button type="submit" disabled=move || apply.pending().get() class="rounded-md bg-brand px-4 py-2 text-sm font-medium text-white hover:opacity-90 disabled:opacity-60">
                        {move || if apply.pending().get() { "Applying…" } else { "Apply address" }}
                    </button>
                })}
            </ActionForm>
        </Card>
    }
    .into_any()
}
