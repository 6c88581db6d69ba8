use super::*;

#[test]
fn collects_every_field_and_reports_them_together() {
    let mut errors = FieldErrors::new();
    let a: Option<u8> = errors.check("email", Err("Enter an email address.".into()));
    let b = errors.check("name", Ok(7u8));
    errors.add("email", "second message");
    assert_eq!(a, None);
    assert_eq!(b, Some(7));
    assert_eq!(errors.first("email"), Some("Enter an email address."));
    assert_eq!(errors.get("email").map(<[String]>::len), Some(2));
    assert!(errors.get("name").is_none());
    let err = errors.into_result().unwrap_err();
    assert_eq!(err.status(), 422);
}

#[test]
fn empty_field_errors_are_ok() {
    assert_eq!(FieldErrors::new().into_result(), Ok(()));
}

#[test]
fn problem_document_has_contract_shape() {
    let err = AppError::invalid("sip_prefix", "Use 3 to 12 lowercase letters or digits.");
    let json = serde_json::to_value(Problem::from_error(&err, Some("req-1".into()))).unwrap();
    assert_eq!(json["type"], "/problems/validation");
    assert_eq!(json["title"], "Validation failed");
    assert_eq!(json["status"], 422);
    assert_eq!(
        json["errors"]["sip_prefix"][0],
        "Use 3 to 12 lowercase letters or digits."
    );
    assert_eq!(json["request_id"], "req-1");
}

#[test]
fn non_validation_problem_omits_errors() {
    let json =
        serde_json::to_value(Problem::from_error(&AppError::not_found("Tenant"), None)).unwrap();
    assert_eq!(json["status"], 404);
    assert_eq!(json["detail"], "Tenant not found");
    assert!(json.get("errors").is_none());
}

#[test]
fn every_variant_round_trips_through_json() {
    let all = [
        AppError::invalid("f", "m"),
        AppError::not_found("x"),
        AppError::Unauthorized,
        AppError::forbidden("read-only"),
        AppError::conflict("taken"),
        AppError::RateLimited {
            retry_after_secs: 3,
        },
        AppError::unavailable("db"),
        AppError::Internal {
            reference: "abc".into(),
        },
    ];
    for err in all {
        let text = serde_json::to_string(&err).unwrap();
        assert_eq!(serde_json::from_str::<AppError>(&text).unwrap(), err);
    }
}
