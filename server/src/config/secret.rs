//! The installation's master key: encrypts secrets at rest (payment keys, webhook
//! secrets, porting PINs, TOTP seeds). 32 bytes, written as 64 hex characters.

use std::{fmt, io::Write, path::Path};

#[derive(Clone, PartialEq, Eq)]
pub struct SecretKey([u8; 32]);

impl fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretKey(***)")
    }
}

pub(super) const FILE_NAME: &str = "secret.key";

impl SecretKey {
    pub fn bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// A placeholder used only while collecting configuration problems; a config with
    /// any problem is never returned, so this key is never used.
    pub(super) fn zero() -> Self {
        Self([0; 32])
    }

    pub fn parse(text: &str) -> Result<Self, String> {
        let text = text.trim();
        if text.len() != 64 || !text.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err("must be 64 hex characters (32 random bytes); generate one with `openssl rand -hex 32`".into());
        }
        let mut key = [0u8; 32];
        for (i, byte) in key.iter_mut().enumerate() {
            *byte = u8::from_str_radix(&text[2 * i..2 * i + 2], 16).map_err(|e| e.to_string())?;
        }
        Ok(Self(key))
    }

    /// Reads `<data_dir>/secret.key`, creating it with fresh random bytes the first time
    /// (readable by the owner only). Returns whether it was just generated.
    pub(super) fn load_or_generate(data_dir: &Path) -> Result<(Self, bool), String> {
        let path = data_dir.join(FILE_NAME);
        if path.exists() {
            let text = std::fs::read_to_string(&path)
                .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            return Self::parse(&text)
                .map(|k| (k, false))
                .map_err(|m| format!("{} {m}", path.display()));
        }
        let mut key = [0u8; 32];
        getrandom::fill(&mut key).map_err(|e| format!("no randomness available: {e}"))?;
        std::fs::create_dir_all(data_dir)
            .map_err(|e| format!("cannot create {}: {e}", data_dir.display()))?;
        let hex: String = key.iter().map(|b| format!("{b:02x}")).collect();
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = options
            .open(&path)
            .map_err(|e| format!("cannot create {}: {e}", path.display()))?;
        file.write_all(hex.as_bytes())
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        Ok((Self(key), true))
    }
}
