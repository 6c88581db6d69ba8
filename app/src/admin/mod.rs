//! The platform admin's pages (`/admin/…`): partners, tiers and the mail outbox.

mod outbox;
mod partners;
mod tiers;

pub use outbox::OutboxPage;
pub use partners::PartnersPage;
pub use tiers::TiersPage;
