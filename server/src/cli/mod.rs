//! The command line of the `server` binary (names fixed by CONTRACT.md).

mod serve;

use std::path::PathBuf;

use clap::{Parser, Subcommand};
use model::AppError;

use crate::config::{Config, ConfigError};

#[derive(Debug, Parser)]
#[command(
    name = "server",
    version,
    about = "Switchboard: run a white-label phone company."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Migrate the database and serve HTTP (the default). Background work runs inside
    /// this process as the areas that need it land.
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Create a platform admin (idempotent by email).
    CreatePlatformAdmin {
        #[arg(long)]
        email: String,
        #[arg(long)]
        password: String,
    },
    /// Create a partner (ACTIVE, owner verified) with its owner as Partner Admin; prints
    /// the partner's id.
    CreatePartner {
        #[arg(long)]
        name: String,
        #[arg(long)]
        slug: String,
        #[arg(long)]
        email: String,
        #[arg(long)]
        password: String,
    },
    /// A platform key that may only `POST /v1/cdrs`, for the call engine; prints the key
    /// once (the last word).
    CreateIngestKey {
        #[arg(long)]
        name: String,
    },
    /// A REST API key for partner SLUG, made as its owner; prints the key once (the last
    /// word).
    CreateApiKey {
        #[arg(long)]
        partner: String,
        #[arg(long)]
        name: String,
        /// `all`, or a comma-separated list like `tenants:write,numbers:read`.
        #[arg(long, default_value = "all")]
        scopes: String,
        /// Comma-separated tenant ids the key is limited to.
        #[arg(long, default_value = "")]
        tenants: String,
        /// Requests a minute (default 100, at most 10,000).
        #[arg(long, default_value = "")]
        rate_limit: String,
    },
    /// A demo partner with a few dozen tenants to look around (never run implicitly).
    SeedDemo,
    /// Run every billing step due at `--at` (default: now) and exit: close ended periods
    /// into invoices. Safe to repeat and beside a serving instance: nothing twice.
    BillingRun {
        /// The clock to bill at, RFC 3339 (`2027-01-01T00:00:00Z`).
        #[arg(long, value_name = "RFC3339")]
        at: Option<String>,
    },
    /// Check the audit log's hash chains (every partner's and the platform's).
    VerifyAudit,
    /// Write a consistent online copy of the SQLite database to FILE.
    Backup {
        #[arg(long, value_name = "FILE")]
        to: PathBuf,
    },
}

#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error("{0}")]
    Config(#[from] ConfigError),
    #[error("{}", describe(.0))]
    App(#[from] AppError),
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

impl CliError {
    /// 2 for configuration mistakes (fix and rerun), 1 for everything else.
    pub fn exit_code(&self) -> u8 {
        match self {
            Self::Config(_) => 2,
            Self::App(AppError::Validation { .. }) => 2,
            _ => 1,
        }
    }
}

fn describe(err: &AppError) -> String {
    match err.field_errors() {
        Some(fields) => fields
            .iter()
            .map(|(field, messages)| format!("{field}: {}", messages.join(" ")))
            .collect::<Vec<_>>()
            .join("\n"),
        None => err.to_string(),
    }
}

pub async fn run(cli: Cli) -> Result<(), CliError> {
    let config = Config::load()?;
    crate::telemetry::init_logging(config.log_format);
    for warning in &config.warnings {
        tracing::warn!("{warning}");
    }
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve::run(config).await,
        Command::Migrate => {
            let db = domain::db::connect(&config.database_url).await?;
            let applied = domain::migration::run(&db).await?;
            let noun = if applied == 1 {
                "migration"
            } else {
                "migrations"
            };
            println!("database is up to date ({applied} {noun} applied)");
            Ok(())
        }
        Command::CreatePlatformAdmin { email, password } => {
            let db = connect_and_migrate(&config).await?;
            let outcome = domain::auth::platform_admin::create(&db, &email, &password).await?;
            if outcome.created {
                println!(
                    "created platform admin {} ({})",
                    email.trim().to_lowercase(),
                    outcome.id
                );
            } else {
                println!(
                    "platform admin {} already exists ({}); nothing changed",
                    email.trim().to_lowercase(),
                    outcome.id
                );
            }
            Ok(())
        }
        Command::CreatePartner {
            name,
            slug,
            email,
            password,
        } => {
            let db = connect_and_migrate(&config).await?;
            let input = domain::partners::NewPartner {
                name: &name,
                slug: &slug,
                owner_email: &email,
                owner_password: &password,
            };
            let created =
                domain::partners::create_by_operator(&db, input, chrono::Utc::now()).await?;
            println!(
                "created partner {} ({}) with owner {}; partner id: {}",
                created.partner.name,
                created.partner.slug,
                created.owner.email,
                created.partner.public_id
            );
            Ok(())
        }
        Command::BillingRun { at } => {
            let at = match at {
                None => chrono::Utc::now(),
                Some(text) => chrono::DateTime::parse_from_rfc3339(text.trim())
                    .map_err(|_| {
                        AppError::invalid("at", "Use an RFC 3339 time like 2027-01-01T00:00:00Z.")
                    })?
                    .with_timezone(&chrono::Utc),
            };
            let db = connect_and_migrate(&config).await?;
            let base_url = config.public_base_url();
            let portal = domain::invoicing::document::Portal {
                base_url: &base_url,
                platform_domain: &config.platform_domain,
            };
            let gateway = crate::state::gateway(&config);
            let summary = domain::invoicing::cycle::run(&db, portal, &gateway, at).await?;
            println!(
                "{}",
                serde_json::to_string(&summary).map_err(domain::error::internal)?
            );
            Ok(())
        }
        Command::CreateIngestKey { name } => {
            let db = connect_and_migrate(&config).await?;
            let created = domain::usage::keys::create(&db, &name, chrono::Utc::now()).await?;
            println!(
                "created ingest key {} ({name}); it is shown only now: {}",
                created.id, created.key
            );
            Ok(())
        }
        Command::CreateApiKey {
            partner,
            name,
            scopes,
            tenants,
            rate_limit,
        } => {
            let db = connect_and_migrate(&config).await?;
            let list = |s: &str| -> Vec<String> {
                s.split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .collect()
            };
            let form = model::api::ApiKeyForm {
                name,
                scopes: list(&scopes),
                tenants: list(&tenants),
                rate_limit,
                expires_in_days: String::new(),
            };
            let made =
                domain::api::keys::create_for_partner(&db, &partner, &form, chrono::Utc::now())
                    .await?;
            println!(
                "created API key {} ({}) for {partner}; it is shown only now: {}",
                made.key.id, made.key.name, made.secret
            );
            Ok(())
        }
        Command::SeedDemo => {
            let db = connect_and_migrate(&config).await?;
            // The built-in carrier: the demo's numbers come from its inventory.
            let carrier = domain::numbers::carrier::EmbeddedCarrier::new();
            let base_url = config.public_base_url();
            let portal = domain::invoicing::document::Portal {
                base_url: &base_url,
                platform_domain: &config.platform_domain,
            };
            let gateway = crate::state::gateway(&config);
            let seeded =
                domain::demo::seed(&db, &carrier, portal, &gateway, chrono::Utc::now()).await?;
            match seeded.password {
                Some(password) => println!(
                    "seeded the demo partner with {} tenants and {} numbers; sign in as {} with password {password}",
                    seeded.tenants, seeded.numbers, seeded.owner_email
                ),
                None => println!(
                    "the demo partner already exists (sign in as {}); nothing changed",
                    seeded.owner_email
                ),
            }
            Ok(())
        }
        Command::VerifyAudit => {
            let db = connect_and_migrate(&config).await?;
            let reports = domain::audit::verify_all(&db).await?;
            let mut broken = 0;
            for (chain, report) in &reports {
                match report.first_broken_seq {
                    None => println!("chain {chain}: {} entries, intact", report.entries),
                    Some(seq) => {
                        broken += 1;
                        println!(
                            "chain {chain}: {} entries, BROKEN at entry {seq}",
                            report.entries
                        );
                    }
                }
            }
            if broken == 0 {
                Ok(())
            } else {
                Err(
                    AppError::conflict(format!("{broken} audit chain(s) failed verification"))
                        .into(),
                )
            }
        }
        Command::Backup { to } => {
            let db = domain::db::connect(&config.database_url).await?;
            let bytes = domain::system::backup(&db, &to).await?;
            println!("backed up the database to {} ({bytes} bytes)", to.display());
            Ok(())
        }
    }
}

pub(crate) async fn connect_and_migrate(config: &Config) -> Result<domain::Db, AppError> {
    let db = domain::db::connect(&config.database_url).await?;
    domain::migration::run(&db).await?;
    Ok(db)
}
