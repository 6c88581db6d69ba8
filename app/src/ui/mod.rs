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
