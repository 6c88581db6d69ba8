use chrono::{TimeZone, Utc};
use model::{
    AppError,
    billing::{LedgerFilter, LedgerKind, TierCode, plan::PlanChange},
    partners::PartnerStatus,
};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};

use super::{cards, history, plan, processor::BuiltinProcessor, tiers, wallet};
use crate::{partners::partner, testing};

use testing::card_form as card;

async fn make_trial(db: &crate::Db, id: i32) {
    partner::Entity::update_many()
        .col_expr(
            partner::Column::Status,
            Expr::value(PartnerStatus::Trial.as_str()),
        )
        .filter(partner::Column::Id.eq(id))
        .exec(db)
        .await
        .unwrap();
}

#[tokio::test]
async fn activate_upgrade_and_downgrade_with_the_right_amounts_and_dates() {
    let db = testing::fresh_db().await;
    let p = BuiltinProcessor;
    let (owner, _) = testing::partner_owner(&db, "acme").await;
    let id = testing::partner_id(&db, "acme").await;
    make_trial(&db, id).await;
    // 23 November: 8 of 30 days left, today included.
    let now = Utc.with_ymd_and_hms(2026, 11, 23, 15, 0, 0).unwrap();

    let q = plan::quote(&db, Some(&owner), "professional", now)
        .await
        .unwrap();
    assert_eq!(
        (q.change, q.days_left, q.days_in_month),
        (PlanChange::Activate, 8, 30)
    );
    assert_eq!(
        (q.new_fee_cents, q.prorated_cents, q.charge_now_cents),
        (54_900, 14_640, 14_640)
    );

    let no_card = plan::choose(&db, &p, Some(&owner), "professional", now)
        .await
        .unwrap_err();
    assert!(no_card.to_string().contains("payment method"), "{no_card}");
    cards::add(&db, &p, Some(&owner), &card("4000000000000002"), now)
        .await
        .unwrap();
    let declined = plan::choose(&db, &p, Some(&owner), "professional", now)
        .await
        .unwrap_err();
    assert!(declined.to_string().contains("declined"), "{declined}");
    let after_decline = tiers::subscription(&db, Some(&owner), now).await.unwrap();
    assert_eq!(
        (after_decline.status.as_str(), after_decline.tier.code),
        ("TRIAL", TierCode::Starter)
    );
    assert!(
        history::list(&db, Some(&owner), &LedgerFilter::default(), 10)
            .await
            .unwrap()
            .entries
            .is_empty()
    );

    let good = cards::add(&db, &p, Some(&owner), &card("4242424242424242"), now)
        .await
        .unwrap();
    cards::make_default(&db, Some(&owner), &good.id, now)
        .await
        .unwrap();
    plan::choose(&db, &p, Some(&owner), "professional", now)
        .await
        .unwrap();
    let active = tiers::subscription(&db, Some(&owner), now).await.unwrap();
    assert_eq!(
        (active.status.as_str(), active.tier.code),
        ("ACTIVE", TierCode::Professional)
    );
    assert!(active.trial_ends_at.is_none());
    let entries = history::list(&db, Some(&owner), &LedgerFilter::default(), 10)
        .await
        .unwrap()
        .entries;
    let kinds: Vec<_> = entries.iter().map(|e| (e.kind, e.amount_cents)).collect();
    assert_eq!(
        kinds,
        vec![
            (LedgerKind::Subscription, -14_640),
            (LedgerKind::TopUp, 14_640)
        ]
    );
    assert_eq!(wallet::balance(&*db, id).await.unwrap(), 0);

    // Upgrade: the difference for the rest of the month, now.
    let up = plan::choose(&db, &p, Some(&owner), "business", now)
        .await
        .unwrap();
    assert_eq!(
        (up.change, up.charge_now_cents),
        (PlanChange::Upgrade, 12_000)
    );
    assert_eq!(
        tiers::subscription(&db, Some(&owner), now)
            .await
            .unwrap()
            .tier
            .code,
        TierCode::Business
    );

    // Downgrade: nothing now, from 1 December.
    let down = plan::choose(&db, &p, Some(&owner), "starter", now)
        .await
        .unwrap();
    assert_eq!(
        (
            down.change,
            down.charge_now_cents,
            down.effective_on.as_str()
        ),
        (PlanChange::Downgrade, 0, "2026-12-01")
    );
    let sub = tiers::subscription(&db, Some(&owner), now).await.unwrap();
    assert_eq!(
        sub.tier.code,
        TierCode::Business,
        "the current plan runs to the end of the cycle"
    );
    assert_eq!(
        sub.pending.map(|(t, d)| (t.code, d)),
        Some((TierCode::Starter, "2026-12-01".into()))
    );

    // Enterprise is by contract; the same plan is no change; readers cannot choose.
    assert!(
        plan::choose(&db, &p, Some(&owner), "enterprise", now)
            .await
            .unwrap_err()
            .field_errors()
            .is_some()
    );
    assert!(
        plan::quote(&db, Some(&owner), "business", now)
            .await
            .is_err()
    );
    let reader = testing::partner_user(&db, &owner, "reader@acme.test").await;
    assert!(matches!(
        plan::choose(&db, &p, Some(&reader), "professional", now).await,
        Err(AppError::Forbidden { .. })
    ));
    // Webhook events: each card added, the activation and the two changes; nothing for
    // the refused attempts.
    let events: Vec<String> = crate::events::for_partner(&*db, id)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.event_type)
        .filter(|t| !t.starts_with("tenant."))
        .collect();
    assert_eq!(
        events
            .iter()
            .filter(|t| *t == "payment_method.attached")
            .count(),
        events.len() - 3
    );
    let plan_events: Vec<&String> = events
        .iter()
        .filter(|t| t.starts_with("subscription."))
        .collect();
    assert_eq!(
        plan_events,
        [
            "subscription.activated",
            "subscription.updated",
            "subscription.updated"
        ]
    );
}

#[tokio::test]
async fn an_expired_trial_pauses_the_partner_who_can_still_sign_in_and_activate() {
    let db = testing::fresh_db().await;
    let p = BuiltinProcessor;
    let (owner, _) = testing::partner_owner(&db, "acme").await;
    let id = testing::partner_id(&db, "acme").await;
    make_trial(&db, id).await;
    let now = Utc::now();
    partner::Entity::update_many()
        .col_expr(
            partner::Column::TrialEndsAt,
            Expr::value(now - chrono::Duration::hours(1)),
        )
        .filter(partner::Column::Id.eq(id))
        .exec(&*db)
        .await
        .unwrap();
    let (a, b) = tokio::join!(plan::expire_trials(&db, now), plan::expire_trials(&db, now));
    assert_eq!(a.unwrap() + b.unwrap(), 1);
    let (viewer, _) = testing::sign_in(&db, "owner@acme.test", testing::PASSWORD).await;
    assert_eq!(viewer.partner.unwrap().status, PartnerStatus::Suspended);
    let good = cards::add(&db, &p, Some(&owner), &card("4242424242424242"), now)
        .await
        .unwrap();
    assert!(good.is_default);
    let q = plan::choose(&db, &p, Some(&owner), "starter", now)
        .await
        .unwrap();
    assert_eq!(q.change, PlanChange::Activate);
    assert_eq!(
        tiers::subscription(&db, Some(&owner), now)
            .await
            .unwrap()
            .status,
        "ACTIVE"
    );
}

#[tokio::test]
async fn the_monthly_cycle_applies_the_downgrade_and_charges_once() {
    let db = testing::fresh_db().await;
    let p = BuiltinProcessor;
    let (owner, _) = testing::partner_owner(&db, "acme").await;
    let id = testing::partner_id(&db, "acme").await;
    make_trial(&db, id).await;
    let nov = Utc.with_ymd_and_hms(2026, 11, 23, 15, 0, 0).unwrap();
    cards::add(&db, &p, Some(&owner), &card("4242424242424242"), nov)
        .await
        .unwrap();
    plan::choose(&db, &p, Some(&owner), "professional", nov)
        .await
        .unwrap();
    plan::choose(&db, &p, Some(&owner), "starter", nov)
        .await
        .unwrap();
    partner::Entity::update_many()
        .col_expr(partner::Column::ExtensionCount, Expr::value(12))
        .filter(partner::Column::Id.eq(id))
        .exec(&*db)
        .await
        .unwrap();
    // Still November: nothing to do.
    assert_eq!(super::cycle::run_due(&db, &p, nov).await.unwrap().cycled, 0);

    let dec = Utc.with_ymd_and_hms(2026, 12, 1, 0, 5, 0).unwrap();
    let (a, b) = tokio::join!(
        super::cycle::run_due(&db, &p, dec),
        super::cycle::run_due(&db, &p, dec)
    );
    assert_eq!(
        a.unwrap().cycled + b.unwrap().cycled,
        1,
        "one instance wins the month"
    );
    assert_eq!(super::cycle::run_due(&db, &p, dec).await.unwrap().cycled, 0);
    let sub = tiers::subscription(&db, Some(&owner), dec).await.unwrap();
    assert_eq!(
        (sub.tier.code, sub.pending),
        (TierCode::Starter, None),
        "the downgrade applied"
    );
    let dec_only = LedgerFilter {
        from: "2026-12-01".into(),
        ..Default::default()
    };
    let entries = history::list(&db, Some(&owner), &dec_only, 20)
        .await
        .unwrap()
        .entries;
    let mut kinds: Vec<_> = entries.iter().map(|e| (e.kind, e.amount_cents)).collect();
    kinds.sort_by_key(|k| k.1);
    assert_eq!(
        kinds,
        vec![
            (LedgerKind::Subscription, -24_900),
            (LedgerKind::MonthlyExtension, -3_600),
            (LedgerKind::TopUp, 24_900),
        ],
        "Starter fee charged to the card, 12 extensions × $3.00 from the wallet"
    );
    assert_eq!(wallet::balance(&*db, id).await.unwrap(), -3_600);
}

#[tokio::test]
async fn the_reseller_subscription_charges_each_customer_account_used_or_not_once_a_month() {
    use model::billing::tier_form::TierForm;
    let db = testing::fresh_db().await;
    let p = BuiltinProcessor;
    let ops = testing::operator(&db).await;
    let (owner, _) = testing::partner_owner(&db, "acme").await;
    let id = testing::partner_id(&db, "acme").await;
    let nov = Utc.with_ymd_and_hms(2026, 11, 23, 15, 0, 0).unwrap();
    let starter = tiers::current(&*db, TierCode::Starter, nov).await.unwrap();
    let form = TierForm {
        account_fee: "2.50".into(),
        effective_from: "2026-12-01".into(),
        ..TierForm::of(&starter)
    };
    let bad = TierForm {
        account_fee: "two".into(),
        ..form.clone()
    };
    assert!(
        tiers::edit(&db, Some(&ops), "starter", &bad, nov)
            .await
            .unwrap_err()
            .field_errors()
            .and_then(|f| f.first("account_fee"))
            .is_some()
    );
    tiers::edit(&db, Some(&ops), "starter", &form, nov)
        .await
        .unwrap();
    testing::bulk_tenants(&db, id, "acct", 4).await;
    // One suspended (still owed), one cancelled (no longer an account).
    let all = crate::tenants::entity::tenant::Entity::find()
        .all(&*db)
        .await
        .unwrap();
    for (row, status) in all.iter().zip(["SUSPENDED", "CANCELLED"]) {
        crate::tenants::entity::tenant::Entity::update_many()
            .col_expr(
                crate::tenants::entity::tenant::Column::Status,
                Expr::value(status),
            )
            .filter(crate::tenants::entity::tenant::Column::Id.eq(row.id))
            .exec(&*db)
            .await
            .unwrap();
    }
    let dec = Utc.with_ymd_and_hms(2026, 12, 1, 0, 5, 0).unwrap();
    super::cycle::run_due(&db, &p, dec).await.unwrap();
    super::cycle::run_due(&db, &p, dec).await.unwrap();
    let entries = history::list(&db, Some(&owner), &LedgerFilter::default(), 20)
        .await
        .unwrap()
        .entries;
    let fees: Vec<_> = entries
        .iter()
        .filter(|e| e.kind == LedgerKind::AccountFees)
        .collect();
    assert_eq!(fees.len(), 1, "once per month");
    assert_eq!(fees[0].amount_cents, -750, "3 accounts × $2.50");
    assert!(fees[0].description.starts_with("3 customer accounts"));
}
