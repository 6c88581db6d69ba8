//! The main navigation, one definition rendered twice: a bar with drop-downs from tablet
//! width up, a hamburger panel below it. Both use `<details>` so they open with the
//! keyboard and even without JavaScript.

use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_location};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NavLink {
    pub label: &'static str,
    pub href: &'static str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NavEntry {
    Link(NavLink),
    Group {
        label: &'static str,
        links: &'static [NavLink],
    },
}

const fn link(label: &'static str, href: &'static str) -> NavLink {
    NavLink { label, href }
}

/// The partner's top navigation (PRODUCT.md §10). Only pages that exist are linked: an
/// area joins the menu when its pages land (Reports comes with its issue), so no menu
/// item ever leads to the 404 page.
pub const NAV: &[NavEntry] = &[
    NavEntry::Link(link("Dashboard", "/")),
    NavEntry::Group {
        label: "Tenants",
        links: &[
            link("Tenants", "/tenants"),
            link("Tenant Defaults", "/tenants/defaults"),
        ],
    },
    NavEntry::Group {
        label: "Numbers",
        links: &[
            link("Buy", "/numbers/buy"),
            link("Inventory", "/numbers"),
            link("Port In", "/numbers/ports"),
            link("E911", "/numbers/e911"),
        ],
    },
    NavEntry::Link(link("Invoices", "/invoices")),
    NavEntry::Group {
        label: "Settings",
        links: &[
            link("Users", "/settings/users"),
            link("Brand", "/settings/brand"),
            link("Domains", "/settings/domains"),
            link("Go-live check", "/settings/go-live"),
            link("API keys", "/settings/api-keys"),
            link("Webhooks", "/settings/webhooks"),
            link("Pricing", "/settings/pricing"),
            link("Billing", "/settings/billing"),
            link("Security", "/settings/security"),
            link("Audit log", "/settings/audit"),
        ],
    },
    NavEntry::Link(link("Help", "/help/partner")),
];

/// The platform operator's navigation: partners and the installation's own tools.
pub const ADMIN_NAV: &[NavEntry] = &[
    NavEntry::Link(link("Partners", "/admin/partners")),
    NavEntry::Link(link("Tiers", "/admin/tiers")),
    NavEntry::Link(link("Outbox", "/admin/outbox")),
    NavEntry::Link(link("Security", "/settings/security")),
];

/// A tenant's users have one place, their portal (the logo links to it), and their
/// own manual.
pub const TENANT_NAV: &[NavEntry] = &[NavEntry::Link(link("Help", "/help/tenant"))];

/// The navigation for whoever is signed in.
fn entries() -> &'static [NavEntry] {
    match crate::context::use_viewer() {
        Some(v) if v.is_platform_admin() => ADMIN_NAV,
        Some(v) if v.tenant.is_some() => TENANT_NAV,
        _ => NAV,
    }
}

const ITEM: &str = "block rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100 hover:text-slate-900 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand aria-[current=page]:text-brand dark:text-slate-300 dark:hover:bg-slate-800 dark:hover:text-white";

#[component]
pub fn DesktopNav() -> impl IntoView {
    view! {
        <nav aria-label="Main" class="hidden md:block" data-testid="desktop-nav">
            <ul class="flex items-center gap-1">
                {entries().iter().map(|entry| view! { <li class="relative"><DesktopEntry entry=*entry/></li> }).collect_view()}
            </ul>
        </nav>
    }
}

#[component]
fn DesktopEntry(entry: NavEntry) -> impl IntoView {
    match entry {
        NavEntry::Link(l) => view! { <A href=l.href attr:class=ITEM>{l.label}</A> }.into_any(),
        NavEntry::Group { label, links } => view! {
            <details class="group" data-menu>
                <summary class=format!("{ITEM} cursor-pointer list-none select-none")>
                    {label}<span aria-hidden="true" class="ml-1 inline-block transition group-open:rotate-180">"▾"</span>
                </summary>
                <ul class="absolute left-0 mt-1 min-w-48 rounded-md border border-slate-200 bg-white p-1 shadow-lg dark:border-slate-700 dark:bg-slate-900">
                    {links.iter().map(|l| view! { <li><A href=l.href attr:class=ITEM>{l.label}</A></li> }).collect_view()}
                </ul>
            </details>
        }
        .into_any(),
    }
}

#[component]
pub fn MobileNav() -> impl IntoView {
    view! {
        <details class="md:hidden" data-menu data-testid="mobile-nav">
            <summary class="flex h-10 w-10 cursor-pointer list-none items-center justify-center rounded-md text-slate-700 hover:bg-slate-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand dark:text-slate-200 dark:hover:bg-slate-800" aria-label="Menu">
                <svg class="h-6 w-6" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" aria-hidden="true">
                    <path stroke-linecap="round" d="M4 6h16M4 12h16M4 18h16"/>
                </svg>
            </summary>
            <nav aria-label="Main" class="fixed inset-x-0 top-14 bottom-0 overflow-y-auto border-t border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
                <ul class="space-y-1">
                    {entries().iter().map(|entry| view! { <MobileEntry entry=*entry/> }).collect_view()}
                </ul>
            </nav>
        </details>
    }
}

#[component]
fn MobileEntry(entry: NavEntry) -> impl IntoView {
    match entry {
        NavEntry::Link(l) => view! { <li><A href=l.href attr:class=ITEM>{l.label}</A></li> }.into_any(),
        NavEntry::Group { label, links } => view! {
            <li>
                <p class="px-3 pt-3 pb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">{label}</p>
                <ul class="space-y-1">
                    {links.iter().map(|l| view! { <li><A href=l.href attr:class=ITEM>{l.label}</A></li> }).collect_view()}
                </ul>
            </li>
        }
        .into_any(),
    }
}

/// Client-side navigation does not reload the page, so open menus would stay open over
/// the new page; close them whenever the path changes.
pub fn close_menus_on_navigation() {
    let location = use_location();
    Effect::new(move |_| {
        location.pathname.track();
        close_open_menus();
    });
}

#[cfg(feature = "hydrate")]
fn close_open_menus() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Ok(open) = document.query_selector_all("details[data-menu][open]") {
        for i in 0..open.length() {
            let element = open
                .item(i)
                .and_then(|node| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(node).ok());
            if let Some(element) = element {
                let _ = element.remove_attribute("open");
            }
        }
    }
}

#[cfg(not(feature = "hydrate"))]
fn close_open_menus() {}
