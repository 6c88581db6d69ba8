//! The world the conventions walk runs in: two partners, each with every kind of
//! resource created through the API (so ids and shapes are what an integrator sees), and
//! the fixtures that name a valid request for each operation. A new operation, path
//! parameter or required query parameter without a fixture fails by name here.

use axum::{
    Router,
    body::Body,
    http::{Request, header},
};
use domain::testing::receiver::Receiver;
use serde_json::{Value, json};

use crate::support::{Reply, api_key_with_limit, app_and_worker, send};

const PDF: &str = "JVBERi0xLjQKJcTl8uXrCg==";

/// A key of `owner`'s partner allowed enough requests a minute for the whole walk.
async fn api_key(
    db: &domain::testing::TestDb,
    owner: &model::auth::Viewer,
    scopes: &[&str],
    tenants: &[String],
) -> String {
    let most = model::api::MAX_RATE_LIMIT.to_string();
    api_key_with_limit(db, owner, scopes, tenants, &most).await
}

/// One partner's resources, created through the API so they are what an integrator sees.
pub struct Side {
    pub all: String,
    /// `all`, but limited to this partner's first tenant: another partner's ids must
    /// still be 404 for it.
    pub limited: String,
    pub tenant: String,
    pub extension: String,
    pub number: String,
    pub port: String,
    pub endpoint: String,
    pub delivery: String,
    pub call: String,
    pub profile: String,
    pub rate: String,
    /// Invoices for each action: one to read and void, one to pay, one paid to refund.
    pub invoice: String,
    pub unpaid: String,
    pub paid: String,
}

pub struct World {
    /// Kept for the whole walk: dropping it removes the database under the router.
    pub db: domain::testing::TestDb,
    pub app: Router,
    pub us: Side,
    pub them: Side,
    pub ingest: String,
    pub hook: Receiver,
    pub spare_number: String,
    /// Keys with one right each, to find the 403 for an operation needing another.
    pub tenants_reader: String,
    pub webhooks_reader: String,
}

pub async fn request(
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

pub async fn ok(app: &Router, method: &str, path: &str, key: &str, body: Option<Value>) -> Value {
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

    let profiles = ok(app, "GET", "/v1/billing-profiles", &all, None).await;
    let profile = profiles["data"][0]["id"].as_str().unwrap().to_owned();
    let rate = ok(
        app,
        "POST",
        "/v1/tax-rates",
        &all,
        Some(json!({"name": "Sales tax", "code": "CO", "rate": "8.25"})),
    )
    .await;
    let rate = rate["id"].as_str().unwrap().to_owned();
    ok(
        app,
        "PATCH",
        &format!("/v1/tenants/{tenant}"),
        &all,
        Some(
            json!({"billing": {"profile_id": profile, "period": "daily", "tax_rate_ids": [rate]}}),
        ),
    )
    .await;
    let later = chrono::Utc::now() + chrono::Duration::days(4);
    domain::invoicing::engine::run(db, later).await.unwrap();
    let invoices = ok(
        app,
        "GET",
        &format!("/v1/invoices?tenant_id={tenant}"),
        &all,
        None,
    )
    .await;
    let invoice_id = |i: usize| invoices["data"][i]["id"].as_str().unwrap().to_owned();
    let (invoice, unpaid, paid) = (invoice_id(0), invoice_id(1), invoice_id(2));
    ok(
        app,
        "POST",
        &format!("/v1/invoices/{paid}/payments"),
        &all,
        Some(json!({"amount": "1.00"})),
    )
    .await;
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
        profile,
        rate,
        invoice,
        unpaid,
        paid,
    }
}

/// The concrete path for `template` with `side`'s ids; a parameter the test does not know
/// fails by name, so a new resource cannot slip past unchecked.
pub fn fill(template: &str, side: &Side) -> String {
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
            ("billing-profiles", "id") => &side.profile,
            ("tax-rates", "id") => &side.rate,
            ("invoices", "id") if template.ends_with("/payments") => &side.unpaid,
            // Sent (then reminded): the unpaid one, which stays open.
            ("invoices", "id") if template.ends_with("/send") => &side.unpaid,
            ("invoices", "id") if template.ends_with("/refunds") => &side.paid,
            ("invoices", "id") => &side.invoice,
            _ => panic!(
                "{template}: no conventions fixture for path parameter `{name}`; add it to `fill`"
            ),
        };
        path.replace_range(start..=end, value);
    }
    path
}

/// Values for required query parameters; a new one fails by name until added.
pub fn query(template: &str, op: &Value) -> String {
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
pub fn fixture(operation: &str, w: &World) -> Value {
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
        "createBillingProfile" => {
            json!({"name": "Conventions", "kind": "flat_rate", "base_fee": "19.00"})
        }
        "updateBillingProfile" => json!({"base_fee": "29.00"}),
        "createTaxRate" => json!({"name": "City tax", "code": "DEN", "rate": "4.81"}),
        "updateTaxRate" => json!({"rate": "4.75"}),
        "recordInvoicePayment" => json!({"amount": "1.00"}),
        "refundInvoice" => json!({"amount": "0.50"}),
        other => panic!("operation {other} takes a body but has no conventions fixture; add one"),
    }
}

/// The keys an operation is driven with: the call engine's ingest key for `/v1/cdrs`, a
/// partner key for everything else.
pub fn happy_key<'a>(operation: &str, w: &'a World) -> &'a str {
    if operation == "ingestCdrs" {
        &w.ingest
    } else {
        &w.us.all
    }
}

impl World {
    /// A fresh database, the real router, a webhook receiver, and both partners' data.
    pub async fn build() -> Self {
        let (app, db, worker) =
            app_and_worker(&[("SWITCHBOARD_ALLOW_PRIVATE_WEBHOOKS", "true")]).await;
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
        let tenants_reader = api_key(&db, &owner, &["tenants:read"], &[]).await;
        let webhooks_reader = api_key(&db, &owner, &["webhooks:read"], &[]).await;
        World {
            db,
            app,
            us,
            them,
            ingest,
            hook,
            spare_number,
            tenants_reader,
            webhooks_reader,
        }
    }
}
