//! An invoice's payments and refunds on the partner's invoice page: how it was paid
//! (card and its last digits, prepaid funds, recorded by hand) and what went back.

use leptos::prelude::*;
use model::{billing::dollars, invoicing::collection::InvoicePayment};

use crate::{
    error::{ErrorAlert, FnError},
    ui::{Card, Skeleton},
};

#[server(prefix = "/api", endpoint = "invoice_payments")]
pub async fn invoice_payments(id: String) -> Result<Vec<InvoicePayment>, FnError> {
    let (db, meta) = (
        crate::context::services()?.db,
        crate::context::request_meta(),
    );
    Ok(domain::invoicing::collection::history(&db, meta.viewer.as_ref(), &id).await?)
}

/// `version` changes after each action on the invoice.
#[component]
pub fn PaymentHistory(id: String, #[prop(into)] version: Signal<usize>) -> impl IntoView {
    let data = Resource::new(
        move || (id.clone(), version.get()),
        |(id, _)| invoice_payments(id),
    );
    view! {
        <Card title="Payments">
            <Transition fallback=|| view! { <Skeleton lines=2/> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(rows) if rows.is_empty() => view! {
                            <p class="text-sm text-slate-600 dark:text-slate-400">"No payment yet. Your customer can pay by card in their portal's Billing tab, or record a payment you received."</p>
                        }.into_any(),
                        Ok(rows) => view! {
                            <ul class="divide-y divide-slate-200 text-sm dark:divide-slate-800" data-testid="invoice-payments">
                                {rows.into_iter().map(|p| {
                                    let refund = p.kind == "refund";
                                    let amount = if refund { format!("−{}", dollars(p.amount_cents)) } else { dollars(p.amount_cents) };
                                    view! {
                                        <li class="flex flex-wrap items-baseline justify-between gap-2 py-2">
                                            <span>
                                                {p.label()}
                                                <span class="block text-xs text-slate-500">{p.at.get(..10).unwrap_or_default().to_owned()}{p.reference.clone().map(|r| format!(" · {r}"))}</span>
                                            </span>
                                            <span class="tabular-nums">{amount}</span>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any(),
                        Err(error) => view! { <ErrorAlert error/> }.into_any(),
                    }
                })}
            </Transition>
        </Card>
    }
}
