//! `/verify-email`: with `?token=…` it confirms the address; without, it asks a signed-in
//! but unverified user to check their inbox and offers a new link.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::{AuthCard, PRIMARY_BUTTON, ResendVerification, SignOut, confirm_email};
use crate::{context::use_viewer, error::ErrorAlert};

#[component]
pub fn VerifyEmailPage() -> impl IntoView {
    let token = use_query_map().with_untracked(|q| q.get("token"));
    view! {
        <Title text="Verify your email"/>
        {match token {
            Some(token) => view! { <ConfirmLink token/> }.into_any(),
            None => view! { <CheckInbox/> }.into_any(),
        }}
    }
}

#[component]
fn ConfirmLink(token: String) -> impl IntoView {
    let outcome = Resource::new(move || token.clone(), confirm_email);
    view! {
        <AuthCard title="Verify your email">
            <Suspense fallback=|| view! { <p aria-busy="true">"Confirming…"</p> }>
                {move || Suspend::new(async move {
                    match outcome.await {
                        Ok(email) => view! {
                            <p data-testid="email-verified">{format!("Thanks, {email} is confirmed.")}</p>
                            // rel=external: a full load, so the page is rendered for the now-verified viewer.
                            <a href="/" rel="external" class=format!("mt-6 block text-center {PRIMARY_BUTTON}")>"Continue to your dashboard"</a>
                        }
                        .into_any(),
                        Err(error) => view! { <ErrorAlert error/> }.into_any(),
                    }
                })}
            </Suspense>
        </AuthCard>
    }
}

#[component]
fn CheckInbox() -> impl IntoView {
    let resend = ServerAction::<ResendVerification>::new();
    let sign_out = ServerAction::<SignOut>::new();
    let email = use_viewer().map(|v| v.email);
    view! {
        <AuthCard title="Please verify your email">
            <p class="text-sm text-slate-700 dark:text-slate-300">
                {match email {
                    Some(e) => format!("We sent a link to {e}. Open it to finish setting up your account."),
                    None => "Open the link we emailed you to finish setting up your account.".to_owned(),
                }}
            </p>
            <ActionForm action=resend attr:class="mt-6">
                <button type="submit" class=PRIMARY_BUTTON>"Send a new link"</button>
            </ActionForm>
            <p role="status" class="mt-2 text-sm text-green-700 dark:text-green-400">
                {move || matches!(resend.value().get(), Some(Ok(()))).then_some("A new link is on its way.")}
            </p>
            {move || resend.value().get().and_then(Result::err).map(|error| view! { <ErrorAlert error/> })}
            <ActionForm action=sign_out attr:class="mt-4 text-center">
                <button type="submit" class="text-sm text-slate-600 underline dark:text-slate-400">"Sign out"</button>
            </ActionForm>
        </AuthCard>
    }
}
