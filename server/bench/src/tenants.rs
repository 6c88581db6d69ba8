//! The tenant list at scale: 10,000 tenants for the measured partner (and 10,000 for a
//! neighbour, so the partner filter has work to do). Reports the domain query per page
//! for several orders, and the SSR throughput of `/tenants`, each against the bare axum
//! handler measured in the same run.

use std::time::Instant;

use axum::{Router, response::Html, routing::get};
use model::tenants::{TenantQuery, TenantSort};
use server::{AppState, Config, http::router};

use crate::ssr::{KEY, median, throughput};

const TENANTS: usize = 10_000;

pub async fn report(n: usize) {
    let db = domain::testing::fresh_db().await;
    let config = Config::from_pairs([
        ("SWITCHBOARD_SECRET_KEY", KEY),
        ("DATABASE_URL", db.url.as_str()),
    ])
    .unwrap();
    let app = router(AppState::new(config, db.connection()));
    let partner_id = domain::testing::partner(&db, "bench").await.partner.id;
    let (viewer, session) =
        domain::testing::sign_in(&db, "owner@bench.test", domain::testing::PASSWORD).await;
    let neighbour = domain::testing::partner(&db, "neighbour").await.partner.id;
    let seeded = Instant::now();
    domain::testing::bulk_tenants(&db, partner_id, "b", TENANTS).await;
    domain::testing::bulk_tenants(&db, neighbour, "n", TENANTS).await;
    println!(
        "Tenant list at {TENANTS} tenants per partner (seeded 2 x {TENANTS} in {:.1} s)",
        seeded.elapsed().as_secs_f64()
    );

    let bare = Router::new().route("/", get(|| async { Html("<!DOCTYPE html><p>ok</p>") }));
    throughput(&bare, "/", "", 500).await;
    let base_rps = median(vec![
        throughput(&bare, "/", "", n * 10).await,
        throughput(&bare, "/", "", n * 10).await,
        throughput(&bare, "/", "", n * 10).await,
    ]);
    let base_ms = 1_000.0 / base_rps;

    let cases = [
        (
            "page 1, newest first",
            TenantQuery {
                descending: true,
                ..Default::default()
            },
        ),
        (
            "page 400 (last), by name",
            TenantQuery {
                sort: TenantSort::Name,
                page: 400,
                ..Default::default()
            },
        ),
        (
            "page 1, by extensions desc",
            TenantQuery {
                sort: TenantSort::Extensions,
                descending: true,
                ..Default::default()
            },
        ),
        (
            "search \"customer 09\"",
            TenantQuery {
                search: "customer 09".into(),
                ..Default::default()
            },
        ),
    ];
    println!("  bare axum handler           {base_ms:>8.3} ms/request   (baseline)");
    for (label, query) in cases {
        let mut times = Vec::new();
        for _ in 0..15 {
            let started = Instant::now();
            let page = domain::tenants::list(&db, Some(&viewer), &query)
                .await
                .unwrap();
            times.push(started.elapsed().as_secs_f64() * 1_000.0);
            assert!(!page.rows.is_empty() && page.total > 0);
        }
        let ms = median(times);
        println!(
            "  {label:<27} {ms:>8.3} ms/page      ({:.0}x baseline)",
            ms / base_ms
        );
    }

    let cookie: &'static str =
        Box::leak(format!("{}={session}", domain::auth::session::COOKIE).into_boxed_str());
    let html = crate::ssr::page_html(&app, "/tenants?sort=name", cookie).await;
    assert_eq!(
        html.matches("data-testid=\"tenant-row\"").count(),
        25,
        "not the rendered list"
    );
    throughput(&app, "/tenants", cookie, 20).await;
    let mut ssr = Vec::new();
    for _ in 0..3 {
        ssr.push(throughput(&app, "/tenants", cookie, (n / 10).max(20)).await);
    }
    let ssr = median(ssr);
    println!(
        "  /tenants SSR (signed in)    {ssr:>8.0} req/s      (ratio {:.4} of the bare handler's {base_rps:.0} req/s)",
        ssr / base_rps
    );
}
