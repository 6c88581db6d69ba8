//! The REST API's own records: partners' keys and the answers kept for idempotent
//! requests. The resources the API serves are the ordinary domain services, called with
//! the key's maker as the caller (`keys::Caller::viewer`).

pub mod entity;
pub mod idempotency;
pub mod keys;

#[cfg(test)]
mod tests;
