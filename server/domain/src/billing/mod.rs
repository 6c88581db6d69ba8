//! Money the partner pays the platform (PRODUCT.md §4): the wholesale tiers and the
//! limits they set. Cents are integers; per-minute rates are integer micro-dollars.

pub mod entity;
pub mod tiers;

#[cfg(test)]
mod tests;
