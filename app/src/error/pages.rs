//! Full-page errors. On the server they also set the HTTP status, so a missing page is a
//! real 404 to browsers, crawlers and tests alike.

use leptos::prelude::*;
use leptos_meta::Title;
use model::AppError;

use super::FnError;

#[component]
pub fn NotFound() -> impl IntoView {
    view! { <ErrorPage error=AppError::not_found("Page")/> }
}

/// The page for an error that stops a whole page: the status, a plain explanation and
/// a way back. Internal details never appear; a reference points into the server log.
#[component]
pub fn ErrorPage(error: AppError) -> impl IntoView {
    let (title, message) = match &error {
        AppError::NotFound { .. } => (
            "Page not found".to_owned(),
            "There is nothing at this address. It may have moved, or the link may be mistyped."
                .to_owned(),
        ),
        AppError::Unauthorized => (
            "Sign-in required".to_owned(),
            "Sign in to see this page.".to_owned(),
        ),
        AppError::Forbidden { reason } => ("No access".to_owned(), reason.clone()),
        AppError::Internal { reference } => (
            "Something went wrong".to_owned(),
            format!(
                "This page could not be shown. If it keeps happening, quote reference {reference} to support."
            ),
        ),
        other => (other.title().to_owned(), other.to_string()),
    };
    view! { <StatusPage code=error.status() title message/> }
}

/// The fallback of the page-level error boundary: the first error, as a page.
pub fn boundary_fallback(errors: ArcRwSignal<Errors>) -> impl IntoView {
    let first = move || {
        errors
            .get()
            .into_iter()
            .next()
            .and_then(|(_, e)| e.downcast_ref::<FnError>().map(|f| f.0.clone()))
            .unwrap_or_else(|| AppError::Internal {
                reference: "client".into(),
            })
    };
    move || view! { <ErrorPage error=first()/> }
}

#[component]
pub fn StatusPage(
    code: u16,
    #[prop(into)] title: String,
    #[prop(into)] message: String,
) -> impl IntoView {
    set_status(code);
    view! {
        <Title text=title.clone()/>
        <section class="mx-auto max-w-lg py-16 text-center" aria-labelledby="status-title">
            <p class="text-sm font-semibold text-brand">{code}</p>
            <h1 id="status-title" class="mt-2 text-3xl font-bold tracking-tight">{title}</h1>
            <p class="mt-4 text-slate-600 dark:text-slate-400">{message}</p>
            <a href="/" class="mt-8 inline-block rounded-md bg-brand px-4 py-2 text-sm font-medium text-white hover:opacity-90 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand focus-visible:ring-offset-2">
                "Back to the dashboard"
            </a>
        </section>
    }
}

#[cfg(feature = "ssr")]
fn set_status(code: u16) {
    if let (Some(response), Ok(status)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::StatusCode::from_u16(code),
    ) {
        response.set_status(status);
    }
}

#[cfg(not(feature = "ssr"))]
fn set_status(_code: u16) {}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use leptos::prelude::*;
    use model::AppError;

    use super::ErrorPage;

    fn render_error(error: AppError) -> (String, Option<http::StatusCode>) {
        let owner = Owner::new();
        owner.set();
        leptos_meta::provide_meta_context();
        let response = leptos_axum::ResponseOptions::default();
        provide_context(response.clone());
        let html = view! { <ErrorPage error/> }.to_html();
        let status = response.0.read().expect("response parts").status;
        (html, status)
    }

    #[test]
    fn errors_render_as_status_pages_with_their_status() {
        let (html, status) = render_error(AppError::forbidden("Partner Users can only read."));
        assert_eq!(status, Some(http::StatusCode::FORBIDDEN));
        assert!(
            html.contains("No access") && html.contains("Partner Users can only read."),
            "{html}"
        );

        let (html, status) = render_error(AppError::not_found("Tenant"));
        assert_eq!(status, Some(http::StatusCode::NOT_FOUND));
        assert!(html.contains("Page not found"), "{html}");
    }

    #[test]
    fn internal_errors_show_only_a_reference() {
        let (html, status) = render_error(AppError::Internal {
            reference: "abc123".into(),
        });
        assert_eq!(status, Some(http::StatusCode::INTERNAL_SERVER_ERROR));
        assert!(
            html.contains("abc123") && html.contains("Something went wrong"),
            "{html}"
        );
    }
}
