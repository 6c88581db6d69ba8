//! Money the partner pays the platform (PRODUCT.md §4): the wholesale tiers and the
//! limits they set; the prepaid wallet and its ledger; saved cards behind a payment
//! adapter. Cents are integers; per-minute rates are integer micro-dollars.

pub mod auto_recharge;
pub mod cards;
pub mod cycle;
pub mod entity;
pub mod gateway;
pub mod history;
pub mod plan;
pub mod processor;
pub mod stripe;
pub mod tiers;
pub mod wallet;

#[cfg(test)]
mod auto_recharge_tests;
#[cfg(test)]
mod plan_tests;
#[cfg(test)]
mod stripe_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod wallet_tests;
