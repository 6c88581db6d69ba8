//! Typed configuration, layered: built-in defaults, then an optional TOML file, then
//! the environment (which wins). Every problem is reported at once, by key, before
//! anything starts.
//!
//! The file is `switchboard.toml` in the working directory when present, or the path in
//! `SWITCHBOARD_CONFIG` (which must exist). Its keys are the environment variable names:
//!
//! ```toml
//! DATABASE_URL = "postgres://switchboard@db/switchboard"
//! SWITCHBOARD_PLATFORM_NAME = "Acme Cloud"
//! ```

mod secret;
mod source;

#[cfg(test)]
mod tests;

use std::{fmt, path::PathBuf};

pub use secret::SecretKey;
use source::Source;

pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/switchboard.db?mode=rwc";

#[derive(Clone)]
pub struct Config {
    pub database_url: String,
    pub site_addr: std::net::SocketAddr,
    /// Shown to partners and platform admins; never to tenants.
    pub platform_name: String,
    /// Partners live at `SLUG.<platform_domain>`.
    pub platform_domain: String,
    /// Where generated files (the secret key, uploads) live.
    pub data_dir: PathBuf,
    pub secret_key: SecretKey,
    pub smtp_url: Option<String>,
    /// The sender address for brands without their own (`SWITCHBOARD_MAIL_FROM`,
    /// default `no-reply@<platform domain>`).
    pub mail_from: String,
    /// Charges partners' cards through Stripe when set; the built-in test processor
    /// otherwise.
    pub stripe_secret_key: Option<String>,
    /// Another Stripe API base (a local stripe-mock or fake); Stripe's own when unset.
    pub stripe_api_base: Option<String>,
    /// With it, browsers collect live cards with Stripe's card form (Stripe Elements)
    /// for the accounts the platform's key charges.
    pub stripe_publishable_key: Option<String>,
    /// Where browsers load Stripe.js from: Stripe's own address unless a test points it
    /// at a stand-in.
    pub stripe_js_url: String,
    /// Answer custom-domain lookups from this records file instead of DNS (private
    /// networks without public DNS, and the browser tests).
    pub dns_records_file: Option<String>,
    pub allow_private_webhooks: bool,
    pub log_format: LogFormat,
    /// Things worth saying once logging is up (for example a generated secret key).
    pub warnings: Vec<String>,
}

impl Config {
    /// Where people reach the platform, for links in mail sent outside a request (a
    /// request's own links use its Host). `localhost` means this machine's port.
    pub fn public_base_url(&self) -> String {
        if self.platform_domain == "localhost" {
            format!("http://localhost:{}", self.site_addr.port())
        } else {
            format!("https://{}", self.platform_domain)
        }
    }
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Credentials may sit in the URLs: show only their scheme.
        let scheme = |u: &str| u.split("://").next().unwrap_or("").to_owned();
        f.debug_struct("Config")
            .field("database", &scheme(&self.database_url))
            .field("site_addr", &self.site_addr)
            .field("platform_name", &self.platform_name)
            .field("platform_domain", &self.platform_domain)
            .field("data_dir", &self.data_dir)
            .field("smtp", &self.smtp_url.as_deref().map(scheme))
            .field("mail_from", &self.mail_from)
            .field("stripe", &self.stripe_secret_key.as_ref().map(|_| "set"))
            .field("allow_private_webhooks", &self.allow_private_webhooks)
            .field("log_format", &self.log_format)
            .finish_non_exhaustive()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    /// One JSON object per line (production, log shippers).
    Json,
    /// Human-readable lines (a terminal).
    Pretty,
}

/// Every configuration problem found, one per key.
#[derive(Debug, thiserror::Error)]
#[error("invalid configuration:\n{}", .problems.iter().map(|(k, m)| format!("  - {k}: {m}")).collect::<Vec<_>>().join("\n"))]
pub struct ConfigError {
    pub problems: Vec<(String, String)>,
}

impl Config {
    /// Reads the real process environment and config file.
    pub fn load() -> Result<Self, ConfigError> {
        Self::from_source(Source::from_process()?)
    }

    /// For tests and tools: configuration from explicit key/value pairs only.
    pub fn from_pairs<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Self, ConfigError> {
        Self::from_source(Source::from_pairs(pairs))
    }

    fn from_source(src: Source) -> Result<Self, ConfigError> {
        let mut problems = Vec::new();
        let mut warnings = Vec::new();
        let mut bad = |key: &str, message: String| problems.push((key.to_owned(), message));

        let database_url = src
            .get("DATABASE_URL")
            .unwrap_or(DEFAULT_DATABASE_URL)
            .to_owned();
        if !["sqlite:", "postgres://", "postgresql://"]
            .iter()
            .any(|p| database_url.starts_with(p))
        {
            bad(
                "DATABASE_URL",
                "must start with sqlite:// or postgres://".into(),
            );
        }

        let site_addr_text = src.get("LEPTOS_SITE_ADDR").unwrap_or("127.0.0.1:3000");
        let site_addr = site_addr_text.parse().unwrap_or_else(|_| {
            bad(
                "LEPTOS_SITE_ADDR",
                format!("\"{site_addr_text}\" is not an address like 127.0.0.1:3000"),
            );
            ([127, 0, 0, 1], 3000).into()
        });

        let platform_name = src
            .get("SWITCHBOARD_PLATFORM_NAME")
            .unwrap_or("Switchboard")
            .trim()
            .to_owned();
        if platform_name.is_empty() || platform_name.chars().count() > 60 {
            bad(
                "SWITCHBOARD_PLATFORM_NAME",
                "must be 1 to 60 characters".into(),
            );
        }

        let platform_domain = src
            .get("SWITCHBOARD_PLATFORM_DOMAIN")
            .unwrap_or("localhost")
            .trim()
            .to_ascii_lowercase();
        if !is_hostname(&platform_domain) {
            bad(
                "SWITCHBOARD_PLATFORM_DOMAIN",
                format!("\"{platform_domain}\" is not a host name like voice.example.com"),
            );
        }

        let data_dir = PathBuf::from(src.get("SWITCHBOARD_DATA_DIR").unwrap_or("data"));

        let secret_key = match src.get("SWITCHBOARD_SECRET_KEY") {
            Some(text) => SecretKey::parse(text).unwrap_or_else(|m| {
                bad("SWITCHBOARD_SECRET_KEY", m);
                SecretKey::zero()
            }),
            None => match SecretKey::load_or_generate(&data_dir) {
                Ok((key, generated)) => {
                    if generated {
                        warnings.push(format!(
                            "SWITCHBOARD_SECRET_KEY is not set: generated one into {}. Back it up with the database; \
                             encrypted secrets cannot be read without it.",
                            data_dir.join(secret::FILE_NAME).display()
                        ));
                    }
                    key
                }
                Err(m) => {
                    bad("SWITCHBOARD_SECRET_KEY", m);
                    SecretKey::zero()
                }
            },
        };

        let smtp_url = src
            .get("SWITCHBOARD_SMTP_URL")
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned);
        if smtp_url
            .as_deref()
            .is_some_and(|url| !(url.starts_with("smtp://") || url.starts_with("smtps://")))
        {
            bad(
                "SWITCHBOARD_SMTP_URL",
                "must start with smtp:// or smtps://".into(),
            );
        }

        let mail_from = match src.get("SWITCHBOARD_MAIL_FROM").map(str::trim) {
            None | Some("") => format!("no-reply@{platform_domain}"),
            Some(v) => model::auth::Email::parse(v).map_or_else(
                |m| {
                    bad("SWITCHBOARD_MAIL_FROM", m);
                    String::new()
                },
                |e| e.to_string(),
            ),
        };

        let optional = |key: &str| {
            src.get(key)
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
        };
        let stripe_secret_key = optional("SWITCHBOARD_STRIPE_SECRET_KEY");
        if stripe_secret_key
            .as_deref()
            .is_some_and(|k| !(k.starts_with("sk_") || k.starts_with("rk_")))
        {
            bad(
                "SWITCHBOARD_STRIPE_SECRET_KEY",
                "must be a Stripe secret key (sk_… or rk_…)".into(),
            );
        }
        let stripe_publishable_key = optional("SWITCHBOARD_STRIPE_PUBLISHABLE_KEY");
        if let Some(pk) = &stripe_publishable_key {
            let fits = model::billing::payments::parse_publishable_key(pk).and_then(|pk| {
                match &stripe_secret_key {
                    Some(sk) => model::billing::payments::keys_match(sk, &pk),
                    None => Err("needs SWITCHBOARD_STRIPE_SECRET_KEY as well".into()),
                }
            });
            if let Err(problem) = fits {
                bad("SWITCHBOARD_STRIPE_PUBLISHABLE_KEY", problem);
            }
        }
        let stripe_js_url = optional("SWITCHBOARD_STRIPE_JS_URL")
            .unwrap_or_else(|| domain::billing::gateway::STRIPE_JS.to_owned());
        if !(stripe_js_url.starts_with("https://") || stripe_js_url.starts_with("http://")) {
            bad(
                "SWITCHBOARD_STRIPE_JS_URL",
                "must start with https:// or http://".into(),
            );
        }
        let dns_records_file = optional("SWITCHBOARD_DNS_RECORDS_FILE");
        let stripe_api_base = optional("SWITCHBOARD_STRIPE_API_BASE");
        if stripe_api_base
            .as_deref()
            .is_some_and(|u| !(u.starts_with("http://") || u.starts_with("https://")))
        {
            bad(
                "SWITCHBOARD_STRIPE_API_BASE",
                "must start with http:// or https://".into(),
            );
        }

        let allow_private_webhooks =
            match src.get("SWITCHBOARD_ALLOW_PRIVATE_WEBHOOKS").map(str::trim) {
                None | Some("") => false,
                Some(v) => parse_bool(v).unwrap_or_else(|| {
                    bad(
                        "SWITCHBOARD_ALLOW_PRIVATE_WEBHOOKS",
                        format!("\"{v}\" is not true or false"),
                    );
                    false
                }),
            };

        let log_format = match src.get("SWITCHBOARD_LOG_FORMAT").map(str::trim) {
            None | Some("") | Some("pretty") => LogFormat::Pretty,
            Some("json") => LogFormat::Json,
            Some(v) => {
                bad(
                    "SWITCHBOARD_LOG_FORMAT",
                    format!("\"{v}\" is not json or pretty"),
                );
                LogFormat::Pretty
            }
        };

        if !problems.is_empty() {
            return Err(ConfigError { problems });
        }
        Ok(Self {
            database_url,
            site_addr,
            platform_name,
            platform_domain,
            data_dir,
            secret_key,
            smtp_url,
            mail_from,
            stripe_secret_key,
            stripe_api_base,
            stripe_publishable_key,
            stripe_js_url,
            dns_records_file,
            allow_private_webhooks,
            log_format,
            warnings,
        })
    }
}

fn parse_bool(v: &str) -> Option<bool> {
    match v.to_ascii_lowercase().as_str() {
        "true" | "1" | "yes" | "on" => Some(true),
        "false" | "0" | "no" | "off" => Some(false),
        _ => None,
    }
}

fn is_hostname(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 253
        && s.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
}
