//! The product's one error type (`model::AppError`) as server functions carry it, and
//! its renderings in the UI: a field-level message under an input, an inline alert,
//! and full status pages (404 and friends).

mod pages;
#[cfg(feature = "hydrate")]
mod reload;

pub use pages::{ErrorPage, NotFound, StatusPage, boundary_fallback};
#[cfg(feature = "hydrate")]
pub use reload::{NOTICE_ID, show_reload_notice};

use leptos::{
    prelude::*,
    server_fn::{
        codec::JsonEncoding,
        error::{FromServerFnError, ServerFnErrorErr},
    },
};
use model::{AppError, FieldErrors};
use serde::{Deserialize, Serialize};

/// `AppError` in transit between a server function and the page that called it.
///
/// A newtype only because Leptos' `FromServerFnError` and `AppError` are both foreign
/// to this crate; `.0` is the real error.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct FnError(pub AppError);

impl From<AppError> for FnError {
    fn from(error: AppError) -> Self {
        Self(error)
    }
}

impl std::fmt::Display for FnError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for FnError {}

impl FromServerFnError for FnError {
    type Encoder = JsonEncoding;

    /// Transport failures (the request never reached the domain, or its answer could not
    /// be read) surface as "unavailable", which pages present as "try again".
    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        Self(match value {
            ServerFnErrorErr::Args(m) | ServerFnErrorErr::MissingArg(m) => {
                AppError::invalid("request", m)
            }
            other => AppError::unavailable(format!("The server could not be reached: {other}")),
        })
    }
}

/// An inline alert. For a validation error that has no input on the page to sit under
/// (a spent link's `token`), it lists the messages themselves.
#[component]
pub fn ErrorAlert(error: FnError) -> impl IntoView {
    if let AppError::PlanLimit { message, .. } = &error.0 {
        return view! { <UpgradePrompt message=message.clone()/> }.into_any();
    }
    let messages: Vec<String> = match error.0.field_errors() {
        Some(fields) => fields.iter().flat_map(|(_, m)| m.iter().cloned()).collect(),
        None => vec![error.0.to_string()],
    };
    view! {
        <div role="alert" class="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200">
            <p class="font-medium">{error.0.title()}</p>
            {messages.into_iter().map(|m| view! { <p>{m}</p> }).collect_view()}
        </div>
    }
    .into_any()
}

/// A plan limit is not a failure to apologise for: it says what the plan allows and
/// where to compare plans.
#[component]
fn UpgradePrompt(message: String) -> impl IntoView {
    view! {
        <div role="alert" data-testid="upgrade-prompt" class="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
            <p class="font-medium">"Time to upgrade"</p>
            <p>{message}</p>
            <a href="/settings/billing" class="mt-2 inline-block rounded-md bg-brand px-3 py-1.5 font-medium text-white hover:opacity-90">"Compare plans"</a>
        </div>
    }
}

/// The first message for field `name` in `errors` (for pickers and other inputs that are
/// not a `TextField`, which looks up its own).
pub fn first(errors: Signal<Option<FieldErrors>>, name: &'static str) -> Signal<Option<String>> {
    Signal::derive(move || {
        errors.with(|e| e.as_ref().and_then(|e| e.first(name).map(str::to_owned)))
    })
}

/// Splits a server function's last answer into field errors (shown under inputs) and
/// any other error (shown as an alert).
pub fn split_errors<T: 'static>(
    value: impl Fn() -> Option<Result<T, FnError>> + Clone + Send + Sync + 'static,
) -> (Signal<Option<FieldErrors>>, Signal<Option<FnError>>) {
    let read = value.clone();
    let fields = Signal::derive(move || match read() {
        Some(Err(FnError(e))) => e.field_errors().cloned(),
        _ => None,
    });
    let other = Signal::derive(move || match value() {
        Some(Err(e)) if e.0.field_errors().is_none() => Some(e),
        _ => None,
    });
    (fields, other)
}
