//! Signing in and out, signing up, verifying an email, and the guard that keeps signed-out
//! (or unverified) visitors out of the product's pages.

mod actions;
mod code;
mod guard;
mod login;
mod reset;
mod security;
mod signup;
mod verify;

pub use actions::{
    ConfirmEmail, ResendVerification, SignIn, SignInCode, SignOut, SignOutEverywhere, SignUp,
    confirm_email, resend_verification, sign_in, sign_in_code, sign_out, sign_out_everywhere,
    sign_up,
};
pub use code::SignInCodePage;
pub use guard::{PlatformAdminOnly, Protected};
pub use login::LoginPage;
pub use reset::{ForgotPasswordPage, RequestPasswordReset, ResetPassword, ResetPasswordPage};
pub use security::{BeginTwoFactor, ConfirmTwoFactor, DisableTwoFactor, SecurityPage};
pub use signup::SignupPage;
pub use verify::VerifyEmailPage;

use leptos::prelude::*;

pub(crate) use crate::error::split_errors;

/// The centred card that sign-in, sign-up and verification pages sit in.
#[component]
fn AuthCard(#[prop(into)] title: String, children: Children) -> impl IntoView {
    view! {
        <div class="mx-auto mt-8 max-w-md rounded-lg border border-slate-200 bg-white p-6 shadow-sm sm:p-8 dark:border-slate-800 dark:bg-slate-900">
            <h1 class="text-xl font-bold tracking-tight">{title}</h1>
            <div class="mt-6">{children()}</div>
        </div>
    }
}

const PRIMARY_BUTTON: &str = "w-full rounded-md bg-brand px-4 py-2 text-sm font-medium text-white hover:opacity-90 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand focus-visible:ring-offset-2 disabled:opacity-60";
