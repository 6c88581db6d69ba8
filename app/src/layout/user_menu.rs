//! The user menu at the right of the header. Profile and sign-out join it with the
//! identity area; the theme switch lives here from the start.

use leptos::prelude::*;

use super::ThemeToggle;

#[component]
pub fn UserMenu() -> impl IntoView {
    view! {
        <details class="relative" data-menu data-testid="user-menu">
            <summary class="flex h-9 w-9 cursor-pointer list-none items-center justify-center rounded-full bg-slate-200 text-slate-700 hover:bg-slate-300 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand dark:bg-slate-700 dark:text-slate-100" aria-label="User menu">
                <svg class="h-5 w-5" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" aria-hidden="true">
                    <circle cx="12" cy="8" r="4"/>
                    <path stroke-linecap="round" d="M4 20c1.5-4 4.5-6 8-6s6.5 2 8 6"/>
                </svg>
            </summary>
            <div class="absolute right-0 mt-2 w-56 rounded-md border border-slate-200 bg-white p-2 shadow-lg dark:border-slate-700 dark:bg-slate-900">
                <ThemeToggle/>
            </div>
        </details>
    }
}
