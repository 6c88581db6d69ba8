//! The platform admin's pages (`/admin/…`): partners, and the mail outbox.

mod outbox;
mod partners;

pub use outbox::OutboxPage;
pub use partners::PartnersPage;
