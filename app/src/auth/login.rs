use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use model::auth::Email;

use super::{AuthCard, PRIMARY_BUTTON, SignIn, split_errors};
use crate::{error::ErrorAlert, ui::TextField};

#[component]
pub fn LoginPage() -> impl IntoView {
    let action = ServerAction::<SignIn>::new();
    let (fields, other) = split_errors(move || action.value().get());
    let pending = action.pending();
    view! {
        <Title text="Sign in"/>
        <AuthCard title="Sign in">
            <ActionForm action=action attr:class="space-y-4" attr:novalidate=true>
                <TextField name="email" label="Email" input_type="email" autocomplete="email" required=true errors=fields check=|v| Email::parse(v).map(|_| ())/>
                <TextField name="password" label="Password" input_type="password" autocomplete="current-password" required=true errors=fields/>
                {move || other.get().map(|error| view! { <ErrorAlert error/> })}
                <button type="submit" class=PRIMARY_BUTTON disabled=pending aria-busy=move || pending.get().to_string()>
                    {move || if pending.get() { "Signing in…" } else { "Sign in" }}
                </button>
            </ActionForm>
            <p class="mt-4 text-center text-sm">
                <A href="/forgot-password" attr:class="text-slate-600 hover:underline dark:text-slate-400">"Forgot your password?"</A>
            </p>
            <p class="mt-4 text-center text-sm text-slate-600 dark:text-slate-400">
                "New here? " <A href="/signup" attr:class="font-medium text-brand hover:underline">"Start a free 14-day trial"</A>
            </p>
        </AuthCard>
    }
}
