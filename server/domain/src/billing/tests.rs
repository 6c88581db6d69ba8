use chrono::Utc;
use model::{AppError, billing::TierCode, tenants::extensions::ExtensionForm};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};

use super::tiers;
use crate::{crypto::SecretBox, partners::partner, tenants, testing};

#[tokio::test]
async fn the_price_list_has_the_four_tiers_with_the_published_figures() {
    let db = testing::fresh_db().await;
    let list = tiers::in_force(&*db, Utc::now()).await.unwrap();
    let codes: Vec<_> = list.iter().map(|t| t.code).collect();
    assert_eq!(codes, TierCode::ALL.to_vec());
    let starter = &list[0];
    assert_eq!(starter.monthly_fee_cents, Some(24_900));
    assert_eq!(starter.extension_cap, Some(300));
    assert_eq!(
        (
            starter.extension_cents,
            starter.local_did_cents,
            starter.toll_free_did_cents
        ),
        (300, 175, 250)
    );
    assert_eq!(
        (starter.local_minute_micros, starter.toll_free_minute_micros),
        (20_000, 22_000)
    );
    assert_eq!(list[1].extension_cap, Some(1_000));
    assert_eq!(list[2].extension_cap, None, "Business is unlimited");
    assert_eq!(list[3].monthly_fee_cents, None, "Enterprise is by contract");

    let (owner, _) = testing::partner_owner(&db, "acme").await;
    let sub = tiers::subscription(&db, Some(&owner), Utc::now())
        .await
        .unwrap();
    assert_eq!(
        (sub.tier.code, sub.extensions_used, sub.tiers.len()),
        (TierCode::Starter, 0, 4)
    );
    assert!(tiers::subscription(&db, None, Utc::now()).await.is_err());
}

fn ext(n: u32) -> ExtensionForm {
    ExtensionForm {
        number: format!("{}", 1000 + n),
        display_name: format!("Desk {n}"),
        voicemail: None,
    }
}

/// Sets the partner's counter just under the cap instead of creating 300 extensions.
async fn use_up(db: &crate::Db, slug: &str, count: i32) {
    partner::Entity::update_many()
        .col_expr(partner::Column::ExtensionCount, Expr::value(count))
        .filter(partner::Column::Slug.eq(slug))
        .exec(db)
        .await
        .unwrap();
}

#[tokio::test]
async fn the_tier_caps_extensions_across_tenants_with_an_upgrade_prompt() {
    let db = testing::fresh_db().await;
    let secrets = SecretBox::new(&[5; 32]);
    let (owner, _) = testing::partner_owner(&db, "acme").await;
    let now = Utc::now();
    let a = tenants::create(
        &db,
        Some(&owner),
        &testing::tenant_form("Alpha", "alpha"),
        now,
    )
    .await
    .unwrap();
    let b = tenants::create(
        &db,
        Some(&owner),
        &testing::tenant_form("Beta", "beta"),
        now,
    )
    .await
    .unwrap();
    tenants::extensions::create(&db, &secrets, Some(&owner), &a.id, &ext(1), now)
        .await
        .unwrap();
    use_up(&db, "acme", 299).await;
    tenants::extensions::create(&db, &secrets, Some(&owner), &b.id, &ext(1), now)
        .await
        .unwrap();
    let refused = tenants::extensions::create(&db, &secrets, Some(&owner), &b.id, &ext(2), now)
        .await
        .unwrap_err();
    match &refused {
        AppError::PlanLimit {
            message,
            upgrade_to,
        } => {
            assert!(message.contains("Starter plan includes 300"), "{message}");
            assert!(
                message.contains("Professional allows up to 1000"),
                "{message}"
            );
            assert_eq!(upgrade_to.as_deref(), Some("professional"));
        }
        other => panic!("expected an upgrade prompt, got {other:?}"),
    }
    assert_eq!(refused.status(), 409);
    assert_eq!(
        tenants::get(&db, Some(&owner), &b.id)
            .await
            .unwrap()
            .extensions,
        1,
        "nothing half-made"
    );

    // Cancelling a tenant frees its extensions; reactivating counts them again.
    tenants::cancel(&db, Some(&owner), &a.id, "Alpha", now)
        .await
        .unwrap();
    tenants::extensions::create(&db, &secrets, Some(&owner), &b.id, &ext(2), now)
        .await
        .unwrap();
    tenants::reactivate(&db, Some(&owner), &a.id, now)
        .await
        .unwrap();
    let p = partner::Entity::find()
        .filter(partner::Column::Slug.eq("acme"))
        .one(&*db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        p.extension_count, 301,
        "over the cap after reactivation, nothing removed"
    );
    assert!(matches!(
        tenants::extensions::create(&db, &secrets, Some(&owner), &b.id, &ext(3), now).await,
        Err(AppError::PlanLimit { .. })
    ));

    // Another partner's count is its own.
    let (other, _) = testing::partner_owner(&db, "globex").await;
    let g = tenants::create(
        &db,
        Some(&other),
        &testing::tenant_form("Gamma", "gamma"),
        now,
    )
    .await
    .unwrap();
    tenants::extensions::create(&db, &secrets, Some(&other), &g.id, &ext(1), now)
        .await
        .unwrap();
}

#[tokio::test]
async fn concurrent_creations_stop_exactly_at_the_cap() {
    let db = testing::fresh_db().await;
    let secrets = SecretBox::new(&[6; 32]);
    let (owner, _) = testing::partner_owner(&db, "acme").await;
    let now = Utc::now();
    let t = tenants::create(
        &db,
        Some(&owner),
        &testing::tenant_form("Alpha", "alpha"),
        now,
    )
    .await
    .unwrap();
    use_up(&db, "acme", 290).await;
    let tries: Vec<_> = (0..20)
        .map(|n| {
            let (db, secrets, owner, id) = (
                db.connection(),
                secrets.clone(),
                owner.clone(),
                t.id.clone(),
            );
            tokio::spawn(async move {
                tenants::extensions::create(&db, &secrets, Some(&owner), &id, &ext(n), Utc::now())
                    .await
            })
        })
        .collect();
    let mut made = 0;
    for task in tries {
        match task.await.unwrap() {
            Ok(_) => made += 1,
            Err(AppError::PlanLimit { .. }) => {}
            Err(other) => panic!("concurrent writers must queue, not fail: {other:?}"),
        }
    }
    assert_eq!(made, 10);
    assert_eq!(
        tenants::get(&db, Some(&owner), &t.id)
            .await
            .unwrap()
            .extensions,
        10
    );
}

#[tokio::test]
async fn operators_change_prices_from_a_date_and_calls_are_rated_at_their_own_time() {
    use chrono::TimeZone;
    use model::billing::tier_form::TierForm;
    let db = testing::fresh_db().await;
    let ops = testing::operator(&db).await;
    let (owner, _) = testing::partner_owner(&db, "acme").await;
    let now = Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap();
    let starter = tiers::current(&*db, TierCode::Starter, now).await.unwrap();
    let form = TierForm {
        local_minute: "0.019".into(),
        effective_from: "2026-12-01".into(),
        ..TierForm::of(&starter)
    };
    assert!(matches!(
        tiers::edit(&db, Some(&owner), "starter", &form, now).await,
        Err(AppError::Forbidden { .. })
    ));
    let past = TierForm {
        effective_from: "2026-11-01".into(),
        ..form.clone()
    };
    assert!(
        tiers::edit(&db, Some(&ops), "starter", &past, now)
            .await
            .unwrap_err()
            .field_errors()
            .is_some()
    );
    let set = tiers::edit(&db, Some(&ops), "starter", &form, now)
        .await
        .unwrap();
    assert_eq!(
        (set.local_minute_micros, set.monthly_fee_cents),
        (19_000, Some(24_900))
    );
    // Editing the same day again replaces the scheduled version.
    tiers::edit(&db, Some(&ops), "starter", &form, now)
        .await
        .unwrap();
    let schedule = tiers::schedule(&db, Some(&ops), now).await.unwrap();
    assert_eq!(schedule.len(), 5, "four in force and one scheduled");
    assert_eq!(
        tiers::current(&*db, TierCode::Starter, now)
            .await
            .unwrap()
            .local_minute_micros,
        20_000
    );
    let december = Utc.with_ymd_and_hms(2026, 12, 2, 0, 0, 0).unwrap();
    assert_eq!(
        tiers::current(&*db, TierCode::Starter, december)
            .await
            .unwrap()
            .local_minute_micros,
        19_000
    );
}
