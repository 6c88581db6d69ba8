//! The `/v1` conventions as a checker over one answer: what CONTRACT.md and the partner
//! manual's "API conventions" promise an integrator, written once so every operation is
//! held to the same rules. `api_conventions.rs` drives every operation of the OpenAPI
//! document through it; the tests at the bottom plant each violation and watch it caught,
//! so a checker that stopped looking would fail here first.
#![allow(dead_code)] // used by api_conventions.rs only

pub mod world;

use serde_json::Value;

/// Keys whose value is money: a decimal string in dollars beside a `currency`.
const MONEY_KEYS: &[&str] = &[
    "amount",
    "balance",
    "charged",
    "cost",
    "credit_limit",
    "monthly_price",
    "monthly_spend_cap",
    "price",
    "rate",
    "wholesale_cost",
];

/// Ids that are not ours to shape, each with the rule it follows instead: the call
/// engine's own record id, and webhook event ids, which CONTRACT.md gives as `evt_…`.
type IdRule = fn(&str) -> bool;
const FOREIGN_IDS: &[(&str, IdRule)] = &[
    ("cdr_id", |id| !id.is_empty()),
    ("event_id", |id| id.starts_with("evt_")),
];

/// Everything wrong with a successful JSON answer, each with the JSON path it was found at.
pub fn body_violations(body: &Value) -> Vec<String> {
    let mut found = Vec::new();
    if let Some(object) = body.as_object()
        && object.get("data").is_some_and(Value::is_array)
    {
        match object.get("next_cursor") {
            Some(Value::Null | Value::String(_)) => {}
            _ => found.push("$: a list without `next_cursor` (string or null)".to_owned()),
        }
    }
    walk("$", body, &mut found);
    found
}

fn walk(path: &str, value: &Value, found: &mut Vec<String>) {
    match value {
        Value::Object(object) => {
            for (key, inner) in object {
                let here = format!("{path}.{key}");
                check_field(&here, key, inner, object, found);
                walk(&here, inner, found);
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                walk(&format!("{path}[{i}]"), item, found);
            }
        }
        Value::String(text) if looks_like_time(text) && !is_timestamp(text) => found.push(format!(
            "{path}: timestamp `{text}` is not RFC 3339 UTC in whole seconds (2026-01-31T09:30:00Z)"
        )),
        _ => {}
    }
}

fn check_field(
    path: &str,
    key: &str,
    value: &Value,
    parent: &serde_json::Map<String, Value>,
    found: &mut Vec<String>,
) {
    if (key == "id" || key.ends_with("_id"))
        && let Value::String(id) = value
    {
        match FOREIGN_IDS.iter().find(|(name, _)| *name == key) {
            Some((_, rule)) if !rule(id) => {
                found.push(format!("{path}: id `{id}` breaks its rule"))
            }
            Some(_) => {}
            None if uuid::Uuid::parse_str(id).is_err() => {
                found.push(format!("{path}: id `{id}` is not a UUID"))
            }
            None => {}
        }
    }
    if key.ends_with("_at") && !matches!(value, Value::Null | Value::String(_)) {
        found.push(format!("{path}: a time that is not a string"));
    }
    // A tax rate's `rate` (beside its `code`) is a percentage (CONTRACT), not money.
    let percentage = key == "rate" && parent.contains_key("code");
    if MONEY_KEYS.contains(&key) && !percentage {
        match value {
            Value::Null => {}
            Value::String(amount) if is_decimal(amount) => {
                if !parent
                    .get("currency")
                    .and_then(Value::as_str)
                    .is_some_and(|c| c.len() == 3 && c.chars().all(|c| c.is_ascii_uppercase()))
                {
                    found.push(format!("{path}: money without a `currency` beside it"));
                }
            }
            other => found.push(format!(
                "{path}: money must be a decimal string in dollars, not {other}"
            )),
        }
    }
}

/// A string that is meant to be a point in time (a date with a time after it).
fn looks_like_time(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() > 10
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[7] == b'-'
        && b[10] == b'T'
}

/// The one timestamp shape: `YYYY-MM-DDTHH:MM:SSZ`.
pub fn is_timestamp(text: &str) -> bool {
    text.len() == 20
        && text.ends_with('Z')
        && chrono::NaiveDateTime::parse_from_str(&text[..19], "%Y-%m-%dT%H:%M:%S").is_ok()
}

fn is_decimal(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "0"));
    !whole.is_empty()
        && !fraction.is_empty()
        && whole.chars().all(|c| c.is_ascii_digit())
        && fraction.chars().all(|c| c.is_ascii_digit())
}

/// Everything wrong with an error answer: the problem document and its content type.
pub fn problem_violations(status: u16, content_type: Option<&str>, body: &str) -> Vec<String> {
    let mut found = Vec::new();
    if content_type != Some("application/problem+json") {
        found.push(format!(
            "{status}: content type {content_type:?}, not application/problem+json"
        ));
    }
    let Ok(doc) = serde_json::from_str::<Value>(body) else {
        found.push(format!("{status}: the body is not JSON: {body:?}"));
        return found;
    };
    for field in ["type", "title", "detail"] {
        if doc[field].as_str().is_none_or(str::is_empty) {
            found.push(format!("{status}: problem without `{field}`"));
        }
    }
    if doc["status"].as_u64() != Some(u64::from(status)) {
        found.push(format!(
            "{status}: problem `status` is {} not {status}",
            doc["status"]
        ));
    }
    if status == 422 {
        let fields = doc["errors"].as_object();
        let by_field = fields.is_some_and(|f| {
            !f.is_empty()
                && f.values().all(|v| {
                    v.as_array()
                        .is_some_and(|m| !m.is_empty() && m.iter().all(Value::is_string))
                })
        });
        if !by_field {
            found.push("422: no `errors` by field (field → [messages])".to_owned());
        }
    }
    found
}

/// The field names a 422 problem document names.
pub fn error_fields(body: &str) -> Vec<String> {
    serde_json::from_str::<Value>(body)
        .ok()
        .and_then(|doc| {
            doc["errors"]
                .as_object()
                .map(|f| f.keys().cloned().collect())
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod planted {
    use super::*;
    use serde_json::json;

    fn clean() -> Value {
        json!({
            "data": [{
                "id": "0193e1d2-7b1c-7c55-a2a6-5e3c1f0d9b11",
                "tenant_id": "0193e1d2-7b1c-7c55-a2a6-5e3c1f0d9b12",
                "created_at": "2026-12-06T21:32:26Z",
                "monthly_price": "1.75",
                "currency": "USD",
                "note": "2026 plans"
            }],
            "next_cursor": null
        })
    }

    #[test]
    fn a_clean_answer_passes() {
        assert_eq!(body_violations(&clean()), Vec::<String>::new());
    }

    #[test]
    fn each_planted_violation_is_caught() {
        let plant = |edit: &dyn Fn(&mut Value)| {
            let mut body = clean();
            edit(&mut body);
            body_violations(&body)
        };
        type Plant<'a> = (&'a str, &'a dyn Fn(&mut Value));
        let cases: [Plant; 8] = [
            ("breaks its rule", &|b| {
                b["data"][0]["event_id"] = json!("42")
            }),
            ("next_cursor", &|b| {
                b.as_object_mut().unwrap().remove("next_cursor");
            }),
            ("timestamp", &|b| {
                b["data"][0]["created_at"] = json!("2026-12-06T21:35:21.573419705+00:00")
            }),
            ("timestamp", &|b| {
                b["data"][0]["note"] = json!("2026-12-06T21:35:21+00:00")
            }),
            ("not a UUID", &|b| b["data"][0]["tenant_id"] = json!("42")),
            ("decimal string", &|b| {
                b["data"][0]["monthly_price"] = json!(1.75)
            }),
            ("currency", &|b| {
                b["data"][0].as_object_mut().unwrap().remove("currency");
            }),
            ("not a string", &|b| {
                b["data"][0]["created_at"] = json!(1_765_000_000)
            }),
        ];
        for (expected, edit) in cases {
            let found = plant(edit);
            assert!(
                found.iter().any(|v| v.contains(expected)),
                "planted `{expected}` not caught: {found:?}"
            );
        }
    }

    #[test]
    fn problem_documents_are_checked() {
        let good = r#"{"type":"/problems/invalid","title":"Invalid input","status":422,"detail":"Check the fields.","errors":{"sip_prefix":["can't be changed"]}}"#;
        assert!(problem_violations(422, Some("application/problem+json"), good).is_empty());
        assert_eq!(error_fields(good), ["sip_prefix"]);
        let bare = r#"{"message":"nope"}"#;
        let found = problem_violations(422, Some("application/json"), bare);
        for expected in [
            "content type",
            "`type`",
            "`title`",
            "`detail`",
            "`status`",
            "errors",
        ] {
            assert!(
                found.iter().any(|v| v.contains(expected)),
                "{expected}: {found:?}"
            );
        }
        let no_fields = r#"{"type":"/problems/invalid","title":"Invalid","status":422,"detail":"x","errors":{"body":[]}}"#;
        assert!(!problem_violations(422, Some("application/problem+json"), no_fields).is_empty());
    }
}
