use super::*;

fn form() -> TenantForm {
    TenantForm {
        name: "Acme Dental".into(),
        sip_prefix: "acmedental".into(),
        billing_email: "billing@acme.test".into(),
        timezone: "America/Chicago".into(),
        ..Default::default()
    }
}

#[test]
fn sip_prefix_rules_and_suggestion() {
    assert!(SipPrefix::parse("ab").is_err());
    assert!(SipPrefix::parse("abcdefghijklm").is_err());
    assert!(SipPrefix::parse("Acme").is_err());
    assert!(SipPrefix::parse("acme-1").is_err());
    assert_eq!(SipPrefix::parse("acme01").unwrap().as_str(), "acme01");
    assert_eq!(
        SipPrefix::suggest("Acme Dental, LLC").unwrap().as_str(),
        "acmedentalll"
    );
    assert_eq!(
        SipPrefix::suggest("Zoë's 1st Café").unwrap().as_str(),
        "zos1stcaf"
    );
    assert!(SipPrefix::suggest("!!").is_none());
}

#[test]
fn cnam_is_short_and_carrier_safe() {
    assert_eq!(Cnam::parse("Acme Dental").unwrap().as_str(), "Acme Dental");
    assert!(Cnam::parse("Acme Dental Group").is_err(), "16 characters");
    assert!(Cnam::parse("Acme™").is_err());
    assert!(Cnam::parse("Acme \"Best\"").is_err());
    assert_eq!(Cnam::parse_optional("  ").unwrap(), None);
}

#[test]
fn timezones_are_iana_names() {
    assert_eq!(
        Timezone::parse("america/new_york").unwrap().as_str(),
        "America/New_York"
    );
    assert!(Timezone::parse("Mars/Olympus").is_err());
    assert!(TIMEZONES.contains(&"UTC"));
}

#[test]
fn e911_rejects_what_dispatch_cannot_use() {
    let ok = E911Address::parse("100 Main St", "St Louis", "mo", "63101", "e911").unwrap();
    assert_eq!(ok.state, "MO");
    assert_eq!(ok.one_line(), "100 Main St, St Louis, MO 63101");
    let bad = E911Address::parse("P.O. Box 12", "St. Louis", "XX", "6310", "e911").unwrap_err();
    for field in ["e911_street", "e911_city", "e911_state", "e911_zip"] {
        assert!(bad.get(field).is_some(), "{field}");
    }
    let no_number =
        E911Address::parse("Main St", "Denver", "CO", "80202-1234", "e911").unwrap_err();
    assert!(
        no_number
            .first("e911_street")
            .unwrap()
            .contains("building number")
    );
}

#[test]
fn the_tenant_form_reports_every_problem_and_e911_is_all_or_nothing() {
    let valid = form().validate().unwrap();
    assert_eq!(valid.e911, None);
    assert_eq!(valid.max_extensions, None);
    let bad = TenantForm {
        name: "".into(),
        sip_prefix: "A!".into(),
        billing_email: "nope".into(),
        timezone: "Nowhere".into(),
        default_cnam: "Far Too Long Caller Name".into(),
        e911_city: "Denver".into(),
        max_extensions: "-1".into(),
        ..Default::default()
    }
    .validate()
    .unwrap_err();
    for field in [
        "name",
        "sip_prefix",
        "billing_email",
        "timezone",
        "default_cnam",
        "e911_street",
        "e911_state",
        "e911_zip",
        "max_extensions",
    ] {
        assert!(bad.get(field).is_some(), "{field}");
    }
    assert!(bad.get("e911_city").is_none());
}

#[test]
fn sort_names_round_trip_and_unknown_falls_back() {
    for sort in TenantSort::ALL {
        assert_eq!(TenantSort::parse(sort.as_str()), sort);
    }
    assert_eq!(TenantSort::parse("bogus"), TenantSort::Created);
}

#[test]
fn settings_keep_the_partners_fields_and_share_the_rules() {
    let valid = form().validate().unwrap();
    let tenant = Tenant {
        id: "t".into(),
        name: valid.name.clone(),
        sip_prefix: valid.sip_prefix.to_string(),
        billing_email: valid.billing_email.to_string(),
        default_cnam: None,
        timezone: valid.timezone.as_str().to_owned(),
        status: TenantStatus::Active,
        suspended_reason: None,
        e911_address: None,
        max_extensions: Some(5),
        max_numbers: None,
        users: 0,
        numbers: 0,
        extensions: 0,
        created_at: String::new(),
        purge_after: None,
        billing: Default::default(),
    };
    let mut settings = TenantSettings::of(&tenant);
    settings.default_cnam = "BLUEBIRD DENTAL".into();
    let applied = settings.apply_to(&tenant);
    assert_eq!(applied.name, tenant.name);
    assert_eq!(applied.sip_prefix, tenant.sip_prefix);
    assert_eq!(applied.max_extensions, "5");
    assert!(settings.validate(&tenant).is_ok());
    settings.e911_street = "PO Box 12".into();
    settings.billing_email = "nope".into();
    let errors = settings.validate(&tenant).unwrap_err();
    assert!(errors.first("billing_email").is_some());
    assert!(errors.first("e911_street").is_some() || errors.first("e911").is_some());
}
