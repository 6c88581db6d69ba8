//! The payment modes against the fake Stripe: Connect acts for the partner's connected
//! account, custom keys are checked and sealed, and a card refund names its
//! PaymentIntent.

use model::invoicing::collection::{CollectionForm, PaymentMode};
use sea_orm::EntityTrait;

use super::{
    pay, refunds,
    tests::{card, invoiced, ledger, on},
};
use crate::{
    Db,
    billing::gateway::Gateway,
    invoicing::{delivery_tests::at, entity::invoice},
    testing::{self, stripe::FakeStripe},
};

/// The operator's Stripe (through `fake`) behind every partner's gateway.
fn stripe_gateway(fake: &FakeStripe) -> Gateway {
    let mut gateway = testing::gateway();
    gateway.stripe_secret_key = Some("sk_test_platform".into());
    gateway.stripe_api_base = Some(fake.url());
    gateway
}

/// Custom keys with `secret` and `publishable` as typed (empty keeps or clears them).
fn custom_keys(secret: &str, publishable: &str) -> CollectionForm {
    CollectionForm {
        mode: "custom_keys".into(),
        secret_key: secret.into(),
        publishable_key: publishable.into(),
        ..Default::default()
    }
}

#[tokio::test]
async fn connect_charges_act_for_the_connected_account_and_custom_keys_are_checked_and_sealed() {
    let db = testing::fresh_db().await;
    let fake = FakeStripe::start().await;
    let gateway = stripe_gateway(&fake);
    let (owner, admin, t, row) = invoiced(&db).await;
    let save = |form: CollectionForm| {
        let (db, gateway, owner) = (&db, &gateway, &owner);
        async move {
            super::save_settings(db, gateway, Some(owner), &form, at("2027-02-02T00:00:00Z")).await
        }
    };

    let connect = save(CollectionForm {
        mode: "connect".into(),
        connect_account_id: "acct_1PartnerAcme".into(),
        statement_descriptor: "ACME VOICE".into(),
        ..Default::default()
    })
    .await
    .unwrap();
    assert_eq!(connect.mode, PaymentMode::Connect);
    pay::pay_invoice(
        &db,
        &gateway,
        Some(&admin),
        &t.public_id.to_string(),
        &row.public_id.to_string(),
        &card("4242424242424242"),
        at("2027-02-02T00:00:00Z"),
    )
    .await
    .unwrap();
    let intent = fake
        .seen()
        .into_iter()
        .find(|s| s.path == "/v1/payment_intents")
        .unwrap();
    assert_eq!(intent.account.as_deref(), Some("acct_1PartnerAcme"));
    assert_eq!(
        intent.authorization.as_deref(),
        Some("Bearer sk_test_platform")
    );
    assert!(
        intent
            .body
            .contains("statement_descriptor_suffix=ACME+VOICE")
            || intent
                .body
                .contains("statement_descriptor_suffix=ACME%20VOICE"),
        "{}",
        intent.body
    );
    assert!(
        ledger(&db, t.partner_id).await.is_empty(),
        "Connect money never passes the wallet"
    );

    // A revoked key is refused with nothing saved; a working one is sealed.
    let bad = save(custom_keys("sk_test_revoked1234", ""))
        .await
        .unwrap_err();
    assert!(on(&bad, "secret_key").is_some(), "{bad:?}");
    let good = save(custom_keys("sk_test_partnerkey9876", ""))
        .await
        .unwrap();
    assert_eq!(good.secret_key_last4.as_deref(), Some("9876"));
    let p = crate::partners::find_by_id(&*db, t.partner_id)
        .await
        .unwrap()
        .unwrap();
    let sealed = p.stripe_secret_sealed.unwrap();
    assert!(!sealed.contains("partnerkey"), "sealed at rest");
    let collector = gateway
        .for_partner(
            &crate::partners::find_by_id(&*db, t.partner_id)
                .await
                .unwrap()
                .unwrap(),
        )
        .unwrap();
    assert!(collector.name.starts_with("custom:"));
    // Saving again with the key field empty keeps the sealed key.
    let kept = save(custom_keys("", "")).await.unwrap();
    assert_eq!(kept.secret_key_last4.as_deref(), Some("9876"));

    // Without the operator's Stripe, Connect cannot be chosen.
    let plain: Gateway = testing::gateway();
    let e = super::save_settings(
        &db,
        &plain,
        Some(&owner),
        &CollectionForm {
            mode: "connect".into(),
            connect_account_id: "acct_1X".into(),
            ..Default::default()
        },
        at("2027-02-02T00:00:00Z"),
    )
    .await
    .unwrap_err();
    assert!(on(&e, "mode").is_some(), "{e:?}");
}

#[tokio::test]
async fn each_mode_offers_stripes_card_form_for_its_own_account() {
    let db = testing::fresh_db().await;
    let fake = FakeStripe::start().await;
    let mut gateway = stripe_gateway(&fake);
    gateway.stripe_publishable_key = Some("pk_test_platform".into());
    gateway.stripe_js = format!("{}/v3/", fake.url());
    let (owner, admin, t, row) = invoiced(&db).await;
    let now = at("2027-02-02T00:00:00Z");
    let tenant = t.public_id.to_string();
    let offered = || async {
        pay::portal(&db, &gateway, Some(&admin), &tenant)
            .await
            .unwrap()
    };
    let save = |form: CollectionForm| {
        let (db, gateway, owner) = (&db, &gateway, &owner);
        async move { super::save_settings(db, gateway, Some(owner), &form, now).await }
    };

    // Platform mode on the built-in processor: typed test cards only.
    let platform = offered().await;
    assert!(platform.test_cards_only && platform.card_form.is_none());

    // Connect: the platform's publishable key, acting for the connected account; the
    // card it collects is attached and charged in that account.
    save(CollectionForm {
        mode: "connect".into(),
        connect_account_id: "acct_1PartnerAcme".into(),
        ..Default::default()
    })
    .await
    .unwrap();
    let form = offered().await.card_form.expect("Stripe's card form");
    assert_eq!(form.publishable_key, "pk_test_platform");
    assert_eq!(form.account.as_deref(), Some("acct_1PartnerAcme"));
    assert_eq!(form.script, format!("{}/v3/", fake.url()));
    let mut collected = card("");
    collected.card.payment_method = "pm_1FromElements".into();
    pay::pay_invoice(
        &db,
        &gateway,
        Some(&admin),
        &tenant,
        &row.public_id.to_string(),
        &collected,
        now,
    )
    .await
    .unwrap();
    let seen = fake.seen();
    let attach = seen
        .iter()
        .find(|s| s.path == "/v1/payment_methods/pm_1FromElements/attach")
        .expect("attached");
    assert_eq!(attach.account.as_deref(), Some("acct_1PartnerAcme"));
    let intent = seen
        .iter()
        .find(|s| s.path == "/v1/payment_intents")
        .unwrap();
    assert!(
        intent.body.contains("payment_method=pm_1FromElements"),
        "{}",
        intent.body
    );

    // Custom keys: the partner's own publishable key, in the same mode as its secret.
    let wrong = save(custom_keys(
        "sk_test_partnerkey9876",
        "pk_live_partnerkey9876",
    ))
    .await
    .unwrap_err();
    assert!(on(&wrong, "publishable_key").is_some(), "{wrong:?}");
    save(custom_keys("sk_test_partnerkey9876", ""))
        .await
        .unwrap();
    assert!(
        offered().await.card_form.is_none(),
        "no publishable key yet"
    );
    // The saved secret is checked against a publishable key added later.
    let mismatch = save(custom_keys("", "pk_live_partnerkey1111"))
        .await
        .unwrap_err();
    assert!(on(&mismatch, "publishable_key").is_some(), "{mismatch:?}");
    let saved = save(custom_keys("", "pk_test_partnerkey1111"))
        .await
        .unwrap();
    assert_eq!(
        saved.publishable_key.as_deref(),
        Some("pk_test_partnerkey1111")
    );
    let form = offered().await.card_form.expect("the partner's card form");
    assert_eq!(
        (form.publishable_key.as_str(), form.account),
        ("pk_test_partnerkey1111", None)
    );
}

#[tokio::test]
async fn a_card_refund_through_stripe_names_the_payment_intent() {
    let db = testing::fresh_db().await;
    let fake = FakeStripe::start().await;
    let mut gateway = testing::gateway();
    gateway.platform = std::sync::Arc::new(
        crate::billing::stripe::StripeProcessor::new("sk_test_platform", Some(&fake.url()))
            .unwrap(),
    );
    let (owner, admin, t, row) = invoiced(&db).await;
    let now = at("2027-02-02T00:00:00Z");
    pay::pay_invoice(
        &db,
        &gateway,
        Some(&admin),
        &t.public_id.to_string(),
        &row.public_id.to_string(),
        &card("4242424242424242"),
        now,
    )
    .await
    .unwrap();
    refunds::give_back(
        &db,
        &gateway,
        &row_now(&db, row.id).await,
        250,
        crate::audit::Entry::by_system("test", None, "invoice.refunded", "x".into()),
        now,
    )
    .await
    .unwrap();
    let _ = owner;
    let refund = fake
        .seen()
        .into_iter()
        .find(|s| s.path == "/v1/refunds")
        .unwrap();
    assert!(refund.body.contains("amount=250"), "{}", refund.body);
    assert!(
        refund.body.contains("payment_intent=pi_"),
        "{}",
        refund.body
    );
    assert!(refund.idempotency_key.unwrap().starts_with("refund-"));
}

async fn row_now(db: &Db, id: i32) -> invoice::Model {
    invoice::Entity::find_by_id(id)
        .one(db)
        .await
        .unwrap()
        .unwrap()
}
