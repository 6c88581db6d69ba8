//! Uploaded documents (port-in letters of authorization and bills) live as files under
//! the data directory, not in database rows: they can be megabytes each, are read
//! rarely, and backups of the database stay small. Rows keep the key, name, type and
//! size. Several instances must share the directory (a network volume) to see each
//! other's uploads.

use std::path::PathBuf;

use model::AppError;

use crate::error::internal;

#[derive(Debug, Clone)]
pub struct FileStore {
    root: PathBuf,
}

impl FileStore {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into() }
    }

    /// Stores `bytes` under a fresh key in `area` (`ports`) and returns the key. Written
    /// to a temporary name and renamed, so a reader never sees half a file.
    pub async fn put(&self, area: &str, bytes: &[u8]) -> Result<String, AppError> {
        let dir = self.root.join(area);
        tokio::fs::create_dir_all(&dir).await.map_err(internal)?;
        let name = uuid::Uuid::now_v7().simple().to_string();
        let partial = dir.join(format!("{name}.partial"));
        tokio::fs::write(&partial, bytes).await.map_err(internal)?;
        tokio::fs::rename(&partial, dir.join(&name))
            .await
            .map_err(internal)?;
        Ok(format!("{area}/{name}"))
    }

    /// The directory everything is under.
    pub fn root(&self) -> &std::path::Path {
        &self.root
    }

    pub async fn get(&self, key: &str) -> Result<Vec<u8>, AppError> {
        tokio::fs::read(self.path(key)?).await.map_err(internal)
    }

    /// Removes a file (a rolled-back upload); a missing file is not an error.
    pub async fn delete(&self, key: &str) -> Result<(), AppError> {
        match tokio::fs::remove_file(self.path(key)?).await {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(internal(e)),
            _ => Ok(()),
        }
    }

    /// Keys are ours (`area/hex`), but a key that could leave the root is refused anyway.
    fn path(&self, key: &str) -> Result<PathBuf, AppError> {
        let ok = key.split('/').count() == 2
            && key
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '/' || c == '_');
        if ok {
            Ok(self.root.join(key))
        } else {
            Err(internal(format!("bad file key {key:?}")))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::FileStore;

    #[tokio::test]
    async fn stores_reads_and_deletes_and_refuses_keys_that_escape() {
        let dir = std::env::temp_dir().join(format!("files-{}", uuid::Uuid::now_v7()));
        let store = FileStore::new(&dir);
        let key = store.put("ports", b"%PDF-1.7").await.unwrap();
        assert!(key.starts_with("ports/"));
        assert_eq!(store.get(&key).await.unwrap(), b"%PDF-1.7");
        store.delete(&key).await.unwrap();
        assert!(store.get(&key).await.is_err());
        store.delete(&key).await.unwrap();
        assert!(store.get("../secret.key").await.is_err());
        assert!(store.get("ports/../../x").await.is_err());
        std::fs::remove_dir_all(dir).ok();
    }
}
