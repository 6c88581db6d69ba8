//! Email, through an outbox: services write the message into `outbox_emails` inside
//! their own transaction (so a mail exists exactly when the change that caused it does);
//! a sender delivers it over SMTP when one is configured. Without SMTP the messages stay
//! in the outbox, which platform admins can read, so a fresh install works with no mail
//! server.

mod entity;
pub mod templates;

pub use entity::Model as OutboxEmail;

use chrono::{DateTime, Utc};
use model::AppError;
use sea_orm::{ConnectionTrait, QueryOrder, QuerySelect, Set, entity::prelude::*};

use crate::error::db_error;

/// A rendered message, ready for the outbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub to: String,
    /// The brand the recipient knows (the partner's, never the platform's for tenants).
    pub from_name: String,
    pub subject: String,
    /// Always present: the plain-text part.
    pub text: String,
    pub html: String,
    pub partner_id: Option<i32>,
}

pub async fn enqueue(
    conn: &impl ConnectionTrait,
    message: Message,
    now: DateTime<Utc>,
) -> Result<Uuid, AppError> {
    let id = Uuid::now_v7();
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
