//! Secrets handed to people (session ids, email links): 256 random bits, shown once,
//! stored only as a SHA-256 hash so a database leak cannot be replayed.

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use sha2::{Digest, Sha256};

pub struct NewToken {
    /// Goes into the cookie or the link; never stored.
    pub plain: String,
    /// Goes into the database.
    pub hash: String,
}

pub fn new_token() -> NewToken {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).expect("the operating system provides randomness");
    let plain = URL_SAFE_NO_PAD.encode(bytes);
    let hash = hash(&plain);
    NewToken { plain, hash }
}

pub fn hash(plain: &str) -> String {
    hex::encode(Sha256::digest(plain.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_unique_and_hashed() {
        let (a, b) = (new_token(), new_token());
        assert_ne!(a.plain, b.plain);
        assert_eq!(a.plain.len(), 43);
        assert_eq!(a.hash, hash(&a.plain));
        assert_eq!(a.hash.len(), 64);
        assert_ne!(a.hash, a.plain);
    }
}
