use sea_orm::{EntityTrait, PaginatorTrait};

use super::*;
use crate::testing;

#[tokio::test]
async fn platform_admin_creation_is_idempotent_by_email() {
    let db = testing::fresh_db().await;
    let first = platform_admin::create(&db, "Ops@Example.com", "Correct-horse1")
        .await
        .unwrap();
    assert!(first.created);
    let second = platform_admin::create(&db, "ops@example.com", "Another-pass2")
        .await
        .unwrap();
    assert!(!second.created);
    assert_eq!(first.id, second.id);
    assert_eq!(user::Entity::find().count(&*db).await.unwrap(), 1);

    // The first password stays: a rerun never silently changes credentials.
    let stored = user::Entity::find().one(&*db).await.unwrap().unwrap();
    assert_eq!(stored.email, "ops@example.com");
    assert!(
        password::verify(&stored.password_hash, "Correct-horse1")
            .await
            .unwrap()
    );
    assert!(
        !password::verify(&stored.password_hash, "Another-pass2")
            .await
            .unwrap()
    );
}

#[tokio::test]
async fn bad_input_names_each_field_and_changes_nothing() {
    let db = testing::fresh_db().await;
    let err = platform_admin::create(&db, "not-an-email", "short")
        .await
        .unwrap_err();
    let fields = err.field_errors().expect("validation error");
    assert!(fields.first("email").is_some());
    assert!(fields.first("password").is_some());
    assert_eq!(user::Entity::find().count(&*db).await.unwrap(), 0);
}

#[tokio::test]
async fn hashes_are_argon2id_and_salted() {
    let p = model::auth::Password::parse("Correct-horse1").unwrap();
    let (a, b) = (
        password::hash(&p).await.unwrap(),
        password::hash(&p).await.unwrap(),
    );
    assert!(a.starts_with("$argon2id$"));
    assert_ne!(a, b, "each hash has its own salt");
    assert!(
        !password::verify("not a phc string", "Correct-horse1")
            .await
            .unwrap()
    );
}
