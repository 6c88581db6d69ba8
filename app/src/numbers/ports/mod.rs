//! Numbers → Port In: the partner's port requests (`/numbers/ports`), filing a new one
//! (`/numbers/ports/new`) and following one (`/numbers/ports/{id}`).

mod actions;
mod detail;
mod form;

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_query_map};
use model::numbers::ports::{PortForm, PortStatus, PortSummary};

pub use detail::PortPage;

use crate::{
    auth::Protected,
    context::use_viewer,
    error::ErrorAlert,
    ui::{Badge, Card, Skeleton, Tone},
};
use actions::list_ports;
use form::PortRequestForm;

pub fn port_badge(status: PortStatus) -> impl IntoView {
    let tone = match status {
        PortStatus::Completed => Tone::Good,
        PortStatus::Rejected => Tone::Bad,
        PortStatus::Cancelled => Tone::Neutral,
        PortStatus::Pending | PortStatus::Submitted | PortStatus::FocReceived => Tone::Warn,
    };
    view! { <Badge tone label=status.label()/> }
}

#[component]
pub fn PortsPage() -> impl IntoView {
    let query = use_query_map();
    let status = move || query.with(|q| q.get("status").unwrap_or_default());
    let rows = Resource::new(status, list_ports);
    let can_write = use_viewer().is_some_and(|v| v.can_write());
    view! {
        <Title text="Port in"/>
        <Protected>
            <div class="flex flex-wrap items-end justify-between gap-4">
                <div>
                    <h1 class="text-2xl font-bold tracking-tight">"Port numbers in"</h1>
                    <p class="mt-1 max-w-3xl text-sm text-slate-600 dark:text-slate-400">
                        "Bring a customer's existing numbers over from their current carrier. Most ports take one to three weeks; you get an email at every step."
                    </p>
                </div>
                {can_write.then(|| view! {
                    <a href="/numbers/ports/new" class="rounded-md bg-brand px-4 py-2 text-sm font-medium text-white hover:opacity-90">"New port request"</a>
                })}
            </div>
            <nav aria-label="Request status" class="mt-6 flex flex-wrap gap-2 text-sm">
                {[("", "All"), ("open", "Open"), ("REJECTED", "Rejected"), ("COMPLETED", "Completed"), ("CANCELLED", "Cancelled")].into_iter().map(|(v, l)| view! {
                    <a href=if v.is_empty() { "/numbers/ports".to_owned() } else { format!("/numbers/ports?status={v}") }
                        aria-current=move || (status() == v).then_some("page")
                        class="rounded-full border border-slate-300 px-3 py-1 aria-[current=page]:border-brand aria-[current=page]:text-brand dark:border-slate-700">{l}</a>
                }).collect_view()}
            </nav>
            <div class="mt-4">
                <Transition fallback=|| view! { <Skeleton lines=4/> }>
                    {move || Suspend::new(async move {
                        match rows.await {
                            Ok(list) if list.is_empty() => view! { <NoPorts/> }.into_any(),
                            Ok(list) => view! { <PortTable list/> }.into_any(),
                            Err(error) => view! { <ErrorAlert error/> }.into_any(),
                        }
                    })}
                </Transition>
            </div>
        </Protected>
    }
}

#[component]
fn NoPorts() -> impl IntoView {
    view! {
        <div class="rounded-lg border border-dashed border-slate-300 p-8 text-center dark:border-slate-700" data-testid="no-ports">
            <p class="font-medium">"No port requests here."</p>
            <p class="mt-1 text-sm text-slate-600 dark:text-slate-400">
                "Gather the customer's latest bill and a signed letter of authorization, then file a request: the numbers join your inventory, assigned to the customer, on the day they move."
            </p>
        </div>
    }
}

#[component]
fn PortTable(list: Vec<PortSummary>) -> impl IntoView {
    view! {
        <div class="overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-800">
            <table class="min-w-full divide-y divide-slate-200 text-sm dark:divide-slate-800" data-testid="ports">
                <thead class="bg-slate-50 text-left dark:bg-slate-900">
                    <tr>
                        <th scope="col" class="px-3 py-2 font-medium">"Numbers"</th>
                        <th scope="col" class="px-3 py-2 font-medium">"Customer"</th>
                        <th scope="col" class="px-3 py-2 font-medium">"From"</th>
                        <th scope="col" class="px-3 py-2 font-medium">"Status"</th>
                        <th scope="col" class="px-3 py-2 font-medium">"Moves on"</th>
                    </tr>
                </thead>
                <tbody class="divide-y divide-slate-200 dark:divide-slate-800">
                    {list.into_iter().map(|p| {
                        let first = p.numbers.first().map(ToString::to_string).unwrap_or_default();
                        let more = p.numbers.len().saturating_sub(1);
                        let date = p.foc_date.map_or_else(
                            || format!("{} (asked)", p.desired_date.format("%b %-d, %Y")),
                            |d| d.format("%b %-d, %Y").to_string(),
                        );
                        view! {
                            <tr data-testid="port-row" data-id=p.id.clone()>
                                <td class="whitespace-nowrap px-3 py-2">
                                    <a class="font-mono text-brand underline" href=format!("/numbers/ports/{}", p.id)>{first}</a>
                                    {(more > 0).then(|| view! { <span class="text-slate-500">{format!(" and {more} more")}</span> })}
                                </td>
                                <td class="px-3 py-2">{p.tenant}</td>
                                <td class="px-3 py-2">{p.losing_carrier}</td>
                                <td class="px-3 py-2" data-testid="port-status">{port_badge(p.status)}</td>
                                <td class="whitespace-nowrap px-3 py-2">{date}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
pub fn NewPortPage() -> impl IntoView {
    let navigate = use_navigate();
    let on_sent = Callback::new(move |request: model::numbers::ports::PortRequest| {
        navigate(
            &format!("/numbers/ports/{}", request.id),
            Default::default(),
        );
    });
    view! {
        <Title text="New port request"/>
        <Protected>
            <p class="text-sm"><a class="text-brand underline" href="/numbers/ports">"Port in"</a>" / New request"</p>
            <h1 class="mt-1 text-2xl font-bold tracking-tight">"New port request"</h1>
            <div class="mt-6 grid gap-6 lg:grid-cols-3">
                <div class="lg:col-span-2">
                    <Card title="Request">
                        <PortRequestForm initial=PortForm::default() url="/numbers/ports/submit".into()
                            submit_label="Submit request" documents_required=true on_sent/>
                    </Card>
                </div>
                <div class="lg:self-start"><Card title="Before you submit">
                    <ul class="list-disc space-y-2 pl-5 text-sm text-slate-700 dark:text-slate-300">
                        <li>"Copy the account holder, account number and service address from the customer's latest bill, word for word."</li>
                        <li>"AT&T, Verizon, T-Mobile and Sprint ask for the account PIN; get it from the customer first."</li>
                        <li>"The letter of authorization must be signed by the account holder, not an assistant."</li>
                        <li>"Keep the numbers in service with the current carrier until the port completes."</li>
                    </ul>
                    <p class="mt-3 text-sm"><a class="text-brand underline" href="/help/partner/phone-numbers#porting-numbers-in">"Porting, step by step"</a></p>
                </Card></div>
            </div>
        </Protected>
    }
}
