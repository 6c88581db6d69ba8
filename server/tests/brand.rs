//! The request's Host decides the brand, in the server-rendered HTML itself: a partner's
//! subdomain shows the partner's name and colour, the platform's domain and unknown
//! hosts the platform's. The edge proxy's TLS question is answered per host.

mod support;

use axum::{
    body::Body,
    http::{Request, StatusCode, header},
};
use support::{app, get, send};

async fn page(app: &axum::Router, host: &str) -> String {
    let request = Request::get("/login")
        .header(header::HOST, host)
        .header(header::ACCEPT, "text/html")
        .body(Body::empty())
        .unwrap();
    let reply = send(app, request).await;
    assert_eq!(reply.status, StatusCode::OK, "{host}");
    reply.body
}

#[tokio::test]
async fn the_host_picks_the_brand_before_any_script_runs() {
    let (app, db) = app().await;
    domain::testing::partner(&db, "acme").await;
    domain::testing::set_brand(&db, "acme", "Acme Voice", "#0f766e").await;

    let partner_page = page(&app, "acme.localhost:3000").await;
    assert!(
        partner_page.contains("Acme Voice"),
        "partner name in the HTML"
    );
    assert!(
        partner_page.contains("--brand-primary:#0f766e"),
        "partner colour in the HTML"
    );
    assert!(
        !partner_page.contains("Switchboard"),
        "no platform name on a partner's host"
    );

    for host in ["localhost:3000", "unknown.example.com", "nobody.localhost"] {
        let platform_page = page(&app, host).await;
        assert!(platform_page.contains("Switchboard"), "{host}");
        assert!(!platform_page.contains("Acme Voice"), "{host}");
    }

    let allowed = get(&app, "/internal/tls-allowed?domain=acme.localhost").await;
    assert_eq!(allowed.status, StatusCode::OK);
    for host in ["localhost", "nobody.localhost", "acme.example.com", ""] {
        let refused = get(&app, &format!("/internal/tls-allowed?domain={host}")).await;
        assert_eq!(refused.status, StatusCode::NOT_FOUND, "{host}");
    }
}

#[tokio::test]
async fn signed_in_a_partners_people_see_its_brand_on_the_platform_host_too() {
    let (app, db) = app().await;
    let cookie = support::signed_in(&app, &db).await;
    domain::testing::set_brand(&db, "acme", "Acme Skyline", "#0f766e").await;
    let request = Request::get("/")
        .header(header::HOST, "localhost:3000")
        .header(header::ACCEPT, "text/html")
        .header(header::COOKIE, cookie)
        .body(Body::empty())
        .unwrap();
    let reply = send(&app, request).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(
        reply
            .body
            .contains("<title>Acme Skyline — Dashboard</title>"),
        "partner brand in the title"
    );
    assert!(reply.body.contains("--brand-primary:#0f766e"));
    assert!(!reply.body.contains("Switchboard"));
}
