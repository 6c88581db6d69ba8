use chrono::Utc;
use sea_orm::{ConnectionTrait, Statement};

use super::*;
use crate::testing;

async fn append(db: &crate::Db, partner: Option<i32>, action: &str) {
    record(
        db,
        Entry::by_system("test", partner, action, "thing:1".into())
            .with_summary(serde_json::json!({"n": action})),
        Utc::now(),
    )
    .await
    .unwrap();
}

#[tokio::test]
async fn chains_are_per_partner_and_verify() {
    let db = testing::fresh_db().await;
    for i in 0..3 {
        append(&db, Some(7), &format!("a.{i}")).await;
        append(&db, None, &format!("p.{i}")).await;
    }
    for chain in [7, 0] {
        let report = verify_chain(&*db, chain).await.unwrap();
        assert_eq!(
            report,
            ChainReport {
                entries: 3,
                first_broken_seq: None
            }
        );
    }
}

#[tokio::test]
async fn an_edited_row_breaks_the_chain_there() {
    let db = testing::fresh_db().await;
    for i in 0..4 {
        append(&db, Some(3), &format!("x.{i}")).await;
    }
    db.execute_raw(Statement::from_string(
        db.get_database_backend(),
        "UPDATE audit_log SET summary = '{\"n\":\"forged\"}' WHERE chain_key = 3 AND seq = 2",
    ))
    .await
    .unwrap();
    assert_eq!(
        verify_chain(&*db, 3).await.unwrap().first_broken_seq,
        Some(2)
    );
}

#[tokio::test]
async fn a_deleted_row_breaks_the_chain() {
    let db = testing::fresh_db().await;
    for i in 0..3 {
        append(&db, Some(4), &format!("y.{i}")).await;
    }
    db.execute_raw(Statement::from_string(
        db.get_database_backend(),
        "DELETE FROM audit_log WHERE chain_key = 4 AND seq = 2",
    ))
    .await
    .unwrap();
    assert_eq!(
        verify_chain(&*db, 4).await.unwrap().first_broken_seq,
        Some(2)
    );
}
