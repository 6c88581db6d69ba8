//! The dark-mode switch. A plain form posting to a server function: without JavaScript
//! the server sets the cookie and redirects back; with it, the page switches in place.
//! Either way the cookie makes the choice survive reloads and new tabs.

use leptos::prelude::*;
use model::branding::Theme;

use crate::{context::ThemeState, error::FnError};

/// Remembers the theme in a cookie (a year; `SameSite=Lax`; not a secret, so readable).
#[server(prefix = "/api", endpoint = "theme")]
pub async fn set_theme(theme: String) -> Result<Theme, FnError> {
    let theme = Theme::from_cookie_value(&theme);
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        let cookie = format!(
            "{}={}; Path=/; Max-Age=31536000; SameSite=Lax",
            Theme::COOKIE,
            theme.as_str()
        );
        if let Ok(value) = http::HeaderValue::from_str(&cookie) {
            response.append_header(http::header::SET_COOKIE, value);
        }
    }
    Ok(theme)
}

#[component]
pub fn ThemeToggle() -> impl IntoView {
    let ThemeState(theme) = expect_context::<ThemeState>();
    let action = ServerAction::<SetTheme>::new();
    Effect::new(move |_| {
        if let Some(Ok(chosen)) = action.value().get() {
            theme.set(chosen);
        }
    });
    let dark = move || theme.get() == Theme::Dark;
    view! {
        <ActionForm action=action>
            <input type="hidden" name="theme" value=move || theme.get().toggled().as_str()/>
            <button
                type="submit"
                role="switch"
                aria-checked=move || dark().to_string()
                data-testid="theme-toggle"
                class="flex w-full items-center justify-between rounded-md px-3 py-2 text-sm text-slate-700 hover:bg-slate-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand dark:text-slate-200 dark:hover:bg-slate-800"
            >
                <span>"Dark mode"</span>
                <span
                    aria-hidden="true"
                    class="relative inline-flex h-5 w-9 items-center rounded-full bg-slate-300 transition dark:bg-brand"
                >
                    <span class="inline-block h-4 w-4 translate-x-0.5 rounded-full bg-white shadow transition dark:translate-x-4"></span>
                </span>
            </button>
        </ActionForm>
    }
}
