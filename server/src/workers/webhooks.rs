//! Delivers webhooks: a round every second (events become deliveries, due attempts are
//! made), at once again while there is a backlog. Claims are leases in the database, so
//! instances share the work and a stopped one loses nothing.

use std::time::Duration;

use domain::webhooks::{Worker, run_due};
use tokio::task::JoinHandle;

const IDLE: Duration = Duration::from_secs(1);

pub fn spawn(db: domain::Db, worker: Worker, instance: String) -> JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            let busy = match run_due(&db, &worker, &instance, chrono::Utc::now()).await {
                Ok(round) if round.delivered + round.failed > 0 => {
                    tracing::info!(
                        delivered = round.delivered,
                        failed = round.failed,
                        "webhook round"
                    );
                    true
                }
                Ok(round) => round.fanned_out > 0,
                Err(err) => {
                    tracing::warn!(%err, "webhook round failed; retrying");
                    false
                }
            };
            if !busy {
                tokio::time::sleep(IDLE).await;
            }
        }
    })
}
