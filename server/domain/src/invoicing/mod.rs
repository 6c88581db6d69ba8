//! Money tenants pay the partner (PRODUCT §5): billing profiles and tax rates, each
//! tenant's billing settings, what tenants hold (billed by the day), the billing run
//! that turns a closed period into exactly one invoice, and reading invoices. The
//! arithmetic itself lives in `model::invoicing` (pure, property-tested).

pub mod actions;
pub mod charges;
pub mod collection;
pub mod cycle;
pub mod document;
pub mod dunning;
pub mod engine;
pub mod entity;
pub mod holdings;
pub mod invoices;
pub mod pages;
pub mod policy;
pub mod profiles;
pub mod sending;
pub mod settings;
pub mod taxes;

#[cfg(test)]
mod tests;

#[cfg(test)]
mod delivery_tests;

#[cfg(test)]
mod charges_tests;
