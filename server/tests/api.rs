//! The REST API walked end to end over the real router, with keys made by
//! `server create-api-key` (the binary): create a tenant and replay the same
//! Idempotency-Key, list with a cursor, a tenant-limited key gets 403 outside its
//! tenants, a read scope gets 403 on POST, the 101st request in a minute gets 429 with
//! Retry-After, and every answer carries a request id.

mod support;

use axum::{
    body::Body,
    http::{Request, StatusCode, header},
};
use support::{KEY, app, call, json, send};

/// `server create-api-key` with `args`; the key is the last word it prints.
fn make_key(db_url: &str, args: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_server"))
        .arg("create-api-key")
        .args(args)
        .current_dir(dir.path())
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("DATABASE_URL", db_url)
        .env("SWITCHBOARD_SECRET_KEY", KEY)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    let key = stdout.split_whitespace().last().unwrap().to_owned();
    assert!(key.starts_with("key_live_"), "{stdout}");
    key
}

#[tokio::test]
async fn a_key_walks_the_tenants_api() {
    let (app, db) = app().await;
    domain::testing::partner_owner(&db, "acme").await;
    let key = make_key(
        &db.url,
        &[
            "--partner",
            "acme",
            "--name",
            "CRM",
            "--scopes",
            "tenants:write",
        ],
    );

    // No key, a bad key: 401 problems.
    let anonymous = send(
        &app,
        Request::get("/v1/tenants").body(Body::empty()).unwrap(),
    )
    .await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        anonymous.headers[header::CONTENT_TYPE],
        "application/problem+json"
    );
    assert!(anonymous.headers.contains_key("x-request-id"));
    let bad = send(&app, call("GET", "/v1/tenants", "key_live_nope", None)).await;
    assert_eq!(bad.status, StatusCode::UNAUTHORIZED);

    // Create, then replay the same Idempotency-Key: the same answer, one tenant.
    let body = r#"{"name":"Bluebird Bakery","sip_prefix":"bluebird","billing_email":"ap@bluebird.test","timezone":"America/Denver"}"#;
    let mut first = call("POST", "/v1/tenants", &key, Some(body));
    first
        .headers_mut()
        .insert("idempotency-key", "create-bluebird".parse().unwrap());
    let created = send(&app, first).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let tenant = json(&created);
    assert_eq!(tenant["status"], "TRIAL");
    assert_eq!(tenant["sip_prefix"], "bluebird");
    let mut again = call("POST", "/v1/tenants", &key, Some(body));
    again
        .headers_mut()
        .insert("idempotency-key", "create-bluebird".parse().unwrap());
    let replayed = send(&app, again).await;
    assert_eq!(replayed.status, StatusCode::CREATED);
    assert_eq!(replayed.headers["idempotent-replayed"], "true");
    assert_eq!(json(&replayed)["id"], tenant["id"]);
    // The same key with another body is refused.
    let mut other = call("POST", "/v1/tenants", &key, Some(r#"{"name":"Other"}"#));
    other
        .headers_mut()
        .insert("idempotency-key", "create-bluebird".parse().unwrap());
    assert_eq!(
        send(&app, other).await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );

    // Bad input: 422 with errors by field, nothing created.
    let invalid = send(
        &app,
        call(
            "POST",
            "/v1/tenants",
            &key,
            Some(r#"{"name":"","sip_prefix":"Bad Prefix"}"#),
        ),
    )
    .await;
    assert_eq!(invalid.status, StatusCode::UNPROCESSABLE_ENTITY);
    let problem = json(&invalid);
    assert!(problem["errors"]["name"].is_array(), "{problem}");
    assert!(problem["errors"]["sip_prefix"].is_array(), "{problem}");
    let unknown = send(
        &app,
        call("POST", "/v1/tenants", &key, Some(r#"{"nmae":"x"}"#)),
    )
    .await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);

    // Two more tenants; list two at a time with the cursor.
    for (name, prefix) in [("Cedar Realty", "cedar"), ("Dockside", "dockside")] {
        let body = format!(
            r#"{{"name":"{name}","sip_prefix":"{prefix}","billing_email":"ap@{prefix}.test","timezone":"America/Denver"}}"#
        );
        assert_eq!(
            send(&app, call("POST", "/v1/tenants", &key, Some(&body)))
                .await
                .status,
            StatusCode::CREATED
        );
    }
    let page1 = json(&send(&app, call("GET", "/v1/tenants?limit=2", &key, None)).await);
    assert_eq!(page1["data"].as_array().unwrap().len(), 2);
    assert_eq!(page1["data"][0]["name"], "Bluebird Bakery");
    let cursor = page1["next_cursor"].as_str().unwrap();
    let page2 = json(
        &send(
            &app,
            call(
                "GET",
                &format!("/v1/tenants?limit=2&cursor={cursor}"),
                &key,
                None,
            ),
        )
        .await,
    );
    assert_eq!(page2["data"].as_array().unwrap().len(), 1);
    assert_eq!(page2["data"][0]["name"], "Dockside");
    assert!(page2["next_cursor"].is_null());
    assert_eq!(
        send(&app, call("GET", "/v1/tenants?limit=500", &key, None))
            .await
            .status,
        StatusCode::UNPROCESSABLE_ENTITY
    );

    // PATCH changes only what it names; suspend; DELETE cancels.
    let id = tenant["id"].as_str().unwrap();
    let patched = send(
        &app,
        call(
            "PATCH",
            &format!("/v1/tenants/{id}"),
            &key,
            Some(r#"{"default_cnam":"BLUEBIRD"}"#),
        ),
    )
    .await;
    assert_eq!(patched.status, StatusCode::OK, "{}", patched.body);
    assert_eq!(json(&patched)["default_cnam"], "BLUEBIRD");
    assert_eq!(json(&patched)["name"], "Bluebird Bakery");
    let suspended = send(
        &app,
        call("POST", &format!("/v1/tenants/{id}/suspend"), &key, None),
    )
    .await;
    assert_eq!(json(&suspended)["status"], "SUSPENDED");

    // A key limited to one tenant: 403 elsewhere, and it lists only its tenant.
    let limited = make_key(
        &db.url,
        &[
            "--partner",
            "acme",
            "--name",
            "Bluebird only",
            "--scopes",
            "tenants:read",
            "--tenants",
            id,
        ],
    );
    assert_eq!(
        send(
            &app,
            call("GET", &format!("/v1/tenants/{id}"), &limited, None)
        )
        .await
        .status,
        StatusCode::OK
    );
    let elsewhere = page1["data"][1]["id"].as_str().unwrap();
    let denied = send(
        &app,
        call("GET", &format!("/v1/tenants/{elsewhere}"), &limited, None),
    )
    .await;
    assert_eq!(denied.status, StatusCode::FORBIDDEN);
    let only = json(&send(&app, call("GET", "/v1/tenants", &limited, None)).await);
    assert_eq!(only["data"].as_array().unwrap().len(), 1);
    // A read scope cannot write.
    let read_only = send(&app, call("POST", "/v1/tenants", &limited, Some(body))).await;
    assert_eq!(read_only.status, StatusCode::FORBIDDEN);
    assert!(
        json(&read_only)["detail"]
            .as_str()
            .unwrap()
            .contains("tenants:write")
    );

    // Another partner's key sees none of this partner's tenants.
    domain::testing::partner_owner(&db, "rival").await;
    let rival = make_key(&db.url, &["--partner", "rival", "--name", "Theirs"]);
    assert_eq!(
        send(
            &app,
            call("GET", &format!("/v1/tenants/{id}"), &rival, None)
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
    assert!(
        json(&send(&app, call("GET", "/v1/tenants", &rival, None)).await)["data"]
            .as_array()
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn the_101st_request_in_a_minute_is_refused_with_retry_after() {
    let (app, db) = app().await;
    domain::testing::partner_owner(&db, "acme").await;
    let key = make_key(
        &db.url,
        &[
            "--partner",
            "acme",
            "--name",
            "Busy",
            "--scopes",
            "tenants:read",
        ],
    );
    for i in 0..100 {
        let reply = send(&app, call("GET", "/v1/tenants?limit=1", &key, None)).await;
        assert_eq!(reply.status, StatusCode::OK, "request {}", i + 1);
    }
    // The allowance refills one request every 0.6 s, so on a loaded machine a request or
    // two more may still fit; the refusal must come within the next few.
    let mut limited = send(&app, call("GET", "/v1/tenants?limit=1", &key, None)).await;
    for _ in 0..5 {
        if limited.status != StatusCode::OK {
            break;
        }
        limited = send(&app, call("GET", "/v1/tenants?limit=1", &key, None)).await;
    }
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
    let wait: u64 = limited.headers[header::RETRY_AFTER]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&wait), "{wait}");
    // Another key of the same partner has its own allowance.
    let other = make_key(
        &db.url,
        &[
            "--partner",
            "acme",
            "--name",
            "Quiet",
            "--scopes",
            "tenants:read",
        ],
    );
    assert_eq!(
        send(&app, call("GET", "/v1/tenants?limit=1", &other, None))
            .await
            .status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn the_openapi_document_and_the_docs_page_are_served_without_a_key() {
    let (app, _db) = app().await;
    let spec = support::get(&app, "/v1/openapi.json").await;
    assert_eq!(spec.status, StatusCode::OK);
    let doc = json(&spec);
    assert!(
        doc["openapi"].as_str().unwrap().starts_with("3.1"),
        "{}",
        doc["openapi"]
    );
    let paths = doc["paths"].as_object().unwrap();
    for (path, methods) in [
        ("/v1/tenants", &["get", "post"][..]),
        ("/v1/tenants/{id}", &["get", "patch", "delete"][..]),
        ("/v1/tenants/{id}/suspend", &["post"][..]),
        ("/v1/tenants/{id}/unsuspend", &["post"][..]),
    ] {
        for m in methods {
            assert!(paths[path][m].is_object(), "{m} {path} is documented");
        }
    }
    let refusals = &doc["paths"]["/v1/tenants"]["post"]["responses"];
    for status in ["201", "401", "403", "422", "429"] {
        assert!(
            refusals[status].is_object(),
            "POST /v1/tenants documents {status}"
        );
    }
    assert!(doc["components"]["schemas"]["Tenant"].is_object());
    assert!(doc["components"]["schemas"]["Problem"].is_object());
    assert!(doc["components"]["securitySchemes"]["bearer"].is_object());
    // Nothing in the document names the platform: partners hand it to their developers.
    assert!(!spec.body.to_lowercase().contains("switchboard"));

    let page = support::get(&app, "/v1/docs/").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("swagger-ui"), "{}", page.body);
    // The page's script and style come from the binary (works offline).
    let script = support::get(&app, "/v1/docs/swagger-ui-bundle.js").await;
    assert_eq!(script.status, StatusCode::OK);
    assert!(script.body.len() > 100_000);
}
