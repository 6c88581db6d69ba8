//! Background work inside `server serve`. Every worker claims its rows through the
//! database (leases), so any number of instances can run side by side, and stopping one
//! mid-round loses nothing: its leases run out and another instance carries on.

mod mail;
mod periodic;
mod webhooks;

use tokio::task::JoinHandle;

use crate::{cli::CliError, state::AppState};

/// The running workers; dropping them does not stop them, [`Workers::stop`] does.
pub struct Workers {
    handles: Vec<JoinHandle<()>>,
}

impl Workers {
    /// Starts every worker this configuration asks for.
    pub fn start(state: &AppState) -> Result<Self, CliError> {
        let (config, db) = (&state.config, state.db());
        let instance = instance_id();
        let mut handles = vec![periodic::spawn(
            state.services.clone(),
            config.public_base_url(),
        )];
        let sender = domain::webhooks::Sender::new(config.allow_private_webhooks)
            .map_err(|e| CliError::Io(std::io::Error::other(e.to_string())))?;
        handles.push(webhooks::spawn(
            db.clone(),
            domain::webhooks::Worker {
                sender,
                secrets: state.services.secrets.clone(),
                platform_name: config.platform_name.clone(),
                base_url: config.public_base_url(),
            },
            instance.clone(),
        ));
        if let Some(url) = &config.smtp_url {
            let mailer = domain::mail::delivery::SmtpMailer::from_url(url, &config.mail_from)
                .map_err(|e| {
                    CliError::Io(std::io::Error::other(format!(
                        "SWITCHBOARD_SMTP_URL cannot be used: {e}"
                    )))
                })?;
            handles.push(mail::spawn(db.clone(), Box::new(mailer), instance.clone()));
            tracing::info!(sender = %config.mail_from, "mail: delivering the outbox over SMTP");
        } else {
            tracing::info!(
                "mail: no SWITCHBOARD_SMTP_URL, messages stay in the outbox (/admin/outbox)"
            );
        }
        Ok(Self { handles })
    }

    /// Stops the workers after the HTTP server has drained.
    pub fn stop(self) {
        for handle in self.handles {
            handle.abort();
        }
    }
}

/// Names this process in leases: host, pid and a random part (two instances on one host
/// with recycled pids still differ).
fn instance_id() -> String {
    let host = std::env::var("HOSTNAME").unwrap_or_else(|_| "host".into());
    // The tail of a v7 id is random.
    let random = uuid::Uuid::now_v7().simple().to_string();
    format!("{host}-{}-{}", std::process::id(), &random[24..])
}
