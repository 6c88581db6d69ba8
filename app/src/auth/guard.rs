//! Route guards. The server enforces access in every server function; these only decide
//! what a page shows: signed-out visitors go to sign-in, unverified users to the
//! verification page.

use leptos::prelude::*;
use leptos_router::components::Redirect;
use model::AppError;

use crate::{context::use_viewer, error::ErrorPage};

#[component]
pub fn Protected(children: ChildrenFn) -> impl IntoView {
    move || match use_viewer() {
        None => view! { <Redirect path="/login"/> }.into_any(),
        Some(v) if !v.email_verified => view! { <Redirect path="/verify-email"/> }.into_any(),
        Some(_) => children().into_any(),
    }
}

#[component]
pub fn PlatformAdminOnly(children: ChildrenFn) -> impl IntoView {
    move || {
        match use_viewer() {
        None => view! { <Redirect path="/login"/> }.into_any(),
        Some(v) if v.is_platform_admin() => children().into_any(),
        Some(_) => view! { <ErrorPage error=AppError::forbidden("This page is for platform administrators.")/> }.into_any(),
    }
    }
}
