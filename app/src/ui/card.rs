//! Panels and their contents.

use leptos::prelude::*;

/// A titled panel. `title` names the region for screen readers too.
#[component]
pub fn Card(#[prop(into)] title: String, children: Children) -> impl IntoView {
    let id = format!(
        "card-{}",
        title
            .to_lowercase()
            .replace(|c: char| !c.is_ascii_alphanumeric(), "-")
    );
    let labelled_by = id.clone();
    view! {
        <section aria-labelledby=labelled_by class="rounded-lg border border-slate-200 bg-white p-5 shadow-sm dark:border-slate-800 dark:bg-slate-900">
            <h2 id=id class="text-sm font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">{title}</h2>
            <div class="mt-3">{children()}</div>
        </section>
    }
}

/// A label/value row inside a card.
#[component]
pub fn Fact(#[prop(into)] label: String, children: Children) -> impl IntoView {
    view! {
        <div class="flex items-baseline justify-between gap-4 py-1.5 text-sm">
            <dt class="text-slate-500 dark:text-slate-400">{label}</dt>
            <dd class="text-right font-medium">{children()}</dd>
        </div>
    }
}

/// A placeholder block while something loads (announced as busy).
#[component]
pub fn Skeleton(#[prop(default = 3)] lines: usize) -> impl IntoView {
    view! {
        <div aria-busy="true" aria-live="polite" class="animate-pulse space-y-2">
            <span class="sr-only">"Loading…"</span>
            {(0..lines).map(|_| view! { <div class="h-4 rounded bg-slate-200 dark:bg-slate-800"></div> }).collect_view()}
        </div>
    }
}
