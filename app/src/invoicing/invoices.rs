//! `/invoices`: every invoice the billing run made, newest first, filtered by status
//! (and by tenant from a tenant's page); `/invoices/{id}`: one invoice with its lines,
//! taxes and totals, and what a partner admin can do with it: void a draft, record a
//! payment received by hand, refund what was paid.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use model::{
    billing::dollars,
    invoicing::{Invoice, InvoiceFilter, InvoiceStatus, format_percent},
};

use super::{
    BUTTON, INPUT, InvoiceAction, QUIET, get_invoice, list_invoices, payments::PaymentHistory,
};
use crate::{
    auth::Protected,
    context::use_viewer,
    error::{ErrorAlert, split_errors},
    ui::{Badge, Card, Fact, Skeleton, Tone},
};

pub fn status_badge(s: InvoiceStatus) -> (Tone, &'static str) {
    let tone = match s {
        InvoiceStatus::Paid => Tone::Good,
        InvoiceStatus::Overdue => Tone::Bad,
        InvoiceStatus::PartiallyPaid | InvoiceStatus::Sent => Tone::Warn,
        _ => Tone::Neutral,
    };
    (tone, s.label())
}

#[component]
pub fn InvoicesPage() -> impl IntoView {
    let query = use_query_map();
    let filter = move || {
        query.with(|q| InvoiceFilter {
            status: q.get("status").unwrap_or_default(),
            tenant: q.get("tenant").unwrap_or_default(),
        })
    };
    let list = Resource::new(filter, list_invoices);
    view! {
        <Title text="Invoices"/>
        <Protected>
            <h1 class="text-2xl font-bold tracking-tight">"Invoices"</h1>
            <p class="mt-1 max-w-3xl text-sm text-slate-600 dark:text-slate-400">
                "Each tenant on a billing profile gets one invoice when its billing period ends, numbered in order. "
                <a class="text-brand underline" href="/settings/pricing">"Set up prices and taxes"</a>
            </p>
            <form method="get" class="mt-4 flex flex-wrap items-end gap-3" data-testid="invoice-filters">
                <label class="text-sm">"Status"
                    <select name="status" class=INPUT>
                        <option value="">"All statuses"</option>
                        {move || {
                            let current = filter().status;
                            InvoiceStatus::ALL.iter().map(|s| view! {
                                <option value=s.as_str() selected=current == s.as_str()>{s.label()}</option>
                            }).collect_view()
                        }}
                    </select>
                </label>
                {move || {
                    let tenant = filter().tenant;
                    (!tenant.is_empty()).then(|| view! { <input type="hidden" name="tenant" value=tenant/> })
                }}
                <button type="submit" class=BUTTON>"Filter"</button>
            </form>
            <div class="mt-6">
                <Card title="All invoices">
                    <Transition fallback=|| view! { <Skeleton lines=5/> }>
                        {move || Suspend::new(async move {
                            match list.await {
                                Ok(rows) => view! { <InvoiceTable rows/> }.into_any(),
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
fn InvoiceTable(rows: Vec<Invoice>) -> impl IntoView {
    if rows.is_empty() {
        return view! {
            <div class="text-sm text-slate-600 dark:text-slate-400" data-testid="no-invoices">
                <p class="font-medium text-slate-900 dark:text-slate-100">"No invoices here yet."</p>
                <p class="mt-1">"Give a tenant a billing profile on its page; its first invoice comes when its billing period ends."</p>
            </div>
        }
        .into_any();
    }
    view! {
        <div class="relative -mx-5 overflow-x-auto">
            <table class="min-w-full text-left text-sm" data-testid="invoices-table">
                <thead class="text-xs uppercase tracking-wide text-slate-500">
                    <tr>
                        <th scope="col" class="px-5 py-2">"Number"</th>
                        <th scope="col" class="px-5 py-2">"Tenant"</th>
                        <th scope="col" class="px-5 py-2">"Period"</th>
                        <th scope="col" class="px-5 py-2">"Status"</th>
                        <th scope="col" class="px-5 py-2 text-right">"Total"</th>
                        <th scope="col" class="px-5 py-2 text-right">"Due"</th>
                    </tr>
                </thead>
                <tbody class="divide-y divide-slate-200 dark:divide-slate-800">
                    {rows.into_iter().map(|i| {
                        let (tone, label) = status_badge(i.status);
                        view! {
                            <tr>
                                <td class="whitespace-nowrap px-5 py-2"><a class="font-medium text-brand underline" href=format!("/invoices/{}", i.id)>{i.number}</a></td>
                                <td class="px-5 py-2">{i.tenant_name}</td>
                                <td class="whitespace-nowrap px-5 py-2">{format!("{} – {}", i.period_start, i.period_end)}</td>
                                <td class="px-5 py-2"><Badge tone label/></td>
                                <td class="px-5 py-2 text-right tabular-nums">{dollars(i.total_cents)}</td>
                                <td class="px-5 py-2 text-right tabular-nums">{dollars(i.due_cents)}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
pub fn InvoicePage() -> impl IntoView {
    let params = use_params_map();
    let act = ServerAction::<InvoiceAction>::new();
    let id = move || params.read().get("id").unwrap_or_default();
    let data = Resource::new(
        move || (id(), act.version().get()),
        |(id, _)| get_invoice(id),
    );
    view! {
        <Title text="Invoice"/>
        <Protected>
            <Transition fallback=|| view! { <Skeleton lines=8/> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(invoice) => view! { <Loaded invoice act/> }.into_any(),
                        Err(error) => view! { <ErrorAlert error/> }.into_any(),
                    }
                })}
            </Transition>
        </Protected>
    }
}

#[component]
fn Loaded(invoice: Invoice, act: ServerAction<InvoiceAction>) -> impl IntoView {
    let (tone, label) = status_badge(invoice.status);
    let can_write = use_viewer().is_some_and(|v| v.can_write());
    let i = invoice.clone();
    let lines = view! { <Lines invoice=invoice.clone()/> };
    let actions = can_write.then(|| view! { <Actions invoice act/> });
    view! {
        <Title text=format!("Invoice {}", i.number)/>
        <div class="flex flex-wrap items-center gap-3">
            <h1 class="text-2xl font-bold tracking-tight">{format!("Invoice {}", i.number)}</h1>
            <Badge tone label/>
            <a class=format!("ml-auto {QUIET}") href=format!("/invoices/{}/pdf", i.id) target="_blank" rel="noopener" data-testid="invoice-pdf">"Download PDF"</a>
        </div>
        <div class="mt-6 grid grid-cols-1 gap-6 lg:grid-cols-3">
            <div class="space-y-6 lg:col-span-2">
                <Card title="Lines">
                    {lines}
                </Card>
                <PaymentHistory id=i.id.clone() version=act.version()/>
            </div>
            <div class="space-y-6">
                <Card title="Summary">
                    <dl>
                        <Fact label="Tenant"><a class="text-brand underline" href=format!("/tenants/{}", i.tenant_id)>{i.tenant_name.clone()}</a></Fact>
                        <Fact label="Period">{format!("{} – {}", i.period_start, i.period_end)}</Fact>
                        <Fact label="Issued">{i.issued_at.get(..10).unwrap_or_default().to_owned()}</Fact>
                        <Fact label="Due">{i.due_at.get(..10).unwrap_or_default().to_owned()}</Fact>
                        <Fact label="Paid">{dollars(i.paid_cents)}</Fact>
                        <Fact label="Refunded">{dollars(i.refunded_cents)}</Fact>
                        <Fact label="Amount due"><strong data-testid="amount-due">{dollars(i.due_cents)}</strong></Fact>
                    </dl>
                </Card>
                {actions}
            </div>
        </div>
    }
}

#[component]
fn Lines(invoice: Invoice) -> impl IntoView {
    let row = "px-5 py-2";
    view! {
        <div class="relative -mx-5 overflow-x-auto">
            <table class="min-w-full text-left text-sm" data-testid="invoice-lines">
                <thead class="text-xs uppercase tracking-wide text-slate-500">
                    <tr>
                        <th scope="col" class=row>"Description"</th>
                        <th scope="col" class=format!("{row} text-right")>"Quantity"</th>
                        <th scope="col" class=format!("{row} text-right")>"Unit price"</th>
                        <th scope="col" class=format!("{row} text-right")>"Amount"</th>
                    </tr>
                </thead>
                <tbody class="divide-y divide-slate-200 dark:divide-slate-800">
                    {invoice.lines.iter().cloned().map(|l| view! {
                        <tr>
                            <td class=row>{l.description}</td>
                            <td class=format!("{row} text-right tabular-nums")>{l.quantity}</td>
                            <td class=format!("{row} text-right tabular-nums")>{format!("${}", l.unit_price)}</td>
                            <td class=format!("{row} text-right tabular-nums")>{dollars(l.amount_cents)}</td>
                        </tr>
                    }).collect_view()}
                    {invoice.lines.is_empty().then(|| view! {
                        <tr><td class=row colspan="4">"Nothing to charge for this period."</td></tr>
                    })}
                </tbody>
                <tfoot class="text-sm">
                    <tr><th scope="row" colspan="3" class=format!("{row} text-right font-normal")>"Subtotal"</th><td class=format!("{row} text-right tabular-nums")>{dollars(invoice.subtotal_cents)}</td></tr>
                    {invoice.taxes.iter().map(|t| view! {
                        <tr><th scope="row" colspan="3" class=format!("{row} text-right font-normal")>{format!("{} ({} %)", t.name, format_percent(t.ppm))}</th><td class=format!("{row} text-right tabular-nums")>{dollars(t.amount_cents)}</td></tr>
                    }).collect_view()}
                    <tr><th scope="row" colspan="3" class=format!("{row} text-right")>"Total"</th><td class=format!("{row} text-right font-semibold tabular-nums") data-testid="invoice-total">{dollars(invoice.total_cents)}</td></tr>
                </tfoot>
            </table>
        </div>
    }
}

#[component]
fn Actions(invoice: Invoice, act: ServerAction<InvoiceAction>) -> impl IntoView {
    let (fields, other) = split_errors(move || act.value().get());
    let amount_error = crate::error::first(fields, "amount");
    let draft = invoice.status == InvoiceStatus::Draft && invoice.paid_cents == 0;
    let open = !matches!(
        invoice.status,
        InvoiceStatus::Void | InvoiceStatus::Cancelled
    ) && invoice.due_cents > 0;
    let refundable = invoice.paid_cents > invoice.refunded_cents;
    let id = invoice.id.clone();
    let send_id = invoice.id.clone();
    let amount_form = move |action: &'static str, title: &'static str, button: &'static str| {
        let id = id.clone();
        view! {
            <ActionForm action=act attr:class="space-y-2" attr:data-testid=format!("invoice-{action}") attr:novalidate=true>
                <input type="hidden" name="id" value=id/>
                <input type="hidden" name="action" value=action/>
                <label class="block text-sm font-medium">{title}
                    <input name="amount" inputmode="decimal" placeholder="0.00" class=INPUT
                        aria-invalid=move || amount_error.get().is_some().to_string()/>
                </label>
                <button type="submit" class=BUTTON disabled=move || act.pending().get()>{button}</button>
            </ActionForm>
        }
    };
    view! {
        <Card title="Actions">
            <div class="space-y-5">
                {(draft || open).then(|| view! {
                    <ActionForm action=act attr:data-testid="invoice-send">
                        <input type="hidden" name="id" value=send_id/>
                        <input type="hidden" name="action" value="send"/>
                        <input type="hidden" name="amount" value=""/>
                        <p class="text-sm text-slate-600 dark:text-slate-400">{if draft {
                            "Mails the invoice with its PDF to the tenant's billing address; it is due 7 days later."
                        } else {
                            "Mails the tenant a reminder with the PDF attached."
                        }}</p>
                        <button type="submit" class=format!("mt-2 {BUTTON}") disabled=move || act.pending().get()>{if draft { "Send to customer" } else { "Send reminder" }}</button>
                    </ActionForm>
                })}
                {open.then(|| amount_form("payment", "Payment received (dollars)", "Record payment"))}
                {refundable.then(|| amount_form("refund", "Refund (dollars)", "Refund"))}
                {draft.then(|| view! {
                    <ActionForm action=act attr:data-testid="invoice-void">
                        <input type="hidden" name="id" value=invoice.id.clone()/>
                        <input type="hidden" name="action" value="void"/>
                        <input type="hidden" name="amount" value=""/>
                        <p class="text-sm text-slate-600 dark:text-slate-400">"Voiding keeps the number, so your numbering has no gaps."</p>
                        <button type="submit" class="mt-2 rounded-md border border-red-300 px-4 py-2 text-sm font-medium text-red-700 hover:bg-red-50 dark:border-red-800 dark:text-red-300 dark:hover:bg-red-950">"Void draft"</button>
                    </ActionForm>
                })}
                <p role="alert" class="text-sm text-red-700 dark:text-red-400" data-testid="amount-error">{move || amount_error.get()}</p>
                {move || other.get().map(|error| view! { <ErrorAlert error/> })}
                {(!open && !refundable && !draft).then(|| view! {
                    <p class="text-sm text-slate-600 dark:text-slate-400">"Nothing to do: this invoice is settled."</p>
                })}
            </div>
        </Card>
    }
}
