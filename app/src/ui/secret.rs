//! A secret shown exactly once (a new API key, a webhook signing secret): highlighted,
//! selected on focus so one keystroke copies it, with a line on how to use it.

use leptos::prelude::*;

#[component]
pub fn ShownOnce(
    /// "Copy the key … now: it is not shown again."
    #[prop(into)]
    heading: String,
    /// The accessible name of the field holding the secret.
    label: &'static str,
    secret: String,
    /// How to use it.
    children: Children,
) -> impl IntoView {
    view! {
        <div class="mb-4 rounded-md border border-amber-300 bg-amber-50 p-4 text-sm dark:border-amber-800 dark:bg-amber-950" role="status" data-testid="shown-once">
            <p class="font-semibold">{heading}</p>
            <input readonly class="mt-2 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-xs dark:border-slate-700 dark:bg-slate-900"
                aria-label=label prop:value=secret data-testid="new-secret" on:focus=select_all/>
            <p class="mt-2 text-slate-600 dark:text-slate-400">{children()}</p>
        </div>
    }
}

/// Selects the shown secret.
fn select_all(ev: leptos::ev::FocusEvent) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        if let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        {
            input.select();
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = ev;
}
