//! The line under a paged list: how many, which page, and the links either way.

use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn Pager(
    /// What the list holds, plural ("tenants"); also names the count for tests.
    noun: &'static str,
    current: u64,
    pages: u64,
    total: u64,
    /// The link to a page number (the rest of the list's state stays in it).
    href: impl Fn(u64) -> String,
) -> impl IntoView {
    let prev = (current > 1).then(|| href(current - 1));
    let next = (current < pages).then(|| href(current + 1));
    view! {
        <nav aria-label="Pages" class="mt-4 flex items-center justify-between text-sm">
            <span class="text-slate-600 dark:text-slate-400" data-testid=format!("{noun}-count")>
                {format!("{total} {noun} · page {current} of {pages}")}
            </span>
            <span class="space-x-3">
                {prev.map(|h| view! { <A href=h attr:class="text-brand hover:underline">"← Previous"</A> })}
                {next.map(|h| view! { <A href=h attr:class="text-brand hover:underline">"Next →"</A> })}
            </span>
        </nav>
    }
}
