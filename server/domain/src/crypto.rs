//! Secrets at rest (TOTP seeds, later payment keys, webhook secrets, porting PINs):
//! AES-256-GCM under the installation's key, a fresh random nonce per value, stored as
//! base64 of `nonce ‖ ciphertext`.

use aes_gcm::{
    Aes256Gcm,
    aead::{Aead, KeyInit, Nonce},
};
use base64::{Engine, engine::general_purpose::STANDARD};
use model::AppError;

use crate::error::internal;

#[derive(Clone)]
pub struct SecretBox {
    cipher: Aes256Gcm,
}

impl std::fmt::Debug for SecretBox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretBox(***)")
    }
}

impl SecretBox {
    pub fn new(key: &[u8; 32]) -> Self {
        Self {
            cipher: Aes256Gcm::new(&(*key).into()),
        }
    }

    pub fn seal(&self, plain: &[u8]) -> Result<String, AppError> {
        let mut nonce_bytes = [0u8; 12];
        getrandom::fill(&mut nonce_bytes).map_err(internal)?;
        let nonce = Nonce::<Aes256Gcm>::from(nonce_bytes);
        let sealed = self.cipher.encrypt(&nonce, plain).map_err(internal)?;
        let mut out = nonce_bytes.to_vec();
        out.extend_from_slice(&sealed);
        Ok(STANDARD.encode(out))
    }

    /// Fails (as an internal error) if the value was altered or sealed under another key.
    pub fn open(&self, sealed: &str) -> Result<Vec<u8>, AppError> {
        let bytes = STANDARD.decode(sealed).map_err(internal)?;
        if bytes.len() < 12 + 16 {
            return Err(internal("sealed value too short"));
        }
        let (nonce, body) = bytes.split_at(12);
        let nonce = Nonce::<Aes256Gcm>::try_from(nonce).map_err(internal)?;
        self.cipher.decrypt(&nonce, body).map_err(internal)
    }
}

#[cfg(test)]
mod tests {
    use super::SecretBox;

    #[test]
    fn seals_and_opens_and_detects_tampering() {
        let secrets = SecretBox::new(&[7; 32]);
        let a = secrets.seal(b"JBSWY3DPEHPK3PXP").unwrap();
        let b = secrets.seal(b"JBSWY3DPEHPK3PXP").unwrap();
        assert_ne!(a, b, "a fresh nonce each time");
        assert_eq!(secrets.open(&a).unwrap(), b"JBSWY3DPEHPK3PXP");
        assert!(
            SecretBox::new(&[8; 32]).open(&a).is_err(),
            "another key cannot open it"
        );
        let mut tampered = a.into_bytes();
        let last = tampered.len() - 3;
        tampered[last] = if tampered[last] == b'A' { b'B' } else { b'A' };
        assert!(
            secrets
                .open(std::str::from_utf8(&tampered).unwrap())
                .is_err()
        );
    }
}
