//! Jobs that run every minute on every instance (and at once when carrier work is
//! queued): purging tenants whose 90 days are up, carrier jobs and port-in steps,
//! re-checking custom domains' DNS records, pausing partners whose trial ended, the
//! monthly cycle, auto-recharging wallets below their threshold, and forgetting old
//! webhook history and idempotent answers. All are safe to rerun and to run on two
//! instances at once (each claims its rows in the database).

use std::time::Duration;

use tokio::task::JoinHandle;

const EVERY: Duration = Duration::from_secs(60);

pub fn spawn(services: app::context::Services, base_url: String) -> JoinHandle<()> {
    // Names this instance's claims on carrier jobs (two instances never run one twice).
    let instance = format!("periodic-{}", uuid::Uuid::now_v7());
    tokio::spawn(async move {
        let db = &services.db;
        let (carrier, payments, dns) = (&services.carrier, &services.payments, &services.dns);
        let (platform_domain, platform_name) = (&services.platform_domain, &services.platform_name);
        let ports = domain::numbers::ports::Worker {
            carrier: carrier.as_ref(),
            secrets: &services.secrets,
            mailing: domain::numbers::ports::Mailing {
                platform_name,
                base_url: &base_url,
            },
        };
        loop {
            let now = chrono::Utc::now();
            match domain::tenants::purge_due(db, now).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(purged = n, "tenants purged after 90 days"),
                Err(err) => tracing::warn!(%err, "tenant purge failed; retrying next round"),
            }
            // A step that finished may have queued the next one for now (a port
            // submitted is asked for its answer at once): run again until nothing is due.
            for _ in 0..10 {
                let numbers =
                    domain::numbers::jobs::run_due(db, carrier.as_ref(), &instance, now).await;
                let ported = domain::numbers::ports::run_due(db, &ports, &instance, now).await;
                let mut done = 0;
                for (what, round) in [("carrier jobs", numbers), ("port steps", ported)] {
                    match round {
                        Ok(r) if r.done + r.failed > 0 => {
                            tracing::info!(done = r.done, failed = r.failed, "{what}");
                            done += r.done;
                        }
                        Ok(_) => {}
                        Err(err) => tracing::warn!(%err, "{what} failed; retrying next round"),
                    }
                }
                if done == 0 {
                    break;
                }
            }
            match domain::webhooks::retention::purge(db, now).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(forgotten = n, "webhook history older than 30 days"),
                Err(err) => {
                    tracing::warn!(%err, "webhook history purge failed; retrying next round")
                }
            }
            match domain::api::idempotency::purge(db, now).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(forgotten = n, "idempotent answers older than a day"),
                Err(err) => tracing::warn!(%err, "idempotency purge failed; retrying next round"),
            }
            match domain::branding::domains::recheck_due(db, dns.as_ref(), platform_domain, now)
                .await
            {
                Ok(0) => {}
                Ok(n) => tracing::info!(checked = n, "custom domains re-checked"),
                Err(err) => tracing::warn!(%err, "domain re-check failed; retrying next round"),
            }
            match domain::billing::plan::expire_trials(db, now).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(
                    expired = n,
                    "trials ended; partners paused until they activate"
                ),
                Err(err) => tracing::warn!(%err, "trial expiry failed; retrying next round"),
            }
            match domain::billing::cycle::run_due(db, payments.as_ref(), now).await {
                Ok(r) if r.cycled > 0 => tracing::info!(
                    cycled = r.cycled,
                    card_failures = r.card_failures,
                    "monthly cycle"
                ),
                Ok(_) => {}
                Err(err) => tracing::warn!(%err, "monthly cycle failed; retrying next round"),
            }
            match domain::invoicing::cycle::run(db, services.portal(), &services.gateway, now).await
            {
                Ok(r) if r != domain::invoicing::cycle::Summary::default() => tracing::info!(
                    invoices = r.invoices_created,
                    tenants = r.tenants_billed,
                    sent = r.invoices_sent,
                    overdue = r.invoices_overdue,
                    suspended = r.tenants_suspended,
                    "billing run"
                ),
                Ok(_) => {}
                Err(err) => tracing::warn!(%err, "billing run failed; retrying next round"),
            }
            let recharge = domain::billing::auto_recharge::run_due(
                db,
                payments.as_ref(),
                platform_name,
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
