//! Server-side rendering throughput of the dashboard shell against a bare axum handler
//! serving a static page, both driven in process the same way in the same run.

use std::time::{Duration, Instant};

use axum::{Router, body::Body, http::Request, response::Html, routing::get};
use http_body_util::BodyExt;
use server::{AppState, Config, http::router};
use tower::ServiceExt;

const ROUNDS: usize = 3;
const KEY: &str = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

/// Requests per second through `app`, `n` requests split over as many tasks as cores.
async fn throughput(app: &Router, path: &'static str, n: usize) -> f64 {
    let workers = std::thread::available_parallelism().map_or(2, |p| p.get());
    let started = Instant::now();
    let tasks: Vec<_> = (0..workers)
        .map(|_| {
            let app = app.clone();
            tokio::spawn(async move {
                for _ in 0..n / workers {
                    let response = app
                        .clone()
                        .oneshot(Request::get(path).body(Body::empty()).unwrap())
                        .await
                        .unwrap();
                    assert!(response.status().is_success());
                    // Streaming SSR: the page is only rendered once the body is read.
                    response.into_body().collect().await.unwrap();
                }
            })
        })
        .collect();
    for task in tasks {
        task.await.unwrap();
    }
    (n / workers * workers) as f64 / started.elapsed().max(Duration::from_nanos(1)).as_secs_f64()
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

pub async fn report(n: usize) {
    let db = domain::testing::fresh_db().await;
    let config = Config::from_pairs([
        ("SWITCHBOARD_SECRET_KEY", KEY),
        ("DATABASE_URL", db.url.as_str()),
    ])
    .unwrap();
    let app = router(AppState::new(config, db.connection()));
    let bare = Router::new().route(
        "/",
        get(|| async {
            Html("<!DOCTYPE html><html><head><title>x</title></head><body>ok</body></html>")
        }),
    );

    // Warm up both (lazy statics, allocator, first SQLite connection).
    throughput(&app, "/", 50).await;
    throughput(&bare, "/", 500).await;

    // Interleave so that background noise hits both sides alike.
    let (mut base, mut shell) = (Vec::new(), Vec::new());
    for _ in 0..ROUNDS {
        base.push(throughput(&bare, "/", n * 10).await);
        shell.push(throughput(&app, "/", n).await);
    }
    let (base, shell) = (median(base), median(shell));
    println!("SSR of the dashboard shell (in process, median of {ROUNDS} interleaved rounds)");
    println!("  bare axum handler  {base:>10.0} req/s   (baseline)");
    println!("  dashboard SSR      {shell:>10.0} req/s");
    println!(
        "  ratio              {:>10.4}        (dashboard / baseline; {:.0}x the cost of a bare handler)",
        shell / base,
        base / shell
    );
}
