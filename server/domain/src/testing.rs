//! A fresh, migrated database per test: a temporary SQLite file by default, or a new
//! PostgreSQL database when `SWITCHBOARD_TEST_POSTGRES_URL` names a server (CI sets it
//! to a throw-away cluster, so the same tests run on both backends).

use std::ops::Deref;

use crate::{Backend, Db, db, migration};

pub const POSTGRES_ENV: &str = "SWITCHBOARD_TEST_POSTGRES_URL";

/// A test database; the SQLite file lives as long as this value.
pub struct TestDb {
    db: Db,
    pub url: String,
    _dir: Option<tempfile::TempDir>,
}

impl Deref for TestDb {
    type Target = Db;
    fn deref(&self) -> &Db {
        &self.db
    }
}

impl TestDb {
    pub fn connection(&self) -> Db {
        self.db.clone()
    }
}

pub fn backend_under_test() -> Backend {
    if std::env::var(POSTGRES_ENV).is_ok_and(|v| !v.is_empty()) {
        Backend::Postgres
    } else {
        Backend::Sqlite
    }
}

pub async fn fresh_db() -> TestDb {
    let (url, dir) = match std::env::var(POSTGRES_ENV) {
        Ok(admin) if !admin.is_empty() => (create_postgres_database(&admin).await, None),
        _ => {
            let dir = tempfile::tempdir().expect("temporary directory");
            (
                format!("sqlite://{}?mode=rwc", dir.path().join("test.db").display()),
                Some(dir),
            )
        }
    };
    let db = db::connect(&url)
        .await
        .expect("connect to the test database");
    migration::run(&db).await.expect("migrations apply");
    TestDb { db, url, _dir: dir }
}

/// Creates an empty database named after a fresh UUID on the server at `admin_url` and
/// returns its URL. The cluster is thrown away after the run, so nothing is dropped.
async fn create_postgres_database(admin_url: &str) -> String {
    use sea_orm::ConnectionTrait;
    let name = format!("sb_test_{}", uuid::Uuid::now_v7().simple());
    let admin = db::connect(admin_url)
        .await
        .expect("connect to the PostgreSQL test server");
    admin
        .execute_unprepared(&format!("CREATE DATABASE {name}"))
        .await
        .expect("create test database");
    admin.close().await.ok();
    let (base, query) = admin_url
        .split_once('?')
        .map_or((admin_url, None), |(b, q)| (b, Some(q)));
    let server = base.rsplit_once('/').map_or(base, |(server, _)| server);
    match query {
        Some(q) => format!("{server}/{name}?{q}"),
        None => format!("{server}/{name}"),
    }
}
