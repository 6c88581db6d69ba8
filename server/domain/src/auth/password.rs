//! Password hashing with argon2id (the crate's default algorithm and parameters,
//! OWASP's recommendation). Hashing is CPU-bound on purpose, so it runs on the blocking
//! pool rather than stalling the async workers.

use argon2::{Argon2, PasswordHash, PasswordHasher, PasswordVerifier, password_hash};
use model::{AppError, auth::Password};

use crate::error::internal;

/// The PHC string (`$argon2id$v=19$…`) to store.
pub async fn hash(password: &Password) -> Result<String, AppError> {
    let secret = password.expose().to_owned();
    tokio::task::spawn_blocking(move || {
        Argon2::default()
            .hash_password(secret.as_bytes())
            .map(|h: PasswordHash| h.to_string())
            .map_err(internal)
    })
    .await
    .map_err(internal)?
}

/// Whether `candidate` matches the stored PHC string. A malformed stored hash counts as
/// a mismatch (and is logged), never as a match.
pub async fn verify(stored: &str, candidate: &str) -> Result<bool, AppError> {
    let (stored, candidate) = (stored.to_owned(), candidate.to_owned());
    tokio::task::spawn_blocking(move || {
        match Argon2::default().verify_password(candidate.as_bytes(), stored.as_str()) {
            Ok(()) => true,
            Err(password_hash::Error::PasswordInvalid) => false,
            Err(err) => {
                tracing::error!(error = %err, "stored password hash is unusable");
                false
            }
        }
    })
    .await
    .map_err(internal)
}
