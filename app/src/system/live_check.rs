//! "Check now": the browser asks `/healthz` itself (a plain JSON endpoint, so gloo-net
//! rather than a server function) and reports what it saw and how long it took.

use leptos::prelude::*;

use crate::ui::Card;

#[component]
pub fn LiveCheck() -> impl IntoView {
    let (result, set_result) = signal(None::<String>);
    let (busy, set_busy) = signal(false);
    let check = move |_| {
        set_busy.set(true);
        leptos::task::spawn_local(async move {
            set_result.set(Some(probe::check().await));
            set_busy.set(false);
        });
    };
    view! {
        <Card title="Live check">
            <p class="text-sm text-slate-600 dark:text-slate-400">
                "Ask the server, from this browser, whether it and its database answer right now."
            </p>
            <button
                type="button"
                on:click=check
                disabled=move || busy.get()
                aria-busy=move || busy.get().to_string()
                data-testid="live-check"
                class="mt-4 inline-flex items-center gap-2 rounded-md bg-brand px-4 py-2 text-sm font-medium text-white hover:opacity-90 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand focus-visible:ring-offset-2 disabled:opacity-60"
            >
                {move || if busy.get() { "Checking…" } else { "Check now" }}
            </button>
            <p role="status" aria-live="polite" data-testid="live-check-result" class="mt-3 min-h-5 text-sm">
                {move || result.get()}
            </p>
        </Card>
    }
}

#[cfg(feature = "hydrate")]
mod probe {
    use model::system::Health;

    pub async fn check() -> String {
        let performance = web_sys::window().and_then(|w| w.performance());
        let now = || performance.as_ref().map_or(0.0, web_sys::Performance::now);
        let started = now();
        let response = gloo_net::http::Request::get("/healthz").send().await;
        let elapsed = now() - started;
        let at = js_sys::Date::new_0()
            .to_locale_time_string("en-US")
            .as_string()
            .unwrap_or_default();
        match response {
            Ok(r) => match r.json::<Health>().await {
                Ok(h) if h.is_ok() => format!("Database ok · answered in {elapsed:.0} ms · {at}"),
                Ok(h) => format!("Degraded: database {} · {at}", h.database),
                Err(e) => format!("Unexpected answer ({}): {e}", r.status()),
            },
            Err(e) => format!("The server did not answer: {e}"),
        }
    }
}

#[cfg(not(feature = "hydrate"))]
mod probe {
    /// Click handlers never run during server rendering.
    pub async fn check() -> String {
        String::new()
    }
}
