use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use model::{
    auth::{Email, Password},
    partners::parse_name,
};

use super::{AuthCard, PRIMARY_BUTTON, SignUp, split_errors};
use crate::{error::ErrorAlert, ui::TextField};

#[component]
pub fn SignupPage() -> impl IntoView {
    let action = ServerAction::<SignUp>::new();
    let (fields, other) = split_errors(move || action.value().get());
    let pending = action.pending();
    view! {
        <Title text="Start your trial"/>
        <AuthCard title="Start your 14-day trial">
            <p class="-mt-3 mb-5 text-sm text-slate-600 dark:text-slate-400">"No card needed. Your customers will only ever see your brand."</p>
            <ActionForm action=action attr:class="space-y-4" attr:novalidate=true>
                <TextField name="company" label="Company name" autocomplete="organization" required=true errors=fields check=|v| parse_name(v, "company name").map(|_| ())/>
                <TextField name="name" label="Your name" autocomplete="name" required=true errors=fields check=|v| parse_name(v, "your name").map(|_| ())/>
                <TextField name="email" label="Work email" input_type="email" autocomplete="email" required=true errors=fields check=|v| Email::parse(v).map(|_| ())/>
                <TextField
                    name="password"
                    label="Password"
                    input_type="password"
                    autocomplete="new-password"
                    required=true
                    hint="At least 10 characters, with an uppercase letter and a digit."
                    errors=fields
                    check=|v| Password::parse(v).map(|_| ())
                />
                {move || other.get().map(|error| view! { <ErrorAlert error/> })}
                <button type="submit" class=PRIMARY_BUTTON disabled=pending aria-busy=move || pending.get().to_string()>
                    {move || if pending.get() { "Creating your account…" } else { "Create account" }}
                </button>
            </ActionForm>
            <p class="mt-6 text-center text-sm text-slate-600 dark:text-slate-400">
                "Already have an account? " <A href="/login" attr:class="font-medium text-brand hover:underline">"Sign in"</A>
            </p>
        </AuthCard>
    }
}
