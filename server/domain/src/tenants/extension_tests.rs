use chrono::Utc;
use model::{
    AppError,
    tenants::{TenantForm, extensions::ExtensionForm},
};
use sea_orm::EntityTrait;

use super::{entity::extension, extensions as ext, *};
use crate::{crypto::SecretBox, testing};

fn ext_form(number: &str, name: &str) -> ExtensionForm {
    ExtensionForm {
        number: number.into(),
        display_name: name.into(),
        voicemail: Some("on".into()),
    }
}

async fn tenant_with_limit(
    db: &crate::Db,
    owner: &model::auth::Viewer,
    max: &str,
) -> model::tenants::Tenant {
    let form = TenantForm {
        name: "Acme Dental".into(),
        sip_prefix: "acmedental".into(),
        billing_email: "ap@acme.test".into(),
        timezone: "UTC".into(),
        max_extensions: max.into(),
        ..Default::default()
    };
    create(db, Some(owner), &form, Utc::now()).await.unwrap()
}

#[tokio::test]
async fn an_extension_gets_a_strong_password_shown_once_and_sealed_at_rest() {
    let db = testing::fresh_db().await;
    let secrets = SecretBox::new(&[9; 32]);
    let (owner, _) = testing::partner_owner(&db, "acme").await;
    let t = tenant_with_limit(&db, &owner, "").await;
    let created = ext::create(
        &db,
        &secrets,
        Some(&owner),
        &t.id,
        &ext_form("101", "Front desk"),
        Utc::now(),
    )
    .await
    .unwrap();
    assert_eq!(created.extension.sip_username, "acmedental101");
    assert_eq!(created.sip_password.len(), 20);
    let row = extension::Entity::find().one(&*db).await.unwrap().unwrap();
    assert!(
        !row.sip_secret.contains(&created.sip_password),
        "never stored in the clear"
    );
    assert_eq!(
        ext::open_secret(&secrets, &row).unwrap(),
        created.sip_password
    );

    let reset = ext::reset_password(
        &db,
        &secrets,
        Some(&owner),
        &t.id,
        &created.extension.id,
        Utc::now(),
    )
    .await
    .unwrap();
    assert_ne!(reset.sip_password, created.sip_password);
    let listed = ext::list(&db, Some(&owner), &t.id).await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(get(&db, Some(&owner), &t.id).await.unwrap().extensions, 1);

    let dup = ext::create(
        &db,
        &secrets,
        Some(&owner),
        &t.id,
        &ext_form("101", "Other"),
        Utc::now(),
    )
    .await
    .unwrap_err();
    assert!(dup.field_errors().unwrap().first("number").is_some());
}

#[tokio::test]
async fn the_tenants_extension_limit_refuses_the_next_one_with_a_clear_message() {
    let db = testing::fresh_db().await;
    let secrets = SecretBox::new(&[9; 32]);
    let (owner, _) = testing::partner_owner(&db, "acme").await;
    let t = tenant_with_limit(&db, &owner, "2").await;
    for n in ["101", "102"] {
        ext::create(
            &db,
            &secrets,
            Some(&owner),
            &t.id,
            &ext_form(n, "Desk"),
            Utc::now(),
        )
        .await
        .unwrap();
    }
    let over = ext::create(
        &db,
        &secrets,
        Some(&owner),
        &t.id,
        &ext_form("103", "Desk"),
        Utc::now(),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(&over, AppError::Conflict { message } if message.contains("at most 2 extensions")),
        "{over:?}"
    );
    // Freeing one makes room again.
    let first = ext::list(&db, Some(&owner), &t.id).await.unwrap().remove(0);
    ext::delete(&db, Some(&owner), &t.id, &first.id, Utc::now())
        .await
        .unwrap();
    ext::create(
        &db,
        &secrets,
        Some(&owner),
        &t.id,
        &ext_form("103", "Desk"),
        Utc::now(),
    )
    .await
    .unwrap();
    assert_eq!(get(&db, Some(&owner), &t.id).await.unwrap().extensions, 2);
}

#[tokio::test]
async fn suspension_stops_new_extensions_and_cancellation_unregisters_them() {
    let db = testing::fresh_db().await;
    let secrets = SecretBox::new(&[9; 32]);
    let (owner, _) = testing::partner_owner(&db, "acme").await;
    let t = tenant_with_limit(&db, &owner, "").await;
    let e = ext::create(
        &db,
        &secrets,
        Some(&owner),
        &t.id,
        &ext_form("101", "Desk"),
        Utc::now(),
    )
    .await
    .unwrap();
    suspend(&db, Some(&owner), &t.id, Utc::now()).await.unwrap();
    let refused = ext::create(
        &db,
        &secrets,
        Some(&owner),
        &t.id,
        &ext_form("102", "Desk"),
        Utc::now(),
    )
    .await
    .unwrap_err();
    assert!(matches!(refused, AppError::Conflict { .. }));
    cancel(&db, Some(&owner), &t.id, "Acme Dental", Utc::now())
        .await
        .unwrap();
    assert!(!ext::list(&db, Some(&owner), &t.id).await.unwrap()[0].registered);
    assert!(matches!(
        ext::update(
            &db,
            Some(&owner),
            &t.id,
            &e.extension.id,
            &ext_form("101", "New"),
            Utc::now()
        )
        .await
        .unwrap_err(),
        AppError::Conflict { .. }
    ));
    reactivate(&db, Some(&owner), &t.id, Utc::now())
        .await
        .unwrap();
    assert!(ext::list(&db, Some(&owner), &t.id).await.unwrap()[0].registered);
}

#[tokio::test]
async fn another_partner_cannot_see_or_touch_the_extensions_and_readers_cannot_change_them() {
    let db = testing::fresh_db().await;
    let secrets = SecretBox::new(&[9; 32]);
    let (owner, _) = testing::partner_owner(&db, "acme").await;
    let (other, _) = testing::partner_owner(&db, "beta").await;
    let t = tenant_with_limit(&db, &owner, "").await;
    let e = ext::create(
        &db,
        &secrets,
        Some(&owner),
        &t.id,
        &ext_form("101", "Desk"),
        Utc::now(),
    )
    .await
    .unwrap();
    let id = &e.extension.id;
    let not_found = |r: AppError| assert!(matches!(r, AppError::NotFound { .. }), "{r:?}");
    not_found(ext::list(&db, Some(&other), &t.id).await.unwrap_err());
    not_found(
        ext::create(
            &db,
            &secrets,
            Some(&other),
            &t.id,
            &ext_form("102", "Xavier"),
            Utc::now(),
        )
        .await
        .unwrap_err(),
    );
    not_found(
        ext::update(
            &db,
            Some(&other),
            &t.id,
            id,
            &ext_form("101", "Xavier"),
            Utc::now(),
        )
        .await
        .unwrap_err(),
    );
    not_found(
        ext::reset_password(&db, &secrets, Some(&other), &t.id, id, Utc::now())
            .await
            .unwrap_err(),
    );
    not_found(
        ext::delete(&db, Some(&other), &t.id, id, Utc::now())
            .await
            .unwrap_err(),
    );

    let reader = testing::partner_user(&db, &owner, "reader@acme.test").await;
    assert_eq!(ext::list(&db, Some(&reader), &t.id).await.unwrap().len(), 1);
    let forbidden = |r: AppError| assert!(matches!(r, AppError::Forbidden { .. }), "{r:?}");
    forbidden(
        ext::create(
            &db,
            &secrets,
            Some(&reader),
            &t.id,
            &ext_form("102", "Xavier"),
            Utc::now(),
        )
        .await
        .unwrap_err(),
    );
    forbidden(
        ext::delete(&db, Some(&reader), &t.id, id, Utc::now())
            .await
            .unwrap_err(),
    );
    forbidden(
        ext::reset_password(&db, &secrets, Some(&reader), &t.id, id, Utc::now())
            .await
            .unwrap_err(),
    );
}
