use sea_orm::{ConnectionTrait, Statement};

use super::*;
use crate::testing;

#[tokio::test]
async fn status_reports_a_live_database() {
    let db = testing::fresh_db().await;
    let started = chrono::Utc::now();
    let status = status(&db, "9.9.9", started).await;
    assert!(status.database_ok);
    assert_eq!(status.version, "9.9.9");
    assert_eq!(
        status.migrations_applied as usize,
        <migration::Migrator as sea_orm_migration::MigratorTrait>::migrations().len()
    );
    assert_eq!(
        status.database_backend,
        testing::backend_under_test().label()
    );
}

#[tokio::test]
async fn backup_copies_data_and_refuses_to_overwrite() {
    let db = testing::fresh_db().await;
    if Backend::of(&db) != Backend::Sqlite {
        let err = backup(&db, Path::new("/tmp/never.db")).await.unwrap_err();
        assert_eq!(err.status(), 409);
        return;
    }
    crate::auth::platform_admin::create(&db, "ops@example.com", "Correct-horse1")
        .await
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("nested/backup.db");
    let bytes = backup(&db, &target).await.unwrap();
    assert!(bytes > 0);

    let copy = crate::db::connect(&format!("sqlite://{}", target.display()))
        .await
        .unwrap();
    let row = copy
        .query_one_raw(Statement::from_string(
            copy.get_database_backend(),
            "SELECT COUNT(*) AS n FROM users",
        ))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.try_get::<i64>("", "n").unwrap(), 1);

    let again = backup(&db, &target).await.unwrap_err();
    assert!(again.field_errors().and_then(|e| e.first("to")).is_some());
}
