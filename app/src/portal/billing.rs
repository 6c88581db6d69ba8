//! The portal's Billing tab: the tenant's invoices from its partner, what is still owed,
//! each invoice's PDF, and paying (see `payments`). A tenant suspended for an unpaid invoice still reaches this
//! tab (every other tab says why service stopped and points here).

use leptos::prelude::*;
use model::{billing::dollars, invoicing::Invoice};

use super::{
    Frame, PortalView,
    payments::{HowYouPay, PayInvoiceForm, Payments, payment_options},
};
use crate::{
    auth::Protected,
    error::{ErrorAlert, FnError},
    invoicing::status_badge,
    ui::{Badge, Card, Skeleton},
};

#[server(prefix = "/api", endpoint = "portal_invoices")]
pub async fn portal_invoices(tenant: String) -> Result<Vec<Invoice>, FnError> {
    let (db, meta) = (
        crate::context::services()?.db,
        crate::context::request_meta(),
    );
    Ok(domain::invoicing::invoices::for_tenant(&db, meta.viewer.as_ref(), &tenant).await?)
}

#[component]
pub fn PortalBillingPage() -> impl IntoView {
    fn page(v: PortalView) -> AnyView {
        view! { <Invoices tenant=v.tenant.id/> }.into_any()
    }
    view! { <Protected><Frame title="Billing" page unpaid_opens=true/></Protected> }
}

#[component]
fn Invoices(tenant: String) -> impl IntoView {
    let actions = Payments::new();
    let paying = RwSignal::new(None::<Invoice>);
    let id = tenant.clone();
    let data = Resource::new(
        move || (id.clone(), actions.version()),
        |(t, _)| portal_invoices(t),
    );
    let id = tenant.clone();
    let payment = Resource::new(
        move || (id.clone(), actions.version()),
        |(t, _)| payment_options(t),
    );
    // A payment that went through closes the form and says so.
    Effect::new(move || {
        if matches!(actions.pay.value().get(), Some(Ok(_))) {
            paying.set(None);
        }
    });
    let paid = move || {
        actions
            .pay
            .value()
            .get()
            .and_then(Result::ok)
            .map(|i| format!("Thank you: invoice {} is paid.", i.number))
    };
    let t = tenant.clone();
    // `grid-cols-1` (minmax(0, 1fr)) and `min-w-0`: a wide table scrolls inside its card
    // on a phone instead of widening the page.
    view! {
        <div class="grid grid-cols-1 gap-6 lg:grid-cols-3">
            <div class="min-w-0 space-y-6 lg:col-span-2">
                <p role="status" class="text-sm text-green-700 dark:text-green-400" data-testid="paid-notice">{paid}</p>
                <Transition fallback=|| view! { <Skeleton lines=6/> }>
                    {move || Suspend::new(async move {
                        let can_pay = payment.await.map(|p| p.can_pay && p.accepts_cards).unwrap_or(false);
                        match data.await {
                            Ok(rows) => view! { <Owed rows=rows.clone()/><Table rows can_pay paying/> }.into_any(),
                            Err(error) => view! { <ErrorAlert error/> }.into_any(),
                        }
                    })}
                </Transition>
                {move || paying.get().map(|invoice| {
                    let tenant = t.clone();
                    view! {
                        <Transition fallback=|| view! { <Skeleton lines=4/> }>
                            {move || {
                                let (tenant, invoice) = (tenant.clone(), invoice.clone());
                                Suspend::new(async move {
                                    let options = payment.await.unwrap_or_default();
                                    view! { <PayInvoiceForm tenant invoice options actions/> }
                                })
                            }}
                        </Transition>
                    }
                })}
            </div>
            <div class="min-w-0 space-y-6">
                <HowYouPay tenant actions data=payment/>
            </div>
        </div>
    }
}

/// What is still open across the invoices, at the top where people look first.
#[component]
fn Owed(rows: Vec<Invoice>) -> impl IntoView {
    let open: Vec<&Invoice> = rows.iter().filter(|i| i.due_cents > 0).collect();
    let owed: i64 = open.iter().map(|i| i.due_cents).sum();
    let overdue = open
        .iter()
        .any(|i| i.status == model::invoicing::InvoiceStatus::Overdue);
    let text = match open.len() {
        0 => "Nothing is owed. Thank you!".to_owned(),
        1 => format!("{} is open on one invoice.", dollars(owed)),
        n => format!("{} is open on {n} invoices.", dollars(owed)),
    };
    view! {
        <p
            class="mb-4 rounded-md p-3 text-sm"
            class=("bg-red-50", overdue)
            class=("text-red-900", overdue)
            class=("dark:bg-red-950", overdue)
            class=("dark:text-red-100", overdue)
            class=("bg-slate-100", !overdue)
            class=("dark:bg-slate-800", !overdue)
            role="status"
            data-testid="amount-owed"
        >
            {text}
            {overdue.then_some(" An invoice is past its due date.")}
        </p>
    }
}

#[component]
fn Table(rows: Vec<Invoice>, can_pay: bool, paying: RwSignal<Option<Invoice>>) -> impl IntoView {
    let body = if rows.is_empty() {
        view! {
            <div class="text-sm text-slate-600 dark:text-slate-400" data-testid="no-invoices">
                <p class="font-medium text-slate-900 dark:text-slate-100">"No invoices yet."</p>
                <p class="mt-1">"Your first invoice appears here, and in your mailbox, when your first billing period ends."</p>
            </div>
        }
        .into_any()
    } else {
        view! {
            <div class="relative -mx-5 overflow-x-auto">
                <table class="min-w-full text-left text-sm" data-testid="portal-invoices">
                    <thead class="text-xs uppercase tracking-wide text-slate-500">
                        <tr>
                            <th scope="col" class="px-5 py-2">"Number"</th>
                            <th scope="col" class="px-5 py-2">"Period"</th>
                            <th scope="col" class="px-5 py-2">"Status"</th>
                            <th scope="col" class="px-5 py-2 text-right">"Total"</th>
                            <th scope="col" class="px-5 py-2 text-right">"Due"</th>
                            <th scope="col" class="px-5 py-2"><span class="sr-only">"Actions"</span></th>
                        </tr>
                    </thead>
                    <tbody class="divide-y divide-slate-200 dark:divide-slate-800">
                        {rows.into_iter().map(|i| {
                            let (tone, label) = status_badge(i.status);
                            let payable = can_pay && i.due_cents > 0;
                            let label_pay = format!("Pay invoice {}", i.number);
                            let invoice = i.clone();
                            view! {
                                <tr>
                                    <td class="whitespace-nowrap px-5 py-2 font-medium">{i.number.clone()}</td>
                                    <td class="whitespace-nowrap px-5 py-2">{format!("{} – {}", i.period_start, i.period_end)}</td>
                                    <td class="px-5 py-2"><Badge tone label/></td>
                                    <td class="px-5 py-2 text-right tabular-nums">{dollars(i.total_cents)}</td>
                                    <td class="px-5 py-2 text-right tabular-nums">{dollars(i.due_cents)}</td>
                                    <td class="whitespace-nowrap px-5 py-2">
                                        <a class="text-brand underline" href=format!("/invoices/{}/pdf", i.id) target="_blank" rel="noopener" attr:aria-label=format!("Invoice {} as PDF", i.number)>"PDF"</a>
                                        {payable.then(|| view! {
                                            <button type="button" class="ml-3 rounded-md bg-brand px-3 py-1 text-sm font-medium text-white hover:opacity-90" aria-label=label_pay data-testid="pay"
                                                on:click=move |_| paying.set(Some(invoice.clone()))>"Pay"</button>
                                        })}
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        }
        .into_any()
    };
    view! { <Card title="Invoices">{body}</Card> }
}
