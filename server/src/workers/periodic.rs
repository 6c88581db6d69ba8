//! Jobs that run every minute on every instance: purging tenants whose 90 days are up,
//! re-checking custom domains' DNS records, pausing partners whose trial ended, the
//! monthly cycle, and auto-recharging wallets
//! below their threshold. Both are safe to rerun and to run
//! on two instances at once (each claims its rows in the database).

use std::{sync::Arc, time::Duration};

use domain::{
    billing::processor::PaymentProcessor, branding::domains::dns::DnsResolver,
    numbers::carrier::Carrier,
};
use tokio::task::JoinHandle;

const EVERY: Duration = Duration::from_secs(60);

pub fn spawn(
    db: domain::Db,
    payments: Arc<dyn PaymentProcessor>,
    carrier: Arc<dyn Carrier>,
    dns: Arc<dyn DnsResolver>,
    platform_domain: String,
    platform_name: String,
    base_url: String,
) -> JoinHandle<()> {
    // Names this instance's claims on carrier jobs (two instances never run one twice).
    let instance = format!("periodic-{}", uuid::Uuid::now_v7());
    tokio::spawn(async move {
        loop {
            let now = chrono::Utc::now();
            match domain::tenants::purge_due(&db, now).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(purged = n, "tenants purged after 90 days"),
                Err(err) => tracing::warn!(%err, "tenant purge failed; retrying next round"),
            }
            match domain::numbers::jobs::run_due(&db, carrier.as_ref(), &instance, now).await {
                Ok(r) if r.done + r.failed > 0 => {
                    tracing::info!(done = r.done, failed = r.failed, "carrier jobs");
                }
                Ok(_) => {}
                Err(err) => tracing::warn!(%err, "carrier jobs failed; retrying next round"),
            }
            match domain::branding::domains::recheck_due(&db, dns.as_ref(), &platform_domain, now)
                .await
            {
                Ok(0) => {}
                Ok(n) => tracing::info!(checked = n, "custom domains re-checked"),
                Err(err) => tracing::warn!(%err, "domain re-check failed; retrying next round"),
            }
            match domain::billing::plan::expire_trials(&db, now).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(
                    expired = n,
                    "trials ended; partners paused until they activate"
                ),
                Err(err) => tracing::warn!(%err, "trial expiry failed; retrying next round"),
            }
            match domain::billing::cycle::run_due(&db, payments.as_ref(), now).await {
                Ok(r) if r.cycled > 0 => tracing::info!(
                    cycled = r.cycled,
                    card_failures = r.card_failures,
                    "monthly cycle"
                ),
                Ok(_) => {}
                Err(err) => tracing::warn!(%err, "monthly cycle failed; retrying next round"),
            }
            let recharge = domain::billing::auto_recharge::run_due(
                &db,
                payments.as_ref(),
                &platform_name,
                &base_url,
                now,
            )
            .await;
            match recharge {
                Ok(r) if r.charged + r.failed > 0 => {
                    tracing::info!(
                        charged = r.charged,
                        failed = r.failed,
                        "auto-recharge round"
                    );
                }
                Ok(_) => {}
                Err(err) => tracing::warn!(%err, "auto-recharge round failed; retrying"),
            }
            // New carrier work (a purchase) wakes the round early, so a bought number
            // comes into service in moments rather than up to a minute later.
            tokio::select! {
                () = tokio::time::sleep(EVERY) => {}
                () = domain::numbers::jobs::WAKE.notified() => {}
            }
        }
    })
}
