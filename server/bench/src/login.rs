//! Sign-in latency (argon2id verification dominates, by design) against resolving an
//! existing session (the per-request cost), measured in the same run.

use std::time::{Duration, Instant};

use chrono::Utc;
use domain::auth::{login, session};

const ROUNDS: usize = 15;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

pub async fn report() {
    let db = domain::testing::fresh_db().await;
    let created = domain::testing::partner(&db, "bench").await;
    println!(
        "Password hash parameters: {}",
        created
            .owner
            .password_hash
            .split('$')
            .take(4)
            .collect::<Vec<_>>()
            .join("$")
    );

    let (mut sign_ins, mut lookups) = (Vec::new(), Vec::new());
    for i in 0..ROUNDS {
        // A different address each time, so the throttle never kicks in.
        let ip = format!("198.51.100.{i}");
        let creds = login::Credentials {
            email: "owner@bench.test",
            password: domain::testing::PASSWORD,
            ip: &ip,
            user_agent: None,
        };
        let started = Instant::now();
        let signed = login::sign_in(&db, creds, Utc::now())
            .await
            .and_then(login::Outcome::into_signed_in)
            .expect("sign in");
        sign_ins.push(started.elapsed());
        let started = Instant::now();
        session::resolve(&*db, &signed.session, Utc::now())
            .await
            .expect("resolve")
            .expect("live");
        lookups.push(started.elapsed());
    }
    let (sign_in, lookup) = (median(sign_ins), median(lookups));
    println!("Sign-in (median of {ROUNDS}, SQLite)");
    println!(
        "  session lookup   {:>8.2} ms   (baseline)",
        lookup.as_secs_f64() * 1e3
    );
    println!("  password sign-in {:>8.2} ms", sign_in.as_secs_f64() * 1e3);
    println!(
        "  ratio            {:>8.1}x",
        sign_in.as_secs_f64() / lookup.as_secs_f64()
    );
}
