//! Sign-in vocabulary: email addresses and the password policy.

mod email;
mod password;
mod role;
mod viewer;

pub use email::Email;
pub use password::{Password, validate_new_password};
pub use role::Role;
pub use viewer::{AssumedTenant, Resolved, Viewer, ViewerPartner};

#[cfg(test)]
mod tests;
