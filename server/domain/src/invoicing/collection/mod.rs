//! Collecting what tenants owe (PRODUCT §5): the partner's collection settings, a
//! tenant paying an invoice or adding prepaid funds in its portal, auto-pay and prepaid
//! funds in the billing run, and refunds through the processor that took the money.
//!
//! A processor is not transactional, so every card movement is: charge (or refund)
//! first, with an idempotency key naming what it is for, then one transaction that moves
//! the invoice, writes the payment row (its `reference`, the processor's id, is unique)
//! and, in Platform mode, posts the money to the partner's wallet. If that transaction
//! finds the invoice changed meanwhile (a second click, another instance), the charge is
//! given back at once, so a tenant is never charged for nothing.

pub mod autopay;
pub mod entity;
pub mod pay;
pub mod refunds;
mod settle;

#[cfg(test)]
mod modes_tests;
#[cfg(test)]
mod tests;

use chrono::{DateTime, Utc};
use model::{
    AppError,
    auth::Viewer,
    invoicing::collection::{CollectionForm, CollectionSettings, PaymentMode},
};
use sea_orm::{ActiveModelTrait, ConnectionTrait, IntoActiveModel, Set};
use uuid::Uuid;

use self::entity::tenant_payment;
use super::{document::Portal, entity::invoice};
use crate::{
    Db, audit,
    auth::actor::Actor,
    billing::gateway::Gateway,
    error::{db_error, internal},
    partners::{self, partner},
};

pub fn of(p: &partner::Model) -> CollectionSettings {
    CollectionSettings {
        mode: PaymentMode::parse(&p.payment_mode).unwrap_or_default(),
        connect_account_id: p.connect_account_id.clone(),
        secret_key_last4: p.stripe_secret_last4.clone(),
        publishable_key: p.stripe_publishable_key.clone(),
        statement_descriptor: p.statement_descriptor.clone(),
    }
}

pub async fn settings(db: &Db, viewer: Option<&Viewer>) -> Result<CollectionSettings, AppError> {
    let actor = Actor::partner_member(db, viewer).await?;
    let p = partners::find_by_id(db, actor.partner_id)
        .await?
        .ok_or_else(|| internal("partner gone"))?;
    Ok(of(&p))
}

/// Saves how the partner collects; partner admins only. A new secret key is tried
/// with Stripe first and sealed; the form never gets it back.
pub async fn save_settings(
    db: &Db,
    gateway: &Gateway,
    viewer: Option<&Viewer>,
    form: &CollectionForm,
    now: DateTime<Utc>,
) -> Result<CollectionSettings, AppError> {
    let actor = Actor::partner_member(db, viewer).await?;
    actor.require_admin()?;
    let current = partners::find_by_id(db, actor.partner_id)
        .await?
        .ok_or_else(|| internal("partner gone"))?;
    let valid = form.validate(current.stripe_secret_sealed.is_some())?;
    if valid.mode == PaymentMode::Connect && gateway.stripe_secret_key.is_none() {
        return Err(AppError::invalid(
            "mode",
            "Connect needs the operator's Stripe account, which this installation does not have; use Platform or your own keys.",
        ));
    }
    let sealed = match &valid.secret_key {
        Some(key) => {
            gateway
                .check_key(key)
                .await
                .map_err(|m| AppError::invalid("secret_key", m))?;
            let last4 = key[key.len().saturating_sub(4)..].to_owned();
            Some((gateway.secrets.seal(key.as_bytes())?, last4))
        }
        None => None,
    };
    if let (Some(pk), None, Some(saved)) = (
        &valid.publishable_key,
        &valid.secret_key,
        &current.stripe_secret_sealed,
    ) {
        let key = String::from_utf8(gateway.secrets.open(saved)?).map_err(internal)?;
        model::billing::payments::keys_match(&key, pk)
            .map_err(|m| AppError::invalid("publishable_key", m))?;
    }
    let txn = crate::db::begin(db).await?;
    let before = of(&current);
    let mut row = current.into_active_model();
    row.payment_mode = Set(valid.mode.as_str().to_owned());
    row.connect_account_id = Set(valid.connect_account_id);
    if let Some((sealed, last4)) = sealed {
        row.stripe_secret_sealed = Set(Some(sealed));
        row.stripe_secret_last4 = Set(Some(last4));
    }
    if valid.mode == PaymentMode::CustomKeys {
        row.stripe_publishable_key = Set(valid.publishable_key);
    }
    row.statement_descriptor = Set(valid.statement_descriptor);
    row.updated_at = Set(now);
    let saved = row.update(&txn).await.map_err(db_error)?;
    let after = of(&saved);
    audit::record(
        &txn,
        audit::Entry::by_user(
            &actor.user,
            "billing.collection_changed",
            "collection".into(),
        )
        .with_summary(serde_json::json!({
            "before": before.mode.as_str(),
            "after": after.mode.as_str(),
            "new_secret_key": valid.secret_key.is_some(),
        })),
        now,
    )
    .await?;
    txn.commit().await.map_err(db_error)?;
    Ok(after)
}

/// Every payment and refund of invoice `id`, oldest first, for the partner's team.
pub async fn history(
    db: &Db,
    viewer: Option<&Viewer>,
    id: &str,
) -> Result<Vec<model::invoicing::collection::InvoicePayment>, AppError> {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
    let actor = Actor::partner_member(db, viewer).await?;
    let row = super::actions::load(db, actor.partner_id, id).await?;
    let rows = tenant_payment::Entity::find()
        .filter(tenant_payment::Column::InvoiceId.eq(row.id))
        .order_by_asc(tenant_payment::Column::Id)
        .all(db)
        .await
        .map_err(db_error)?;
    Ok(rows
        .into_iter()
        .map(|p| model::invoicing::collection::InvoicePayment {
            kind: p.kind,
            method: p.method,
            amount_cents: p.amount_cents,
            card_last4: p.card_last4,
            reference: p.reference,
            at: crate::db::rfc3339(p.created_at),
        })
        .collect())
}

/// One row of `tenant_payments` to write.
pub(crate) struct Received {
    pub partner_id: i32,
    pub tenant_id: i32,
    pub invoice_id: Option<i32>,
    pub kind: &'static str,
    pub method: &'static str,
    pub amount_cents: i64,
    pub gateway: Option<String>,
    pub reference: Option<String>,
    pub card_last4: Option<String>,
}

impl Received {
    /// A payment the partner recorded by hand.
    pub fn manual(row: &invoice::Model, amount_cents: i64) -> Self {
        Self {
            partner_id: row.partner_id,
            tenant_id: row.tenant_id,
            invoice_id: Some(row.id),
            kind: "payment",
            method: "manual",
            amount_cents,
            gateway: None,
            reference: None,
            card_last4: None,
        }
    }
}

pub(crate) async fn record(
    conn: &impl ConnectionTrait,
    r: Received,
    now: DateTime<Utc>,
) -> Result<tenant_payment::Model, AppError> {
    tenant_payment::ActiveModel {
        public_id: Set(Uuid::now_v7()),
        partner_id: Set(r.partner_id),
        tenant_id: Set(r.tenant_id),
        invoice_id: Set(r.invoice_id),
        kind: Set(r.kind.to_owned()),
        method: Set(r.method.to_owned()),
        amount_cents: Set(r.amount_cents),
        refunded_cents: Set(0),
        gateway: Set(r.gateway),
        reference: Set(r.reference),
        card_last4: Set(r.card_last4),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(conn)
    .await
    .map_err(db_error)
}

/// A card payment for invoice `row` did not go through: `invoice.failed` with the
/// reason, and the audit trail. The invoice itself does not change. `mail_tenant`
/// (auto-pay, where nobody is watching) also mails the tenant, in the same transaction.
pub(crate) async fn failed(
    db: &Db,
    row: &invoice::Model,
    reason: &str,
    who: audit::Entry,
    mail_tenant: Option<Portal<'_>>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let txn = crate::db::begin(db).await?;
    if let Some(portal) = mail_tenant {
        super::sending::declined(&txn, row, reason, portal, now).await?;
    }
    let dto = super::invoices::to_dto(&txn, vec![row.clone()])
        .await?
        .remove(0);
    let mut data =
        serde_json::to_value(model::api::invoicing::InvoiceJson::from(&dto)).map_err(internal)?;
    if let Some(object) = data.as_object_mut() {
        object.insert("failure_reason".into(), reason.into());
    }
    crate::events::record(&txn, row.partner_id, "invoice.failed", &data, now).await?;
    audit::record(
        &txn,
        who.with_tenant(row.tenant_id)
            .with_summary(serde_json::json!({"number": row.number, "reason": reason})),
        now,
    )
    .await?;
    txn.commit().await.map_err(db_error)
}
