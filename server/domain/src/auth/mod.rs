//! Identity: users, password hashing, platform admins. Sessions, teams and 2FA join
//! this area with the identity issue.

pub mod account;
pub mod actor;
pub mod link;
pub mod login;
pub mod password;
pub mod platform_admin;
pub mod reset;
pub mod session;
pub mod token;
pub mod two_factor;
pub mod user;
pub mod verification;
pub mod viewer;

#[cfg(test)]
mod tests;

#[cfg(test)]
mod reset_tests;

#[cfg(test)]
mod two_factor_tests;
