use chrono::NaiveDate;

use super::*;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn form() -> PortForm {
    PortForm {
        numbers: "(303) 555-0142\n+1 720 555 0199".into(),
        losing_carrier: "Mountain Bell".into(),
        account_holder: "Bluebird Bakery LLC".into(),
        account_number: "8812-4410".into(),
        pin: String::new(),
        service_street: "1600 Glenarm Pl".into(),
        service_city: "Denver".into(),
        service_state: "CO".into(),
        service_zip: "80202".into(),
        tenant: "t-1".into(),
        desired_date: "2026-12-07".into(),
    }
}

#[test]
fn a_complete_form_is_accepted() {
    let d = form().validate(today()).unwrap();
    assert_eq!(d.numbers.len(), 2);
    assert_eq!(d.numbers[0].e164(), "+13035550142");
    assert_eq!(d.pin, None);
    assert_eq!(
        d.service_address.one_line(),
        "1600 Glenarm Pl, Denver, CO 80202"
    );
    assert_eq!(
        d.desired_date,
        NaiveDate::from_ymd_opt(2026, 12, 7).unwrap()
    );
}

#[test]
fn every_bad_field_is_reported_by_name() {
    let bad = PortForm {
        numbers: "303 555".into(),
        losing_carrier: " ".into(),
        account_holder: String::new(),
        account_number: "12#4".into(),
        pin: "12".into(),
        service_street: "PO Box 9".into(),
        service_city: "Denver".into(),
        service_state: "ZZ".into(),
        service_zip: "8020".into(),
        tenant: String::new(),
        desired_date: "2026-11-22".into(),
    };
    let errors = bad.validate(today()).unwrap_err();
    for field in [
        "numbers",
        "losing_carrier",
        "account_holder",
        "account_number",
        "pin",
        "service_street",
        "service_state",
        "service_zip",
        "tenant",
        "desired_date",
    ] {
        assert!(errors.first(field).is_some(), "{field} should be refused");
    }
    assert!(errors.first("service_street").unwrap().contains("PO box"));
    assert!(errors.first("desired_date").unwrap().contains("past"));
}

#[test]
fn numbers_are_parsed_one_per_line_or_by_commas_without_repeats() {
    assert_eq!(
        parse_port_numbers("3035550142, 7205550199;\n\n")
            .unwrap()
            .len(),
        2
    );
    assert!(
        parse_port_numbers("3035550142\n(303) 555-0142")
            .unwrap_err()
            .contains("twice")
    );
    assert!(parse_port_numbers("").unwrap_err().contains("one per line"));
    let many: Vec<String> = (0..=MAX_PORT_NUMBERS)
        .map(|i| format!("303555{i:04}"))
        .collect();
    assert!(
        parse_port_numbers(&many.join("\n"))
            .unwrap_err()
            .contains("at most")
    );
}

#[test]
fn the_desired_date_is_today_to_a_year_ahead() {
    let mut f = form();
    f.desired_date = "2026-11-23".into();
    assert!(f.validate(today()).is_ok());
    f.desired_date = "2027-11-24".into();
    assert!(
        f.validate(today())
            .unwrap_err()
            .first("desired_date")
            .unwrap()
            .contains("year")
    );
    f.desired_date = "next week".into();
    assert!(f.validate(today()).is_err());
}

#[test]
fn pins_are_optional_and_short() {
    assert_eq!(parse_pin(" ").unwrap(), None);
    assert_eq!(parse_pin("4821").unwrap().as_deref(), Some("4821"));
    assert!(parse_pin("48-21").is_err());
    assert!(parse_pin("1234567890123456").is_err());
}

#[test]
fn documents_must_be_pdf_png_or_jpg_under_the_limit_and_be_what_they_say() {
    assert_eq!(
        check_document("loa.pdf", b"%PDF-1.7 ...").unwrap(),
        "application/pdf"
    );
    assert_eq!(
        check_document("bill.PNG", b"\x89PNG\r\n\x1a\n....").unwrap(),
        "image/png"
    );
    assert_eq!(
        check_document("scan.jpeg", b"\xff\xd8\xff\xe0..").unwrap(),
        "image/jpeg"
    );
    assert!(
        check_document("loa.docx", b"PK..")
            .unwrap_err()
            .contains("PDF, PNG or JPG")
    );
    assert!(
        check_document("loa.pdf", b"MZ\x90\x00")
            .unwrap_err()
            .contains("does not match")
    );
    assert!(
        check_document("loa.pdf", b"")
            .unwrap_err()
            .contains("empty")
    );
    let big = vec![b'%'; MAX_DOC_BYTES + 1];
    assert!(
        check_document_meta("loa.pdf", big.len())
            .unwrap_err()
            .contains("limit is 10 MB")
    );
}

#[test]
fn statuses_round_trip_and_know_when_they_are_open() {
    for s in PortStatus::ALL {
        assert_eq!(PortStatus::parse(s.as_str()), Some(s));
    }
    assert_eq!(
        serde_json::to_string(&PortStatus::FocReceived).unwrap(),
        "\"FOC_RECEIVED\""
    );
    assert!(PortStatus::Rejected.is_open());
    assert!(!PortStatus::Completed.is_open());
    assert!(!PortStatus::Cancelled.is_open());
}
