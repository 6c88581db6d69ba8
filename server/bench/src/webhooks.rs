//! Webhook deliveries a second to a loopback receiver, end to end (fan-out from the
//! events table, claim, sign, POST, record the attempt), against the same HTTP client
//! posting the same bodies with nothing else around it, in the same run and with the
//! same 16 requests in flight.

use std::time::Instant;

use domain::{
    testing::receiver::Receiver,
    webhooks::{Sender, Worker, endpoints, run_due},
};

use crate::ssr::median;

const IN_FLIGHT: usize = 16;

/// Plain POSTs a second from the webhook client to the receiver.
async fn bare_posts(sender: &Sender, url: &str, n: usize) -> f64 {
    let started = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..n {
        if tasks.len() >= IN_FLIGHT {
            tasks.join_next().await;
        }
        let (sender, url) = (sender.clone(), url.to_owned());
        tasks.spawn(async move {
            let body = r#"{"id":"evt_bench","type":"tenant.created","data":{}}"#.to_owned();
            assert!(sender.post(&url, &[], body).await.succeeded);
        });
    }
    while tasks.join_next().await.is_some() {}
    n as f64 / started.elapsed().as_secs_f64()
}

pub async fn report(n: usize) {
    let db = domain::testing::fresh_db().await;
    let partner_id = domain::testing::partner(&db, "hooks").await.partner.id;
    let (viewer, _) =
        domain::testing::sign_in(&db, "owner@hooks.test", domain::testing::PASSWORD).await;
    let receiver = Receiver::start(&[]).await;
    let url = receiver.url("/in");
    let worker = Worker {
        sender: Sender::new(true).unwrap(),
        secrets: domain::crypto::SecretBox::new(&[9; 32]),
        platform_name: "Bench".into(),
        base_url: "http://localhost".into(),
    };
    let form = model::webhooks::EndpointForm {
        url: url.clone(),
        description: "bench".into(),
        events: vec!["tenant.created".into()],
    };
    let start = chrono::Utc::now() - chrono::Duration::minutes(1);
    endpoints::create(&db, &worker.secrets, Some(&viewer), &form, true, start)
        .await
        .unwrap();

    bare_posts(&worker.sender, &url, 200).await;
    let base = median(vec![
        bare_posts(&worker.sender, &url, n).await,
        bare_posts(&worker.sender, &url, n).await,
        bare_posts(&worker.sender, &url, n).await,
    ]);
    let mut rates = Vec::new();
    for _ in 0..3 {
        let now = chrono::Utc::now();
        for i in 0..n {
            domain::events::record(&*db, partner_id, "tenant.created", &[i], now)
                .await
                .unwrap();
        }
        let started = Instant::now();
        let mut delivered = 0;
        while delivered < n {
            let round = run_due(&db, &worker, "bench", chrono::Utc::now())
                .await
                .unwrap();
            assert_eq!(round.failed, 0);
            delivered += round.delivered;
        }
        rates.push(n as f64 / started.elapsed().as_secs_f64());
    }
    let rate = median(rates);
    println!("Webhooks: signed deliveries to a loopback receiver ({n} events a round)");
    println!("  bare POSTs, same client       {base:>8.0} req/s   (baseline)");
    println!(
        "  deliveries (fan-out to record) {rate:>7.0} /s      (ratio {:.3} of bare POSTs)",
        rate / base
    );
}
