//! A row of tabs that are links (each tab is its own address, so reloads and shared
//! links land on it); the open one carries `aria-current="page"`. It scrolls sideways
//! on a phone.

use leptos::prelude::*;
use leptos_router::components::A;

const TAB: &str = "whitespace-nowrap border-b-2 border-transparent px-3 py-2 text-sm font-medium text-slate-600 hover:text-slate-900 aria-[current=page]:border-brand aria-[current=page]:text-brand dark:text-slate-300 dark:hover:text-white";

#[component]
pub fn Tabs(
    /// Names the navigation for screen readers.
    label: &'static str,
    /// (label, address) pairs.
    tabs: Vec<(&'static str, String)>,
) -> impl IntoView {
    view! {
        <nav aria-label=label class="mt-4 overflow-x-auto border-b border-slate-200 dark:border-slate-800">
            <ul class="flex gap-1">
                {tabs.into_iter().map(|(text, href)| view! {
                    <li><A href=href exact=true attr:class=TAB>{text}</A></li>
                }).collect_view()}
            </ul>
        </nav>
    }
}
