//! Settings → Audit log: every change in this partner's account, filterable, with a
//! CSV export and the state of the tamper-evident chain.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use model::audit::{AuditEntry, AuditFilter, AuditPage};

use crate::{
    auth::Protected,
    error::{ErrorAlert, FnError},
    ui::{Card, Skeleton},
};

#[server(prefix = "/api", endpoint = "audit_log")]
pub async fn audit_log(filter: AuditFilter) -> Result<AuditPage, FnError> {
    let (db, meta) = (
        crate::context::services()?.db,
        crate::context::request_meta(),
    );
    Ok(domain::audit::read::for_partner(
        &db,
        meta.viewer.as_ref(),
        &filter,
        domain::audit::read::PAGE_LIMIT,
    )
    .await?)
}

#[component]
pub fn AuditPage() -> impl IntoView {
    view! {
        <Title text="Audit log"/>
        <Protected>
            <AuditLog/>
        </Protected>
    }
}

#[component]
fn AuditLog() -> impl IntoView {
    let query = use_query_map();
    let filter = move || {
        query.with(|q| AuditFilter {
            actor: q.get("actor").unwrap_or_default(),
            action: q.get("action").unwrap_or_default(),
            from: q.get("from").unwrap_or_default(),
            to: q.get("to").unwrap_or_default(),
        })
    };
    let page = Resource::new(filter, audit_log);
    let csv_href = move || {
        let f = filter();
        format!(
            "/settings/audit.csv?actor={}&action={}&from={}&to={}",
            enc(&f.actor),
            enc(&f.action),
            enc(&f.from),
            enc(&f.to)
        )
    };
    let input = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-900";
    view! {
        <h1 class="text-2xl font-bold tracking-tight">"Audit log"</h1>
        <p class="mt-1 text-sm text-slate-600 dark:text-slate-400">"Every change made in your account, by whom, and when. Entries cannot be edited."</p>
        // A plain GET form: filters live in the address, so a view can be bookmarked or shared.
        <form method="get" class="mt-6 grid gap-3 sm:grid-cols-5 sm:items-end">
            <label class="text-sm">"Actor"<input name="actor" class=input prop:value=move || filter().actor/></label>
            <label class="text-sm">"Action"<input name="action" placeholder="team." class=input prop:value=move || filter().action/></label>
            <label class="text-sm">"From"<input name="from" type="date" class=input prop:value=move || filter().from/></label>
            <label class="text-sm">"To"<input name="to" type="date" class=input prop:value=move || filter().to/></label>
            <div class="flex gap-2">
                <button type="submit" class="rounded-md bg-brand px-4 py-2 text-sm font-medium text-white">"Filter"</button>
                <a href=csv_href rel="external" download class="rounded-md border border-slate-300 px-4 py-2 text-sm dark:border-slate-700">"CSV"</a>
            </div>
        </form>
        <div class="mt-6">
            <Card title="Entries">
                <Suspense fallback=|| view! { <Skeleton lines=6/> }>
                    {move || Suspend::new(async move {
                        match page.await {
                            Ok(p) => view! { <Entries page=p/> }.into_any(),
                            Err(error) => view! { <ErrorAlert error/> }.into_any(),
                        }
                    })}
                </Suspense>
            </Card>
        </div>
    }
}

fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[component]
fn Entries(page: AuditPage) -> impl IntoView {
    let chain = match page.broken_at {
        None => format!("Chain intact: all {} entries verify.", page.total_in_chain),
        Some(seq) => {
            format!("Chain broken at entry {seq}: the log was altered outside the product.")
        }
    };
    let chain_class = if page.broken_at.is_none() {
        "text-green-700 dark:text-green-400"
    } else {
        "font-semibold text-red-700"
    };
    let empty = page.entries.is_empty();
    view! {
        <p class=format!("text-sm {chain_class}") data-testid="audit-chain">{chain}</p>
        {empty.then(|| view! { <p class="mt-3 text-sm text-slate-600">"No entries match these filters."</p> })}
        <EntriesTable entries=page.entries/>
    }
}

/// The entries as a table (also the tenant portal's activity log).
#[component]
pub fn EntriesTable(entries: Vec<AuditEntry>) -> impl IntoView {
    view! {
        <div class="-mx-5 mt-3 overflow-x-auto">
            <table class="min-w-full text-left text-sm" data-testid="audit-table">
                <thead class="text-xs uppercase tracking-wide text-slate-500">
                    <tr>
                        <th scope="col" class="px-5 py-2">"When (UTC)"</th>
                        <th scope="col" class="px-5 py-2">"Who"</th>
                        <th scope="col" class="px-5 py-2">"Action"</th>
                        <th scope="col" class="px-5 py-2">"Target"</th>
                        <th scope="col" class="px-5 py-2">"Details"</th>
                    </tr>
                </thead>
                <tbody class="divide-y divide-slate-200 dark:divide-slate-800">
                    {entries.into_iter().map(|e| view! { <Row entry=e/> }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn Row(entry: AuditEntry) -> impl IntoView {
    view! {
        <tr>
            <td class="whitespace-nowrap px-5 py-2">{entry.at.replace('T', " ").replace('Z', "")}</td>
            <td class="px-5 py-2">{entry.actor}{entry.acting_as.map(|a| format!(" (as {a})"))}</td>
            <td class="px-5 py-2 font-mono text-xs">{entry.action}</td>
            <td class="px-5 py-2 font-mono text-xs">{entry.target}</td>
            <td class="px-5 py-2 font-mono text-xs break-all">{entry.summary}</td>
        </tr>
    }
}
