//! Switchboard's benchmark harness. Machines here are shared and noisy, so nothing is
//! judged by absolute time: every figure is printed next to a baseline measured in the
//! same run, and the ratio is what to compare between runs.
//!
//! Run with `.ci/bench` (builds the release first). Not part of the tests.

mod api;
mod billing;
mod builds;
mod ingest;
mod login;
mod size;
mod ssr;
mod tenants;
mod webhooks;

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    println!("Switchboard benchmarks (ratios against same-run baselines)\n");
    size::report_wasm();
    builds::report(quick).await;
    ssr::report(if quick { 300 } else { 3_000 }).await;
    println!();
    login::report().await;
    println!();
    tenants::report(if quick { 300 } else { 3_000 }).await;
    println!();
    api::report(if quick { 100 } else { 300 }).await;
    println!();
    ingest::report(if quick { 10 } else { 50 }).await;
    println!();
    webhooks::report(if quick { 500 } else { 2_000 }).await;
    println!();
    billing::report(if quick { 1_000 } else { 10_000 }).await;
}
