use chrono::{Duration, Utc};
use model::{
    AppError,
    api::{Access, ApiKeyEdit, ApiKeyForm, KeyStatus},
};

use super::{idempotency, keys};
use crate::testing;

fn form(scopes: &[&str]) -> ApiKeyForm {
    ApiKeyForm {
        name: "CRM".into(),
        scopes: scopes.iter().map(|s| (*s).to_owned()).collect(),
        ..Default::default()
    }
}

#[tokio::test]
async fn a_key_is_shown_once_works_until_revoked_and_acts_as_its_maker() {
    let db = testing::fresh_db().await;
    let (owner, _) = testing::partner_owner(&db, "acme").await;
    let now = Utc::now();
    let made = keys::create(&db, Some(&owner), &form(&["tenants:write"]), now)
        .await
        .unwrap();
    assert!(made.secret.starts_with("key_live_"));
    assert!(made.key.masked.starts_with("key_live_") && made.key.masked.contains('…'));
    assert!(
        !made
            .key
            .masked
            .contains(&made.secret[13..made.secret.len() - 4])
    );
    assert_eq!(made.key.status, KeyStatus::Active);

    let caller = keys::authenticate(&db, &made.secret, now).await.unwrap();
    assert!(caller.scopes.allows("tenants", Access::Write));
    assert!(!caller.scopes.allows("numbers", Access::Read));
    assert!(!caller.read_only);
    assert_eq!(caller.viewer.email, "owner@acme.test");
    assert_eq!(caller.rate_limit, 100);
    let listed = keys::list(&db, Some(&owner), now).await.unwrap();
    assert!(listed[0].last_used_at.is_some());
    assert!(matches!(
        keys::authenticate(&db, "key_live_nope", now).await,
        Err(AppError::Unauthorized)
    ));

    keys::revoke(&db, Some(&owner), &made.key.id, now)
        .await
        .unwrap();
    assert!(matches!(
        keys::authenticate(&db, &made.secret, now).await,
        Err(AppError::Unauthorized)
    ));
    assert_eq!(
        keys::list(&db, Some(&owner), now).await.unwrap()[0].status,
        KeyStatus::Revoked
    );
}

#[tokio::test]
async fn keys_expire_belong_to_one_partner_and_a_users_key_only_reads() {
    let db = testing::fresh_db().await;
    let (owner, _) = testing::partner_owner(&db, "acme").await;
    let now = Utc::now();
    let mut short = form(&["all"]);
    short.expires_in_days = "1".into();
    let made = keys::create(&db, Some(&owner), &short, now).await.unwrap();
    assert!(
        keys::authenticate(&db, &made.secret, now + Duration::hours(23))
            .await
            .is_ok()
    );
    assert!(
        keys::authenticate(&db, &made.secret, now + Duration::hours(25))
            .await
            .is_err()
    );
    assert_eq!(
        keys::list(&db, Some(&owner), now + Duration::days(2))
            .await
            .unwrap()[0]
            .status,
        KeyStatus::Expired
    );

    let (rival, _) = testing::partner_owner(&db, "rival").await;
    assert!(keys::list(&db, Some(&rival), now).await.unwrap().is_empty());
    assert!(matches!(
        keys::revoke(&db, Some(&rival), &made.key.id, now).await,
        Err(AppError::NotFound { .. })
    ));
    let edit = ApiKeyEdit {
        scopes: vec!["tenants:read".into()],
        tenants: Vec::new(),
    };
    assert!(
        keys::edit(&db, Some(&rival), &made.key.id, &edit, now)
            .await
            .is_err()
    );
    // A key cannot be limited to another partner's tenant.
    let theirs = crate::tenants::create(
        &db,
        Some(&rival),
        &testing::tenant_form("Gull", "gull"),
        now,
    )
    .await
    .unwrap();
    let mut limited = form(&["tenants:read"]);
    limited.tenants = vec![theirs.id.clone()];
    assert!(
        keys::create(&db, Some(&owner), &limited, now)
            .await
            .is_err()
    );

    let reader = testing::partner_user(&db, &owner, "reader@acme.test").await;
    let theirs = keys::create(&db, Some(&reader), &form(&["all"]), now)
        .await
        .unwrap();
    assert!(theirs.key.read_only);
    assert!(
        keys::authenticate(&db, &theirs.secret, now)
            .await
            .unwrap()
            .read_only
    );
    // Users cannot widen keys; admins edit scopes and tenants only.
    assert!(
        keys::edit(&db, Some(&reader), &theirs.key.id, &edit, now)
            .await
            .is_err()
    );
    let edited = keys::edit(&db, Some(&owner), &theirs.key.id, &edit, now)
        .await
        .unwrap();
    assert_eq!(edited.scopes.as_slice(), ["tenants:read"]);
    assert_eq!(edited.name, "CRM");
}

#[tokio::test]
async fn an_idempotency_key_replays_the_first_answer_for_a_day() {
    let db = testing::fresh_db().await;
    let now = Utc::now();
    let same = idempotency::fingerprint("POST", "/v1/tenants", b"{\"name\":\"A\"}");
    let other = idempotency::fingerprint("POST", "/v1/tenants", b"{\"name\":\"B\"}");
    let idempotency::Claim::Run(id) = idempotency::claim(&db, 1, "k1", &same, now).await.unwrap()
    else {
        panic!("the first request runs");
    };
    assert_eq!(
        idempotency::claim(&db, 1, "k1", &same, now).await.unwrap(),
        idempotency::Claim::InProgress
    );
    idempotency::finish(&db, id, 201, "{\"id\":\"t\"}")
        .await
        .unwrap();
    assert_eq!(
        idempotency::claim(&db, 1, "k1", &same, now).await.unwrap(),
        idempotency::Claim::Replay {
            status: 201,
            body: "{\"id\":\"t\"}".into()
        }
    );
    assert_eq!(
        idempotency::claim(&db, 1, "k1", &other, now).await.unwrap(),
        idempotency::Claim::Mismatch
    );
    // Another partner's key of the same name is its own.
    assert!(matches!(
        idempotency::claim(&db, 2, "k1", &other, now).await.unwrap(),
        idempotency::Claim::Run(_)
    ));
    // After a day the key is free again.
    let later = now + Duration::hours(25);
    assert!(matches!(
        idempotency::claim(&db, 1, "k1", &other, later)
            .await
            .unwrap(),
        idempotency::Claim::Run(_)
    ));
    // A server error is not kept: the client may retry.
    let idempotency::Claim::Run(id) = idempotency::claim(&db, 1, "k2", &same, now).await.unwrap()
    else {
        panic!();
    };
    idempotency::finish(&db, id, 503, "").await.unwrap();
    assert!(matches!(
        idempotency::claim(&db, 1, "k2", &same, now).await.unwrap(),
        idempotency::Claim::Run(_)
    ));
    assert_eq!(
        idempotency::purge(&db, later + Duration::hours(25))
            .await
            .unwrap(),
        3
    );
}
