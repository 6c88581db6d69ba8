//! `POST /v1/cdrs` over HTTP: the key comes from `server create-ingest-key` (the binary),
//! bad keys get 401, bad records 422 with field errors, and a replayed batch changes
//! nothing.

mod support;

use axum::{
    body::Body,
    http::{Request, StatusCode, header},
};
use support::{KEY, app, send};

fn post(key: Option<&str>, body: &str) -> Request<Body> {
    let mut request = Request::post("/v1/cdrs").header(header::CONTENT_TYPE, "application/json");
    if let Some(key) = key {
        request = request.header(header::AUTHORIZATION, format!("Bearer {key}"));
    }
    request.body(Body::from(body.to_owned())).unwrap()
}

#[tokio::test]
async fn the_call_engine_posts_records_with_an_ingest_key() {
    let (app, db) = app().await;
    let (owner, _) = domain::testing::partner_owner(&db, "acme").await;
    let form = domain::testing::tenant_form("Alpha", "alpha");
    let tenant = domain::tenants::create(&db, Some(&owner), &form, chrono::Utc::now())
        .await
        .unwrap();

    let dir = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_server"))
        .args(["create-ingest-key", "--name", "edge-1"])
        .current_dir(dir.path())
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("DATABASE_URL", &db.url)
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
    assert!(key.starts_with("sbk_ingest_"), "{stdout}");

    let record = format!(
        r#"{{"records":[{{"id":"call-1","tenant_id":"{}","direction":"outbound","from":"+15125550100","to":"+15125550111","started_at":"2026-11-23T15:00:00Z","answered_at":"2026-11-23T15:00:02Z","ended_at":"2026-11-23T15:03:00Z","hangup_cause":"normal_clearing"}}]}}"#,
        tenant.id
    );
    let none = send(&app, post(None, &record)).await;
    assert_eq!(none.status, StatusCode::UNAUTHORIZED);
    assert!(
        none.headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("application/problem+json")
    );
    assert_eq!(
        send(&app, post(Some("sbk_ingest_wrong"), &record))
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );

    let bad = record.replace("+15125550111", "555");
    let refused = send(&app, post(Some(&key), &bad)).await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.body
    );
    assert!(refused.body.contains("records[0].to"), "{}", refused.body);

    let ok = send(&app, post(Some(&key), &record)).await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
    assert_eq!(ok.body, r#"{"accepted":1,"duplicates":0}"#);
    let again = send(&app, post(Some(&key), &record)).await;
    assert_eq!(again.body, r#"{"accepted":0,"duplicates":1}"#);
}
