use proptest::prelude::*;

use super::*;

#[test]
fn slugs_follow_the_rules() {
    assert_eq!(Slug::parse(" Acme-Voice ").unwrap().as_str(), "acme-voice");
    for bad in [
        "ab",
        "-acme",
        "acme-",
        "ac--me",
        "acme voice",
        "acme_voice",
        "www",
        "admin",
        &"a".repeat(41),
    ] {
        assert!(Slug::parse(bad).is_err(), "{bad:?}");
    }
}

#[test]
fn slug_suggestions_come_from_the_name() {
    assert_eq!(
        Slug::suggest("Acme Voice, Inc.").unwrap().as_str(),
        "acme-voice-inc"
    );
    assert_eq!(
        Slug::suggest("  Blue   Sky Telecom ").unwrap().as_str(),
        "blue-sky-telecom"
    );
    assert_eq!(Slug::suggest("!!"), None);
    assert_eq!(
        Slug::suggest("Admin"),
        None,
        "reserved names are never suggested"
    );
}

#[test]
fn names_are_trimmed_and_bounded() {
    assert_eq!(parse_name("  Acme  ", "company name").unwrap(), "Acme");
    assert_eq!(
        parse_name("A", "company name").unwrap_err(),
        "Enter the company name."
    );
    assert!(parse_name("Acme\nVoice", "company name").is_err());
    assert!(parse_name(&"x".repeat(121), "company name").is_err());
}

#[test]
fn partner_status_round_trips() {
    for s in [
        PartnerStatus::Trial,
        PartnerStatus::Active,
        PartnerStatus::Suspended,
    ] {
        assert_eq!(PartnerStatus::parse(s.as_str()), Ok(s));
        assert_eq!(
            serde_json::to_string(&s).unwrap(),
            format!("\"{}\"", s.as_str())
        );
    }
}

proptest! {
    #[test]
    fn every_suggestion_is_a_valid_slug(name in "\\PC{0,60}") {
        if let Some(slug) = Slug::suggest(&name) {
            prop_assert_eq!(Slug::parse(slug.as_str()), Ok(slug.clone()));
        }
    }
}
