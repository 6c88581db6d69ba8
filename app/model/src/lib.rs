//! Switchboard's shared vocabulary: the types that cross the wire and the rules that
//! decide whether an input is acceptable. Everything here compiles to WASM and to the
//! server, so the browser and the server run the very same `parse` functions.
//!
//! One folder per product area, mirroring `domain` and `app`.

pub mod api;
pub mod audit;
pub mod auth;
pub mod billing;
pub mod branding;
pub mod error;
pub mod help;
pub mod invoicing;
pub mod mail;
pub mod numbers;
pub mod partners;
pub mod system;
pub mod team;
pub mod tenants;
pub mod usage;
pub mod webhooks;

pub use error::{AppError, FieldErrors, Problem};
