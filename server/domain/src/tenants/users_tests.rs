use chrono::Utc;
use model::{AppError, auth::Role, tenants::extensions::ExtensionForm};

use super::{create, extensions, get, users};
use crate::{crypto::SecretBox, team, testing};

use testing::{tenant_form as form, tenant_member as join};

#[tokio::test]
async fn tenant_users_work_inside_their_own_tenant_only() {
    let db = testing::fresh_db().await;
    let secrets = SecretBox::new(&[3; 32]);
    let (owner, _) = testing::partner_owner(&db, "acme").await;
    let dental = create(
        &db,
        Some(&owner),
        &form("Acme Dental", "acmedental"),
        Utc::now(),
    )
    .await
    .unwrap();
    let bakery = create(&db, Some(&owner), &form("Bakery", "bakery"), Utc::now())
        .await
        .unwrap();

    let admin = join(&db, &owner, &dental.id, "boss@dental.test", "tenant_admin").await;
    assert_eq!(admin.role, Role::TenantAdmin);
    assert_eq!(admin.tenant.as_ref().unwrap().sip_prefix, "acmedental");
    assert!(
        admin.partner.is_none(),
        "tenant users never see the partner as theirs"
    );
    assert_eq!(get(&db, Some(&owner), &dental.id).await.unwrap().users, 1);

    // The Tenant Admin manages its own tenant's extensions and users…
    let ext = ExtensionForm {
        number: "101".into(),
        display_name: "Front desk".into(),
        voicemail: None,
    };
    extensions::create(&db, &secrets, Some(&admin), &dental.id, &ext, Utc::now())
        .await
        .unwrap();
    let reader = join(&db, &admin, &dental.id, "clerk@dental.test", "tenant_user").await;
    assert_eq!(
        users::list(&db, Some(&admin), &dental.id)
            .await
            .unwrap()
            .len(),
        2
    );

    // …never another tenant's, nor the partner's areas.
    let not_found = |e: AppError| assert!(matches!(e, AppError::NotFound { .. }), "{e:?}");
    not_found(
        extensions::list(&db, Some(&admin), &bakery.id)
            .await
            .unwrap_err(),
    );
    not_found(
        users::list(&db, Some(&admin), &bakery.id)
            .await
            .unwrap_err(),
    );
    not_found(
        extensions::create(&db, &secrets, Some(&admin), &bakery.id, &ext, Utc::now())
            .await
            .unwrap_err(),
    );
    assert!(matches!(
        super::list(&db, Some(&admin), &Default::default())
            .await
            .unwrap_err(),
        AppError::Forbidden { .. }
    ));
    assert!(matches!(
        get(&db, Some(&admin), &dental.id).await.unwrap_err(),
        AppError::Forbidden { .. }
    ));

    // A Tenant User reads and changes nothing.
    assert_eq!(
        extensions::list(&db, Some(&reader), &dental.id)
            .await
            .unwrap()
            .len(),
        1
    );
    let forbidden = |e: AppError| assert!(matches!(e, AppError::Forbidden { .. }), "{e:?}");
    let ext2 = ExtensionForm {
        number: "102".into(),
        ..ext.clone()
    };
    forbidden(
        extensions::create(&db, &secrets, Some(&reader), &dental.id, &ext2, Utc::now())
            .await
            .unwrap_err(),
    );
    forbidden(
        users::invite(
            &db,
            Some(&reader),
            &dental.id,
            "x@dental.test",
            "tenant_admin",
            "https://p.test",
            Utc::now(),
        )
        .await
        .unwrap_err(),
    );

    // The partner's own team list does not include the tenant's users.
    assert_eq!(team::list(&db, Some(&owner)).await.unwrap().len(), 1);

    // Removal ends the user's access and updates the count.
    let clerk = users::list(&db, Some(&admin), &dental.id)
        .await
        .unwrap()
        .into_iter()
        .find(|m| m.email == "clerk@dental.test")
        .unwrap();
    users::remove(&db, Some(&admin), &dental.id, &clerk.id, Utc::now())
        .await
        .unwrap();
    assert_eq!(get(&db, Some(&owner), &dental.id).await.unwrap().users, 1);
    let bad_role = users::invite(
        &db,
        Some(&admin),
        &dental.id,
        "y@dental.test",
        "partner_admin",
        "https://p.test",
        Utc::now(),
    )
    .await
    .unwrap_err();
    assert!(bad_role.field_errors().unwrap().first("role").is_some());
}
