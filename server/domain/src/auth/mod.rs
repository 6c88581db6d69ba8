//! Identity: users, password hashing, platform admins. Sessions, teams and 2FA join
//! this area with the identity issue.

pub mod password;
pub mod platform_admin;
pub mod user;

#[cfg(test)]
mod tests;
