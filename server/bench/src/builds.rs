//! Two release builds side by side, as real processes over HTTP in the same run: the
//! current one (`target/release/server` + `target/site`) and, when
//! `SWITCHBOARD_BENCH_BEFORE` names a directory holding an earlier build (`server`, its
//! `hash.txt` if any, and `site/`), that one too. Each serves its own copy of one
//! seeded SQLite database (a partner with 10,000 tenants, signed in), and the bench
//! prints, per build:
//!
//! - database statements per page (`/`, `/tenants`), counted from the statements
//!   sqlx logs (`RUST_LOG=sqlx::query=debug`), so an older binary is counted the same way;
//! - SSR requests a second of `/tenants`, signed in, from keep-alive connections on
//!   loopback, rounds interleaved between the builds so noise hits both alike.

use std::{
    path::{Path, PathBuf},
    process::Stdio,
    sync::{
        Arc,
        atomic::{AtomicUsize, Ordering},
    },
    time::{Duration, Instant},
};

use tokio::{
    io::{AsyncBufReadExt, BufReader},
    process::{Child, Command},
};

use crate::ssr::{KEY, median};

const TENANTS: usize = 10_000;
const ROUNDS: usize = 3;

struct Build {
    label: &'static str,
    binary: PathBuf,
    site: PathBuf,
    hashed: bool,
}

fn builds() -> Vec<Build> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut all = Vec::new();
    if let Ok(dir) = std::env::var("SWITCHBOARD_BENCH_BEFORE") {
        let dir = PathBuf::from(dir);
        all.push(Build {
            label: "before",
            hashed: dir.join("hash.txt").exists(),
            binary: dir.join("server"),
            site: dir.join("site"),
        });
    }
    all.push(Build {
        label: "now",
        binary: root.join("target/release/server"),
        site: root.join("target/site"),
        hashed: root.join("target/release/hash.txt").exists(),
    });
    all
}

/// A running build and the count of statements it has logged.
struct Running {
    child: Child,
    url: String,
    statements: Arc<AtomicUsize>,
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.start_kill();
    }
}

async fn start(build: &Build, db_file: &Path, data: &Path) -> Running {
    let port = {
        let probe = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
        probe.local_addr().expect("bound").port()
    };
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut child = Command::new(&build.binary)
        .arg("serve")
        .current_dir(&root)
        .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
        .env("LEPTOS_SITE_ROOT", &build.site)
        .env("LEPTOS_HASH_FILES", build.hashed.to_string())
        .env(
            "DATABASE_URL",
            format!("sqlite://{}?mode=rwc", db_file.display()),
        )
        .env("SWITCHBOARD_SECRET_KEY", KEY)
        .env("SWITCHBOARD_DATA_DIR", data)
        .env("RUST_LOG", "warn,sqlx::query=debug")
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {}: {e}", build.binary.display()));
    let statements = Arc::new(AtomicUsize::new(0));
    for stream in [
        child
            .stdout
            .take()
            .map(|s| Box::new(s) as Box<dyn tokio::io::AsyncRead + Unpin + Send>),
        child
            .stderr
            .take()
            .map(|s| Box::new(s) as Box<dyn tokio::io::AsyncRead + Unpin + Send>),
    ]
    .into_iter()
    .flatten()
    {
        let counter = statements.clone();
        tokio::spawn(async move {
            let mut lines = BufReader::new(stream).lines();
            while let Ok(Some(line)) = lines.next_line().await {
                counter.fetch_add(line.matches("sqlx::query").count(), Ordering::SeqCst);
            }
        });
    }
    let url = format!("http://127.0.0.1:{port}");
    let client = reqwest::Client::new();
    let deadline = Instant::now() + Duration::from_secs(60);
    while !client
        .get(format!("{url}/healthz"))
        .send()
        .await
        .is_ok_and(|r| r.status().is_success())
    {
        assert!(Instant::now() < deadline, "{} did not start", build.label);
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Running {
        child,
        url,
        statements,
    }
}

/// Statements logged while answering one GET (the log is read asynchronously: wait
/// until the count settles).
async fn statements_for(
    server: &Running,
    client: &reqwest::Client,
    path: &str,
    cookie: &str,
) -> usize {
    let settle = || async {
        let mut last = server.statements.load(Ordering::SeqCst);
        loop {
            tokio::time::sleep(Duration::from_millis(150)).await;
            let now = server.statements.load(Ordering::SeqCst);
            if now == last {
                return now;
            }
            last = now;
        }
    };
    let before = settle().await;
    let page = client
        .get(format!("{}{path}", server.url))
        .header("cookie", cookie)
        .send()
        .await
        .expect("page");
    assert!(page.status().is_success(), "{path}: {}", page.status());
    page.bytes().await.expect("body");
    settle().await - before
}

/// Pages a second of `GET path` from `connections` keep-alive clients for `seconds`.
async fn throughput(url: &str, path: &str, cookie: &str, seconds: f64) -> f64 {
    let connections = 8;
    let deadline = Instant::now() + Duration::from_secs_f64(seconds);
    let started = Instant::now();
    let tasks: Vec<_> = (0..connections)
        .map(|_| {
            let (url, path, cookie) = (url.to_owned(), path.to_owned(), cookie.to_owned());
            tokio::spawn(async move {
                let client = reqwest::Client::new();
                let mut done = 0u64;
                while Instant::now() < deadline {
                    let reply = client
                        .get(format!("{url}{path}"))
                        .header("cookie", &cookie)
                        .send()
                        .await
                        .expect("page");
                    assert!(reply.status().is_success());
                    reply.bytes().await.expect("body");
                    done += 1;
                }
                done
            })
        })
        .collect();
    let mut total = 0;
    for task in tasks {
        total += task.await.expect("load task");
    }
    total as f64 / started.elapsed().as_secs_f64()
}

pub async fn report(quick: bool) {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let builds = builds();
    if builds.iter().any(|b| !b.binary.exists()) {
        println!("Builds compared: a binary is missing; run .ci/build first\n");
        return;
    }
    // One seeded database, copied for each build.
    let db = domain::testing::fresh_db().await;
    let partner_id = domain::testing::partner(&db, "bench").await.partner.id;
    let (_, session) =
        domain::testing::sign_in(&db, "owner@bench.test", domain::testing::PASSWORD).await;
    domain::testing::bulk_tenants(&db, partner_id, "b", TENANTS).await;
    let cookie = format!("{}={session}", domain::auth::session::COOKIE);
    let work = tempfile::tempdir().expect("a work directory");
    let mut running = Vec::new();
    for (i, build) in builds.iter().enumerate() {
        let file = work.path().join(format!("bench-{i}.db"));
        domain::system::backup(&db, &file)
            .await
            .expect("database copy");
        let data = work.path().join(format!("data-{i}"));
        running.push(start(build, &file, &data).await);
    }

    let client = reqwest::Client::new();
    println!("Builds compared over HTTP ({TENANTS} tenants, signed-in partner admin)");
    println!(
        "  {:<8} {:>14} {:>16} {:>18}",
        "build", "queries on /", "queries /tenants", "/tenants req/s"
    );
    let seconds = if quick { 2.0 } else { 5.0 };
    let mut rates = vec![Vec::new(); builds.len()];
    for server in &running {
        throughput(&server.url, "/tenants", &cookie, 0.5).await; // warm up
    }
    for _ in 0..ROUNDS {
        for (i, server) in running.iter().enumerate() {
            rates[i].push(throughput(&server.url, "/tenants", &cookie, seconds).await);
        }
    }
    let mut figures = Vec::new();
    for (i, (build, server)) in builds.iter().zip(&running).enumerate() {
        let home = statements_for(server, &client, "/", &cookie).await;
        let list = statements_for(server, &client, "/tenants", &cookie).await;
        let rate = median(rates[i].clone());
        println!("  {:<8} {home:>14} {list:>16} {rate:>18.0}", build.label);
        figures.push(rate);
    }
    if let [before, now] = figures[..] {
        println!("  /tenants SSR now / before: {:.2}x", now / before);
    }
    println!();
}
