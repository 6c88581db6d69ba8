//! Forgotten password: ask for a link at `/forgot-password`, choose a new password at
//! `/reset-password?token=…`.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{components::A, hooks::use_query_map};
use model::auth::{Email, Password};

use super::{AuthCard, PRIMARY_BUTTON, split_errors};
use crate::{
    error::{ErrorAlert, FnError},
    ui::TextField,
};

#[server(prefix = "/api", endpoint = "request_password_reset")]
pub async fn request_password_reset(email: String) -> Result<(), FnError> {
    let (db, meta) = (
        crate::context::services()?.db,
        crate::context::request_meta(),
    );
    let brand = crate::context::request_brand()
        .map(|b| b.name)
        .unwrap_or_default();
    domain::auth::reset::request(&db, &email, &brand, &meta.base_url, chrono::Utc::now()).await?;
    Ok(())
}

#[server(prefix = "/api", endpoint = "reset_password")]
pub async fn reset_password(
    token: String,
    password: String,
    confirm: String,
) -> Result<(), FnError> {
    let db = crate::context::services()?.db;
    domain::auth::reset::complete(&db, &token, &password, &confirm, chrono::Utc::now()).await?;
    Ok(())
}

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let action = ServerAction::<RequestPasswordReset>::new();
    let (fields, other) = split_errors(move || action.value().get());
    let sent = move || matches!(action.value().get(), Some(Ok(())));
    view! {
        <Title text="Reset your password"/>
        <AuthCard title="Reset your password">
            <Show
                when=sent
                fallback=move || view! {
                    <p class="-mt-3 mb-5 text-sm text-slate-600 dark:text-slate-400">"Enter your email and we'll send you a link to choose a new password."</p>
                    <ActionForm action=action attr:class="space-y-4" attr:novalidate=true>
                        <TextField name="email" label="Email" input_type="email" autocomplete="email" required=true errors=fields check=|v| Email::parse(v).map(|_| ())/>
                        {move || other.get().map(|error| view! { <ErrorAlert error/> })}
                        <button type="submit" class=PRIMARY_BUTTON>"Send the link"</button>
                    </ActionForm>
                }
            >
                <p role="status" data-testid="reset-sent" class="text-sm">
                    "If an account exists for that address, a link is on its way. It works once, for one hour."
                </p>
            </Show>
            <p class="mt-6 text-center text-sm">
                <A href="/login" attr:class="font-medium text-brand hover:underline">"Back to sign in"</A>
            </p>
        </AuthCard>
    }
}

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let token = use_query_map()
        .with_untracked(|q| q.get("token"))
        .unwrap_or_default();
    let action = ServerAction::<ResetPassword>::new();
    let (fields, other) = split_errors(move || action.value().get());
    let token_error = Signal::derive(move || {
        fields.get().and_then(|f| {
            f.first("token")
                .map(|m| FnError(model::AppError::invalid("token", m)))
        })
    });
    let done = move || matches!(action.value().get(), Some(Ok(())));
    view! {
        <Title text="Choose a new password"/>
        <AuthCard title="Choose a new password">
            <Show
                when=done
                fallback=move || {
                    let token = token.clone();
                    view! {
                        <ActionForm action=action attr:class="space-y-4" attr:novalidate=true>
                            <input type="hidden" name="token" value=token/>
                            <TextField name="password" label="New password" input_type="password" autocomplete="new-password" required=true hint="At least 10 characters, with an uppercase letter and a digit." errors=fields check=|v| Password::parse(v).map(|_| ())/>
                            <TextField name="confirm" label="New password, again" input_type="password" autocomplete="new-password" required=true errors=fields/>
                            {move || token_error.get().or_else(|| other.get()).map(|error| view! { <ErrorAlert error/> })}
                            <button type="submit" class=PRIMARY_BUTTON>"Save the new password"</button>
                        </ActionForm>
                    }
                }
            >
                <p role="status" data-testid="password-reset" class="text-sm">
                    "Your password is changed and every other session is signed out."
                </p>
                <a href="/login" rel="external" class=format!("mt-6 block text-center {PRIMARY_BUTTON}")>"Sign in"</a>
            </Show>
        </AuthCard>
    }
}
