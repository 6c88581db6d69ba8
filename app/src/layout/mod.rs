//! The chrome around every page: header with brand, main navigation (a hamburger below
//! tablet width), user menu with the dark-mode switch, and the main landmark.

mod nav;
mod theme;
mod trial;
mod user_menu;

pub use nav::{NAV, NavEntry, NavLink};
pub use theme::{SetTheme, ThemeToggle};

use leptos::prelude::*;
use model::branding::BrandInfo;

use crate::{context::use_viewer, error::boundary_fallback};

use nav::{DesktopNav, MobileNav, close_menus_on_navigation};
use trial::TrialBanner;
use user_menu::UserMenu;

/// The header deliberately has no `backdrop-filter`/`transform`: either would make it the
/// containing block of the phone menu's `position: fixed` panel and clip the panel to the
/// header's height.
#[component]
pub fn Shell(children: Children) -> impl IntoView {
    let brand = expect_context::<BrandInfo>();
    let signed_in = use_viewer().is_some();
    close_menus_on_navigation();
    view! {
        <a href="#main" class="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-slate-900">
            "Skip to content"
        </a>
        <header class="sticky top-0 z-30 border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
            <div class="mx-auto flex h-14 max-w-7xl items-center gap-4 px-4">
                {signed_in.then(|| view! { <MobileNav/> })}
                <a href="/" class="flex items-center gap-2 font-semibold" aria-label=format!("{} home", brand.name)>
                    {match brand.logo_url.clone() {
                        // Shown about 32 px tall, as PRODUCT.md asks; the name stays for
                        // screen readers and narrow logos.
                        Some(src) => view! { <img src=src alt="" class="h-8 w-auto max-w-40 object-contain" data-testid="brand-logo"/> }.into_any(),
                        None => view! { <span class="inline-block h-6 w-6 rounded bg-brand" aria-hidden="true"></span> }.into_any(),
                    }}
                    <span data-testid="brand-name">{brand.name.clone()}</span>
                </a>
                {signed_in.then(|| view! { <DesktopNav/> })}
                <div class="ml-auto">
                    <UserMenu/>
                </div>
            </div>
        </header>
        <TrialBanner/>
        <crate::tenants::AssumeBanner/>
        <main id="main" class="mx-auto max-w-7xl px-4 py-6">
            <ErrorBoundary fallback=boundary_fallback>{children()}</ErrorBoundary>
        </main>
    }
}
