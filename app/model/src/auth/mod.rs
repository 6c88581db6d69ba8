//! Sign-in vocabulary: email addresses and the password policy.

mod email;
mod password;
mod role;

pub use email::Email;
pub use password::Password;
pub use role::Role;

#[cfg(test)]
mod tests;
