//! Delivers the mail outbox: a round every few seconds, at once again while there is a
//! backlog.

use std::time::Duration;

use domain::mail::delivery::{self, Mailer};
use tokio::task::JoinHandle;

const IDLE: Duration = Duration::from_secs(3);

pub fn spawn(db: domain::Db, mailer: Box<dyn Mailer>, instance: String) -> JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            let pause =
                match delivery::deliver_due(&db, mailer.as_ref(), &instance, chrono::Utc::now())
                    .await
                {
                    Ok(round) if round.sent + round.failed > 0 => {
                        tracing::info!(sent = round.sent, failed = round.failed, "mail round");
                        Duration::ZERO
                    }
                    Ok(_) => IDLE,
                    Err(err) => {
                        tracing::warn!(%err, "mail round failed; retrying");
                        IDLE
                    }
                };
            if !pause.is_zero() {
                tokio::time::sleep(pause).await;
            }
        }
    })
}
