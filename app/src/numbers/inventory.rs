//! Numbers → Inventory: every number the partner holds, filtered by tenant, status and
//! E911 status (the query string, so a filtered view can be linked to), searched by
//! number or tenant name; assign, unassign and release one at a time.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use model::{
    billing::dollars,
    numbers::{CnamStatus, E911Status, InventoryFilter, NumberStatus, OwnedNumber},
};

use super::{
    actions::{NumberAction, inventory, tenant_choices},
    bulk::{BulkBar, Ticked},
};
use crate::{
    auth::Protected,
    context::use_viewer,
    error::ErrorAlert,
    ui::{Badge, Card, Skeleton, Tone},
};

pub fn status_badge(status: NumberStatus) -> impl IntoView {
    let (tone, label) = match status {
        NumberStatus::Active => (Tone::Good, "Active"),
        NumberStatus::Pending => (Tone::Warn, "Pending"),
        NumberStatus::Released => (Tone::Neutral, "Released"),
    };
    view! { <Badge tone label/> }
}

pub fn e911_badge(status: E911Status) -> impl IntoView {
    let (tone, label) = match status {
        E911Status::Registered => (Tone::Good, "Registered"),
        E911Status::Pending => (Tone::Warn, "Pending"),
        E911Status::Failed => (Tone::Bad, "Failed"),
        E911Status::NotSet => (Tone::Bad, "Not set"),
    };
    view! { <Badge tone label/> }
}

fn cnam_text(n: &OwnedNumber) -> String {
    let name = n.cnam.clone().unwrap_or_else(|| "Tenant default".into());
    match n.cnam_status {
        Some(CnamStatus::Pending) => format!("{name} · Pending"),
        Some(CnamStatus::Synced) => format!("{name} · Synced"),
        Some(CnamStatus::Failed) => format!("{name} · Failed"),
        None => name,
    }
}

#[component]
pub fn InventoryPage() -> impl IntoView {
    let query = use_query_map();
    let filter = move || {
        query.with(|q| InventoryFilter {
            tenant: q.get("tenant").unwrap_or_default(),
            e911: q.get("e911").unwrap_or_default(),
            status: q.get("status").unwrap_or_default(),
            q: q.get("q").unwrap_or_default(),
        })
    };
    let act = ServerAction::<NumberAction>::new();
    let bulk_runs = RwSignal::new(0usize);
    let selected = RwSignal::new(Vec::<Ticked>::new());
    let rows = Resource::new(
        move || (filter(), act.version().get(), bulk_runs.get()),
        |(f, _, _)| inventory(f),
    );
    let tenants = Resource::new(|| (), |_| tenant_choices());
    let select = "rounded-md border border-slate-300 bg-white px-2 py-2 text-sm dark:border-slate-700 dark:bg-slate-900";
    view! {
        <Title text="Numbers"/>
        <Protected>
            <div class="flex flex-wrap items-end justify-between gap-3">
                <h1 class="text-2xl font-bold tracking-tight">"Numbers"</h1>
                <a href="/numbers/buy" class="rounded-md bg-brand px-4 py-2 text-sm font-medium text-white hover:opacity-90">"Buy numbers"</a>
            </div>
            <form method="get" action="/numbers" class="mt-4 flex flex-wrap items-end gap-3" role="search" data-testid="inventory-filters">
                <label class="text-sm">"Search"<br/>
                    <input name="q" type="search" placeholder="Number or tenant" value=move || filter().q class=select/>
                </label>
                <label class="text-sm">"Tenant"<br/>
                    <select name="tenant" class=select>
                        <option value="">"All"</option>
                        <option value="unassigned" selected=move || filter().tenant == "unassigned">"Unassigned"</option>
                        <Transition>{move || tenants.get().and_then(Result::ok).map(|list| list.into_iter().map(|(id, name)| {
                            let chosen = filter().tenant == id;
                            view! { <option value=id selected=chosen>{name}</option> }
                        }).collect_view())}</Transition>
                    </select>
                </label>
                <label class="text-sm">"Status"<br/>
                    <select name="status" class=select>
                        <option value="">"In service or pending"</option>
                        {["ACTIVE", "PENDING", "RELEASED"].into_iter().map(|s| view! { <option value=s selected=move || filter().status == s>{s}</option> }).collect_view()}
                    </select>
                </label>
                <label class="text-sm">"E911"<br/>
                    <select name="e911" class=select>
                        <option value="">"Any"</option>
                        {[("NOT_SET", "Not set"), ("PENDING", "Pending"), ("FAILED", "Failed"), ("REGISTERED", "Registered")].into_iter()
                            .map(|(v, l)| view! { <option value=v selected=move || filter().e911 == v>{l}</option> }).collect_view()}
                    </select>
                </label>
                <button type="submit" class="rounded-md border border-slate-300 px-4 py-2 text-sm dark:border-slate-700">"Filter"</button>
            </form>
            <div class="mt-6 space-y-4">
                <Transition>
                    {move || tenants.get().and_then(Result::ok).map(|list| view! { <BulkBar selected tenants=list done=bulk_runs/> })}
                </Transition>
                {move || act.value().get().and_then(Result::err).map(|error| view! { <ErrorAlert error/> })}
                <Card title="Inventory">
                    <Transition fallback=|| view! { <Skeleton lines=5/> }>
                        {move || Suspend::new(async move {
                            match rows.await {
                                Ok(list) if list.is_empty() => view! {
                                    <p class="text-sm text-slate-600 dark:text-slate-400" data-testid="no-numbers">"No numbers here yet. "<a class="text-brand underline" href="/numbers/buy">"Buy your first numbers"</a>" to give your tenants a phone line."</p>
                                }.into_any(),
                                Ok(list) => view! { <Table list act tenants selected/> }.into_any(),
                                Err(error) => view! { <ErrorAlert error/> }.into_any(),
                            }
                        })}
                    </Transition>
                </Card>
            </div>
        </Protected>
    }
}

#[component]
fn Table(
    list: Vec<OwnedNumber>,
    act: ServerAction<NumberAction>,
    tenants: Resource<Result<Vec<(String, String)>, crate::error::FnError>>,
    selected: RwSignal<Vec<Ticked>>,
) -> impl IntoView {
    let can_write = use_viewer().is_some_and(|v| v.can_write());
    view! {
        <div class="relative overflow-x-auto">
            <table class="w-full text-left text-sm" data-testid="inventory">
                <thead class="text-slate-500"><tr>
                    {can_write.then(|| view! { <th class="py-2 pr-2"><span class="sr-only">"Select"</span></th> })}
                    <th class="py-2 pr-3 font-medium">"Number"</th>
                    <th class="py-2 pr-3 font-medium">"Tenant"</th>
                    <th class="py-2 pr-3 font-medium">"Status"</th>
                    <th class="hidden py-2 pr-3 font-medium lg:table-cell">"Call flow"</th>
                    <th class="hidden py-2 pr-3 font-medium md:table-cell">"CNAM"</th>
                    <th class="py-2 pr-3 font-medium">"E911"</th>
                    <th class="hidden py-2 pr-3 font-medium sm:table-cell">"Monthly"</th>
                    {can_write.then(|| view! { <th class="py-2 font-medium"><span class="sr-only">"Actions"</span></th> })}
                </tr></thead>
                <tbody class="divide-y divide-slate-200 dark:divide-slate-800">
                    {list.into_iter().map(|n| view! { <Row n act tenants can_write selected/> }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
fn Row(
    n: OwnedNumber,
    act: ServerAction<NumberAction>,
    tenants: Resource<Result<Vec<(String, String)>, crate::error::FnError>>,
    can_write: bool,
    selected: RwSignal<Vec<Ticked>>,
) -> impl IntoView {
    let id = n.id.clone();
    let chosen = RwSignal::new(String::new());
    // Releasing stops the number for good: a second click confirms.
    let confirming = RwSignal::new(false);
    let live = n.status != NumberStatus::Released;
    let run = move |action: &'static str| {
        let id = id.clone();
        move |_| {
            act.dispatch(NumberAction {
                id: id.clone(),
                action: action.to_owned(),
                tenant: chosen.get_untracked(),
            });
        }
    };
    let label = format!("Assign {} to", n.number);
    let ticked: Ticked = (n.id.clone(), n.number.to_string());
    let key = n.id.clone();
    let is_ticked = move || selected.with(|s| s.iter().any(|(id, _)| *id == key));
    let tick = move |_| {
        let item = ticked.clone();
        selected.update(|s| match s.iter().position(|(id, _)| *id == item.0) {
            Some(at) => {
                s.remove(at);
            }
            None => s.push(item),
        });
    };
    let select_label = format!("Select {}", n.number);
    let href = format!("/numbers/{}", n.id);
    view! {
        <tr data-testid="number-row" data-number=n.number.e164().to_owned()>
            {(can_write && live).then(|| view! { <td class="py-2 pr-2"><input type="checkbox" aria-label=select_label prop:checked=is_ticked on:change=tick/></td> })}
            {(can_write && !live).then(|| view! { <td></td> })}
            <td class="py-2 pr-3 font-mono"><a class="text-brand underline" href=href>{n.number.to_string()}</a><span class="block text-xs font-sans text-slate-500">{n.region.clone()}</span></td>
            <td class="py-2 pr-3" data-testid="number-tenant">{n.tenant.as_ref().map_or_else(|| "Unassigned".to_owned(), |t| t.name.clone())}</td>
            <td class="py-2 pr-3" data-testid="number-status">{status_badge(n.status)}</td>
            <td class="hidden py-2 pr-3 lg:table-cell">{n.call_flow.clone().unwrap_or_else(|| "—".into())}</td>
            <td class="hidden py-2 pr-3 md:table-cell">{cnam_text(&n)}</td>
            <td class="py-2 pr-3">{e911_badge(n.e911_status)}</td>
            <td class="hidden py-2 pr-3 sm:table-cell">{dollars(n.monthly_cents)}</td>
            {(can_write && live).then(|| view! {
                <td class="py-2">
                    <div class="flex flex-wrap items-center gap-2">
                        <select aria-label=label class="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900"
                            on:change=move |ev| chosen.set(event_target_value(&ev))>
                            <option value="">"Tenant…"</option>
                            <Transition>{move || tenants.get().and_then(Result::ok).map(|list| list.into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view())}</Transition>
                        </select>
                        <button type="button" on:click=run("assign") disabled=move || chosen.with(String::is_empty) || act.pending().get()
                            class="rounded-md bg-brand px-3 py-1 text-sm font-medium text-white disabled:opacity-50">"Assign"</button>
                        {n.tenant.is_some().then(|| view! {
                            <button type="button" on:click=run("unassign") class="rounded-md border border-slate-300 px-3 py-1 text-sm dark:border-slate-700">"Unassign"</button>
                        })}
                        <Show when=move || confirming.get() fallback=move || view! {
                            <button type="button" on:click=move |_| confirming.set(true) class="rounded-md border border-red-300 px-3 py-1 text-sm text-red-700 dark:border-red-800 dark:text-red-400">"Release"</button>
                        }>
                            <span class="text-sm">"Release for good? Its monthly charge stops."</span>
                            <button type="button" on:click=run("release") class="rounded-md bg-red-700 px-3 py-1 text-sm font-medium text-white">"Release number"</button>
                            <button type="button" on:click=move |_| confirming.set(false) class="rounded-md border border-slate-300 px-3 py-1 text-sm dark:border-slate-700">"Keep"</button>
                        </Show>
                    </div>
                </td>
            })}
        </tr>
    }
    .into_any()
}
