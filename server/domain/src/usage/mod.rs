//! Call usage: the call engine posts call records, each is rated at ingest at the
//! partner's tier rates, debited from the wallet and added to the tenant's counters for
//! the cycle. The rating rule is documented (and property-tested) in `model::usage`.

pub mod entity;
pub mod ingest;
pub mod keys;
pub mod report;

#[cfg(test)]
mod tests;
