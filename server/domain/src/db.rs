//! Opening the database. SQLite is the default (one file, no server); PostgreSQL is the
//! scale-out path. Both run the same migrations and the same services.

use std::{path::Path, str::FromStr, time::Duration};

use model::AppError;
use sea_orm::{
    ConnectOptions, Database, DatabaseConnection, DatabaseTransaction, DbBackend,
    SqliteTransactionMode, SqlxSqliteConnector, TransactionOptions, TransactionTrait,
    sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous},
};

use crate::error::db_error;

pub type Db = DatabaseConnection;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn of(db: &Db) -> Self {
        match db.get_database_backend() {
            DbBackend::Postgres => Self::Postgres,
            _ => Self::Sqlite,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Sqlite => "SQLite",
            Self::Postgres => "PostgreSQL",
        }
    }
}

/// Starts a transaction that writes. On SQLite it takes the write lock at BEGIN
/// (`IMMEDIATE`): a deferred transaction that reads and then writes fails at once with
/// "database is locked" when another writer committed in between (its WAL snapshot is
/// stale, and the busy timeout does not apply), whereas `IMMEDIATE` waits its turn under
/// the busy timeout. PostgreSQL ignores the mode. Every write path uses this.
pub async fn begin(db: &Db) -> Result<DatabaseTransaction, AppError> {
    db.begin_with_options(TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..Default::default()
    })
    .await
    .map_err(db_error)
}

/// Connects to `url` (`sqlite://…` or `postgres://…`).
pub async fn connect(url: &str) -> Result<Db, AppError> {
    if url.starts_with("sqlite:") {
        connect_sqlite(url).await
    } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        let mut options = ConnectOptions::new(url.to_owned());
        options
            .max_connections(20)
            .min_connections(1)
            .connect_timeout(Duration::from_secs(10))
            .acquire_timeout(Duration::from_secs(10))
            .sqlx_logging(false);
        Database::connect(options).await.map_err(db_error)
    } else {
        Err(AppError::invalid(
            "DATABASE_URL",
            "Use a sqlite:// or postgres:// URL, for example sqlite://data/switchboard.db?mode=rwc.",
        ))
    }
}

/// SQLite with the settings a server needs: WAL so readers never wait for the writer,
/// foreign keys enforced, and a busy timeout so concurrent writers queue instead of
/// failing with "database is locked".
async fn connect_sqlite(url: &str) -> Result<Db, AppError> {
    let parent = sqlite_file(url).and_then(|file| Path::new(file).parent());
    if let Some(dir) = parent.filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| {
            AppError::invalid(
                "DATABASE_URL",
                format!("Cannot create the directory {}: {e}", dir.display()),
            )
        })?;
    }
    let options = SqliteConnectOptions::from_str(url)
        .map_err(|e| AppError::invalid("DATABASE_URL", format!("Not a valid SQLite URL: {e}")))?
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(10));
    let pool = SqlitePoolOptions::new()
        .max_connections(8)
        .acquire_timeout(Duration::from_secs(10))
        .connect_with(options)
        .await
        .map_err(|e| {
            AppError::unavailable(format!("Cannot open the SQLite database {url}: {e}"))
        })?;
    Ok(SqlxSqliteConnector::from_sqlx_sqlite_pool(pool))
}

/// The file path inside a SQLite URL, or `None` for an in-memory database.
pub fn sqlite_file(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or(rest);
    (!path.is_empty() && !path.starts_with(":memory:")).then_some(path)
}

/// `LOWER(column) LIKE '%term%'`, with the term's own `%`, `_` and `\` taken literally:
/// the case-insensitive "contains" every search box uses, alike on SQLite and PostgreSQL.
pub fn contains_ci(
    column: impl sea_orm::sea_query::IntoColumnRef,
    term: &str,
) -> sea_orm::sea_query::SimpleExpr {
    use sea_orm::sea_query::{Expr, ExprTrait, Func, LikeExpr};
    let escaped = term
        .to_lowercase()
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    Expr::expr(Func::lower(Expr::col(column)))
        .like(LikeExpr::new(format!("%{escaped}%")).escape('\\'))
}

/// A timestamp as the wire carries it (the formatter lives in `model`, which the
/// browser build shares).
pub use model::api::rfc3339;

#[cfg(test)]
mod tests {
    use super::sqlite_file;

    #[test]
    fn finds_the_sqlite_file() {
        assert_eq!(
            sqlite_file("sqlite://data/switchboard.db?mode=rwc"),
            Some("data/switchboard.db")
        );
        assert_eq!(sqlite_file("sqlite:///tmp/x.db"), Some("/tmp/x.db"));
        assert_eq!(sqlite_file("sqlite::memory:"), None);
        assert_eq!(sqlite_file("postgres://x"), None);
    }
}
