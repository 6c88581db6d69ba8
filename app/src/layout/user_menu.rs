//! The user menu at the right of the header: who is signed in, the theme switch, and
//! sign-out (a form, so it works without JavaScript).

use leptos::prelude::*;
use leptos_router::components::A;

use super::ThemeToggle;
use crate::{
    auth::{SignOut, SignOutEverywhere},
    context::use_viewer,
};

#[component]
pub fn UserMenu() -> impl IntoView {
    let viewer = use_viewer();
    let sign_out = ServerAction::<SignOut>::new();
    let everywhere = ServerAction::<SignOutEverywhere>::new();
    view! {
        <div class="flex items-center gap-3">
            {viewer.is_none().then(|| view! {
                <A href="/login" attr:class="text-sm font-medium text-slate-700 hover:text-brand dark:text-slate-200">"Sign in"</A>
            })}
            <details class="relative" data-menu data-testid="user-menu">
                <summary class="flex h-9 w-9 cursor-pointer list-none items-center justify-center rounded-full bg-slate-200 text-slate-700 hover:bg-slate-300 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand dark:bg-slate-700 dark:text-slate-100" aria-label="User menu">
                    <svg class="h-5 w-5" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" aria-hidden="true">
                        <circle cx="12" cy="8" r="4"/>
                        <path stroke-linecap="round" d="M4 20c1.5-4 4.5-6 8-6s6.5 2 8 6"/>
                    </svg>
                </summary>
                <div class="absolute right-0 z-40 mt-2 w-64 rounded-md border border-slate-200 bg-white p-2 shadow-lg dark:border-slate-700 dark:bg-slate-900">
                    {viewer.map(|v| view! {
                        <p class="truncate px-3 py-2 text-sm" data-testid="signed-in-as">
                            <span class="block font-medium">{v.display().to_owned()}</span>
                            <span class="block text-xs text-slate-500">{v.email.clone()}" · "{v.role.label()}</span>
                        </p>
                    })}
                    {use_viewer().map(|_| view! {
                        <A href="/settings/security" attr:class="block rounded-md px-3 py-2 text-sm text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800">"Security"</A>
                    })}
                    <ThemeToggle/>
                    {use_viewer().map(|_| view! {
                        <ActionForm action=sign_out>
                            <button type="submit" data-testid="sign-out" class="w-full rounded-md px-3 py-2 text-left text-sm text-slate-700 hover:bg-slate-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand dark:text-slate-200 dark:hover:bg-slate-800">
                                "Sign out"
                            </button>
                        </ActionForm>
                        <ActionForm action=everywhere>
                            <button type="submit" data-testid="sign-out-everywhere" class="w-full rounded-md px-3 py-2 text-left text-sm text-slate-700 hover:bg-slate-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand dark:text-slate-200 dark:hover:bg-slate-800">
                                "Sign out everywhere"
                            </button>
                        </ActionForm>
                    })}
                </div>
            </details>
        </div>
    }
}
