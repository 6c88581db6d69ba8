//! `/tenants`: search by name or billing email, sort by any column, page on the server.
//! The state lives in the URL (`?q=&sort=&desc=&page=`), so links and reloads keep it
//! and everything works without JavaScript too.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{
    components::{A, Form},
    hooks::use_query_map,
};
use model::tenants::{Tenant, TenantPage, TenantSort, TenantStatus};

use super::tenants_page;
use crate::{
    auth::Protected,
    context::use_viewer,
    error::ErrorAlert,
    ui::{Badge, Card, Pager, Skeleton, Tone},
};

/// A tenant's status badge; a suspension for non-payment says so.
pub fn status_badge(tenant: &Tenant) -> (Tone, &'static str) {
    let tone = match tenant.status {
        TenantStatus::Trial => Tone::Warn,
        TenantStatus::Active => Tone::Good,
        TenantStatus::Suspended => Tone::Bad,
        TenantStatus::Cancelled => Tone::Neutral,
    };
    (tone, tenant.status_label())
}

/// The list's URL state.
#[derive(Debug, Clone, PartialEq, Eq)]
struct View {
    search: String,
    sort: TenantSort,
    descending: bool,
    page: u64,
}

impl View {
    fn href(&self) -> String {
        let q = crate::ui::query_value(&self.search);
        format!(
            "/tenants?q={q}&sort={}&desc={}&page={}",
            self.sort.as_str(),
            self.descending,
            self.page
        )
    }
}

#[component]
pub fn TenantsPage() -> impl IntoView {
    view! {
        <Title text="Tenants"/>
        <Protected>
            <Tenants/>
        </Protected>
    }
}

#[component]
fn Tenants() -> impl IntoView {
    let query = use_query_map();
    let current = Memo::new(move |_| {
        let q = query.read();
        View {
            search: q.get("q").unwrap_or_default(),
            sort: TenantSort::parse(&q.get("sort").unwrap_or_default()),
            descending: q.get("desc").is_some_and(|d| d == "true"),
            page: q.get("page").and_then(|p| p.parse().ok()).unwrap_or(1),
        }
    });
    let tenants = Resource::new(
        move || current.get(),
        |v| tenants_page(v.search, v.sort.as_str().to_owned(), v.descending, v.page),
    );
    let can_write = use_viewer().is_some_and(|v| v.can_write());
    view! {
        <div class="flex flex-wrap items-center justify-between gap-3">
            <h1 class="text-2xl font-bold tracking-tight">"Tenants"</h1>
            {can_write.then(|| view! {
                <A href="/tenants/new" attr:class="rounded-md bg-brand px-4 py-2 text-sm font-medium text-white hover:opacity-90 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand focus-visible:ring-offset-2">"New tenant"</A>
            })}
        </div>
        <div class="mt-6">
            <Card title="Your customers">
                <Form method="GET" action="" attr:class="mb-4 flex gap-2" attr:role="search">
                    <label for="tenant-search" class="sr-only">"Search tenants"</label>
                    <input id="tenant-search" type="search" name="q" prop:value=move || current.get().search
                        placeholder="Name or billing email"
                        class="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-900"/>
                    <input type="hidden" name="sort" prop:value=move || current.get().sort.as_str()/>
                    <input type="hidden" name="desc" prop:value=move || current.get().descending.to_string()/>
                    <button type="submit" class="rounded-md border border-slate-300 px-3 py-2 text-sm font-medium hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800">"Search"</button>
                </Form>
                <Transition fallback=|| view! { <Skeleton lines=6/> }>
                    {move || Suspend::new(async move {
                        match tenants.await {
                            Ok(page) => view! { <TenantTable page view=current.get_untracked() can_write/> }.into_any(),
                            Err(error) => view! { <ErrorAlert error/> }.into_any(),
                        }
                    })}
                </Transition>
            </Card>
        </div>
    }
}

#[component]
fn TenantTable(page: TenantPage, view: View, can_write: bool) -> impl IntoView {
    if page.rows.is_empty() {
        let text = if view.search.is_empty() {
            if can_write {
                "No tenants yet. Create your first customer with “New tenant”: it starts in a free trial."
                    .to_owned()
            } else {
                "No tenants yet. A Partner Admin can create them.".to_owned()
            }
        } else {
            format!(
                "No tenant matches \"{}\". Search looks at names and billing emails.",
                view.search
            )
        };
        return view! { <p class="text-sm text-slate-600 dark:text-slate-400" data-testid="tenants-empty">{text}</p> }.into_any();
    }
    let header = |label: &'static str, sort: TenantSort, numeric: bool| {
        let active = view.sort == sort;
        let next = View {
            sort,
            descending: active && !view.descending,
            page: 1,
            ..view.clone()
        };
        let aria = active.then_some(if view.descending {
            "descending"
        } else {
            "ascending"
        });
        let arrow = if active {
            if view.descending { " ↓" } else { " ↑" }
        } else {
            ""
        };
        let class = if numeric {
            "px-4 py-2 text-right"
        } else {
            "px-4 py-2"
        };
        view! {
            <th scope="col" class=class aria-sort=aria>
                <A href=next.href() attr:class="hover:text-slate-900 dark:hover:text-white">{label}{arrow}</A>
            </th>
        }
    };
    let (current, pages, total) = (page.page, page.pages(), page.total);
    view! {
        <div class="relative -mx-5 overflow-x-auto">
            <table class="min-w-full text-left text-sm" data-testid="tenants-table">
                <caption class="sr-only">"Tenants, sortable by each column"</caption>
                <thead class="text-xs uppercase tracking-wide text-slate-500">
                    <tr>
                        {header("Name", TenantSort::Name, false)}
                        {header("SIP prefix", TenantSort::SipPrefix, false)}
                        {header("Status", TenantSort::Status, false)}
                        {header("Users", TenantSort::Users, true)}
                        {header("Numbers", TenantSort::Numbers, true)}
                        {header("Extensions", TenantSort::Extensions, true)}
                        {header("Created", TenantSort::Created, false)}
                        <th scope="col" class="px-4 py-2"><span class="sr-only">"Actions"</span></th>
                    </tr>
                </thead>
                <tbody class="divide-y divide-slate-200 dark:divide-slate-800">
                    {page.rows.into_iter().map(|t| view! { <Row tenant=t/> }).collect_view()}
                </tbody>
            </table>
        </div>
        <Pager noun="tenants" current pages total href=move |page| View { page, ..view.clone() }.href()/>
    }
    .into_any()
}

#[component]
fn Row(tenant: Tenant) -> impl IntoView {
    let (tone, label) = status_badge(&tenant);
    let href = format!("/tenants/{}", tenant.id);
    view! {
        <tr data-testid="tenant-row">
            <td class="px-4 py-3 font-medium"><A href=href.clone() attr:class="text-brand hover:underline">{tenant.name}</A></td>
            <td class="px-4 py-3"><code>{tenant.sip_prefix}</code></td>
            <td class="px-4 py-3"><Badge tone label/></td>
            <td class="px-4 py-3 text-right tabular-nums">{tenant.users}</td>
            <td class="px-4 py-3 text-right tabular-nums">{tenant.numbers}</td>
            <td class="px-4 py-3 text-right tabular-nums">{tenant.extensions}</td>
            <td class="px-4 py-3 whitespace-nowrap">{tenant.created_at.get(..10).unwrap_or_default().to_owned()}</td>
            <td class="px-4 py-3 text-right"><A href=href attr:class="text-sm text-brand hover:underline">"Open"</A></td>
        </tr>
    }
}
