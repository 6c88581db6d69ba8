//! The HTTP side of a delivery: one POST with a 10-second limit, redirects not followed,
//! and (outside development) only to public addresses, checked on the addresses the name
//! resolves to at send time, so a name re-pointed at an internal host is refused too.

use std::{net::SocketAddr, time::Duration};

use model::{
    AppError,
    webhooks::{TIMEOUT_SECS, is_public_ip},
};
use reqwest::dns::{Addrs, Name, Resolve, Resolving};

use crate::error::internal;

/// Keep this much of an endpoint's answer for the deliveries view.
const KEEP_BYTES: usize = 4 * 1024;

/// What one attempt came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sent {
    pub status: Option<u16>,
    /// `200 OK`, `Timeout`, `Connection failed: …`
    pub outcome: String,
    pub body: Option<String>,
    pub duration_ms: i64,
    /// A 2xx in time.
    pub succeeded: bool,
}

/// Posts webhooks. One per process: it pools connections.
#[derive(Debug, Clone)]
pub struct Sender {
    client: reqwest::Client,
    allow_private: bool,
}

impl Sender {
    /// `allow_private` is `SWITCHBOARD_ALLOW_PRIVATE_WEBHOOKS`: http and private
    /// addresses allowed (development and tests).
    pub fn new(allow_private: bool) -> Result<Self, AppError> {
        // Both this client and Stripe's use rustls on ring; whichever starts first
        // installs it.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let mut builder = reqwest::Client::builder()
            .timeout(Duration::from_secs(TIMEOUT_SECS))
            .connect_timeout(Duration::from_secs(TIMEOUT_SECS))
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy()
            .user_agent("Switchboard-Webhooks/1")
            .pool_max_idle_per_host(8);
        if !allow_private {
            builder = builder
                .https_only(true)
                .dns_resolver(std::sync::Arc::new(PublicOnly));
        }
        Ok(Self {
            client: builder.build().map_err(internal)?,
            allow_private,
        })
    }

    /// POSTs `body` with `headers` to `url` and reports what came back.
    pub async fn post(&self, url: &str, headers: &[(&str, String)], body: String) -> Sent {
        let started = std::time::Instant::now();
        let elapsed = || i64::try_from(started.elapsed().as_millis()).unwrap_or(i64::MAX);
        if let Err(outcome) = self.target_allowed(url) {
            return failed(outcome, elapsed());
        }
        let mut request = self
            .client
            .post(url)
            .header("content-type", "application/json");
        for (name, value) in headers {
            request = request.header(*name, value);
        }
        let mut response = match request.body(body).send().await {
            Ok(response) => response,
            Err(err) => return failed(describe(&err), elapsed()),
        };
        let status = response.status();
        let mut kept = Vec::new();
        let mut cut_short = None;
        while kept.len() < KEEP_BYTES {
            match response.chunk().await {
                Ok(Some(chunk)) => kept.extend_from_slice(&chunk),
                Ok(None) => break,
                Err(err) => {
                    cut_short = Some(describe(&err));
                    break;
                }
            }
        }
        kept.truncate(KEEP_BYTES);
        let mut outcome = format!(
            "{} {}",
            status.as_u16(),
            status.canonical_reason().unwrap_or_default()
        )
        .trim_end()
        .to_owned();
        if status.is_redirection() {
            outcome.push_str(" (redirects are not followed)");
        }
        // An answer whose body did not arrive in time did not arrive in time.
        let succeeded = status.is_success() && cut_short.is_none();
        if let Some(problem) = cut_short {
            outcome = format!("{outcome}, then {problem}");
        }
        Sent {
            status: Some(status.as_u16()),
            outcome,
            body: Some(String::from_utf8_lossy(&kept).into_owned()),
            duration_ms: elapsed(),
            succeeded,
        }
    }

    /// Outside development: https only, and an address written as an IP must be public
    /// (names are checked by the resolver, as they resolve).
    fn target_allowed(&self, url: &str) -> Result<(), String> {
        if self.allow_private {
            return Ok(());
        }
        let parsed = reqwest::Url::parse(url).map_err(|_| "Not a valid URL".to_owned())?;
        if parsed.scheme() != "https" {
            return Err("Refused: only https:// targets are allowed".into());
        }
        let private = match parsed.host() {
            Some(url::Host::Ipv4(ip)) => !is_public_ip(ip.into()),
            Some(url::Host::Ipv6(ip)) => !is_public_ip(ip.into()),
            Some(url::Host::Domain(name)) => model::webhooks::private_host_name(name),
            None => true,
        };
        if private {
            return Err("Refused: the target is a private address".into());
        }
        Ok(())
    }
}

fn failed(outcome: String, duration_ms: i64) -> Sent {
    Sent {
        status: None,
        outcome,
        body: None,
        duration_ms,
        succeeded: false,
    }
}

/// A short reason for a request that got no answer.
fn describe(err: &reqwest::Error) -> String {
    if err.is_timeout() {
        return format!("Timeout (no answer within {TIMEOUT_SECS} s)");
    }
    // The innermost cause says what actually happened ("Connection refused").
    let mut cause: &dyn std::error::Error = err;
    while let Some(next) = cause.source() {
        cause = next;
    }
    let what = if err.is_connect() {
        "Connection failed"
    } else {
        "Request failed"
    };
    let text = format!("{what}: {cause}");
    text.chars().take(200).collect()
}

/// Resolves names with the system resolver and keeps only public addresses.
struct PublicOnly;

impl Resolve for PublicOnly {
    fn resolve(&self, name: Name) -> Resolving {
        let host = name.as_str().to_owned();
        Box::pin(async move {
            let found: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), 0))
                .await?
                .filter(|addr| is_public_ip(addr.ip()))
                .collect();
            if found.is_empty() {
                return Err(format!("Refused: {host} resolves only to private addresses").into());
            }
            Ok(Box::new(found.into_iter()) as Addrs)
        })
    }
}
