//! One port request at `/numbers/ports/{id}`: where it stands (with what that means and,
//! when rejected, the carrier's reason and the form to fix and resubmit it), its
//! details and documents, and every change so far.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use model::numbers::ports::{PortEvent, PortRequest, PortStatus};

use super::{
    actions::{CancelPort, get_port},
    form::PortRequestForm,
    port_badge,
};
use crate::{
    auth::Protected,
    context::use_viewer,
    error::ErrorAlert,
    ui::{Card, Fact, Skeleton},
};

#[component]
pub fn PortPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    // Bumped by a resubmission or "Check again"; a cancel reloads through its action.
    let version = RwSignal::new(0u32);
    let cancel = ServerAction::<CancelPort>::new();
    let request = Resource::new(
        move || (id(), version.get(), cancel.version().get()),
        |(id, _, _)| get_port(id),
    );
    view! {
        <Protected>
            <Transition fallback=|| view! { <Skeleton lines=8/> }>
                {move || Suspend::new(async move {
                    match request.await {
                        Ok(p) => view! { <Port p version cancel/> }.into_any(),
                        Err(error) => view! { <Title text="Port request"/><ErrorAlert error/> }.into_any(),
                    }
                })}
            </Transition>
        </Protected>
    }
}

#[component]
fn Port(p: PortRequest, version: RwSignal<u32>, cancel: ServerAction<CancelPort>) -> impl IntoView {
    let can_write = use_viewer().is_some_and(|v| v.can_write());
    let first = p
        .numbers
        .first()
        .map(ToString::to_string)
        .unwrap_or_default();
    let title = match p.numbers.len() {
        0 | 1 => format!("Port of {first}"),
        n => format!("Port of {first} and {} more", n - 1),
    };
    let status = p.status;
    let rejected = (status == PortStatus::Rejected).then(|| p.clone());
    let id = p.id.clone();
    view! {
        <Title text=title.clone()/>
        <p class="text-sm"><a class="text-brand underline" href="/numbers/ports">"Port in"</a>" / Request"</p>
        <div class="mt-1 flex flex-wrap items-center gap-3">
            <h1 class="text-2xl font-bold tracking-tight">{title}</h1>
            <span data-testid="port-status">{port_badge(status)}</span>
        </div>
        <p class="mt-1 text-sm text-slate-600 dark:text-slate-400" data-testid="port-meaning">{status.meaning()}</p>
        <div class="mt-3 flex flex-wrap gap-3">
            {status.is_open().then(|| view! {
                <button type="button" on:click=move |_| version.update(|v| *v += 1)
                    class="rounded-md border border-slate-300 px-3 py-1.5 text-sm dark:border-slate-700">"Check again"</button>
            })}
            {(can_write && status.is_open()).then(|| view! { <CancelButton id=id.clone() cancel/> })}
        </div>
        <div class="mt-2">{move || cancel.value().get().and_then(Result::err).map(|error| view! { <ErrorAlert error/> })}</div>
        {rejected.map(|r| view! { <Rejected r can_write version/> })}
        <div class="mt-6 grid gap-6 lg:grid-cols-3">
            <Details p=p.clone()/>
            <Card title="Documents">
                <ul class="space-y-2 text-sm" data-testid="port-documents">
                    {p.documents.into_iter().map(|d| view! {
                        <li>
                            <a class="text-brand underline" href=d.url>{d.kind.label()}</a>
                            <span class="block text-xs text-slate-500">{format!("{} · {} KB", d.file_name, d.size.div_ceil(1024))}</span>
                        </li>
                    }).collect_view()}
                </ul>
            </Card>
            <History events=p.history/>
        </div>
    }
    .into_any()
}

/// Withdrawing asks once more: a cancelled request cannot be reopened.
#[component]
fn CancelButton(id: String, cancel: ServerAction<CancelPort>) -> impl IntoView {
    let asking = RwSignal::new(false);
    let id = StoredValue::new(id);
    view! {
        <Show when=move || asking.get() fallback=move || view! {
            <button type="button" on:click=move |_| asking.set(true)
                class="rounded-md border border-red-300 px-3 py-1.5 text-sm text-red-700 dark:border-red-800 dark:text-red-300">"Cancel request"</button>
        }>
            <span class="text-sm">"Withdraw this request for good?"</span>
            <button type="button" on:click=move |_| { cancel.dispatch(CancelPort { id: id.get_value() }); }
                class="rounded-md bg-red-700 px-3 py-1.5 text-sm font-medium text-white">"Yes, cancel it"</button>
            <button type="button" on:click=move |_| asking.set(false)
                class="rounded-md border border-slate-300 px-3 py-1.5 text-sm dark:border-slate-700">"Keep it"</button>
        </Show>
    }
}

#[component]
fn Rejected(r: PortRequest, can_write: bool, version: RwSignal<u32>) -> impl IntoView {
    let reason = r.reason.clone().unwrap_or_default();
    let url = format!("/numbers/ports/{}/resubmit", r.id);
    let initial = r.to_form();
    let on_sent = Callback::new(move |_| version.update(|v| *v += 1));
    view! {
        <div class="mt-6 rounded-lg border border-red-300 bg-red-50 p-4 dark:border-red-800 dark:bg-red-950" data-testid="port-rejected">
            <h2 class="font-semibold text-red-900 dark:text-red-100">"The current carrier rejected this request"</h2>
            <p class="mt-1 text-sm text-red-900 dark:text-red-100" data-testid="port-reason">{reason}</p>
            {can_write.then(|| view! {
                <details class="mt-3" open>
                    <summary class="cursor-pointer text-sm font-medium">"Fix and resubmit"</summary>
                    <div class="mt-3 rounded-md bg-white p-4 dark:bg-slate-900" data-testid="resubmit">
                        <PortRequestForm initial url submit_label="Resubmit" documents_required=false on_sent/>
                    </div>
                </details>
            })}
        </div>
    }
    .into_any()
}

#[component]
fn Details(p: PortRequest) -> impl IntoView {
    let day = |d: chrono::NaiveDate| d.format("%B %-d, %Y").to_string();
    let numbers = p
        .numbers
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    view! {
        <Card title="Request">
            <dl class="space-y-1 text-sm">
                <Fact label="Numbers"><span class="font-mono" data-testid="port-numbers">{numbers}</span></Fact>
                <Fact label="Customer">{p.tenant.name.clone()}</Fact>
                <Fact label="Current carrier">{p.losing_carrier.clone()}</Fact>
                <Fact label="Account holder">{p.account_holder.clone()}</Fact>
                <Fact label="Account number">{p.account_number.clone()}</Fact>
                <Fact label="PIN">{if p.has_pin { "On file (encrypted)" } else { "None given" }}</Fact>
                <Fact label="Service address">{p.service_address.one_line()}</Fact>
                <Fact label="Desired date">{day(p.desired_date)}</Fact>
                <Fact label="FOC date"><span data-testid="port-foc">{p.foc_date.map_or_else(|| "Not yet confirmed".to_owned(), day)}</span></Fact>
            </dl>
        </Card>
    }
}

/// Every change, oldest first, as a timeline.
#[component]
fn History(events: Vec<PortEvent>) -> impl IntoView {
    view! {
        <Card title="History">
            <ol class="space-y-3 border-l border-slate-200 pl-4 text-sm dark:border-slate-800" data-testid="port-history">
                {events.into_iter().map(|e| view! {
                    <li data-status=e.status.as_str()>
                        <div class="flex flex-wrap items-center gap-2">
                            {port_badge(e.status)}
                            <time class="text-xs text-slate-500" datetime=e.at.clone()>{e.at.get(..16).unwrap_or_default().replace('T', " ")}" UTC"</time>
                        </div>
                        {e.note.map(|n| view! { <p class="mt-1">{n}</p> })}
                        <p class="text-xs text-slate-500">{format!("by {}", e.by)}</p>
                    </li>
                }).collect_view()}
            </ol>
        </Card>
    }
}
