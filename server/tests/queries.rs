//! Database statements per signed-in page, counted at the connection: the viewer
//! (session, user, partner, brand, managed tenant) is one query, and the dashboard and
//! the tenant list each add at most one of their own.

mod support;

use std::sync::{
    Arc,
    atomic::{AtomicUsize, Ordering},
};

use axum::{
    body::Body,
    http::{Request, StatusCode, header},
};
use server::{AppState, Config, http::router};
use support::*;

/// The real router over a connection that counts every statement it runs.
async fn counting_app() -> (axum::Router, domain::testing::TestDb, Arc<AtomicUsize>) {
    let db = domain::testing::fresh_db().await;
    let count = Arc::new(AtomicUsize::new(0));
    let mut connection = db.connection();
    let counter = count.clone();
    connection.set_metric_callback(move |_| {
        counter.fetch_add(1, Ordering::SeqCst);
    });
    let config = Config::from_pairs([
        ("SWITCHBOARD_SECRET_KEY", KEY),
        ("DATABASE_URL", db.url.as_str()),
    ])
    .expect("test config");
    (router(AppState::new(config, connection)), db, count)
}

/// Statements run while rendering `path` for `cookie` (the whole body read).
async fn statements_for(
    app: &axum::Router,
    count: &AtomicUsize,
    path: &str,
    cookie: &str,
) -> (usize, Reply) {
    let before = count.load(Ordering::SeqCst);
    let reply = send(
        app,
        Request::get(path)
            .header(header::COOKIE, cookie)
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    (count.load(Ordering::SeqCst) - before, reply)
}

#[tokio::test]
async fn a_signed_in_page_costs_one_query_for_the_viewer_and_one_of_its_own() {
    let (app, db, count) = counting_app().await;
    let cookie = signed_in(&app, &db).await;
    // The partner has tenants, so the list has rows to count and render.
    let partner = domain::partners::find_by_slug(&*db, "acme")
        .await
        .unwrap()
        .expect("the signed-in partner");
    domain::testing::bulk_tenants(&db, partner.id, "q", 30).await;

    let (dashboard, reply) = statements_for(&app, &count, "/", &cookie).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.body.contains("Operational"), "{}", reply.body);
    assert!(
        dashboard <= 2,
        "the dashboard ran {dashboard} statements: viewer + status at most"
    );

    let (tenants, reply) = statements_for(&app, &count, "/tenants", &cookie).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.body.matches("data-testid=\"tenant-row\"").count(), 25);
    assert!(
        tenants <= 2,
        "the tenant list ran {tenants} statements: viewer + one page query at most"
    );

    // A page with no data of its own (the team's security settings) is the viewer alone.
    let (security, reply) = statements_for(&app, &count, "/settings/security", &cookie).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(security, 1, "the viewer is one statement");
}
