//! Settings → Security: two-factor sign-in on and off.

use leptos::prelude::*;
use leptos_meta::Title;

use super::Protected;
use crate::{
    context::use_viewer,
    error::{ErrorAlert, FnError, split_errors},
    ui::{Card, TextField},
};

/// The QR code (SVG) and the key to type in by hand.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct EnrolmentView {
    pub qr_svg: String,
    pub secret: String,
}

#[server(prefix = "/api", endpoint = "begin_two_factor")]
pub async fn begin_two_factor() -> Result<EnrolmentView, FnError> {
    let (services, meta) = (crate::context::services()?, crate::context::request_meta());
    let brand = crate::context::request_brand()
        .map(|b| b.name)
        .unwrap_or_default();
    let issuer = meta
        .viewer
        .as_ref()
        .and_then(|v| v.partner.as_ref().map(|p| p.name.clone()))
        .unwrap_or(brand);
    let e = domain::auth::two_factor::begin(
        &services.db,
        &services.secrets,
        meta.viewer.as_ref(),
        &issuer,
    )
    .await?;
    Ok(EnrolmentView {
        qr_svg: e.qr_svg,
        secret: e.secret_base32,
    })
}

#[server(prefix = "/api", endpoint = "confirm_two_factor")]
pub async fn confirm_two_factor(code: String) -> Result<Vec<String>, FnError> {
    let (services, meta) = (crate::context::services()?, crate::context::request_meta());
    Ok(domain::auth::two_factor::confirm(
        &services.db,
        &services.secrets,
        meta.viewer.as_ref(),
        &code,
        chrono::Utc::now(),
    )
    .await?)
}

#[server(prefix = "/api", endpoint = "disable_two_factor")]
pub async fn disable_two_factor(code: String) -> Result<(), FnError> {
    let (services, meta) = (crate::context::services()?, crate::context::request_meta());
    Ok(domain::auth::two_factor::disable(
        &services.db,
        &services.secrets,
        meta.viewer.as_ref(),
        &code,
        chrono::Utc::now(),
    )
    .await?)
}

#[server(prefix = "/api", endpoint = "change_password")]
pub async fn change_password(
    current: String,
    password: String,
    confirm: String,
) -> Result<(), FnError> {
    let (db, meta) = (
        crate::context::services()?.db,
        crate::context::request_meta(),
    );
    Ok(domain::auth::account::change_password(
        &db,
        meta.viewer.as_ref(),
        meta.session_id.as_deref(),
        &current,
        &password,
        &confirm,
        chrono::Utc::now(),
    )
    .await?)
}

#[component]
fn ChangePassword() -> impl IntoView {
    let action = ServerAction::<ChangePassword>::new();
    let (fields, other) = split_errors(move || action.value().get());
    view! {
        <ActionForm action=action attr:class="space-y-4" attr:novalidate=true>
            <TextField name="current" label="Current password" input_type="password" autocomplete="current-password" required=true errors=fields/>
            <TextField name="password" label="New password" input_type="password" autocomplete="new-password" required=true hint="At least 10 characters, with an uppercase letter and a digit." errors=fields check=|v| model::auth::Password::parse(v).map(|_| ())/>
            <TextField name="confirm" label="New password, again" input_type="password" autocomplete="new-password" required=true errors=fields/>
            {move || other.get().map(|error| view! { <ErrorAlert error/> })}
            <button type="submit" class="rounded-md bg-brand px-4 py-2 text-sm font-medium text-white hover:opacity-90">"Change password"</button>
            <p role="status" class="text-sm text-green-700 dark:text-green-400">
                {move || matches!(action.value().get(), Some(Ok(()))).then_some("Password changed. Your other sessions are signed out.")}
            </p>
        </ActionForm>
    }
}

#[component]
pub fn SecurityPage() -> impl IntoView {
    view! {
        <Title text="Security"/>
        <Protected>
            <h1 class="text-2xl font-bold tracking-tight">"Security"</h1>
            <div class="mt-6 max-w-xl">
                <Card title="Two-factor sign-in">
                    {if use_viewer().is_some_and(|v| v.two_factor) { view! { <TurnOff/> }.into_any() } else { view! { <TurnOn/> }.into_any() }}
                </Card>
            </div>
            <div class="mt-6 max-w-xl">
                <Card title="Password">
                    <ChangePassword/>
                </Card>
            </div>
        </Protected>
    }
}

#[component]
fn TurnOn() -> impl IntoView {
    let begin = ServerAction::<BeginTwoFactor>::new();
    let confirm = ServerAction::<ConfirmTwoFactor>::new();
    let (fields, other) = split_errors(move || confirm.value().get());
    let button = "rounded-md bg-brand px-4 py-2 text-sm font-medium text-white hover:opacity-90 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand focus-visible:ring-offset-2";
    view! {
        <p class="text-sm text-slate-600 dark:text-slate-400">
            "Off. Turn it on so a stolen password alone cannot open your account."
        </p>
        {move || match (begin.value().get(), confirm.value().get()) {
            (_, Some(Ok(codes))) => view! { <RecoveryCodes codes/> }.into_any(),
            (Some(Ok(enrolment)), _) => view! {
                <ol class="mt-4 list-decimal space-y-3 pl-5 text-sm">
                    <li>"Scan this code with an authenticator app (or type the key)."</li>
                </ol>
                <div class="mt-3 w-52 rounded bg-white p-2" inner_html=enrolment.qr_svg.clone() role="img" aria-label="QR code for your authenticator app"></div>
                <p class="mt-2 font-mono text-sm break-all" data-testid="totp-secret">{enrolment.secret.clone()}</p>
                <ActionForm action=confirm attr:class="mt-4 space-y-3" attr:novalidate=true>
                    <TextField name="code" label="6-digit code from the app" autocomplete="one-time-code" required=true errors=fields/>
                    {move || other.get().map(|error| view! { <ErrorAlert error/> })}
                    <button type="submit" class=button>"Turn on"</button>
                </ActionForm>
            }
            .into_any(),
            (Some(Err(error)), _) => view! { <ErrorAlert error/> }.into_any(),
            (None, _) => view! {
                <ActionForm action=begin attr:class="mt-4">
                    <button type="submit" class=button>"Set up two-factor sign-in"</button>
                </ActionForm>
            }
            .into_any(),
        }}
    }
}

#[component]
fn RecoveryCodes(codes: Vec<String>) -> impl IntoView {
    view! {
        <div role="status" class="mt-4 rounded-md border border-green-300 bg-green-50 p-4 text-sm dark:border-green-800 dark:bg-green-950">
            <p class="font-medium">"Two-factor sign-in is on."</p>
            <p class="mt-1">"Keep these recovery codes somewhere safe. Each works once if you lose your phone. They are shown only now."</p>
            <ul class="mt-3 grid grid-cols-2 gap-1 font-mono" data-testid="recovery-codes">
                {codes.into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}
            </ul>
        </div>
    }
}

#[component]
fn TurnOff() -> impl IntoView {
    let disable = ServerAction::<DisableTwoFactor>::new();
    let (fields, other) = split_errors(move || disable.value().get());
    view! {
        {move || if matches!(disable.value().get(), Some(Ok(()))) {
            view! { <p role="status" class="text-sm">"Two-factor sign-in is off."</p> }.into_any()
        } else {
            view! {
                <p class="text-sm text-slate-600 dark:text-slate-400" data-testid="two-factor-on">"On. Every sign-in asks for a code."</p>
                <ActionForm action=disable attr:class="mt-4 space-y-3" attr:novalidate=true>
                    <TextField name="code" label="A current code or a recovery code" autocomplete="one-time-code" required=true errors=fields/>
                    {move || other.get().map(|error| view! { <ErrorAlert error/> })}
                    <button type="submit" class="rounded-md border border-red-300 px-4 py-2 text-sm font-medium text-red-700 hover:bg-red-50 dark:border-red-800 dark:text-red-300">"Turn off"</button>
                </ActionForm>
            }.into_any()
        }}
    }
}
