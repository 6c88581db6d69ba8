//! Switchboard's domain: entities, migrations and one service module per product area.
//!
//! No HTTP and no Leptos here. Every service takes a database handle and, once the
//! identity area exists, the caller's scope; every error is a [`model::AppError`].

pub mod api;
pub mod audit;
pub mod auth;
pub mod billing;
pub mod branding;
pub mod calendar;
pub mod crypto;
pub mod db;
pub mod demo;
pub mod error;
pub mod events;
pub mod files;
pub mod help;
pub mod invoicing;
pub mod mail;
pub mod migration;
pub mod numbers;
pub mod partners;
pub mod system;
pub mod team;
pub mod tenants;
pub mod usage;
pub mod webhooks;

#[cfg(any(test, feature = "testing"))]
pub mod testing;

pub use db::{Backend, Db};
pub use sea_orm::DatabaseConnection;
