//! The small UI kit pages compose. Tailwind for layout; brand colour only through the
//! `brand` utilities (CSS custom properties set from the resolved brand).

mod badge;
mod card;
mod field;
mod pager;
mod secret;
mod tabs;

pub use badge::{Badge, Tone};
pub use card::{Card, Fact, Skeleton};
pub use field::TextField;
pub use pager::Pager;
pub use secret::ShownOnce;
pub use tabs::Tabs;

#[cfg(all(test, feature = "ssr"))]
mod tests;

/// A plain select or input outside `TextField` (filters, choices).
pub const INPUT: &str = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-900";

/// Percent-encodes a value for a link's query string (a search term kept in the URL).
pub fn query_value(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}
