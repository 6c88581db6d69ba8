//! Settings → Billing → History: every wallet movement with type and date filters, and
//! the same list as CSV. The filters live in the address (a plain GET form).

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use model::billing::{LedgerFilter, LedgerKind, LedgerPage, dollars};

use crate::{
    error::{ErrorAlert, FnError},
    ui::{Card, INPUT, Skeleton},
};

#[server(prefix = "/api", endpoint = "wallet_history")]
pub async fn wallet_history(filter: LedgerFilter) -> Result<LedgerPage, FnError> {
    let (db, meta) = (
        crate::context::services()?.db,
        crate::context::request_meta(),
    );
    Ok(domain::billing::history::list(
        &db,
        meta.viewer.as_ref(),
        &filter,
        domain::billing::history::PAGE_LIMIT,
    )
    .await?)
}

#[component]
pub fn History() -> impl IntoView {
    let query = use_query_map();
    let filter = move || {
        query.with(|q| LedgerFilter {
            kind: q.get("kind").unwrap_or_default(),
            from: q.get("from").unwrap_or_default(),
            to: q.get("to").unwrap_or_default(),
        })
    };
    let page = Resource::new(filter, wallet_history);
    let csv_href = move || {
        let f = filter();
        format!(
            "/settings/billing/history.csv?kind={}&from={}&to={}",
            f.kind, f.from, f.to
        )
    };
    view! {
        <form method="get" class="grid gap-3 sm:grid-cols-4 sm:items-end" data-testid="history-filters">
            <label class="text-sm">"Type"
                <select name="kind" class=INPUT>
                    <option value="">"All types"</option>
                    {move || {
                        let current = filter().kind;
                        LedgerKind::ALL.iter().map(|k| view! {
                            <option value=k.as_str() selected=current == k.as_str()>{k.label()}</option>
                        }).collect_view()
                    }}
                </select>
            </label>
            <label class="text-sm">"From"<input name="from" type="date" class=INPUT prop:value=move || filter().from/></label>
            <label class="text-sm">"To"<input name="to" type="date" class=INPUT prop:value=move || filter().to/></label>
            <div class="flex gap-2">
                <button type="submit" class="rounded-md bg-brand px-4 py-2 text-sm font-medium text-white">"Filter"</button>
                <a href=csv_href rel="external" download class="rounded-md border border-slate-300 px-4 py-2 text-sm dark:border-slate-700">"Export CSV"</a>
            </div>
        </form>
        <div class="mt-6">
            <Card title="Wallet history">
                <Transition fallback=|| view! { <Skeleton lines=5/> }>
                    {move || Suspend::new(async move {
                        match page.await {
                            Ok(p) => view! { <Entries page=p/> }.into_any(),
                            Err(error) => view! { <ErrorAlert error/> }.into_any(),
                        }
                    })}
                </Transition>
            </Card>
        </div>
    }
}

#[component]
fn Entries(page: LedgerPage) -> impl IntoView {
    if page.entries.is_empty() {
        return view! {
            <p class="text-sm text-slate-600 dark:text-slate-400" data-testid="history-empty">"No wallet movements match. Top-ups, monthly charges and call usage appear here as they happen."</p>
        }
        .into_any();
    }
    view! {
        <div class="-mx-5 overflow-x-auto">
            <table class="min-w-full text-left text-sm" data-testid="history-table">
                <thead class="text-xs uppercase tracking-wide text-slate-500">
                    <tr>
                        <th scope="col" class="px-5 py-2">"Date (UTC)"</th>
                        <th scope="col" class="px-5 py-2">"Type"</th>
                        <th scope="col" class="px-5 py-2">"Description"</th>
                        <th scope="col" class="px-5 py-2 text-right">"Amount"</th>
                        <th scope="col" class="px-5 py-2 text-right">"Balance"</th>
                    </tr>
                </thead>
                <tbody class="divide-y divide-slate-200 dark:divide-slate-800">
                    {page.entries.into_iter().map(|e| {
                        let tone = if e.amount_cents < 0 { "" } else { "text-green-700 dark:text-green-400" };
                        view! {
                            <tr>
                                <td class="whitespace-nowrap px-5 py-2">{e.created_at.replace('T', " ").replace('Z', "")}</td>
                                <td class="px-5 py-2">{e.kind.label()}</td>
                                <td class="px-5 py-2">{e.description}</td>
                                <td class=format!("px-5 py-2 text-right tabular-nums {tone}")>{dollars(e.amount_cents)}</td>
                                <td class="px-5 py-2 text-right tabular-nums">{dollars(e.balance_after_cents)}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}
