#![recursion_limit = "256"]
//! The Switchboard server: configuration, the HTTP surface (pages, server functions,
//! health, metrics), telemetry and the command line. Domain logic lives in `domain`;
//! this crate only wires it to the outside world.

pub mod cli;
pub mod config;
pub mod http;
pub mod state;
pub mod telemetry;
pub mod workers;

pub use config::Config;
pub use state::AppState;
