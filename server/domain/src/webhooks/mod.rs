//! Webhooks: partners' endpoints, and delivering the domain events (`crate::events`) to
//! them, signed per Standard Webhooks, on the retry schedule, durably and once per
//! attempt across instances.

pub mod endpoints;
pub mod entity;
pub mod payload;
pub mod queue;
pub mod retention;
pub mod send;

pub use queue::{Round, Worker, run_due};
pub use send::Sender;

#[cfg(test)]
mod tests;
