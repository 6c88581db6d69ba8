//! Every status change of a request: a history row, and an email to the partner's
//! admins and to whoever filed the request, written in the same transaction as the
//! change (the outbox delivers it).

use chrono::{DateTime, Utc};
use model::{AppError, auth::Role, numbers::PhoneNumber, numbers::ports::PortStatus};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

use super::entity::{event, number as port_number, request};
use crate::{auth::user, error::db_error, mail};

/// Whose name the emails carry and where their links point.
#[derive(Debug, Clone, Copy)]
pub struct Mailing<'a> {
    pub platform_name: &'a str,
    /// `https://host` of the partner's portal.
    pub base_url: &'a str,
}

/// The history shows this for changes the carrier made.
pub(super) const CARRIER: &str = "Carrier";

/// Records that `row` now has its status (with `note`, or the carrier's reason when
/// rejected) and mails the team.
pub(super) async fn changed(
    conn: &impl ConnectionTrait,
    mailing: &Mailing<'_>,
    row: &request::Model,
    note: Option<String>,
    actor: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let status = PortStatus::parse(&row.status).unwrap_or(PortStatus::Pending);
    let note = note.or_else(|| match status {
        PortStatus::Rejected => row.reason.clone(),
        PortStatus::FocReceived => row
            .foc_date
            .map(|d| format!("The numbers move on {}.", d.format("%B %-d, %Y"))),
        _ => None,
    });
    event::ActiveModel {
        port_id: Set(row.id),
        status: Set(row.status.clone()),
        note: Set(note.clone()),
        actor: Set(actor.chars().take(120).collect()),
        at: Set(now),
        ..Default::default()
    }
    .insert(conn)
    .await
    .map_err(db_error)?;
    let numbers = numbers_label(conn, row.id).await?;
    let sender = crate::branding::sender_for(conn, None, mailing.platform_name).await?;
    let link = format!("{}/numbers/ports/{}", mailing.base_url, row.public_id);
    for to in recipients(conn, row).await? {
        let message = mail::templates::port_update(
            &sender,
            &to,
            &numbers,
            status.label(),
            status.meaning(),
            note.as_deref(),
            &link,
        );
        mail::enqueue(conn, message, now).await?;
    }
    Ok(())
}

/// "(303) 555-0142" or "(303) 555-0142 and 2 more".
async fn numbers_label(conn: &impl ConnectionTrait, port_id: i32) -> Result<String, AppError> {
    let rows = port_number::Entity::find()
        .filter(port_number::Column::PortId.eq(port_id))
        .all(conn)
        .await
        .map_err(db_error)?;
    let first = rows.first().map_or_else(String::new, |r| {
        PhoneNumber::parse(&r.e164).map_or_else(|_| r.e164.clone(), |n| n.to_string())
    });
    Ok(match rows.len() {
        0 | 1 => first,
        n => format!("{first} and {} more", n - 1),
    })
}

/// The partner's admins and the request's author, each once.
async fn recipients(
    conn: &impl ConnectionTrait,
    row: &request::Model,
) -> Result<Vec<String>, AppError> {
    let team = user::Entity::find()
        .filter(user::Column::PartnerId.eq(row.partner_id))
        .filter(user::Column::TenantId.is_null())
        .all(conn)
        .await
        .map_err(db_error)?;
    let mut to: Vec<String> = Vec::new();
    for u in team {
        let wanted = u.id == row.created_by || u.role == Role::PartnerAdmin.as_str();
        if wanted && !to.contains(&u.email) {
            to.push(u.email);
        }
    }
    Ok(to)
}
