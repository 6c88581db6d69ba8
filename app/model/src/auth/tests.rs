use proptest::prelude::*;

use super::*;

#[test]
fn email_is_trimmed_and_lowercased() {
    assert_eq!(
        Email::parse("  Ops@Example.COM ").unwrap().as_str(),
        "ops@example.com"
    );
}

#[test]
fn email_rejects_what_cannot_be_delivered() {
    for bad in [
        "",
        "plain",
        "a@b",
        "@example.com",
        "a@.com",
        "a b@example.com",
        "a..b@example.com",
        "a@exa_mple.com",
        "a@example.c0m",
        "a@-example.com",
    ] {
        assert!(Email::parse(bad).is_err(), "{bad:?} should be rejected");
    }
}

#[test]
fn email_accepts_common_shapes() {
    for good in [
        "a@example.com",
        "first.last+tag@sub.example.co.uk",
        "o'neil@example.ie",
        "x-y@my-host.io",
    ] {
        assert!(Email::parse(good).is_ok(), "{good:?} should be accepted");
    }
}

#[test]
fn email_serde_validates() {
    assert!(serde_json::from_str::<Email>("\"nope\"").is_err());
    let e: Email = serde_json::from_str("\"A@B.CO\"").unwrap();
    assert_eq!(serde_json::to_string(&e).unwrap(), "\"a@b.co\"");
}

#[test]
fn password_policy_names_everything_missing() {
    let msg = Password::parse("short").unwrap_err();
    assert_eq!(
        msg,
        "The password needs at least 10 characters, an uppercase letter and a digit."
    );
    assert_eq!(
        Password::parse("longenough1").unwrap_err(),
        "The password needs an uppercase letter."
    );
    assert!(Password::parse("Longenough1").is_ok());
    assert!(Password::parse(&format!("A1{}", "x".repeat(127))).is_err());
}

#[test]
fn password_debug_is_redacted() {
    let p = Password::parse("Secret12345").unwrap();
    assert_eq!(format!("{p:?}"), "Password(***)");
}

proptest! {
    #[test]
    fn password_accepts_exactly_the_policy(s in "\\PC{0,40}") {
        let n = s.chars().count();
        let expected = (10..=128).contains(&n)
            && s.chars().any(char::is_uppercase)
            && s.chars().any(|c| c.is_ascii_digit());
        prop_assert_eq!(Password::parse(&s).is_ok(), expected);
    }

    #[test]
    fn email_parse_is_idempotent(local in "[a-z0-9][a-z0-9._+-]{0,20}[a-z0-9]", host in "[a-z0-9]{1,10}", tld in "[a-z]{2,6}") {
        let input = format!("{local}@{host}.{tld}");
        if let Ok(e) = Email::parse(&input) {
            prop_assert_eq!(Email::parse(e.as_str()).unwrap(), e.clone());
        }
    }
}

#[test]
fn roles_round_trip_by_wire_name() {
    for role in Role::ALL {
        assert_eq!(Role::parse(role.as_str()), Ok(role));
        assert_eq!(
            serde_json::to_string(&role).unwrap(),
            format!("\"{}\"", role.as_str())
        );
    }
    assert!(Role::parse("owner").is_err());
}

#[test]
fn a_new_password_must_be_typed_twice_the_same() {
    assert!(validate_new_password("Correct-horse1", "Correct-horse1").is_ok());
    let mismatch = validate_new_password("Correct-horse1", "Correct-horse2").unwrap_err();
    assert_eq!(
        mismatch.first("confirm"),
        Some("The two passwords do not match.")
    );
    assert!(mismatch.first("password").is_none());
    let weak = validate_new_password("weak", "weak").unwrap_err();
    assert!(weak.first("password").is_some() && weak.first("confirm").is_none());
}
