//! Settings → Billing → Payment Methods: the partner's saved cards (one is the default,
//! used for top-ups, auto-recharge and the subscription) and wallet top-ups. Partner
//! Users read; changes need a Partner Admin.

use chrono::{DateTime, Datelike, Utc};
use model::{
    AppError,
    auth::Viewer,
    billing::{
        LedgerEntry, LedgerKind,
        payments::{CardForm, PaymentMethod},
    },
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
    sea_query::Expr,
};
use uuid::Uuid;

use super::{
    entity::payment_method,
    processor::PaymentProcessor,
    wallet::{self, Posting},
};
use crate::{Db, audit, auth::actor::Actor, error::db_error, partners::partner};

fn to_dto(row: &payment_method::Model) -> PaymentMethod {
    PaymentMethod {
        id: row.public_id.to_string(),
        brand: row.brand.clone(),
        last4: row.last4.clone(),
        exp_month: u32::try_from(row.exp_month).unwrap_or(1),
        exp_year: row.exp_year,
        is_default: row.is_default,
    }
}

async fn rows(
    conn: &impl ConnectionTrait,
    partner_id: i32,
) -> Result<Vec<payment_method::Model>, AppError> {
    payment_method::Entity::find()
        .filter(payment_method::Column::PartnerId.eq(partner_id))
        .order_by_desc(payment_method::Column::IsDefault)
        .order_by_desc(payment_method::Column::Id)
        .all(conn)
        .await
        .map_err(db_error)
}

pub async fn list(db: &Db, viewer: Option<&Viewer>) -> Result<Vec<PaymentMethod>, AppError> {
    let actor = Actor::partner_member(db, viewer).await?;
    Ok(rows(db, actor.partner_id)
        .await?
        .iter()
        .map(to_dto)
        .collect())
}

/// The partner's default card, if any.
pub(crate) async fn default_card(
    conn: &impl ConnectionTrait,
    partner_id: i32,
) -> Result<Option<payment_method::Model>, AppError> {
    Ok(rows(conn, partner_id)
        .await?
        .into_iter()
        .find(|c| c.is_default))
}

/// Saves a card through the processor; the first card becomes the default.
pub async fn add(
    db: &Db,
    processor: &dyn PaymentProcessor,
    viewer: Option<&Viewer>,
    form: &CardForm,
    now: DateTime<Utc>,
) -> Result<PaymentMethod, AppError> {
    let actor = Actor::partner_member(db, viewer).await?;
    actor.require_admin()?;
    let card = form.validate((now.year(), now.month()))?;
    let saved = processor
        .save_card(&card)
        .await
        .map_err(|e| AppError::invalid("number", e.message(card.last4())))?;
    let txn = crate::db::begin(db).await?;
    let first = rows(&txn, actor.partner_id).await?.is_empty();
    let row = payment_method::ActiveModel {
        public_id: Set(Uuid::now_v7()),
        partner_id: Set(actor.partner_id),
        processor: Set(processor.name().to_owned()),
        token: Set(saved.token),
        brand: Set(saved.brand),
        last4: Set(saved.last4),
        exp_month: Set(i32::try_from(saved.exp_month).unwrap_or(1)),
        exp_year: Set(saved.exp_year),
        is_default: Set(first),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(db_error)?;
    audit::record(
        &txn,
        audit::Entry::by_user(&actor.user, "billing.card_added", target(&row))
            .with_summary(serde_json::json!({"brand": row.brand, "last4": row.last4})),
        now,
    )
    .await?;
    let data = serde_json::json!({
        "id": row.public_id, "brand": row.brand, "last4": row.last4,
        "exp_month": row.exp_month, "exp_year": row.exp_year, "default": row.is_default,
    });
    crate::events::record(
        &txn,
        actor.partner_id,
        "payment_method.attached",
        &data,
        now,
    )
    .await?;
    txn.commit().await.map_err(db_error)?;
    Ok(to_dto(&row))
}

fn target(row: &payment_method::Model) -> String {
    format!("card:{}", row.public_id)
}

async fn find(
    conn: &impl ConnectionTrait,
    partner_id: i32,
    id: &str,
) -> Result<payment_method::Model, AppError> {
    let id = Uuid::parse_str(id).map_err(|_| AppError::not_found("Card"))?;
    payment_method::Entity::find()
        .filter(payment_method::Column::PublicId.eq(id))
        .filter(payment_method::Column::PartnerId.eq(partner_id))
        .one(conn)
        .await
        .map_err(db_error)?
        .ok_or_else(|| AppError::not_found("Card"))
}

async fn set_default(
    conn: &impl ConnectionTrait,
    partner_id: i32,
    card_id: Option<i32>,
) -> Result<(), AppError> {
    payment_method::Entity::update_many()
        .col_expr(payment_method::Column::IsDefault, Expr::value(false))
        .filter(payment_method::Column::PartnerId.eq(partner_id))
        .exec(conn)
        .await
        .map_err(db_error)?;
    if let Some(id) = card_id {
        payment_method::Entity::update_many()
            .col_expr(payment_method::Column::IsDefault, Expr::value(true))
            .filter(payment_method::Column::Id.eq(id))
            .exec(conn)
            .await
            .map_err(db_error)?;
    }
    Ok(())
}

pub async fn make_default(
    db: &Db,
    viewer: Option<&Viewer>,
    id: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let actor = Actor::partner_member(db, viewer).await?;
    actor.require_admin()?;
    let txn = crate::db::begin(db).await?;
    let card = find(&txn, actor.partner_id, id).await?;
    set_default(&txn, actor.partner_id, Some(card.id)).await?;
    audit::record(
        &txn,
        audit::Entry::by_user(&actor.user, "billing.card_default", target(&card)),
        now,
    )
    .await?;
    txn.commit().await.map_err(db_error)
}

/// Removes a card. The newest remaining card becomes the default; removing the last
/// card turns auto-recharge off (there is nothing left to charge).
pub async fn remove(
    db: &Db,
    viewer: Option<&Viewer>,
    id: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let actor = Actor::partner_member(db, viewer).await?;
    actor.require_admin()?;
    let txn = crate::db::begin(db).await?;
    let card = find(&txn, actor.partner_id, id).await?;
    payment_method::Entity::delete_by_id(card.id)
        .exec(&txn)
        .await
        .map_err(db_error)?;
    let left = rows(&txn, actor.partner_id).await?;
    if card.is_default {
        set_default(&txn, actor.partner_id, left.first().map(|c| c.id)).await?;
    }
    if left.is_empty() {
        partner::Entity::update_many()
            .col_expr(partner::Column::AutoRechargeEnabled, Expr::value(false))
            .filter(partner::Column::Id.eq(actor.partner_id))
            .exec(&txn)
            .await
            .map_err(db_error)?;
    }
    audit::record(
        &txn,
        audit::Entry::by_user(&actor.user, "billing.card_removed", target(&card)).with_summary(
            serde_json::json!({"last4": card.last4, "auto_recharge_off": left.is_empty()}),
        ),
        now,
    )
    .await?;
    txn.commit().await.map_err(db_error)
}

/// Charges `amount_cents` to the partner's default card and credits the wallet with it.
/// The charge happens before the ledger transaction (a processor is not transactional);
/// the charge id is the entry's reference, so a retried posting cannot credit twice.
pub(crate) async fn charge_into_wallet(
    db: &Db,
    processor: &dyn PaymentProcessor,
    partner_id: i32,
    amount_cents: i64,
    description: &str,
    record: Option<audit::Entry>,
    now: DateTime<Utc>,
) -> Result<LedgerEntry, AppError> {
    let card = default_card(db, partner_id)
        .await?
        .ok_or_else(|| AppError::conflict("Add a payment method first."))?;
    let key = Uuid::now_v7().to_string();
    let charge = processor
        .charge(&card.token, amount_cents, &key)
        .await
        .map_err(|e| AppError::conflict(e.message(&card.last4)))?;
    let txn = crate::db::begin(db).await?;
    let posted = wallet::post(
        &txn,
        Posting {
            partner_id,
            kind: LedgerKind::TopUp,
            amount_cents,
            description: format!("{description} (card ending {})", card.last4),
            reference: Some(charge),
            overdraw: false,
        },
        now,
    )
    .await?;
    if let Some(entry) = record {
        audit::record(&txn, entry, now).await?;
    }
    txn.commit().await.map_err(db_error)?;
    Ok(posted.entry().clone())
}

/// Settings → Billing → Top up: a Partner Admin adds money from the default card.
pub async fn top_up(
    db: &Db,
    processor: &dyn PaymentProcessor,
    viewer: Option<&Viewer>,
    amount: &str,
    now: DateTime<Utc>,
) -> Result<LedgerEntry, AppError> {
    let actor = Actor::partner_member(db, viewer).await?;
    actor.require_admin()?;
    let cents = model::billing::parse_charge(amount).map_err(|m| AppError::invalid("amount", m))?;
    let record = audit::Entry::by_user(&actor.user, "billing.top_up", "wallet".into())
        .with_summary(serde_json::json!({"amount_cents": cents}));
    charge_into_wallet(
        db,
        processor,
        actor.partner_id,
        cents,
        "Top-up",
        Some(record),
        now,
    )
    .await
}
