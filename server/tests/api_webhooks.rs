//! `/v1/webhook-endpoints` over the real router: add an endpoint (secret shown once),
//! refusals by field and by scope, an event created through the API reaching a loopback
//! receiver signed (checked by an independent verifier), the deliveries list, turning
//! the endpoint off, rotating its secret, redelivering the same body, and deleting it.

mod support;

use axum::http::StatusCode;
use domain::testing::receiver::{self, Receiver};
use support::{api_key, app_and_worker, call, json, send};

#[tokio::test]
async fn a_key_manages_endpoints_and_events_arrive_signed() {
    let (app, db, worker) = app_and_worker(&[("SWITCHBOARD_ALLOW_PRIVATE_WEBHOOKS", "true")]).await;
    let (owner, _) = domain::testing::partner_owner(&db, "acme").await;
    let all = api_key(&db, &owner, &["all"], &[]).await;
    let reader = api_key(&db, &owner, &["webhooks:read"], &[]).await;
    let hook = Receiver::start(&[]).await;

    let body = format!(
        r#"{{"url":"{}","description":"CRM","events":["tenant.created"]}}"#,
        hook.url("/in")
    );
    let refused = send(
        &app,
        call("POST", "/v1/webhook-endpoints", &reader, Some(&body)),
    )
    .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let bad = send(
        &app,
        call(
            "POST",
            "/v1/webhook-endpoints",
            &all,
            Some(r#"{"url":"ftp://x","events":[]}"#),
        ),
    )
    .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let problem = json(&bad);
    assert!(
        problem["errors"]["url"].is_array() && problem["errors"]["events"].is_array(),
        "{problem}"
    );

    let made = send(
        &app,
        call("POST", "/v1/webhook-endpoints", &all, Some(&body)),
    )
    .await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
    let made = json(&made);
    let (id, secret) = (
        made["id"].as_str().unwrap().to_owned(),
        made["secret"].as_str().unwrap().to_owned(),
    );
    assert!(secret.starts_with("whsec_"));
    let listed = json(&send(&app, call("GET", "/v1/webhook-endpoints", &reader, None)).await);
    assert_eq!(listed["data"][0]["id"], id.as_str());
    assert!(
        !listed.to_string().contains(&secret),
        "the secret is never listed"
    );

    let tenant = send(
        &app,
        call(
            "POST",
            "/v1/tenants",
            &all,
            Some(r#"{"name":"Bluebird Dental","sip_prefix":"bluebird","billing_email":"ap@bluebird.test","timezone":"America/Denver"}"#),
        ),
    )
    .await;
    assert_eq!(tenant.status, StatusCode::CREATED, "{}", tenant.body);
    domain::webhooks::run_due(&db, &worker, "test", chrono::Utc::now())
        .await
        .unwrap();
    let hits = hook.hits();
    assert_eq!(hits.len(), 1);
    assert!(receiver::verify(&secret, &hits[0]));
    let event = serde_json::from_str::<serde_json::Value>(&hits[0].body).unwrap();
    assert_eq!(event["type"], "tenant.created");
    assert_eq!(event["data"]["id"], json(&tenant)["id"]);

    let path = format!("/v1/webhook-endpoints/{id}");
    let deliveries = json(
        &send(
            &app,
            call("GET", &format!("{path}/deliveries"), &reader, None),
        )
        .await,
    );
    let line = &deliveries["data"][0];
    assert_eq!(
        (
            line["status"].as_str(),
            line["attempt"].as_u64(),
            line["max_attempts"].as_u64()
        ),
        (Some("DELIVERED"), Some(1), Some(8))
    );
    assert_eq!(line["request_body"].as_str(), Some(hits[0].body.as_str()));

    let off = send(
        &app,
        call("PATCH", &path, &all, Some(r#"{"enabled":false}"#)),
    )
    .await;
    assert_eq!(json(&off)["enabled"], false);
    assert_eq!(json(&off)["disabled_reason"], "manual");
    let on = send(
        &app,
        call(
            "PATCH",
            &path,
            &all,
            Some(r#"{"enabled":true,"description":"Billing sync"}"#),
        ),
    )
    .await;
    assert_eq!(
        (
            json(&on)["enabled"].as_bool(),
            json(&on)["description"].as_str()
        ),
        (Some(true), Some("Billing sync"))
    );

    let rotated = json(
        &send(
            &app,
            call("POST", &format!("{path}/rotate-secret"), &all, None),
        )
        .await,
    );
    let new_secret = rotated["secret"].as_str().unwrap().to_owned();
    assert_ne!(new_secret, secret);
    let redeliver = format!(
        "{path}/deliveries/{}/redeliver",
        line["delivery_id"].as_str().unwrap()
    );
    assert_eq!(
        send(&app, call("POST", &redeliver, &all, None))
            .await
            .status,
        StatusCode::ACCEPTED
    );
    domain::webhooks::run_due(&db, &worker, "test", chrono::Utc::now())
        .await
        .unwrap();
    let again = hook.hits().pop().unwrap();
    assert_eq!(again.body, hits[0].body);
    assert!(receiver::verify(&new_secret, &again) && !receiver::verify(&secret, &again));

    assert_eq!(
        send(&app, call("DELETE", &path, &all, None)).await.status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        send(&app, call("GET", &path, &all, None)).await.status,
        StatusCode::NOT_FOUND
    );

    let spec = json(
        &send(
            &app,
            axum::http::Request::get("/v1/openapi.json")
                .body(axum::body::Body::empty())
                .unwrap(),
        )
        .await,
    );
    for p in [
        "/v1/webhook-endpoints",
        "/v1/webhook-endpoints/{id}",
        "/v1/webhook-endpoints/{id}/deliveries",
        "/v1/webhook-endpoints/{id}/rotate-secret",
    ] {
        assert!(spec["paths"][p].is_object(), "{p} is documented");
    }
    // Every event's payload is documented, with its subject's schema.
    let hooks = spec["webhooks"].as_object().expect("a webhooks section");
    assert_eq!(hooks.len(), 27);
    let body = &spec["webhooks"]["tenant.created"]["post"]["requestBody"]["content"]["application/json"]
        ["schema"];
    assert_eq!(
        body["properties"]["data"]["$ref"],
        "#/components/schemas/Tenant"
    );
    let call = &spec["webhooks"]["call.completed"]["post"]["requestBody"]["content"]["application/json"]
        ["schema"];
    assert_eq!(
        call["properties"]["data"]["$ref"],
        "#/components/schemas/CallEventData"
    );
    for schema in ["Tenant", "NumberEventData", "CallEventData", "Extension"] {
        assert!(
            spec["components"]["schemas"][schema].is_object(),
            "{schema} is defined"
        );
    }
}
