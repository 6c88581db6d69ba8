//! Server-side rendering throughput of the dashboard shell against a bare axum handler
//! serving a static page, both driven in process the same way in the same run.

use std::time::{Duration, Instant};

use axum::{Router, body::Body, http::Request, response::Html, routing::get};
use http_body_util::BodyExt;
use server::{AppState, Config, http::router};
use tower::ServiceExt;

const ROUNDS: usize = 3;
pub const KEY: &str = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

/// Requests per second through `app`, `n` requests split over as many tasks as cores.
pub async fn throughput(app: &Router, path: &'static str, cookie: &'static str, n: usize) -> f64 {
    throughput_with(app, path, "cookie", cookie, n).await
}

/// Requests a second for `GET path` with one header set (a cookie, a bearer key).
pub async fn throughput_with(
    app: &Router,
    path: &'static str,
    header: &'static str,
    value: &'static str,
    n: usize,
) -> f64 {
    let workers = std::thread::available_parallelism().map_or(2, |p| p.get());
    let started = Instant::now();
    let tasks: Vec<_> = (0..workers)
        .map(|_| {
            let app = app.clone();
            tokio::spawn(async move {
                for _ in 0..n / workers {
                    let request = Request::get(path)
                        .header(header, value)
                        .body(Body::empty())
                        .unwrap();
                    let response = app.clone().oneshot(request).await.unwrap();
                    // A redirect (signed out) would be a different, cheaper page.
                    assert!(
                        response.status().is_success()
                            && !response.headers().contains_key("location")
                    );
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

/// The body of one GET, fully rendered.
pub async fn page_html(app: &Router, path: &str, cookie: &str) -> String {
    let request = Request::get(path)
        .header("cookie", cookie)
        .body(Body::empty())
        .unwrap();
    let response = app.clone().oneshot(request).await.unwrap();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    String::from_utf8_lossy(&body).into_owned()
}

pub fn median(mut v: Vec<f64>) -> f64 {
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
    // The dashboard as a signed-in Partner Admin sees it (session and viewer lookups included).
    let (_, session) = domain::testing::partner_owner(&db, "bench").await;
    let cookie: &'static str =
        Box::leak(format!("{}={session}", domain::auth::session::COOKIE).into_boxed_str());
    let bare = Router::new().route(
        "/",
        get(|| async {
            Html("<!DOCTYPE html><html><head><title>x</title></head><body>ok</body></html>")
        }),
    );

    // Make sure the measured page is the rendered dashboard, not a redirect or an error.
    let html = page_html(&app, "/", cookie).await;
    assert!(
        html.contains("Operational") && html.contains("owner@bench.test"),
        "not the dashboard: {html}"
    );
    println!(
        "  (page checked: {} bytes of dashboard HTML per request)",
        html.len()
    );

    // Warm up both (lazy statics, allocator, first SQLite connection).
    throughput(&app, "/", cookie, 50).await;
    throughput(&bare, "/", "", 500).await;

    // Interleave so that background noise hits both sides alike.
    let (mut base, mut shell) = (Vec::new(), Vec::new());
    for _ in 0..ROUNDS {
        base.push(throughput(&bare, "/", "", n * 10).await);
        shell.push(throughput(&app, "/", cookie, n).await);
    }
    let (base, shell) = (median(base), median(shell));
    println!("SSR of the signed-in dashboard (in process, median of {ROUNDS} interleaved rounds)");
    println!("  bare axum handler  {base:>10.0} req/s   (baseline)");
    println!("  dashboard SSR      {shell:>10.0} req/s");
    println!(
        "  ratio              {:>10.4}        (dashboard / baseline; {:.0}x the cost of a bare handler)",
        shell / base,
        base / shell
    );
}
