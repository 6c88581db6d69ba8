//! Password sign-in. Throttled per account and per address through the database (so
//! several server instances share one count), and indistinguishable for unknown emails
//! and wrong passwords: same message, and an unknown email still pays for one argon2
//! verification so the timing does not tell either.

use std::sync::OnceLock;

use chrono::{DateTime, Duration, Utc};
use model::{AppError, auth::Password, partners::PartnerStatus};
use sea_orm::{QueryOrder, entity::prelude::*, sea_query::Expr};

use super::{link, password, session, user};
use crate::{audit, error::db_error, partners::partner};

/// Failed attempts allowed per account, and per client address, inside the window.
pub const MAX_FAILURES_PER_ACCOUNT: u64 = 5;
pub const MAX_FAILURES_PER_IP: u64 = 20;
pub const WINDOW: Duration = Duration::minutes(15);

pub const WRONG_CREDENTIALS: &str = "The email or password is incorrect.";

mod attempt {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "login_attempts")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub email: String,
        pub ip: String,
        pub succeeded: bool,
        pub at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub struct Credentials<'a> {
    pub email: &'a str,
    pub password: &'a str,
    pub ip: &'a str,
    pub user_agent: Option<&'a str>,
}

/// What a correct password leads to.
#[derive(Debug)]
pub enum Outcome {
    SignedIn(Box<SignedIn>),
    /// Two-factor sign-in is on: exchange this ticket (valid 5 minutes) and a code for
    /// the session with [`sign_in_with_code`].
    CodeRequired {
        ticket: String,
    },
}

impl Outcome {
    /// The session, for callers (and tests) that know no code is needed.
    pub fn into_signed_in(self) -> Result<SignedIn, AppError> {
        match self {
            Self::SignedIn(s) => Ok(*s),
            Self::CodeRequired { .. } => Err(AppError::conflict("A two-factor code is required.")),
        }
    }
}

pub const CODE_TICKET: Duration = Duration::minutes(5);
const CODE_PURPOSE: &str = "sign_in_code";

#[derive(Debug)]
pub struct SignedIn {
    /// The new session id for the cookie (a fresh one at every sign-in).
    pub session: String,
    pub user: user::Model,
}

pub async fn sign_in(
    db: &crate::Db,
    creds: Credentials<'_>,
    now: DateTime<Utc>,
) -> Result<Outcome, AppError> {
    let email = creds.email.trim().to_lowercase();
    throttle(db, &email, creds.ip, now).await?;

    let found = user::Entity::find()
        .filter(user::Column::Email.eq(email.as_str()))
        .one(db)
        .await
        .map_err(db_error)?;
    let matches = match &found {
        Some(u) => password::verify(&u.password_hash, creds.password).await?,
        None => {
            password::verify(dummy_hash().await?, creds.password).await?;
            false
        }
    };
    record_attempt(db, &email, creds.ip, matches, now).await?;
    let user = match (found, matches) {
        (Some(user), true) => user,
        _ => return Err(AppError::invalid("password", WRONG_CREDENTIALS)),
    };

    if let Some(partner_id) = user.partner_id {
        let partner = partner::Entity::find_by_id(partner_id)
            .one(db)
            .await
            .map_err(db_error)?;
        // A lapsed trial pauses service but its team may still sign in to activate.
        let blocked = partner.is_some_and(|p| {
            p.status == PartnerStatus::Suspended.as_str()
                && p.status_reason.as_deref() != Some(crate::billing::plan::TRIAL_EXPIRED)
        });
        if blocked {
            return Err(AppError::forbidden(
                "This account is suspended. Contact your provider to restore access.",
            ));
        }
    }

    if user.totp_enabled_at.is_some() {
        let ticket = link::issue(db, user.id, CODE_PURPOSE, CODE_TICKET, now).await?;
        return Ok(Outcome::CodeRequired { ticket });
    }
    finish(db, user, creds.ip, creds.user_agent, now)
        .await
        .map(|s| Outcome::SignedIn(Box::new(s)))
}

/// The second step: a ticket from [`sign_in`] and a TOTP or recovery code. Wrong codes
/// count toward the same per-account throttle as wrong passwords; the ticket survives a
/// typo and is spent on success.
pub async fn sign_in_with_code(
    db: &crate::Db,
    secrets: &crate::crypto::SecretBox,
    ticket: &str,
    code: &str,
    ip: &str,
    user_agent: Option<&str>,
    now: DateTime<Utc>,
) -> Result<SignedIn, AppError> {
    let user_id = link::peek(db, ticket, CODE_PURPOSE, now).await?;
    let user = user::Entity::find_by_id(user_id)
        .one(db)
        .await
        .map_err(db_error)?
        .ok_or(AppError::Unauthorized)?;
    throttle(db, &user.email, ip, now).await?;
    let ok = super::two_factor::verify(db, secrets, &user, code, now).await?;
    record_attempt(db, &user.email, ip, ok, now).await?;
    if !ok {
        return Err(AppError::invalid(
            "code",
            "That code is not right, or was already used.",
        ));
    }
    link::spend(db, ticket, CODE_PURPOSE, now).await?;
    finish(db, user, ip, user_agent, now).await
}

/// Opens the session once every factor has been checked.
async fn finish(
    db: &crate::Db,
    user: user::Model,
    ip: &str,
    user_agent: Option<&str>,
    now: DateTime<Utc>,
) -> Result<SignedIn, AppError> {
    let txn = crate::db::begin(db).await?;
    let session = session::create(&txn, user.id, Some(ip), user_agent, now).await?;
    user::Entity::update_many()
        .col_expr(user::Column::LastLoginAt, Expr::value(now))
        .filter(user::Column::Id.eq(user.id))
        .exec(&txn)
        .await
        .map_err(db_error)?;
    audit::record(&txn, audit::Entry::on_self(&user, "auth.signed_in"), now).await?;
    txn.commit().await.map_err(db_error)?;
    Ok(SignedIn { session, user })
}

/// Refuses with 429 (and when to retry) once the account or the address has failed too
/// often inside the window. Counted before the password is checked, so a locked-out
/// attacker learns nothing more.
async fn throttle(
    db: &crate::Db,
    email: &str,
    ip: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let since = now - WINDOW;
    for (column, value, limit) in [
        (attempt::Column::Email, email, MAX_FAILURES_PER_ACCOUNT),
        (attempt::Column::Ip, ip, MAX_FAILURES_PER_IP),
    ] {
        let failures = attempt::Entity::find()
            .filter(column.eq(value))
            .filter(attempt::Column::Succeeded.eq(false))
            .filter(attempt::Column::At.gt(since))
            .order_by_asc(attempt::Column::At)
            .all(db)
            .await
            .map_err(db_error)?;
        if failures.len() as u64 >= limit {
            let oldest = failures[failures.len() - limit as usize].at;
            let retry = (oldest + WINDOW - now).num_seconds().max(1) as u64;
            return Err(AppError::RateLimited {
                retry_after_secs: retry,
            });
        }
    }
    Ok(())
}

async fn record_attempt(
    db: &crate::Db,
    email: &str,
    ip: &str,
    succeeded: bool,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    attempt::ActiveModel {
        email: sea_orm::Set(email.chars().take(254).collect()),
        ip: sea_orm::Set(ip.chars().take(64).collect()),
        succeeded: sea_orm::Set(succeeded),
        at: sea_orm::Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .map_err(db_error)?;
    Ok(())
}

/// A real argon2id hash of a random password, made once: verifying against it costs
/// what verifying a real user's password costs.
async fn dummy_hash() -> Result<&'static str, AppError> {
    static DUMMY: OnceLock<String> = OnceLock::new();
    if let Some(hash) = DUMMY.get() {
        return Ok(hash);
    }
    let random = super::token::new_token().plain;
    let dummy = Password::parse(&format!("A1{random}")).map_err(crate::error::internal)?;
    let hash = password::hash(&dummy).await?;
    Ok(DUMMY.get_or_init(|| hash))
}
