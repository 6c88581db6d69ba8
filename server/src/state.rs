//! The one application state, built in `main` and handed to every handler.

use std::sync::Arc;

use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use metrics_exporter_prometheus::PrometheusHandle;

use crate::config::Config;

#[derive(Clone)]
pub struct AppState {
    pub config: Arc<Config>,
    pub leptos: LeptosOptions,
    /// What server functions and pages may use, handed to them through Leptos context.
    pub services: app::context::Services,
    pub metrics: PrometheusHandle,
    /// The API's per-key and per-partner request counters.
    pub api_limits: crate::http::ApiLimits,
    /// Set to the finished router by `http::router`.
    pub pages: crate::http::pages::RouterPages,
}

impl AppState {
    pub fn new(config: Config, db: domain::Db) -> Self {
        let leptos = leptos_options(&config);
        let pages = crate::http::pages::RouterPages::default();
        let gateway = gateway(&config);
        let services = app::context::Services {
            db,
            version: env!("CARGO_PKG_VERSION"),
            started_at: chrono::Utc::now(),
            secrets: gateway.secrets.clone(),
            payments: gateway.platform.clone(),
            gateway,
            carrier: Arc::new(domain::numbers::carrier::EmbeddedCarrier::new()),
            dns: dns(&config),
            platform_name: config.platform_name.clone(),
            platform_domain: config.platform_domain.clone(),
            public_base_url: config.public_base_url(),
            mail_from: config.mail_from.clone(),
            files: domain::files::FileStore::new(config.data_dir.join("files")),
            allow_private_webhooks: config.allow_private_webhooks,
            pages: Arc::new(pages.clone()),
        };
        Self {
            config: Arc::new(config),
            leptos,
            services,
            metrics: crate::telemetry::metrics_handle(),
            api_limits: crate::http::ApiLimits::default(),
            pages,
        }
    }

    pub fn db(&self) -> &domain::Db {
        &self.services.db
    }
}

/// Stripe when a secret key is configured, the built-in test processor otherwise (which
/// refuses every real card, so a broken Stripe setting can never fake a payment).
fn payments(config: &Config) -> Arc<dyn domain::billing::processor::PaymentProcessor> {
    let Some(key) = &config.stripe_secret_key else {
        return Arc::new(domain::billing::processor::BuiltinProcessor);
    };
    match domain::billing::stripe::StripeProcessor::new(key, config.stripe_api_base.as_deref()) {
        Ok(stripe) => Arc::new(stripe),
        Err(err) => {
            tracing::error!(%err, "Stripe cannot be used; only test cards will be accepted");
            Arc::new(domain::billing::processor::BuiltinProcessor)
        }
    }
}

/// How partners' tenants pay: the platform's processor, plus Stripe's key and address
/// for Connect and for partners' own keys.
pub fn gateway(config: &Config) -> domain::billing::gateway::Gateway {
    domain::billing::gateway::Gateway {
        platform: payments(config),
        stripe_secret_key: config.stripe_secret_key.clone(),
        stripe_api_base: config.stripe_api_base.clone(),
        stripe_publishable_key: config.stripe_publishable_key.clone(),
        stripe_js: config.stripe_js_url.clone(),
        secrets: domain::crypto::SecretBox::new(config.secret_key.bytes()),
    }
}

/// How custom domains are looked up: the records file when configured, the system's
/// resolvers otherwise.
fn dns(config: &Config) -> Arc<dyn domain::branding::domains::dns::DnsResolver> {
    use domain::branding::domains::dns::{StaticDns, SystemDns};
    if let Some(path) = &config.dns_records_file {
        return Arc::new(StaticDns::from_file(path));
    }
    match SystemDns::new() {
        Ok(system) => Arc::new(system),
        Err(err) => {
            // No resolver configuration: every check then reports DNS unreachable and
            // is retried, rather than the server refusing to start.
            tracing::error!(%err, "no DNS resolvers; custom domains cannot be verified");
            Arc::new(StaticDns::in_memory())
        }
    }
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos.clone()
    }
}

/// Leptos' runtime options: `Leptos.toml` (with its `LEPTOS_*` overrides) when the
/// server runs from the project directory, built-in defaults otherwise. The listen
/// address always comes from our own configuration so there is one source of truth.
fn leptos_options(config: &Config) -> LeptosOptions {
    let mut options = match leptos::config::get_configuration(Some("Leptos.toml")) {
        Ok(file) => file.leptos_options,
        Err(_) => LeptosOptions::builder()
            .output_name("portal")
            .site_root(std::env::var("LEPTOS_SITE_ROOT").unwrap_or_else(|_| "target/site".into()))
            .site_pkg_dir("pkg")
            .build(),
    };
    options.site_addr = config.site_addr;
    options
}
