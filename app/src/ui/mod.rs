//! The small UI kit pages compose. Tailwind for layout; brand colour only through the
//! `brand` utilities (CSS custom properties set from the resolved brand).

mod badge;
mod card;
mod field;

pub use badge::{Badge, Tone};
pub use card::{Card, Fact, Skeleton};
pub use field::TextField;

#[cfg(all(test, feature = "ssr"))]
mod tests;
