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

use axum::{
    Router,
    body::Body,
    http::{Request, header},
};
use conventions::{body_violations, error_fields, problem_violations};
use domain::testing::receiver::Receiver;
use serde_json::{Value, json};
use server::{AppState, Config, http::router};
use support::{KEY, Reply, send};

const PDF: &str = "JVBERi0xLjQKJcTl8uXrCg==";

/// A key of `owner`'s partner allowed enough requests a minute for the whole walk.
async fn api_key(
    db: &domain::testing::TestDb,
    owner: &model::auth::Viewer,
    scopes: &[&str],
    tenants: &[String],
) -> String {
    let form = model::api::ApiKeyForm {
        name: "conventions".into(),
        scopes: scopes.iter().map(|s| (*s).to_owned()).collect(),
        tenants: tenants.to_vec(),
        rate_limit: model::api::MAX_RATE_LIMIT.to_string(),
        ..Default::default()
    };
    domain::api::keys::create(db, Some(owner), &form, chrono::Utc::now())
        .await
        .unwrap()
        .secret
}

/// One partner's resources, created through the API so they are what an integrator sees.
struct Side {
    all: String,
    /// `all`, but limited to this partner's first tenant: another partner's ids must
    /// still be 404 for it.
    limited: String,
    tenant: String,
    extension: String,
    number: String,
    port: String,
    endpoint: String,
    delivery: String,
    call: String,
}

struct World {
    app: Router,
    us: Side,
    them: Side,
    ingest: String,
    hook: Receiver,
    spare_number: String,
    /// Keys with one right each, to find the 403 for an operation needing another.
    narrow: Vec<(String, String)>,
}

async fn request(
    app: &Router,
    method: &str,
    path: &str,
    key: Option<&str>,
    body: Option<&Value>,
) -> Reply {
    let mut builder = Request::builder()
        .method(method)
        .uri(path)
        .header(header::CONTENT_TYPE, "application/json");
    if let Some(key) = key {
        builder = builder.header(header::AUTHORIZATION, format!("Bearer {key}"));
    }
    let body = body.map_or_else(Body::empty, |b| Body::from(b.to_string()));
    let reply = send(app, builder.body(body).unwrap()).await;
    assert!(
        reply.headers.contains_key("x-request-id"),
        "{method} {path}: no x-request-id"
    );
    reply
}

async fn ok(app: &Router, method: &str, path: &str, key: &str, body: Option<Value>) -> Value {
    let reply = request(app, method, path, Some(key), body.as_ref()).await;
    assert!(
        reply.status.is_success(),
        "{method} {path}: {} {}",
        reply.status,
        reply.body
    );
    serde_json::from_str(&reply.body).unwrap_or(Value::Null)
}

fn tenant_body(name: &str, prefix: &str) -> Value {
    json!({"name": name, "sip_prefix": prefix, "billing_email": format!("ap@{prefix}.test"), "timezone": "America/Denver"})
}

fn port_body(tenant: &str, numbers: [&str; 1]) -> Value {
    let desired = (chrono::Utc::now() + chrono::Duration::days(10))
        .format("%Y-%m-%d")
        .to_string();
    json!({
        "numbers": numbers, "losing_carrier": "Lumen", "account_holder": "Alpha LLC",
        "account_number": "8812-4410", "pin": "4321", "tenant_id": tenant, "desired_date": desired,
        "service_address": {"street": "1600 Glenarm Pl", "city": "Denver", "state": "CO", "zip": "80202"},
        "loa": {"file_name": "loa.pdf", "content_base64": PDF},
        "bill": {"file_name": "bill.pdf", "content_base64": PDF},
    })
}

fn cdr_body(tenant: &str, id: &str) -> Value {
    json!({"records": [{
        "id": id, "tenant_id": tenant, "direction": "outbound", "from": "+15125550100",
        "to": "+15125550111", "started_at": "2026-11-23T15:00:00Z",
        "answered_at": "2026-11-23T15:00:02Z", "ended_at": "2026-11-23T15:03:00Z",
        "hangup_cause": "normal_clearing",
    }]})
}

async fn side(
    app: &Router,
    db: &domain::testing::TestDb,
    worker: &domain::webhooks::Worker,
    slug: &str,
    n: u8,
    hook: &Receiver,
    ingest: &str,
) -> Side {
    let (owner, _) = domain::testing::partner_owner(db, slug).await;
    let all = api_key(db, &owner, &["all"], &[]).await;
    let endpoint = ok(
        app,
        "POST",
        "/v1/webhook-endpoints",
        &all,
        Some(json!({"url": hook.url(&format!("/{slug}")), "events": ["tenant.created"]})),
    )
    .await;
    let endpoint = endpoint["id"].as_str().unwrap().to_owned();
    let tenant = ok(
        app,
        "POST",
        "/v1/tenants",
        &all,
        Some(tenant_body("Alpha", &format!("{slug}a"))),
    )
    .await;
    let tenant = tenant["id"].as_str().unwrap().to_owned();
    let limited = api_key(db, &owner, &["all"], std::slice::from_ref(&tenant)).await;
    let extension = ok(
        app,
        "POST",
        &format!("/v1/tenants/{tenant}/extensions"),
        &all,
        Some(json!({"number": "101", "display_name": "Front desk"})),
    )
    .await;
    let extension = extension["id"].as_str().unwrap().to_owned();

    let partner_id = domain::testing::partner_id(db, slug).await;
    domain::billing::wallet::post(
        &**db,
        domain::billing::wallet::Posting {
            partner_id,
            kind: model::billing::LedgerKind::TopUp,
            amount_cents: 5_000,
            description: "conventions".into(),
            reference: None,
            overdraw: false,
        },
        chrono::Utc::now(),
    )
    .await
    .unwrap();
    let offers = ok(
        app,
        "GET",
        "/v1/numbers/available?state=CO&limit=3",
        &all,
        None,
    )
    .await;
    let pick = offers["data"][usize::from(n)]["number"]
        .as_str()
        .unwrap()
        .to_owned();
    let bought = ok(
        app,
        "POST",
        "/v1/numbers",
        &all,
        Some(json!({"numbers": [pick]})),
    )
    .await;
    let number = bought["numbers"][0]["id"].as_str().unwrap().to_owned();
    ok(
        app,
        "POST",
        &format!("/v1/numbers/{number}/assign"),
        &all,
        Some(json!({"tenant_id": tenant})),
    )
    .await;

    let port = ok(
        app,
        "POST",
        "/v1/ports",
        &all,
        Some(port_body(&tenant, [&format!("(303) 555-01{n}2")])),
    )
    .await;
    let port = port["id"].as_str().unwrap().to_owned();

    domain::webhooks::run_due(db, worker, "test", chrono::Utc::now())
        .await
        .unwrap();
    let deliveries = ok(
        app,
        "GET",
        &format!("/v1/webhook-endpoints/{endpoint}/deliveries"),
        &all,
        None,
    )
    .await;
    let delivery = deliveries["data"][0]["delivery_id"]
        .as_str()
        .unwrap()
        .to_owned();

    ok(
        app,
        "POST",
        "/v1/cdrs",
        ingest,
        Some(cdr_body(&tenant, &format!("{slug}-call-1"))),
    )
    .await;
    let calls = ok(app, "GET", "/v1/calls", &all, None).await;
    let call = calls["data"][0]["id"].as_str().unwrap().to_owned();
    Side {
        all,
        limited,
        tenant,
        extension,
        number,
        port,
        endpoint,
        delivery,
        call,
    }
}

/// The concrete path for `template` with `side`'s ids; a parameter the test does not know
/// fails by name, so a new resource cannot slip past unchecked.
fn fill(template: &str, side: &Side) -> String {
    let resource = template
        .trim_start_matches("/v1/")
        .split('/')
        .next()
        .unwrap_or_default();
    let mut path = template.to_owned();
    while let Some(start) = path.find('{') {
        let end = path[start..].find('}').unwrap() + start;
        let name = &path[start + 1..end];
        let value = match (resource, name) {
            ("tenants", "id") => &side.tenant,
            ("tenants", "ext_id") => &side.extension,
            ("numbers", "id") => &side.number,
            ("ports", "id") => &side.port,
            ("calls", "id") => &side.call,
            ("webhook-endpoints", "id") => &side.endpoint,
            ("webhook-endpoints", "delivery_id") => &side.delivery,
            _ => panic!(
                "{template}: no conventions fixture for path parameter `{name}`; add it to `fill`"
            ),
        };
        path.replace_range(start..=end, value);
    }
    path
}

/// Values for required query parameters; a new one fails by name until added.
fn query(template: &str, op: &Value) -> String {
    let mut pairs = Vec::new();
    // Searching local numbers needs a state, though a toll-free search does not, so the
    // document cannot mark it required.
    if op["operationId"] == "searchNumbers" {
        pairs.push("state=CO".to_owned());
    }
    for param in op["parameters"].as_array().into_iter().flatten() {
        if param["in"] != "query" || param["required"] != true {
            continue;
        }
        let name = param["name"].as_str().unwrap_or_default();
        let value = match name {
            "state" => "CO",
            _ => panic!("{template}: no conventions fixture for required query parameter `{name}`"),
        };
        pairs.push(format!("{name}={value}"));
    }
    if pairs.is_empty() {
        String::new()
    } else {
        format!("?{}", pairs.join("&"))
    }
}

/// A valid body for each operation that takes one; a new one fails by name until added.
fn fixture(operation: &str, w: &World) -> Value {
    let us = &w.us;
    match operation {
        "createTenant" => tenant_body("Conventions Co", "conventions"),
        "updateTenant" => json!({"name": "Alpha Renamed"}),
        "createExtension" => json!({"number": "102", "display_name": "Desk"}),
        "updateExtension" => json!({"display_name": "Reception"}),
        "buyNumbers" => json!({"numbers": [w.spare_number]}),
        "updateNumber" => json!({"cnam": "ALPHA"}),
        "assignNumber" => json!({"tenant_id": us.tenant}),
        "createPort" => port_body(&us.tenant, ["(720) 555-0199"]),
        // An open request can only be cancelled; corrections are for rejected ones.
        "updatePort" => json!({"status": "CANCELLED"}),
        "createWebhookEndpoint" => {
            json!({"url": w.hook.url("/more"), "events": ["tenant.created"]})
        }
        "updateWebhookEndpoint" => json!({"description": "CRM"}),
        "ingestCdrs" => cdr_body(&us.tenant, "call-conventions"),
        other => panic!("operation {other} takes a body but has no conventions fixture; add one"),
    }
}

/// The keys an operation is driven with: the call engine's ingest key for `/v1/cdrs`, a
/// partner key for everything else.
fn happy_key<'a>(operation: &str, w: &'a World) -> &'a str {
    if operation == "ingestCdrs" {
        &w.ingest
    } else {
        &w.us.all
    }
}

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
    let db = domain::testing::fresh_db().await;
    // Uploaded port documents go under a data directory of this test's own.
    let data =
        std::env::temp_dir().join(format!("switchboard-conventions-{}", uuid::Uuid::now_v7()));
    let data = data.display().to_string();
    let config = Config::from_pairs([
        ("SWITCHBOARD_SECRET_KEY", KEY),
        ("DATABASE_URL", db.url.as_str()),
        ("SWITCHBOARD_ALLOW_PRIVATE_WEBHOOKS", "true"),
        ("SWITCHBOARD_DATA_DIR", data.as_str()),
    ])
    .unwrap();
    let state = AppState::new(config, db.connection());
    let worker = domain::webhooks::Worker {
        sender: domain::webhooks::Sender::new(true).unwrap(),
        secrets: state.services.secrets.clone(),
        platform_name: "Switchboard".into(),
        base_url: "http://localhost".into(),
    };
    let app = router(state);
    let hook = Receiver::start(&[]).await;
    let ingest = domain::usage::keys::create(&db, "edge", chrono::Utc::now())
        .await
        .unwrap()
        .key;
    let us = side(&app, &db, &worker, "acme", 0, &hook, &ingest).await;
    let them = side(&app, &db, &worker, "rival", 1, &hook, &ingest).await;
    // Sides bought the first two offers of their searches; the sixth is free either way.
    let offers = ok(
        &app,
        "GET",
        "/v1/numbers/available?state=CO&limit=10",
        &us.all,
        None,
    )
    .await;
    let spare_number = offers["data"][5]["number"].as_str().unwrap().to_owned();
    let (owner, _) = domain::testing::sign_in(&db, "owner@acme.test", "Correct-horse1").await;
    let mut narrow = Vec::new();
    for scope in ["tenants:read", "webhooks:read"] {
        narrow.push((scope.to_owned(), api_key(&db, &owner, &[scope], &[]).await));
    }
    let world = World {
        app,
        us,
        them,
        ingest,
        hook,
        spare_number,
        narrow,
    };

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
        if reply.status != 401 {
            violations.push(say(&format!("without a key answered {}", reply.status)));
        }
        problem(&say("without a key"), &reply, &mut violations);

        // A valid key without the right: 403 (never 401).
        let wrong = if id == "ingestCdrs" {
            w.us.all.as_str()
        } else if template.starts_with("/v1/webhook-endpoints") {
            w.narrow[0].1.as_str()
        } else {
            w.narrow[1].1.as_str()
        };
        let reply = request(&w.app, &verb, &path, Some(wrong), body.as_ref()).await;
        if reply.status != 403 {
            violations.push(say(&format!(
                "with a key lacking the right answered {}",
                reply.status
            )));
        }
        problem(&say("lacking the right"), &reply, &mut violations);

        // Another partner's ids: 404, for a key of all tenants and for a limited one.
        if template.contains('{') {
            let theirs = fill(template, &w.them) + &q;
            for (which, k) in [("", key), (" (tenant-limited key)", w.us.limited.as_str())] {
                if id == "ingestCdrs" {
                    continue;
                }
                let reply = request(&w.app, &verb, &theirs, Some(k), body.as_ref()).await;
                if reply.status != 404 {
                    violations.push(say(&format!(
                        "with another partner's ids{which} answered {}",
                        reply.status
                    )));
                }
                problem(&say("another partner's ids"), &reply, &mut violations);
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
