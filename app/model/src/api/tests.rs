use super::*;

fn form(scopes: &[&str]) -> ApiKeyForm {
    ApiKeyForm {
        name: "  CRM   sync ".into(),
        scopes: scopes.iter().map(|s| (*s).to_owned()).collect(),
        ..Default::default()
    }
}

#[test]
fn a_plain_key_gets_the_default_limit_and_sorted_scopes() {
    let spec = form(&["tenants:write", "numbers:read", "tenants:write"])
        .validate()
        .unwrap();
    assert_eq!(spec.name, "CRM sync");
    assert_eq!(spec.scopes.as_slice(), ["numbers:read", "tenants:write"]);
    assert_eq!(spec.rate_limit, DEFAULT_RATE_LIMIT);
    assert_eq!(spec.expires_in_days, None);
    assert!(spec.tenants.is_empty());
}

#[test]
fn write_implies_read_and_all_grants_everything() {
    let s = Scopes::parse(&["tenants:write", "numbers:read"]).unwrap();
    assert!(s.allows("tenants", Access::Read));
    assert!(s.allows("tenants", Access::Write));
    assert!(s.allows("numbers", Access::Read));
    assert!(!s.allows("numbers", Access::Write));
    assert!(!s.allows("billing", Access::Read));
    let all = Scopes::parse(&["numbers:read", "ALL"]).unwrap();
    assert!(all.allows("webhooks", Access::Write));
    assert_eq!(all.count(), 16);
}

#[test]
fn bad_fields_are_reported_by_name() {
    let bad = ApiKeyForm {
        name: String::new(),
        scopes: vec!["tenants:delete".into()],
        tenants: vec!["acme".into()],
        rate_limit: "10001".into(),
        expires_in_days: "0".into(),
    };
    let errors = bad.validate().unwrap_err();
    for field in ["name", "scopes", "tenants", "rate_limit", "expires_in_days"] {
        assert!(errors.first(field).is_some(), "{field}");
    }
    assert!(
        form(&[])
            .validate()
            .unwrap_err()
            .first("scopes")
            .unwrap()
            .contains("at least one")
    );
    assert_eq!(parse_rate_limit("10000"), Ok(10_000));
    assert!(parse_rate_limit("0").is_err());
}

#[test]
fn a_field_fixed_at_creation_may_be_resent_but_not_changed() {
    assert!(unchanged("sip_prefix", None, "acme", "fixed").is_ok());
    assert!(unchanged("sip_prefix", Some("acme"), "acme", "fixed").is_ok());
    let refused = unchanged("sip_prefix", Some("acme2"), "acme", "fixed").unwrap_err();
    match refused {
        crate::AppError::Validation { errors } => {
            assert_eq!(errors.get("sip_prefix"), Some(&["fixed".to_owned()][..]))
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn nested_objects_must_be_objects() {
    use super::TenantInput;
    let parse = |body: &str| serde_json::from_str::<TenantInput>(body);
    assert!(parse(r#"{"billing": [null, null]}"#).is_err());
    assert!(parse(r#"{"e911_address": ["a", "b", "c", "d"]}"#).is_err());
    assert_eq!(parse(r#"{"billing": null}"#).unwrap().billing, None);
    let set = parse(r#"{"billing": {"period": "weekly"}}"#)
        .unwrap()
        .billing
        .unwrap();
    assert_eq!(set.period, Some(crate::invoicing::PeriodKind::Weekly));
    // A bad field inside keeps its whole path.
    let de = &mut serde_json::Deserializer::from_str(r#"{"billing": {"colour": 1}}"#);
    let err = serde_path_to_error::deserialize::<_, TenantInput>(de).unwrap_err();
    assert_eq!(err.path().to_string(), "billing.colour");
}
