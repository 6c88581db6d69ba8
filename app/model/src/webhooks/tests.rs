use super::*;

#[test]
fn only_https_on_public_addresses_by_default() {
    assert_eq!(
        check_url(" https://hooks.example.com/in?x=1 ", false).as_deref(),
        Ok("https://hooks.example.com/in?x=1")
    );
    assert!(check_url("https://203.0.114.7:8443/x", false).is_ok());
    for bad in [
        "",
        "hooks.example.com",
        "http://hooks.example.com",
        "ftp://example.com",
        "https://localhost/x",
        "https://intranet/x",
        "https://box.internal/x",
        "https://127.0.0.1/",
        "https://10.1.2.3/",
        "https://192.168.0.4/",
        "https://172.20.0.1/",
        "https://169.254.169.254/latest/meta-data",
        "https://100.64.0.1/",
        "https://[::1]/",
        "https://[fd00::1]/",
        "https://[::ffff:127.0.0.1]/",
        "https://user:pw@example.com/",
        "https://exa mple.com/",
        "https://example.com:0/",
        "https://example.com:99999/",
        "https://-/",
    ] {
        assert!(check_url(bad, false).is_err(), "{bad} should be refused");
    }
}

#[test]
fn development_allows_http_and_loopback() {
    assert!(check_url("http://127.0.0.1:8080/hook", true).is_ok());
    assert!(check_url("https://localhost/hook", true).is_ok());
    assert!(check_url("http://[::1]:9/", true).is_ok());
    assert!(check_url("ftp://127.0.0.1/", true).is_err());
    assert!(check_url("http://a@127.0.0.1/", true).is_err());
}

#[test]
fn events_are_known_deduplicated_and_in_catalogue_order() {
    let pick =
        |items: &[&str]| parse_events(&items.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>());
    assert_eq!(
        pick(&["extension.created", "tenant.created", "tenant.created"]),
        Ok(vec!["tenant.created".into(), "extension.created".into()])
    );
    assert!(pick(&[]).is_err());
    assert!(
        pick(&["tenant.exploded"])
            .unwrap_err()
            .contains("tenant.exploded")
    );
}

#[test]
fn the_form_reports_every_field() {
    let form = EndpointForm {
        url: "http://example.com".into(),
        description: "x".repeat(201),
        events: vec![],
    };
    let errors = form.validate(false).unwrap_err();
    for field in ["url", "description", "events"] {
        assert!(errors.get(field).is_some(), "{field} should have a message");
    }
    let ok = EndpointForm {
        url: "https://example.com/h".into(),
        description: "  CRM  ".into(),
        events: vec!["invoice.paid".into()],
    }
    .validate(false)
    .unwrap();
    assert_eq!(ok.description, "CRM");
}

#[test]
fn the_schedule_is_eight_attempts_over_a_day() {
    assert_eq!(MAX_ATTEMPTS, 8);
    assert_eq!(SCHEDULE_SECS[7], 24 * 3_600);
    assert!(SCHEDULE_SECS.windows(2).all(|w| w[0] < w[1]));
    assert_eq!(EVENT_GROUPS.iter().map(|(_, e)| e.len()).sum::<usize>(), 27);
}
