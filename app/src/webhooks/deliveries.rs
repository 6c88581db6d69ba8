//! An endpoint's deliveries: the last 100 attempts (and events waiting for their first),
//! each with its status, attempt n of 8, time, the endpoint's answer, the request and
//! response bodies on demand, and *Redeliver*.

use leptos::prelude::*;
use model::webhooks::{DeliveryAttempt, DeliveryStatus};

use super::actions::{RedeliverWebhook, webhook_deliveries};
use crate::{
    error::ErrorAlert,
    ui::{Badge, Skeleton, Tone},
};

fn status_badge(status: DeliveryStatus) -> impl IntoView {
    let tone = match status {
        DeliveryStatus::Delivered => Tone::Good,
        DeliveryStatus::Pending => Tone::Neutral,
        DeliveryStatus::Failed => Tone::Warn,
        DeliveryStatus::Dead => Tone::Bad,
    };
    view! { <Badge tone label=status.label()/> }
}

/// "2026-11-23 14:05:09" from an RFC 3339 time.
fn short_time(t: &str) -> String {
    t.get(..19).unwrap_or(t).replace('T', " ")
}

/// JSON laid out for reading; anything else as it came.
fn pretty(body: &str) -> String {
    serde_json::from_str::<serde_json::Value>(body)
        .and_then(|v| serde_json::to_string_pretty(&v))
        .unwrap_or_else(|_| body.to_owned())
}

#[component]
pub fn Deliveries(id: String, can_write: bool) -> impl IntoView {
    let redeliver = ServerAction::<RedeliverWebhook>::new();
    let refresh = RwSignal::new(0u32);
    let key = StoredValue::new(id);
    let lines = Resource::new(
        move || (refresh.get(), redeliver.version().get()),
        move |_| webhook_deliveries(key.get_value()),
    );
    view! {
        <section class="mt-4" aria-label="Deliveries" data-testid="deliveries">
            <div class="flex items-center justify-between">
                <h3 class="text-sm font-semibold">"Recent deliveries"</h3>
                <button type="button" class="text-sm text-brand underline" on:click=move |_| refresh.update(|n| *n += 1)>"Refresh"</button>
            </div>
            {move || redeliver.value().get().map(|r| match r {
                Ok(_) => view! { <p class="mt-2 text-sm text-emerald-700 dark:text-emerald-400" role="status">"Queued: it goes out within seconds. Refresh to see it."</p> }.into_any(),
                Err(error) => view! { <ErrorAlert error/> }.into_any(),
            })}
            <Transition fallback=|| view! { <Skeleton lines=3/> }>
                {move || Suspend::new(async move {
                    match lines.await {
                        Ok(list) if list.is_empty() => view! {
                            <p class="mt-2 rounded-md border border-dashed border-slate-300 p-4 text-sm text-slate-600 dark:border-slate-700 dark:text-slate-400" data-testid="no-deliveries">
                                "Nothing sent yet. Make something happen that this endpoint listens for (add a tenant, for example) and it shows up here within seconds."
                            </p>
                        }.into_any(),
                        Ok(list) => view! {
                            <ul class="mt-2 divide-y divide-slate-200 rounded-md border border-slate-200 dark:divide-slate-800 dark:border-slate-800">
                                {list.into_iter().map(|line| view! { <Line line can_write redeliver endpoint=key.get_value()/> }).collect_view()}
                            </ul>
                        }.into_any(),
                        Err(error) => view! { <ErrorAlert error/> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
    .into_any()
}

#[component]
fn Line(
    line: DeliveryAttempt,
    can_write: bool,
    redeliver: ServerAction<RedeliverWebhook>,
    endpoint: String,
) -> impl IntoView {
    let delivery = StoredValue::new(line.delivery_id.clone());
    let endpoint = StoredValue::new(endpoint);
    let when = line
        .attempted_at
        .as_deref()
        .map_or_else(|| "Not tried yet".to_owned(), short_time);
    let next = line
        .next_attempt_at
        .as_deref()
        .filter(|_| line.status != DeliveryStatus::Pending)
        .map(|t| format!("next try {}", short_time(t)));
    let attempt = format!("Attempt {}/{}", line.attempt, line.max_attempts);
    let answer = match (line.duration_ms, line.attempt) {
        (_, 0) => line.outcome.clone(),
        (Some(ms), _) => format!("{} · {ms} ms", line.outcome),
        (None, _) => line.outcome.clone(),
    };
    let request = pretty(&line.request_body);
    let response = line
        .response_body
        .clone()
        .unwrap_or_else(|| "(no answer)".into());
    view! {
        <li class="p-3 text-sm" data-testid="delivery" data-status=line.status.as_str()>
            <div class="flex flex-wrap items-center gap-x-4 gap-y-1">
                <span class="font-mono text-xs">{line.event_type.clone()}</span>
                {status_badge(line.status)}
                <span data-testid="attempt">{attempt}</span>
                <span class="text-slate-600 dark:text-slate-400">{when}</span>
                <span data-testid="outcome">{answer}</span>
                {next.map(|n| view! { <span class="text-slate-600 dark:text-slate-400">{n}</span> })}
                {line.redelivery.then(|| view! { <span class="text-xs text-slate-500">"redelivery"</span> })}
                {can_write.then(|| view! {
                    <button type="button" class="ml-auto text-brand underline" disabled=move || redeliver.pending().get()
                        on:click=move |_| { redeliver.dispatch(RedeliverWebhook { id: endpoint.get_value(), delivery_id: delivery.get_value() }); }>
                        "Redeliver"
                    </button>
                })}
            </div>
            <details class="mt-2">
                <summary class="cursor-pointer text-slate-600 dark:text-slate-400">{format!("Request and response · event {}", line.event_id)}</summary>
                <div class="mt-2 grid grid-cols-1 gap-3 lg:grid-cols-2">
                    <div class="min-w-0">
                        <p class="text-xs font-medium uppercase text-slate-500">"Request body"</p>
                        <pre class="mt-1 max-h-72 overflow-auto rounded bg-slate-100 p-2 text-xs dark:bg-slate-900" data-testid="request-body">{request}</pre>
                    </div>
                    <div class="min-w-0">
                        <p class="text-xs font-medium uppercase text-slate-500">"Response body"</p>
                        <pre class="mt-1 max-h-72 overflow-auto rounded bg-slate-100 p-2 text-xs dark:bg-slate-900">{response}</pre>
                    </div>
                </div>
            </details>
        </li>
    }
    .into_any()
}
