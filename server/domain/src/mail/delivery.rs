//! Delivering the outbox. A worker in every server instance calls [`deliver_due`] every
//! few seconds; each message is first *leased* with a conditional update (only one
//! instance's update can match), so two instances never send the same message, and a
//! crashed instance's lease simply runs out and another picks the message up.
//!
//! SMTP delivery is at-least-once: an instance that dies after the server accepted a
//! message but before recording it sends it again when the lease expires. That is the
//! usual trade for mail, and far better than losing one.

use std::time::Duration as StdDuration;

use async_trait::async_trait;
use chrono::{DateTime, Duration, Utc};
use lettre::{
    AsyncSmtpTransport, AsyncTransport, Tokio1Executor,
    message::{Attachment, Mailbox, MultiPart, header::ContentType},
};
use model::AppError;
use sea_orm::{
    ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    sea_query::{Expr, ExprTrait},
};

use super::{OutboxEmail, entity};
use crate::{Db, error::db_error};

/// How long a claimed message is held before another instance may try it.
pub const LEASE: Duration = Duration::minutes(2);
/// Messages claimed per round.
const BATCH: u64 = 20;
/// Attempts before the sender gives up on a message (it stays visible in the outbox).
pub const MAX_ATTEMPTS: i32 = 8;

/// Waits after the 1st, 2nd, … failed attempt.
fn backoff(attempts: i32) -> Duration {
    match attempts {
        ..=1 => Duration::minutes(1),
        2 => Duration::minutes(5),
        3 => Duration::minutes(15),
        4 => Duration::hours(1),
        5 => Duration::hours(2),
        _ => Duration::hours(4),
    }
}

/// Something that hands a message to a mail system. SMTP in production; tests may use
/// their own.
#[async_trait]
pub trait Mailer: Send + Sync {
    /// `Err` carries a reason for the outbox page.
    async fn send(&self, email: &OutboxEmail) -> Result<(), String>;
}

/// SMTP through lettre, configured by `SWITCHBOARD_SMTP_URL`
/// (`smtp://user:pass@host:587?tls=required`, `smtps://…`, or plain `smtp://host:25`).
pub struct SmtpMailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    /// The sender address for brands without their own.
    default_from: String,
}

impl SmtpMailer {
    pub fn from_url(url: &str, default_from: &str) -> Result<Self, String> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| e.to_string())?
            .timeout(Some(StdDuration::from_secs(30)))
            .build();
        default_from
            .parse::<lettre::Address>()
            .map_err(|e| format!("sender address {default_from:?}: {e}"))?;
        Ok(Self {
            transport,
            default_from: default_from.to_owned(),
        })
    }
}

#[async_trait]
impl Mailer for SmtpMailer {
    async fn send(&self, email: &OutboxEmail) -> Result<(), String> {
        let address = email.from_address.as_deref().unwrap_or(&self.default_from);
        let from = Mailbox::new(
            Some(email.from_name.clone()),
            address
                .parse()
                .map_err(|e| format!("sender {address:?}: {e}"))?,
        );
        let to: Mailbox = email
            .to_address
            .parse()
            .map_err(|e| format!("recipient {:?}: {e}", email.to_address))?;
        let mut builder = lettre::Message::builder()
            .from(from)
            .to(to)
            .subject(email.subject.clone());
        if let Some(reply_to) = email.reply_to.as_deref().and_then(|a| a.parse().ok()) {
            builder = builder.reply_to(reply_to);
        }
        let body =
            MultiPart::alternative_plain_html(email.text_body.clone(), email.html_body.clone());
        let body = match (
            &email.attachment_name,
            &email.attachment_type,
            &email.attachment,
        ) {
            (Some(name), Some(kind), Some(bytes)) => {
                let kind = ContentType::parse(kind).map_err(|e| format!("{kind:?}: {e}"))?;
                MultiPart::mixed()
                    .multipart(body)
                    .singlepart(Attachment::new(name.clone()).body(bytes.clone(), kind))
            }
            _ => body,
        };
        let message = builder.multipart(body).map_err(|e| e.to_string())?;
        self.transport
            .send(message)
            .await
            .map(|_| ())
            .map_err(|e| e.to_string())
    }
}

/// What one round did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Round {
    pub sent: u32,
    pub failed: u32,
}

/// Messages that are due and not held by a live lease.
fn due(now: DateTime<Utc>) -> Condition {
    Condition::all()
        .add(entity::Column::SentAt.is_null())
        .add(entity::Column::FailedAt.is_null())
        .add(
            Condition::any()
                .add(entity::Column::NextAttemptAt.is_null())
                .add(entity::Column::NextAttemptAt.lte(now)),
        )
        .add(
            Condition::any()
                .add(entity::Column::LeaseUntil.is_null())
                .add(entity::Column::LeaseUntil.lt(now)),
        )
}

/// Claims and sends up to one batch of due messages as `owner` (this instance's id).
pub async fn deliver_due(
    db: &Db,
    mailer: &dyn Mailer,
    owner: &str,
    now: DateTime<Utc>,
) -> Result<Round, AppError> {
    let candidates = entity::Entity::find()
        .filter(due(now))
        .order_by_asc(entity::Column::Id)
        .limit(BATCH)
        .all(db)
        .await
        .map_err(db_error)?;
    let mut round = Round::default();
    for email in candidates {
        if !claim(db, email.id, owner, now).await? {
            continue; // another instance got it first
        }
        match mailer.send(&email).await {
            Ok(()) => {
                finish(db, email.id, owner, Outcome::Sent, now).await?;
                round.sent += 1;
            }
            Err(reason) => {
                tracing::warn!(id = %email.public_id, attempts = email.attempts + 1, %reason, "mail not delivered");
                finish(
                    db,
                    email.id,
                    owner,
                    Outcome::Failed {
                        attempts: email.attempts + 1,
                        reason,
                    },
                    now,
                )
                .await?;
                round.failed += 1;
            }
        }
    }
    Ok(round)
}

/// The conditional update that makes a claim exclusive: it matches only while the
/// message is still due and unleased, and the database applies one writer's update at a
/// time, so at most one instance sees `rows_affected == 1`.
async fn claim(db: &Db, id: i32, owner: &str, now: DateTime<Utc>) -> Result<bool, AppError> {
    let result = entity::Entity::update_many()
        .col_expr(entity::Column::LeaseOwner, Expr::value(owner))
        .col_expr(entity::Column::LeaseUntil, Expr::value(now + LEASE))
        .filter(entity::Column::Id.eq(id))
        .filter(due(now))
        .exec(db)
        .await
        .map_err(db_error)?;
    Ok(result.rows_affected == 1)
}

enum Outcome {
    Sent,
    Failed { attempts: i32, reason: String },
}

async fn finish(
    db: &Db,
    id: i32,
    owner: &str,
    outcome: Outcome,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let update = entity::Entity::update_many()
        .col_expr(
            entity::Column::LeaseOwner,
            Expr::value(Option::<String>::None),
        )
        .col_expr(
            entity::Column::LeaseUntil,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .col_expr(
            entity::Column::Attempts,
            Expr::col(entity::Column::Attempts).add(1),
        );
    let update = match outcome {
        Outcome::Sent => update.col_expr(entity::Column::SentAt, Expr::value(now)),
        Outcome::Failed { attempts, reason } => {
            let update = update
                .col_expr(entity::Column::LastError, Expr::value(reason))
                .col_expr(
                    entity::Column::NextAttemptAt,
                    Expr::value(now + backoff(attempts)),
                );
            if attempts >= MAX_ATTEMPTS {
                update.col_expr(entity::Column::FailedAt, Expr::value(now))
            } else {
                update
            }
        }
    };
    update
        .filter(entity::Column::Id.eq(id))
        .filter(entity::Column::LeaseOwner.eq(owner))
        .exec(db)
        .await
        .map_err(db_error)?;
    Ok(())
}
