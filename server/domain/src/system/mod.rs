//! The installation itself: is the database answering, what schema it runs, and a
//! consistent backup of the SQLite file.

use std::{
    path::Path,
    time::{Duration, Instant},
};

use model::{AppError, system::SystemStatus};
use sea_orm::{ConnectionTrait, DbBackend, Statement};

use crate::{Backend, Db, error::db_error, migration};

/// Round trip of a trivial query.
pub async fn ping(db: &Db) -> Result<Duration, AppError> {
    let started = Instant::now();
    db.execute_unprepared("SELECT 1").await.map_err(db_error)?;
    Ok(started.elapsed())
}

/// The dashboard's system-status card. A database that does not answer is reported as
/// down, not as an error, so the page still renders and says so.
pub async fn status(
    db: &Db,
    version: &str,
    started_at: chrono::DateTime<chrono::Utc>,
) -> SystemStatus {
    // One timed round trip answers both "is it up" and "which schema".
    let started = Instant::now();
    let applied = migration::applied(db).await;
    let ping = applied.as_ref().ok().map(|_| started.elapsed());
    let migrations = applied.unwrap_or(0);
    SystemStatus {
        database_ok: ping.is_some(),
        database_backend: Backend::of(db).label().to_owned(),
        database_latency_us: ping
            .map(|d| u64::try_from(d.as_micros()).unwrap_or(u64::MAX))
            .unwrap_or(0),
        migrations_applied: u32::try_from(migrations).unwrap_or(u32::MAX),
        version: version.to_owned(),
        started_at: crate::db::rfc3339(started_at),
    }
}

/// Writes a consistent copy of the live SQLite database to `to` (SQLite's
/// `VACUUM INTO`: a transactionally consistent snapshot taken while the server keeps
/// serving). Refuses to overwrite an existing file. Returns the backup's size in bytes.
pub async fn backup(db: &Db, to: &Path) -> Result<u64, AppError> {
    if Backend::of(db) != Backend::Sqlite {
        return Err(AppError::conflict(
            "backup copies the embedded SQLite database; for PostgreSQL use pg_dump, which is consistent online too.",
        ));
    }
    if to.exists() {
        return Err(AppError::invalid(
            "to",
            format!("{} already exists; choose a new file name.", to.display()),
        ));
    }
    if let Some(dir) = to.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| {
            AppError::invalid("to", format!("Cannot create {}: {e}", dir.display()))
        })?;
    }
    let target = to
        .to_str()
        .ok_or_else(|| AppError::invalid("to", "The backup path must be valid UTF-8."))?;
    db.execute_raw(Statement::from_sql_and_values(
        DbBackend::Sqlite,
        "VACUUM INTO ?",
        [target.into()],
    ))
    .await
    .map_err(db_error)?;
    std::fs::metadata(to)
        .map(|m| m.len())
        .map_err(crate::error::internal)
}

#[cfg(test)]
mod tests;
