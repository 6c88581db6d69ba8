//! The real router, in process, over a fresh database: health, metrics, request ids,
//! SSR pages, the 404 page, problem documents and the theme cookie.

mod support;

use axum::{
    body::Body,
    http::{Request, StatusCode, header},
};
use support::*;

#[tokio::test]
async fn healthz_reports_ok_with_a_request_id() {
    let (app, _db) = app().await;
    let reply = get(&app, "/healthz").await;
    assert_eq!(reply.status, StatusCode::OK);
    let json: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
    assert_eq!(json, serde_json::json!({"status": "ok", "database": "ok"}));
    assert!(
        reply
            .headers
            .get("x-request-id")
            .is_some_and(|v| !v.is_empty())
    );
}

#[tokio::test]
async fn healthz_is_503_when_the_database_is_gone() {
    let (app, db) = app().await;
    db.connection().close().await.unwrap();
    let reply = get(&app, "/healthz").await;
    assert_eq!(reply.status, StatusCode::SERVICE_UNAVAILABLE);
    let json: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
    assert_eq!(json["database"], "down");
}

#[tokio::test]
async fn a_callers_request_id_is_kept() {
    let (app, _db) = app().await;
    let reply = send(
        &app,
        Request::get("/healthz")
            .header("x-request-id", "trace-me-42")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(reply.headers["x-request-id"], "trace-me-42");
}

#[tokio::test]
async fn metrics_count_requests_by_route() {
    let (app, _db) = app().await;
    get(&app, "/healthz").await;
    let reply = get(&app, "/metrics").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(
        reply.headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/plain")
    );
    assert!(
        reply.body.contains("http_requests_total{"),
        "{}",
        reply.body
    );
    assert!(reply.body.contains("route=\"/healthz\""), "{}", reply.body);
}

#[tokio::test]
async fn signed_out_visitors_are_sent_to_sign_in() {
    let (app, _db) = app().await;
    // As a browser asks: Leptos answers a page redirect with 302 only for HTML requests.
    let reply = send(
        &app,
        Request::get("/")
            .header(header::ACCEPT, "text/html")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert!(reply.status.is_redirection(), "{}", reply.status);
    assert_eq!(reply.headers[header::LOCATION], "/login");
    let login = get(&app, "/login").await;
    assert_eq!(login.status, StatusCode::OK);
    assert!(
        login.body.contains("<title>Switchboard — Sign in</title>"),
        "{}",
        login.body
    );
}

#[tokio::test]
async fn dashboard_renders_on_the_server_in_the_partners_own_brand() {
    let (app, db) = app_with(&[("SWITCHBOARD_PLATFORM_NAME", "Acme Cloud")]).await;
    let cookie = signed_in(&app, &db).await;
    let reply = send(
        &app,
        Request::get("/")
            .header(header::COOKIE, &cookie)
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(
        reply.body.contains("<title>Acme Voice — Dashboard</title>"),
        "{}",
        reply.body
    );
    assert!(reply.body.contains("--brand-primary:#1d4ed8"));
    assert!(
        reply.body.contains("Operational"),
        "system status is rendered server-side"
    );
    assert!(
        reply.body.contains("/pkg/portal.js"),
        "hydration script is linked"
    );
    assert!(reply.body.contains("aria-label=\"Main\""));
    assert!(
        reply.body.contains("owner@acme.test"),
        "the user menu names the viewer"
    );
    assert!(
        !reply.body.contains("Switchboard") && !reply.body.contains("Acme Cloud"),
        "a partner's pages never name the platform"
    );
}

#[tokio::test]
async fn signing_out_ends_the_session() {
    let (app, db) = app().await;
    let cookie = signed_in(&app, &db).await;
    let reply = send(
        &app,
        Request::post("/api/sign_out")
            .header(header::COOKIE, &cookie)
            .header(header::ACCEPT, "text/html")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert!(reply.status.is_redirection());
    assert!(
        reply.headers[header::SET_COOKIE]
            .to_str()
            .unwrap()
            .contains("Max-Age=0")
    );
    let after = send(
        &app,
        Request::get("/")
            .header(header::COOKIE, &cookie)
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(
        after.headers[header::LOCATION],
        "/login",
        "the old cookie no longer works"
    );
}

#[tokio::test]
async fn wrong_password_is_a_field_error_not_a_redirect() {
    let (app, db) = app().await;
    signed_in(&app, &db).await;
    let reply = send(
        &app,
        Request::post("/api/sign_in")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from("email=owner%40acme.test&password=Wrong-horse1"))
            .unwrap(),
    )
    .await;
    assert_eq!(
        reply.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{:?} {}",
        reply.headers,
        reply.body
    );
    assert!(
        reply.body.contains("The email or password is incorrect."),
        "{}",
        reply.body
    );
    assert!(reply.headers.get(header::SET_COOKIE).is_none());
}

#[tokio::test]
async fn unknown_page_is_a_real_404() {
    let (app, _db) = app().await;
    let reply = get(&app, "/no/such/page").await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert!(
        reply
            .body
            .contains("<title>Switchboard — Page not found</title>"),
        "{}",
        reply.body
    );
}

#[tokio::test]
async fn unknown_api_path_is_a_problem_document() {
    let (app, _db) = app().await;
    let reply = get(&app, "/v1/nothing-here").await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert_eq!(
        reply.headers[header::CONTENT_TYPE],
        "application/problem+json"
    );
    let json: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
    assert_eq!(json["status"], 404);
    assert_eq!(json["title"], "Not found");
    assert_eq!(
        json["request_id"],
        reply.headers["x-request-id"].to_str().unwrap()
    );
}

#[tokio::test]
async fn theme_form_without_javascript_sets_a_cookie_and_goes_back() {
    let (app, _db) = app().await;
    let request = Request::post("/api/theme")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::REFERER, "http://localhost/somewhere")
        .header(header::ACCEPT, "text/html,application/xhtml+xml")
        .body(Body::from("theme=dark"))
        .unwrap();
    let reply = send(&app, request).await;
    assert!(reply.status.is_redirection(), "{}", reply.status);
    // leptos_axum strips any earlier error info from the Referer, which may leave a bare "?".
    assert!(
        reply.headers[header::LOCATION]
            .to_str()
            .unwrap()
            .starts_with("http://localhost/somewhere")
    );
    let cookie = reply.headers[header::SET_COOKIE].to_str().unwrap();
    assert!(
        cookie.starts_with("sb_theme=dark;") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
}

#[tokio::test]
async fn the_theme_cookie_is_rendered_into_the_first_byte() {
    let (app, _db) = app().await;
    let dark = send(
        &app,
        Request::get("/login")
            .header(header::COOKIE, "x=1; sb_theme=dark")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert!(
        dark.body.contains("<html lang=\"en\" class=\"dark\""),
        "{}",
        &dark.body[..200.min(dark.body.len())]
    );
    let light = get(&app, "/login").await;
    assert!(light.body.contains("<html lang=\"en\" class=\"light\""));
}

#[tokio::test]
async fn the_audit_log_downloads_as_csv_for_its_partner_only() {
    let (app, db) = app().await;
    let anonymous = get(&app, "/settings/audit.csv").await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        anonymous.headers[header::CONTENT_TYPE],
        "application/problem+json"
    );

    let cookie = signed_in(&app, &db).await;
    let reply = send(
        &app,
        Request::get("/settings/audit.csv?action=auth.")
            .header(header::COOKIE, &cookie)
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(
        reply.headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    assert!(
        reply
            .body
            .starts_with("seq,at,actor,acting_as,action,target,summary,request_id"),
        "{}",
        reply.body
    );
    assert!(reply.body.contains("auth.signed_in"));
    assert!(
        !reply.body.contains("partner.created"),
        "the action filter applies"
    );
}

#[tokio::test]
async fn audit_entries_carry_the_id_of_the_request_that_wrote_them() {
    let (app, db) = app().await;
    domain::testing::partner(&db, "acme").await;
    let reply = send(
        &app,
        Request::post("/api/sign_in")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header("x-request-id", "req-audit-42")
            .body(Body::from(
                "email=owner%40acme.test&password=Correct-horse1",
            ))
            .unwrap(),
    )
    .await;
    let cookie = reply.headers[header::SET_COOKIE]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    let csv = send(
        &app,
        Request::get("/settings/audit.csv?action=auth.signed_in")
            .header(header::COOKIE, &cookie)
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    let line = csv.body.lines().nth(1).expect("one sign-in entry");
    assert!(line.ends_with(",req-audit-42"), "{}", csv.body);
}
