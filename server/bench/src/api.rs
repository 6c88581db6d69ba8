//! An authenticated API list call (`GET /v1/tenants?limit=50` with a bearer key, over
//! 1,000 tenants) against the bare axum handler measured in the same run. Each round
//! stays under the partner-wide 1,000 requests a minute, or the limiter would answer
//! instead of the API.

use axum::{Router, response::Html, routing::get};
use server::{AppState, Config, http::router};

use crate::ssr::{KEY, median, throughput_with};

pub async fn report(n: usize) {
    let db = domain::testing::fresh_db().await;
    let config = Config::from_pairs([
        ("SWITCHBOARD_SECRET_KEY", KEY),
        ("DATABASE_URL", db.url.as_str()),
    ])
    .unwrap();
    let app = router(AppState::new(config, db.connection()));
    let partner_id = domain::testing::partner(&db, "bench").await.partner.id;
    let (viewer, _) =
        domain::testing::sign_in(&db, "owner@bench.test", domain::testing::PASSWORD).await;
    domain::testing::bulk_tenants(&db, partner_id, "b", 1_000).await;
    let form = model::api::ApiKeyForm {
        name: "bench".into(),
        scopes: vec!["tenants:read".into()],
        rate_limit: "10000".into(),
        ..Default::default()
    };
    let key = domain::api::keys::create(&db, Some(&viewer), &form, chrono::Utc::now())
        .await
        .unwrap()
        .secret;
    let bearer: &'static str = Box::leak(format!("Bearer {key}").into_boxed_str());

    let bare = Router::new().route("/", get(|| async { Html("<!DOCTYPE html><p>ok</p>") }));
    throughput_with(&bare, "/", "authorization", "", 500).await;
    let base = median(vec![
        throughput_with(&bare, "/", "authorization", "", n * 10).await,
        throughput_with(&bare, "/", "authorization", "", n * 10).await,
        throughput_with(&bare, "/", "authorization", "", n * 10).await,
    ]);
    // Rounds of at most 300, each in a fresh minute's allowance would need waiting; the
    // three rounds together stay under 1,000.
    let rounds = n.min(300);
    let mut api = Vec::new();
    for _ in 0..3 {
        api.push(
            throughput_with(
                &app,
                "/v1/tenants?limit=50",
                "authorization",
                bearer,
                rounds,
            )
            .await,
        );
    }
    let api = median(api);
    println!("API: authenticated list call (GET /v1/tenants?limit=50, 1,000 tenants)");
    println!("  bare axum handler           {base:>8.0} req/s   (baseline)");
    println!(
        "  GET /v1/tenants with a key  {api:>8.0} req/s   (ratio {:.4} of the bare handler)",
        api / base
    );
}
