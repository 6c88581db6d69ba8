//! What the HTTP test files share: the real router over a fresh database, a request
//! helper, and a signed-in partner owner.
#![allow(dead_code)] // each test file uses its own subset

use axum::{
    Router,
    body::Body,
    http::{Request, StatusCode, header},
};
use domain::testing::{self, TestDb};
use http_body_util::BodyExt;
use server::{AppState, Config, http::router};
use tower::ServiceExt;

pub const KEY: &str = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

pub async fn app_with(pairs: &[(&str, &str)]) -> (Router, TestDb) {
    let (state, db) = state_with(pairs).await;
    (router(state), db)
}

/// The router as `app_with` builds it, plus a webhook worker holding the same secrets,
/// for tests that deliver the events their requests record.
pub async fn app_and_worker(pairs: &[(&str, &str)]) -> (Router, TestDb, domain::webhooks::Worker) {
    let (state, db) = state_with(pairs).await;
    let worker = domain::webhooks::Worker {
        sender: domain::webhooks::Sender::new(true).unwrap(),
        secrets: state.services.secrets.clone(),
        platform_name: "Switchboard".into(),
        base_url: "http://localhost".into(),
    };
    (router(state), db, worker)
}

async fn state_with(pairs: &[(&str, &str)]) -> (AppState, TestDb) {
    let db = testing::fresh_db().await;
    // Uploaded documents go under the data directory: one of its own per test.
    let data = std::env::temp_dir().join(format!("switchboard-test-{}", uuid::Uuid::now_v7()));
    let data = data.display().to_string();
    let mut all = vec![
        ("SWITCHBOARD_SECRET_KEY", KEY),
        ("DATABASE_URL", db.url.as_str()),
        ("SWITCHBOARD_DATA_DIR", data.as_str()),
    ];
    all.extend_from_slice(pairs);
    let config = Config::from_pairs(all).expect("test config");
    (AppState::new(config, db.connection()), db)
}

pub async fn app() -> (Router, TestDb) {
    app_with(&[]).await
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: String,
}

pub async fn send(app: &Router, request: Request<Body>) -> Reply {
    let (status, headers, bytes) = send_bytes(app, request).await;
    Reply {
        status,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

/// `send` for a binary answer (a PDF): the body as it came.
pub async fn send_bytes(
    app: &Router,
    request: Request<Body>,
) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
    let response = app.clone().oneshot(request).await.expect("router answers");
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes();
    (status, headers, bytes.to_vec())
}

/// A `/v1` request with a bearer key and an optional JSON body.
pub fn call(method: &str, path: &str, key: &str, body: Option<&str>) -> Request<Body> {
    Request::builder()
        .method(method)
        .uri(path)
        .header(header::AUTHORIZATION, format!("Bearer {key}"))
        .header(header::CONTENT_TYPE, "application/json")
        .body(body.map_or_else(Body::empty, |b| Body::from(b.to_owned())))
        .unwrap()
}

/// The reply's body as JSON (the test fails showing the body when it is not).
pub fn json(reply: &Reply) -> serde_json::Value {
    serde_json::from_str(&reply.body).unwrap_or_else(|_| panic!("not JSON: {}", reply.body))
}

pub async fn get(app: &Router, path: &str) -> Reply {
    send(app, Request::get(path).body(Body::empty()).unwrap()).await
}

/// Creates a partner and signs its owner in over HTTP; returns the session cookie.
pub async fn signed_in(app: &Router, db: &TestDb) -> String {
    let input = domain::partners::NewPartner {
        name: "Acme Voice",
        slug: "acme",
        owner_email: "owner@acme.test",
        owner_password: "Correct-horse1",
    };
    domain::partners::create_by_operator(db, input, chrono::Utc::now())
        .await
        .unwrap();
    let reply = send(
        app,
        Request::post("/api/sign_in")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "text/html")
            .header(header::REFERER, "http://localhost/login")
            .body(Body::from(
                "email=owner%40acme.test&password=Correct-horse1",
            ))
            .unwrap(),
    )
    .await;
    assert!(
        reply.status.is_redirection(),
        "{} {}",
        reply.status,
        reply.body
    );
    assert_eq!(reply.headers[header::LOCATION], "/");
    let cookie = reply.headers[header::SET_COOKIE]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        cookie.contains("HttpOnly")
            && cookie.contains("SameSite=Lax")
            && cookie.contains("Max-Age=28800"),
        "{cookie}"
    );
    cookie.split(';').next().unwrap().to_owned()
}

/// An API key of `owner`'s partner with `scopes`, limited to `tenants` (all when empty).
pub async fn api_key(
    db: &TestDb,
    owner: &model::auth::Viewer,
    scopes: &[&str],
    tenants: &[String],
) -> String {
    api_key_with_limit(db, owner, scopes, tenants, "").await
}

/// `api_key` allowing `rate_limit` requests a minute (empty for the default).
pub async fn api_key_with_limit(
    db: &TestDb,
    owner: &model::auth::Viewer,
    scopes: &[&str],
    tenants: &[String],
    rate_limit: &str,
) -> String {
    let form = model::api::ApiKeyForm {
        name: "test".into(),
        scopes: scopes.iter().map(|s| (*s).to_owned()).collect(),
        tenants: tenants.to_vec(),
        rate_limit: rate_limit.into(),
        ..Default::default()
    };
    domain::api::keys::create(db, Some(owner), &form, chrono::Utc::now())
        .await
        .unwrap()
        .secret
}
