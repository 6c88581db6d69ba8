//! Email, through an outbox: services write the message into `outbox_emails` inside
//! their own transaction (so a mail exists exactly when the change that caused it does);
//! a sender delivers it over SMTP when one is configured. Without SMTP the messages stay
//! in the outbox, which platform admins can read, so a fresh install works with no mail
//! server.

pub mod delivery;
mod entity;
pub mod templates;

#[cfg(test)]
mod delivery_tests;

pub use entity::Model as OutboxEmail;

use chrono::{DateTime, Utc};
use model::{AppError, branding::BrandInfo};
use sea_orm::{ConnectionTrait, QueryOrder, QuerySelect, Set, entity::prelude::*};

use crate::error::db_error;

/// Whose name, colours and addresses a message carries: the recipient's partner's brand
/// (see `branding::sender_for`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sender {
    pub brand: BrandInfo,
    /// The brand's own sender address; `None` uses the installation's.
    pub from_email: Option<String>,
    pub partner_id: Option<i32>,
}

/// A rendered message, ready for the outbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub to: String,
    /// The brand the recipient knows (the partner's, never the platform's for tenants).
    pub from_name: String,
    pub from_address: Option<String>,
    /// The brand's support address.
    pub reply_to: Option<String>,
    pub subject: String,
    /// Always present: the plain-text part.
    pub text: String,
    pub html: String,
    pub partner_id: Option<i32>,
    pub attachment: Option<Attachment>,
}

/// A file sent with a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    pub name: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
}

pub async fn enqueue(
    conn: &impl ConnectionTrait,
    message: Message,
    now: DateTime<Utc>,
) -> Result<Uuid, AppError> {
    let id = Uuid::now_v7();
    let attachment = message.attachment;
    entity::ActiveModel {
        public_id: Set(id),
        partner_id: Set(message.partner_id),
        to_address: Set(message.to),
        from_name: Set(message.from_name),
        subject: Set(message.subject),
        text_body: Set(message.text),
        html_body: Set(message.html),
        created_at: Set(now),
        sent_at: Set(None),
        attempts: Set(0),
        last_error: Set(None),
        from_address: Set(message.from_address),
        reply_to: Set(message.reply_to),
        lease_owner: Set(None),
        lease_until: Set(None),
        next_attempt_at: Set(None),
        failed_at: Set(None),
        attachment_name: Set(attachment.as_ref().map(|a| a.name.clone())),
        attachment_type: Set(attachment.as_ref().map(|a| a.content_type.clone())),
        attachment: Set(attachment.map(|a| a.bytes)),
        ..Default::default()
    }
    .insert(conn)
    .await
    .map_err(db_error)?;
    Ok(id)
}

/// The newest messages first, for the outbox page.
pub async fn recent(conn: &impl ConnectionTrait, limit: u64) -> Result<Vec<OutboxEmail>, AppError> {
    entity::Entity::find()
        .order_by_desc(entity::Column::Id)
        .limit(limit)
        .all(conn)
        .await
        .map_err(db_error)
}

/// The newest message to one address (tests and the developer outbox page).
pub async fn latest_to(
    conn: &impl ConnectionTrait,
    address: &str,
) -> Result<Option<OutboxEmail>, AppError> {
    entity::Entity::find()
        .filter(entity::Column::ToAddress.eq(address))
        .order_by_desc(entity::Column::Id)
        .one(conn)
        .await
        .map_err(db_error)
}

/// How a message's delivery stands, in words for the outbox page.
pub fn delivery_status(m: &OutboxEmail) -> String {
    let reason = m.last_error.as_deref().unwrap_or("unknown error");
    match (m.sent_at, m.failed_at, m.attempts) {
        (Some(_), _, _) => "sent".into(),
        (None, Some(_), n) => format!("gave up after {n} attempts: {reason}"),
        (None, None, 0) => "not sent (kept in outbox)".into(),
        (None, None, n) => format!("retrying after {n} failed attempts: {reason}"),
    }
}
