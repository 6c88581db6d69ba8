//! Full-page errors. On the server they also set the HTTP status, so a missing page is a
//! real 404 to browsers, crawlers and tests alike.

use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <StatusPage
            code=404
            title="Page not found"
            message="There is nothing at this address. It may have moved, or the link may be mistyped."
        />
    }
}

#[component]
pub fn StatusPage(code: u16, title: &'static str, message: &'static str) -> impl IntoView {
    set_status(code);
    view! {
        <Title text=title/>
        <section class="mx-auto max-w-lg py-16 text-center" aria-labelledby="status-title">
            <p class="text-sm font-semibold text-brand">{code}</p>
            <h1 id="status-title" class="mt-2 text-3xl font-bold tracking-tight">{title}</h1>
            <p class="mt-4 text-slate-600 dark:text-slate-400">{message}</p>
            <a href="/" class="mt-8 inline-block rounded-md bg-brand px-4 py-2 text-sm font-medium text-white hover:opacity-90 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand focus-visible:ring-offset-2">
                "Back to the dashboard"
            </a>
        </section>
    }
}

#[cfg(feature = "ssr")]
fn set_status(code: u16) {
    if let (Some(response), Ok(status)) =
        (use_context::<leptos_axum::ResponseOptions>(), http::StatusCode::from_u16(code))
    {
        response.set_status(status);
    }
}

#[cfg(not(feature = "ssr"))]
fn set_status(_code: u16) {}
