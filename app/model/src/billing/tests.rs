use super::*;

#[test]
fn money_reads_as_dollars() {
    assert_eq!(dollars(24_900), "$249.00");
    assert_eq!(dollars(5), "$0.05");
    assert_eq!(dollars(-150), "-$1.50");
    assert_eq!(dollars(123_456_789), "$1,234,567.89");
    assert_eq!(rate_per_minute(20_000), "$0.020");
    assert_eq!(rate_per_minute(16_500), "$0.0165");
    assert_eq!(rate_per_minute(1_000_000), "$1.000");
}

#[test]
fn tiers_round_trip_and_know_the_next_one() {
    for t in TierCode::ALL {
        assert_eq!(TierCode::parse(t.as_str()), Ok(t));
    }
    assert_eq!(TierCode::Starter.next(), Some(TierCode::Professional));
    assert_eq!(TierCode::Enterprise.next(), None);
    assert!(TierCode::parse("gold").is_err());
}

#[test]
fn typed_amounts_become_cents() {
    assert_eq!(parse_dollars("50"), Ok(5_000));
    assert_eq!(parse_dollars("$1,250.5"), Ok(125_050));
    assert_eq!(parse_dollars(".75"), Ok(75));
    assert!(parse_dollars("").is_err());
    assert!(parse_dollars("-5").is_err());
    assert!(parse_dollars("1.234").is_err());
    assert!(parse_dollars("0").is_err());
    assert!(parse_dollars("ten").is_err());
}

#[test]
fn cards_are_checked_like_a_processor_would() {
    use payments::*;
    assert_eq!(
        parse_card_number("4242 4242 4242 4242"),
        Ok("4242424242424242".into())
    );
    assert!(
        parse_card_number("4242 4242 4242 4241")
            .unwrap_err()
            .contains("typo")
    );
    assert_eq!(parse_expiry("08/29"), Ok((8, 2029)));
    assert!(parse_expiry("13/29").is_err());
    assert_eq!(brand_of("5555555555554444"), "Mastercard");
    let form = CardForm {
        name: "Pat".into(),
        number: "4242424242424242".into(),
        expiry: "10/26".into(),
        cvc: "12".into(),
        payment_method: String::new(),
    };
    let errors = form.validate((2026, 11)).unwrap_err();
    assert!(errors.first("expiry").unwrap().contains("expired"));
    assert!(errors.first("cvc").is_some());
    let ok = CardForm {
        expiry: "11/26".into(),
        cvc: "123".into(),
        ..form
    };
    let Ok(NewCard::Typed(card)) = ok.validate((2026, 11)) else {
        panic!("a typed card")
    };
    assert_eq!((card.last4(), card.brand()), ("4242", "Visa"));
}

#[test]
fn a_card_stripe_collected_needs_only_the_name_and_its_payment_method() {
    use payments::*;
    let form = CardForm {
        name: "  Pat   Doe ".into(),
        number: "not looked at".into(),
        payment_method: "pm_1Q2w3E4r5T".into(),
        ..CardForm::default()
    };
    assert_eq!(
        form.validate((2026, 11)),
        Ok(NewCard::Collected {
            name: "Pat Doe".into(),
            payment_method: "pm_1Q2w3E4r5T".into()
        })
    );
    let bad = CardForm {
        name: String::new(),
        payment_method: "pm_<script>".into(),
        ..CardForm::default()
    };
    let errors = bad.validate((2026, 11)).unwrap_err();
    assert!(errors.first("name").is_some());
    assert!(errors.first("number").unwrap().contains("card form"));
    assert!(
        errors.first("expiry").is_none(),
        "typed-card rules do not apply"
    );

    assert!(parse_publishable_key("pk_test_51abcdefgh").is_ok());
    assert!(
        parse_publishable_key("sk_test_51abcdefgh")
            .unwrap_err()
            .contains("secret key")
    );
    assert!(parse_publishable_key("pk_test_").is_err());
    assert!(keys_match("sk_test_1234", "pk_test_5678").is_ok());
    assert!(keys_match("rk_live_1234", "pk_live_5678").is_ok());
    assert!(keys_match("sk_live_1234", "pk_test_5678").is_err());
}

#[test]
fn proration_rounds_to_the_nearest_cent() {
    use plan::prorate;
    assert_eq!(prorate(24_900, 30, 30), 24_900);
    assert_eq!(prorate(24_900, 8, 30), 6_640);
    assert_eq!(prorate(30_000, 1, 31), 968); // 967.74…
    assert_eq!(prorate(100, 1, 8), 13); // 12.5 → 13
    assert_eq!(prorate(0, 5, 30), 0);
}

#[test]
fn tier_edits_are_checked_and_never_reach_into_the_past() {
    use tier_form::{TierForm, parse_rate};
    assert_eq!(parse_rate("0.016"), Ok(16_000));
    assert_eq!(parse_rate("$0.0165"), Ok(16_500));
    assert!(parse_rate("0.0000001").is_err());
    let form = TierForm {
        monthly_fee: "259".into(),
        extension_cap: "300".into(),
        extension: "3".into(),
        local_did: "1.75".into(),
        toll_free_did: "2.50".into(),
        local_minute: "0.019".into(),
        toll_free_minute: "0.022".into(),
        account_fee: "1.50".into(),
        effective_from: "2026-12-01".into(),
    };
    let ok = form.validate("2026-11-23").unwrap();
    assert_eq!(
        (
            ok.monthly_fee_cents,
            ok.local_minute_micros,
            ok.account_fee_cents
        ),
        (Some(25_900), 19_000, 150)
    );
    let none = TierForm {
        account_fee: String::new(),
        ..form.clone()
    };
    assert_eq!(none.validate("2026-11-23").unwrap().account_fee_cents, 0);
    let past = TierForm {
        effective_from: "2026-11-01".into(),
        ..form.clone()
    };
    assert!(
        past.validate("2026-11-23")
            .unwrap_err()
            .first("effective_from")
            .is_some()
    );
    let custom = TierForm {
        monthly_fee: String::new(),
        extension_cap: String::new(),
        ..form
    };
    let c = custom.validate("2026-11-23").unwrap();
    assert_eq!((c.monthly_fee_cents, c.extension_cap), (None, None));
}
