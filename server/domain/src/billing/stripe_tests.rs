use chrono::Utc;
use model::billing::{LedgerKind, payments::NewCard};

use super::{
    cards,
    processor::{ChargeError, PaymentProcessor},
    stripe::StripeProcessor,
    wallet,
};
use crate::testing::{self, stripe::FakeStripe};

fn card(number: &str) -> NewCard {
    testing::card_form(number).validate((2026, 11)).unwrap()
}

#[tokio::test]
async fn the_stripe_adapter_saves_cards_charges_once_per_key_and_maps_declines() {
    let fake = FakeStripe::start().await;
    let stripe = StripeProcessor::new("sk_test_fake", Some(&fake.url())).unwrap();

    let saved = stripe.save_card(&card("4242424242424242")).await.unwrap();
    assert_eq!(
        (saved.brand.as_str(), saved.last4.as_str(), saved.exp_year),
        ("Visa", "4242", 2039)
    );
    assert!(
        saved.token.starts_with("cus_") && saved.token.ends_with("/pm_card_visa"),
        "{}",
        saved.token
    );

    let first = stripe.charge(&saved.token, 1_250, "topup-1").await.unwrap();
    let again = stripe.charge(&saved.token, 1_250, "topup-1").await.unwrap();
    assert_eq!(first, again, "the same idempotency key is the same charge");
    let intents: Vec<_> = fake
        .seen()
        .into_iter()
        .filter(|s| s.path == "/v1/payment_intents")
        .collect();
    assert_eq!(intents.len(), 2);
    let sent = &intents[0];
    assert_eq!(sent.idempotency_key.as_deref(), Some("topup-1"));
    assert_eq!(sent.authorization.as_deref(), Some("Bearer sk_test_fake"));
    for field in [
        "amount=1250",
        "currency=usd",
        "confirm=true",
        "off_session=true",
        "payment_method=pm_card_visa",
    ] {
        assert!(sent.body.contains(field), "{field} in {}", sent.body);
    }

    for (number, expected) in [
        ("4000000000000002", ChargeError::Declined),
        ("4000000000009995", ChargeError::InsufficientFunds),
        ("4000000000000069", ChargeError::Expired),
    ] {
        let saved = stripe.save_card(&card(number)).await.unwrap();
        assert_eq!(
            stripe.charge(&saved.token, 500, number).await.unwrap_err(),
            expected,
            "{number}"
        );
    }
    assert!(matches!(
        stripe.save_card(&card("5555555555554444")).await,
        Err(ChargeError::Refused(_))
    ));
}

#[tokio::test]
async fn a_card_stripes_form_collected_is_attached_to_a_customer_by_its_id() {
    let fake = FakeStripe::start().await;
    let stripe =
        StripeProcessor::build("sk_test_fake", Some(&fake.url()), Some("acct_1Ab"), None).unwrap();
    let collected = NewCard::Collected {
        name: "Hana Boss".into(),
        payment_method: "pm_1Live".into(),
    };
    let saved = stripe.save_card(&collected).await.unwrap();
    assert!(saved.token.ends_with("/pm_1Live"), "{}", saved.token);
    assert_eq!(
        (saved.brand.as_str(), saved.last4.as_str()),
        ("Visa", "4242")
    );
    let seen = fake.seen();
    let customer = seen.iter().find(|s| s.path == "/v1/customers").unwrap();
    assert!(customer.body.contains("name=Hana"), "{}", customer.body);
    let attach = seen
        .iter()
        .find(|s| s.path == "/v1/payment_methods/pm_1Live/attach")
        .expect("the collected method is attached");
    assert_eq!(attach.account.as_deref(), Some("acct_1Ab"));
    // The built-in processor never saw that card, so it cannot take it.
    let builtin = super::processor::BuiltinProcessor;
    assert!(matches!(
        builtin.save_card(&collected).await,
        Err(ChargeError::Refused(m)) if m.contains("typed into its own form")
    ));
}

#[tokio::test]
async fn a_top_up_through_stripe_lands_in_the_wallet_with_the_intent_as_reference() {
    let fake = FakeStripe::start().await;
    let stripe = StripeProcessor::new("sk_test_fake", Some(&fake.url())).unwrap();
    let db = testing::fresh_db().await;
    let (owner, _) = testing::partner_owner(&db, "acme").await;
    let id = testing::partner_id(&db, "acme").await;
    let now = Utc::now();
    let form = testing::card_form("4242 4242 4242 4242");
    let saved = cards::add(&db, &stripe, Some(&owner), &form, now)
        .await
        .unwrap();
    assert_eq!(
        (saved.brand.as_str(), saved.last4.as_str()),
        ("Visa", "4242")
    );
    let entry = cards::top_up(&db, &stripe, Some(&owner), "40", now)
        .await
        .unwrap();
    assert_eq!((entry.kind, entry.amount_cents), (LedgerKind::TopUp, 4_000));
    assert_eq!(wallet::balance(&*db, id).await.unwrap(), 4_000);
}
