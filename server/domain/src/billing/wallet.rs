//! The partner's prepaid wallet. The balance on `partners` moves only together with an
//! immutable ledger entry, in one transaction, so balance = Σ entries always holds. A
//! debit checks and moves the balance in one guarded UPDATE: concurrent debits can never
//! overdraw it or lose one another.

use chrono::{DateTime, Utc};
use model::{
    AppError,
    billing::{LedgerEntry, LedgerKind, dollars},
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set,
    sea_query::{Expr, ExprTrait},
};
use uuid::Uuid;

use super::entity::ledger_entry;
use crate::{db::rfc3339, error::db_error, partners::partner};

/// One movement to post: positive credits the wallet, negative debits it.
#[derive(Debug, Clone)]
pub struct Posting {
    pub partner_id: i32,
    pub kind: LedgerKind,
    pub amount_cents: i64,
    pub description: String,
    /// Makes the posting idempotent for this partner (a CDR id, a charge id).
    pub reference: Option<String>,
    /// Usage of calls already made is recorded even past zero (the call engine stops
    /// new calls at an empty wallet); every other debit is refused when short.
    pub overdraw: bool,
}

/// What [`post`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Posted {
    Applied(LedgerEntry),
    /// The reference was posted before; nothing changed.
    AlreadyPosted(LedgerEntry),
}

impl Posted {
    pub fn entry(&self) -> &LedgerEntry {
        match self {
            Self::Applied(e) | Self::AlreadyPosted(e) => e,
        }
    }
}

pub(crate) fn to_dto(row: &ledger_entry::Model) -> LedgerEntry {
    LedgerEntry {
        id: row.public_id.to_string(),
        kind: LedgerKind::parse(&row.kind).unwrap_or(LedgerKind::Adjustment),
        amount_cents: row.amount_cents,
        balance_after_cents: row.balance_after_cents,
        description: row.description.clone(),
        created_at: rfc3339(row.created_at),
    }
}

/// The partner's balance in cents.
pub async fn balance(conn: &impl ConnectionTrait, partner_id: i32) -> Result<i64, AppError> {
    partner::Entity::find_by_id(partner_id)
        .one(conn)
        .await
        .map_err(db_error)?
        .map(|p| p.balance_cents)
        .ok_or_else(|| AppError::not_found("Partner"))
}

/// Posts one movement inside the caller's transaction. A debit the balance cannot cover
/// is refused with the shortfall and changes nothing.
pub async fn post(
    conn: &impl ConnectionTrait,
    posting: Posting,
    now: DateTime<Utc>,
) -> Result<Posted, AppError> {
    if let Some(reference) = &posting.reference {
        let earlier = ledger_entry::Entity::find()
            .filter(ledger_entry::Column::PartnerId.eq(posting.partner_id))
            .filter(ledger_entry::Column::Reference.eq(reference.as_str()))
            .one(conn)
            .await
            .map_err(db_error)?;
        if let Some(earlier) = earlier {
            return Ok(Posted::AlreadyPosted(to_dto(&earlier)));
        }
    }
    let mut update = partner::Entity::update_many()
        .col_expr(
            partner::Column::BalanceCents,
            Expr::col(partner::Column::BalanceCents).add(posting.amount_cents),
        )
        .filter(partner::Column::Id.eq(posting.partner_id));
    if posting.amount_cents < 0 && !posting.overdraw {
        update = update.filter(Expr::col(partner::Column::BalanceCents).gte(-posting.amount_cents));
    }
    let moved = update.exec(conn).await.map_err(db_error)?;
    if moved.rows_affected != 1 {
        let have = balance(conn, posting.partner_id).await?;
        let need = -posting.amount_cents;
        return Err(AppError::conflict(format!(
            "Your wallet holds {} and this needs {}: top up at least {} first.",
            dollars(have),
            dollars(need),
            dollars(need - have)
        )));
    }
    let after = balance(conn, posting.partner_id).await?;
    let row = ledger_entry::ActiveModel {
        public_id: Set(Uuid::now_v7()),
        partner_id: Set(posting.partner_id),
        kind: Set(posting.kind.as_str().to_owned()),
        amount_cents: Set(posting.amount_cents),
        balance_after_cents: Set(after),
        description: Set(posting.description),
        reference: Set(posting.reference),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(conn)
    .await
    .map_err(db_error)?;
    Ok(Posted::Applied(to_dto(&row)))
}

/// A fee paid by a card charge that has just gone through.
pub struct CardPaidFee<'a> {
    pub partner_id: i32,
    pub amount_cents: i64,
    /// The processor's charge id (the credit's reference).
    pub charge: &'a str,
    pub card_last4: &'a str,
    /// What was bought, e.g. "Starter plan" or "Upgrade to Business".
    pub what: &'a str,
    /// Added to the fee's line, e.g. "2026-12" or "… (prorated)".
    pub period: &'a str,
    /// The fee's own reference, so a rerun cannot debit it twice.
    pub fee_reference: String,
}

/// Posts a card-paid fee in the caller's transaction: the charge credits the wallet and
/// the fee debits it, so History shows both and the balance is untouched. The pair nets
/// to zero, so a wallet already below zero must not block it.
pub async fn post_card_paid_fee(
    conn: &impl ConnectionTrait,
    fee: CardPaidFee<'_>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let lines = [
        (
            LedgerKind::TopUp,
            fee.amount_cents,
            format!("{} (card ending {})", fee.what, fee.card_last4),
            fee.charge.to_owned(),
        ),
        (
            LedgerKind::Subscription,
            -fee.amount_cents,
            format!("{}, {}", fee.what, fee.period),
            fee.fee_reference,
        ),
    ];
    for (kind, amount_cents, description, reference) in lines {
        let posting = Posting {
            partner_id: fee.partner_id,
            kind,
            amount_cents,
            description,
            reference: Some(reference),
            overdraw: true,
        };
        post(conn, posting, now).await?;
    }
    Ok(())
}
