//! `/invite?token=…`: the invited person chooses a name and password and is signed in.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use model::auth::Password;

use super::AcceptInvite;
use crate::{
    error::{ErrorAlert, FnError, split_errors},
    ui::TextField,
};

#[component]
pub fn AcceptInvitePage() -> impl IntoView {
    let token = use_query_map()
        .with_untracked(|q| q.get("token"))
        .unwrap_or_default();
    let action = ServerAction::<AcceptInvite>::new();
    let (fields, other) = split_errors(move || action.value().get());
    let token_error = Signal::derive(move || {
        fields.get().and_then(|f| {
            f.first("token")
                .map(|m| FnError(model::AppError::invalid("token", m)))
        })
    });
    view! {
        <Title text="Join the team"/>
        <div class="mx-auto mt-8 max-w-md rounded-lg border border-slate-200 bg-white p-6 shadow-sm sm:p-8 dark:border-slate-800 dark:bg-slate-900">
            <h1 class="text-xl font-bold tracking-tight">"Join the team"</h1>
            <ActionForm action=action attr:class="mt-6 space-y-4" attr:novalidate=true>
                <input type="hidden" name="token" value=token/>
                <TextField name="name" label="Your name" autocomplete="name" required=true errors=fields/>
                <TextField name="password" label="Choose a password" input_type="password" autocomplete="new-password" required=true hint="At least 10 characters, with an uppercase letter and a digit." errors=fields check=|v| Password::parse(v).map(|_| ())/>
                <TextField name="confirm" label="Password, again" input_type="password" autocomplete="new-password" required=true errors=fields/>
                {move || token_error.get().or_else(|| other.get()).map(|error| view! { <ErrorAlert error/> })}
                <button type="submit" class="w-full rounded-md bg-brand px-4 py-2 text-sm font-medium text-white hover:opacity-90">"Join"</button>
            </ActionForm>
        </div>
    }
}
