//! Every operation in `/v1/openapi.json`, driven for real and held to the conventions in
//! `conventions/` (problem documents, one timestamp shape, money with a currency, UUID
//! ids, list envelopes, `x-request-id`). The operations come from the served document,
//! which is built from the route table, so a new resource is checked the day it lands:
//! one without a request-body fixture or a known path parameter fails here by name.
//!
//! Per operation: no key is 401; a key without the right is 403; another partner's ids
//! are 404 (never 403), even for a key limited to some tenants; an unknown body field is
//! a 422 naming it; on `PATCH`, every field of the resource either changes as sent or is
//! a 422 naming it (never silently kept); then the real request succeeds and its answer
//! is checked.

mod conventions;
mod support;

use axum::http::header;
use conventions::{
    body_violations, error_fields, problem_violations,
    world::{World, fill, fixture, happy_key, ok, query, request},
};
use serde_json::{Value, json};
use support::Reply;

/// Reads and changes first, creations next, removals last, so each operation finds the
/// resources it needs.
fn rank(method: &str, path: &str) -> u8 {
    match method {
        "delete" if path == "/v1/tenants/{id}" => 5,
        "get" => 0,
        "patch" => 1,
        "post" if path.ends_with("/release") => 3,
        "post" => 2,
        _ => 4,
    }
}

/// A refusal with `status` and a problem document.
fn refused(what: &str, reply: &Reply, status: u16, violations: &mut Vec<String>) {
    if reply.status != status {
        violations.push(format!("{what} answered {}", reply.status));
    }
    problem(what, reply, violations);
}

fn problem(what: &str, reply: &Reply, violations: &mut Vec<String>) {
    let content_type = reply
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok());
    for v in problem_violations(reply.status.as_u16(), content_type, &reply.body) {
        violations.push(format!("{what}: {v}"));
    }
}

/// A changed value of the same kind, or `None` for what a generic probe can't vary.
fn changed(value: &Value) -> Option<Value> {
    match value {
        Value::String(s) => Some(json!(format!("{s}x"))),
        Value::Bool(b) => Some(json!(!b)),
        Value::Number(n) => n.as_i64().map(|n| json!(n + 1)),
        _ => None,
    }
}

/// Every OpenAPI link names an operation of the document and only its path parameters,
/// and the operations that create or list things link onward.
fn links_lead_somewhere(operations: &[(String, String, Value)]) {
    let params_of = |id: &str| -> Option<Vec<String>> {
        operations
            .iter()
            .find(|(_, _, op)| op["operationId"] == id)
            .map(|(path, _, _)| {
                path.split('{')
                    .skip(1)
                    .filter_map(|p| p.split('}').next())
                    .map(str::to_owned)
                    .collect()
            })
    };
    let mut linked = 0;
    for (path, method, op) in operations {
        for (status, answer) in op["responses"].as_object().into_iter().flatten() {
            for (name, link) in answer["links"].as_object().into_iter().flatten() {
                let target = link["operationId"].as_str().unwrap_or_default();
                let Some(params) = params_of(target) else {
                    panic!("{method} {path} {status}: link {name} to unknown operation {target}");
                };
                for param in link["parameters"]
                    .as_object()
                    .into_iter()
                    .flatten()
                    .map(|(k, _)| k)
                {
                    assert!(
                        params.contains(param),
                        "{method} {path}: link {name} sets `{param}`, not a parameter of {target}"
                    );
                }
                linked += 1;
            }
        }
    }
    for creator in [
        "createTenant",
        "createExtension",
        "buyNumbers",
        "createPort",
        "createWebhookEndpoint",
        "listCalls",
        "listWebhookDeliveries",
    ] {
        let (_, _, op) = operations
            .iter()
            .find(|(_, _, op)| op["operationId"] == creator)
            .unwrap();
        let links = op["responses"]
            .as_object()
            .unwrap()
            .values()
            .filter_map(|a| a["links"].as_object())
            .count();
        assert!(links > 0, "{creator} links to nothing");
    }
    assert!(linked >= 30, "only {linked} links");
}

#[tokio::test]
async fn every_operation_follows_the_conventions() {
    let world = World::build().await;

    let doc = ok(&world.app, "GET", "/v1/openapi.json", &world.us.all, None).await;
    let mut operations = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            if ["get", "post", "patch", "put", "delete"].contains(&method.as_str()) {
                operations.push((path.clone(), method.clone(), op.clone()));
            }
        }
    }
    links_lead_somewhere(&operations);
    operations.sort_by_key(|(path, method, _)| (rank(method, path), path.clone()));
    assert!(
        operations.len() >= 35,
        "only {} operations in the document",
        operations.len()
    );

    let w = &world;
    let mut violations = Vec::new();
    for (template, method, op) in &operations {
        let id = op["operationId"]
            .as_str()
            .unwrap_or_else(|| panic!("{method} {template}: no operationId"));
        let verb = method.to_uppercase();
        let q = query(template, op);
        let path = fill(template, &w.us) + &q;
        let body = op.get("requestBody").map(|_| fixture(id, w));
        let key = happy_key(id, w);
        let say = |what: &str| format!("{id} ({verb} {template}) {what}");

        // No key: 401.
        let reply = request(&w.app, &verb, &path, None, body.as_ref()).await;
        refused(&say("without a key"), &reply, 401, &mut violations);

        // A valid key without the right: 403 (never 401).
        let wrong = if id == "ingestCdrs" {
            &w.us.all
        } else if template.starts_with("/v1/webhook-endpoints") {
            &w.tenants_reader
        } else {
            &w.webhooks_reader
        };
        let reply = request(&w.app, &verb, &path, Some(wrong), body.as_ref()).await;
        refused(
            &say("with a key lacking the right"),
            &reply,
            403,
            &mut violations,
        );

        // Another partner's ids: 404, for a key of all tenants and for a limited one.
        if template.contains('{') && id != "ingestCdrs" {
            let theirs = fill(template, &w.them) + &q;
            for (which, k) in [("", key), (" (tenant-limited key)", w.us.limited.as_str())] {
                let reply = request(&w.app, &verb, &theirs, Some(k), body.as_ref()).await;
                let what = format!("with another partner's ids{which}");
                refused(&say(&what), &reply, 404, &mut violations);
            }
        }
        if let Some(Value::Object(fields)) = &body
            && let Some(Value::String(_)) = fields.get("tenant_id")
        {
            let mut theirs = body.clone().unwrap();
            theirs["tenant_id"] = json!(w.them.tenant);
            let reply = request(&w.app, &verb, &path, Some(key), Some(&theirs)).await;
            if !matches!(reply.status.as_u16(), 404 | 422) {
                violations.push(say(&format!(
                    "with another partner's tenant_id answered {}",
                    reply.status
                )));
            }
        }

        if let Some(valid) = &body {
            // An unknown field: 422 naming it.
            let mut extra = valid.clone();
            if let Value::Object(fields) = &mut extra {
                fields.insert("not_a_field".into(), json!(true));
            }
            let reply = request(&w.app, &verb, &path, Some(key), Some(&extra)).await;
            if reply.status != 422 || !error_fields(&reply.body).contains(&"not_a_field".to_owned())
            {
                violations.push(say(&format!(
                    "with an unknown field answered {} {}",
                    reply.status, reply.body
                )));
            }
            problem(&say("unknown field"), &reply, &mut violations);
        }

        if method == "patch" {
            // Every field the resource shows: changed as sent, or refused by name.
            let current = ok(&w.app, "GET", &path, key, None).await;
            let mut restore = serde_json::Map::new();
            for (field, value) in current.as_object().unwrap() {
                let Some(new) = changed(value) else { continue };
                let sent = json!({ field.clone(): new.clone() });
                let reply = request(&w.app, "PATCH", &path, Some(key), Some(&sent)).await;
                if reply.status == 409 {
                    // Refused for the object's state (an open port request takes no
                    // corrections): explicit, so nothing is kept silently.
                    problem(&say(&format!("PATCH {field}")), &reply, &mut violations);
                } else if reply.status == 422 {
                    if !error_fields(&reply.body).contains(field) {
                        violations.push(say(&format!(
                            "refused `{field}` without naming it: {}",
                            reply.body
                        )));
                    }
                    problem(&say(&format!("PATCH {field}")), &reply, &mut violations);
                } else if reply.status.is_success() {
                    let after: Value = serde_json::from_str(&reply.body).unwrap_or(Value::Null);
                    if after[field] != new {
                        violations.push(say(&format!(
                            "answered {} to `{field}`: {new} but kept {}",
                            reply.status, after[field]
                        )));
                    }
                    restore.insert(field.clone(), value.clone());
                } else {
                    violations.push(say(&format!(
                        "PATCH `{field}` answered {} {}",
                        reply.status, reply.body
                    )));
                }
            }
            if !restore.is_empty() {
                ok(&w.app, "PATCH", &path, key, Some(Value::Object(restore))).await;
            }
        }

        // The real request.
        let reply = request(&w.app, &verb, &path, Some(key), body.as_ref()).await;
        if !reply.status.is_success() {
            violations.push(say(&format!("answered {} {}", reply.status, reply.body)));
            continue;
        }
        if !reply.body.is_empty() {
            match serde_json::from_str::<Value>(&reply.body) {
                Ok(answer) => {
                    for v in body_violations(&answer) {
                        violations.push(say(&v));
                    }
                }
                Err(_) if template.ends_with("openapi.json") => {}
                // A document download answers the document (its own test reads it).
                Err(_)
                    if reply
                        .headers
                        .get("content-type")
                        .and_then(|v| v.to_str().ok())
                        == Some("application/pdf") => {}
                Err(_) => violations.push(say(&format!(
                    "answered a body that is not JSON: {}",
                    reply.body
                ))),
            }
        }
    }
    assert!(
        violations.is_empty(),
        "{} convention violations:\n{}",
        violations.len(),
        violations.join("\n")
    );
}
