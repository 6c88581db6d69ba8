//! `/login/code?ticket=…`: the second step of a two-factor sign-in.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::{AuthCard, PRIMARY_BUTTON, SignInCode, split_errors};
use crate::{
    error::{ErrorAlert, FnError},
    ui::TextField,
};

#[component]
pub fn SignInCodePage() -> impl IntoView {
    let ticket = use_query_map()
        .with_untracked(|q| q.get("ticket"))
        .unwrap_or_default();
    let action = ServerAction::<SignInCode>::new();
    let (fields, other) = split_errors(move || action.value().get());
    let ticket_error = Signal::derive(move || {
        fields.get().and_then(|f| {
            f.first("token")
                .map(|m| FnError(model::AppError::invalid("token", m)))
        })
    });
    view! {
        <Title text="Two-factor sign-in"/>
        <AuthCard title="Enter your code">
            <p class="-mt-3 mb-5 text-sm text-slate-600 dark:text-slate-400">
                "Open your authenticator app and enter the 6-digit code, or use one of your recovery codes."
            </p>
            <ActionForm action=action attr:class="space-y-4" attr:novalidate=true>
                <input type="hidden" name="ticket" value=ticket/>
                <TextField name="code" label="Code" autocomplete="one-time-code" required=true errors=fields/>
                {move || ticket_error.get().or_else(|| other.get()).map(|error| view! { <ErrorAlert error/> })}
                <button type="submit" class=PRIMARY_BUTTON>"Verify"</button>
            </ActionForm>
        </AuthCard>
    }
}
