//! Switchboard's benchmark harness. Machines here are shared and noisy, so nothing is
//! judged by absolute time: every figure is printed next to a baseline measured in the
//! same run, and the ratio is what to compare between runs.
//!
//! Run with `.ci/bench` (builds the release first). Not part of the tests.
//! `--quick` runs smaller sizes; a section name (`billing`, `tenants`, …) runs only it.

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
    let args: Vec<String> = std::env::args().skip(1).collect();
    let quick = args.iter().any(|a| a == "--quick");
    let only: Vec<&str> = args
        .iter()
        .filter(|a| !a.starts_with("--"))
        .map(String::as_str)
        .collect();
    let runs = |name: &str| only.is_empty() || only.contains(&name);
    println!("Switchboard benchmarks (ratios against same-run baselines)\n");
    if runs("size") {
        size::report_wasm();
    }
    if runs("builds") {
        builds::report(quick).await;
    }
    if runs("ssr") {
        ssr::report(if quick { 300 } else { 3_000 }).await;
        println!();
    }
    if runs("login") {
        login::report().await;
        println!();
    }
    if runs("tenants") {
        tenants::report(if quick { 300 } else { 3_000 }).await;
        println!();
    }
    if runs("api") {
        api::report(if quick { 100 } else { 300 }).await;
        println!();
    }
    if runs("ingest") {
        ingest::report(if quick { 10 } else { 50 }).await;
        println!();
    }
    if runs("webhooks") {
        webhooks::report(if quick { 500 } else { 2_000 }).await;
        println!();
    }
    if runs("billing") {
        billing::report(if quick { 1_000 } else { 10_000 }).await;
    }
}
