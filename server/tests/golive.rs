//! The go-live check through the real application: every page is rendered by the real
//! router on the partner's host. The demo partner (complete brand, own sender) has no
//! leaks; the platform's name planted where customers read it is found, with where.

mod support;

use axum::{
    body::Body,
    http::{Request, StatusCode, header},
};
use model::branding::golive::GoLiveReport;
use support::{app, send};

async fn sign_in(app: &axum::Router, email: &str, password: &str) -> String {
    let body = format!("email={}&password={}", email.replace('@', "%40"), password);
    let reply = send(
        app,
        Request::post("/api/sign_in")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "text/html")
            .header(header::REFERER, "http://localhost/login")
            .body(Body::from(body))
            .unwrap(),
    )
    .await;
    assert!(reply.status.is_redirection(), "{}", reply.body);
    let cookie = reply.headers[header::SET_COOKIE].to_str().unwrap();
    cookie.split(';').next().unwrap().to_owned()
}

async fn check(app: &axum::Router, cookie: &str) -> GoLiveReport {
    let reply = send(
        app,
        Request::post("/api/run_go_live_check")
            .header(header::HOST, "localhost:3000")
            .header(header::COOKIE, cookie)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    serde_json::from_str(&reply.body).unwrap()
}

#[tokio::test]
async fn the_demo_partner_goes_live_with_zero_leaks_and_a_planted_name_is_found() {
    let (app, db) = app().await;
    let carrier = domain::numbers::carrier::EmbeddedCarrier::new();
    let portal = domain::invoicing::document::Portal {
        base_url: "http://localhost",
        platform_domain: "localhost",
    };
    let seeded = domain::demo::seed(
        &db,
        &carrier,
        portal,
        &domain::testing::gateway(),
        chrono::Utc::now(),
    )
    .await
    .unwrap();
    assert_eq!(
        seeded.numbers, 19,
        "two each for nine customers, and one toll-free"
    );
    let password = seeded.password.unwrap();
    let cookie = sign_in(&app, &seeded.owner_email, &password).await;

    let report = check(&app, &cookie).await;
    assert!(report.failures.is_empty(), "{:?}", report.failures);
    assert!(report.leaks.is_empty(), "{:#?}", report.leaks);
    assert!(report.is_green());
    assert_eq!(report.host, "demo.localhost");
    let portal_pages = report
        .surfaces
        .iter()
        .filter(|s| s.path.as_deref().is_some_and(|p| p.starts_with("/orgs/")))
        .count();
    assert_eq!(portal_pages, 7, "{:?}", report.surfaces);
    assert!(
        report
            .surfaces
            .iter()
            .any(|s| s.place.starts_with("Invoice PDF")),
        "{:?}",
        report.surfaces
    );

    // The platform's name planted where every customer reads it: the support address
    // that emails and the help center print.
    let (owner, _) = domain::testing::sign_in(&db, domain::demo::OWNER, &password).await;
    let planted = model::branding::form::BrandForm {
        brand_name: "Summit Voice".into(),
        primary_color: "#0f766e".into(),
        from_email: "hello@summitvoice.example".into(),
        support_email: "help@switchboard.example".into(),
    };
    domain::branding::settings::save(&db, Some(&owner), &planted, chrono::Utc::now())
        .await
        .unwrap();
    let report = check(&app, &cookie).await;
    assert!(!report.is_green());
    assert!(
        report.leaks.iter().all(|l| l.found == "Switchboard"),
        "{:#?}",
        report.leaks
    );
    let places: Vec<&str> = report.leaks.iter().map(|l| l.place.as_str()).collect();
    assert!(places.contains(&"Email: invitation"), "{places:?}");
    assert!(places.contains(&"Email: invoice"), "{places:?}");
    assert!(
        places.iter().any(|p| p.starts_with("Invoice PDF")),
        "{places:?}"
    );
    assert!(places.contains(&"Customer help center"), "{places:?}");
    assert!(report.leaks[0].excerpt.contains("help@switchboard.example"));
}
