//! The tenant's side, in its portal's Billing tab: what it can pay with, paying an
//! invoice (with the card saved, or one typed now and optionally kept for auto-pay),
//! adding prepaid funds, and forgetting the card. Tenant Admins (and the partner's
//! admins, taking a payment for them) may pay; Tenant Users only look.

use chrono::{DateTime, Datelike, Utc};
use model::{
    AppError,
    auth::Viewer,
    billing::{LedgerKind, dollars},
    invoicing::{
        BillingMode, Invoice, InvoiceStatus,
        collection::{PayForm, PortalPayment, TenantCard, parse_top_up},
    },
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter,
    Set,
    sea_query::{Expr, ExprTrait},
};
use uuid::Uuid;

use super::{
    Received,
    entity::tenant_card,
    settle::{Settle, settle, undo},
};
use crate::{
    Db, audit,
    billing::{
        gateway::{Collector, Gateway, fingerprint},
        processor::ChargeError,
        wallet::{self, Posting},
    },
    error::db_error,
    invoicing::actions,
    partners,
    tenants::{entity::tenant, scope},
};

/// A card about to be charged.
pub(super) struct Card {
    pub token: String,
    pub brand: String,
    pub last4: String,
    pub exp_month: i32,
    pub exp_year: i32,
    /// Typed now (not the saved card).
    pub fresh: bool,
}

impl Card {
    pub fn saved(row: tenant_card::Model) -> Self {
        Self {
            token: row.token,
            brand: row.brand,
            last4: row.last4,
            exp_month: row.exp_month,
            exp_year: row.exp_year,
            fresh: false,
        }
    }

    /// A decline, as the tenant reads it, on the field it belongs to.
    pub fn refused(&self, e: &ChargeError) -> AppError {
        if self.fresh {
            AppError::invalid("number", e.message(&self.last4))
        } else {
            AppError::conflict(e.message(&self.last4))
        }
    }
}

pub(super) async fn saved_card(
    conn: &impl ConnectionTrait,
    tenant_id: i32,
    collector: &Collector,
) -> Result<Option<tenant_card::Model>, AppError> {
    Ok(tenant_card::Entity::find()
        .filter(tenant_card::Column::TenantId.eq(tenant_id))
        .one(conn)
        .await
        .map_err(db_error)?
        .filter(|c| c.gateway == collector.name))
}

async fn collector_for(
    conn: &impl ConnectionTrait,
    gateway: &Gateway,
    partner_id: i32,
) -> Result<Collector, AppError> {
    let p = partners::find_by_id(conn, partner_id)
        .await?
        .ok_or_else(|| crate::error::internal("partner gone"))?;
    gateway.for_partner(&p)
}

/// What the Billing tab offers the signed-in user for tenant `tenant_id`.
pub async fn portal(
    db: &Db,
    gateway: &Gateway,
    viewer: Option<&Viewer>,
    tenant_id: &str,
) -> Result<PortalPayment, AppError> {
    let scope = scope::resolve(db, viewer, tenant_id).await?;
    let t = &scope.tenant;
    let collector = collector_for(db, gateway, t.partner_id).await.ok();
    let card = match &collector {
        Some(c) => saved_card(db, t.id, c).await?,
        None => None,
    };
    Ok(PortalPayment {
        card: card.map(|c| TenantCard {
            brand: c.brand,
            last4: c.last4,
            exp_month: u32::try_from(c.exp_month).unwrap_or(1),
            exp_year: c.exp_year,
            autopay: t.autopay,
        }),
        prepaid: t.billing_mode == BillingMode::Prepaid.as_str(),
        balance_cents: t.balance_cents,
        test_cards_only: collector
            .as_ref()
            .is_some_and(|c| c.processor.name() == "builtin"),
        card_form: collector.as_ref().and_then(|c| c.card_form.clone()),
        accepts_cards: collector.is_some(),
        can_pay: scope.can_write,
    })
}

/// The card the form names: the saved one, or the one typed, saved with the processor.
async fn choose(
    db: &Db,
    collector: &Collector,
    tenant_id: i32,
    form: &PayForm,
    now: DateTime<Utc>,
) -> Result<Card, AppError> {
    if form.saved.is_some() {
        let row = saved_card(db, tenant_id, collector)
            .await?
            .ok_or_else(|| AppError::conflict("There is no saved card any more; enter a card."))?;
        return Ok(Card::saved(row));
    }
    let valid = form.card.validate((now.year(), now.month()))?;
    let saved = collector
        .processor
        .save_card(&valid)
        .await
        .map_err(|e| AppError::invalid("number", e.message(valid.last4())))?;
    Ok(Card {
        token: saved.token,
        brand: saved.brand,
        last4: saved.last4,
        exp_month: i32::try_from(saved.exp_month).unwrap_or(1),
        exp_year: saved.exp_year,
        fresh: true,
    })
}

/// Keeps `card` as the tenant's card (replacing any), with auto-pay on or off.
pub(super) async fn keep(
    txn: &DatabaseTransaction,
    t: &tenant::Model,
    collector: &Collector,
    card: &Card,
    autopay: bool,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    tenant_card::Entity::delete_many()
        .filter(tenant_card::Column::TenantId.eq(t.id))
        .exec(txn)
        .await
        .map_err(db_error)?;
    tenant_card::ActiveModel {
        tenant_id: Set(t.id),
        partner_id: Set(t.partner_id),
        gateway: Set(collector.name.clone()),
        token: Set(card.token.clone()),
        brand: Set(card.brand.clone()),
        last4: Set(card.last4.clone()),
        exp_month: Set(card.exp_month),
        exp_year: Set(card.exp_year),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await
    .map_err(db_error)?;
    set_autopay_flag(txn, t.id, autopay).await
}

async fn set_autopay_flag(
    conn: &impl ConnectionTrait,
    tenant_id: i32,
    on: bool,
) -> Result<(), AppError> {
    tenant::Entity::update_many()
        .col_expr(tenant::Column::Autopay, Expr::value(on))
        .filter(tenant::Column::Id.eq(tenant_id))
        .exec(conn)
        .await
        .map_err(db_error)?;
    Ok(())
}

/// A key that names this payment of this invoice with this card: a retried request
/// (a double click, a timeout) is the same charge at the processor.
fn key(prefix: &str, id: Uuid, paid: i64, token: &str) -> String {
    format!("{prefix}-{}-{paid}-{}", id.simple(), fingerprint(token))
}

/// Tenant `tenant_id` pays all that is due on invoice `invoice_id` by card.
pub async fn pay_invoice(
    db: &Db,
    gateway: &Gateway,
    viewer: Option<&Viewer>,
    tenant_id: &str,
    invoice_id: &str,
    form: &PayForm,
    now: DateTime<Utc>,
) -> Result<Invoice, AppError> {
    let scope = scope::resolve(db, viewer, tenant_id).await?;
    scope.require_write()?;
    let t = &scope.tenant;
    let row = actions::load(db, t.partner_id, invoice_id).await?;
    let open = matches!(
        InvoiceStatus::parse(&row.status),
        Ok(InvoiceStatus::Sent | InvoiceStatus::PartiallyPaid | InvoiceStatus::Overdue)
    );
    let due = row.total_cents - row.paid_cents + row.refunded_cents;
    if row.tenant_id != t.id {
        return Err(AppError::not_found("No such invoice."));
    }
    if !open || due <= 0 {
        return Err(AppError::conflict("Nothing is due on this invoice."));
    }
    let collector = collector_for(db, gateway, t.partner_id).await?;
    let card = choose(db, &collector, t.id, form, now).await?;
    let idempotency = key("pay", row.public_id, row.paid_cents, &card.token);
    let who = audit::Entry::by_user(
        &scope.user,
        "invoice.card_payment",
        format!("invoice:{}", row.public_id),
    );
    let charge = match collector
        .processor
        .charge(&card.token, due, &idempotency)
        .await
    {
        Ok(charge) => charge,
        Err(e) => {
            let failed = audit::Entry::by_user(
                &scope.user,
                "invoice.payment_failed",
                format!("invoice:{}", row.public_id),
            );
            // The tenant is looking at the form, which says why: no mail.
            super::failed(db, &row, &e.message(&card.last4), failed, None, now).await?;
            return Err(card.refused(&e));
        }
    };
    let remember = form.remember.is_some() && card.fresh;
    let autopay = remember && form.autopay.is_some();
    let paid = settle(
        db,
        &collector,
        &row,
        Settle {
            card: &card,
            charge: &charge,
            amount_cents: due,
            entry: who,
            keep: remember.then_some((t, autopay)),
        },
        now,
    )
    .await?;
    Ok(paid)
}

/// A prepaid tenant adds funds by card; they pay what is open at once.
pub async fn top_up(
    db: &Db,
    gateway: &Gateway,
    viewer: Option<&Viewer>,
    tenant_id: &str,
    form: &PayForm,
    now: DateTime<Utc>,
) -> Result<PortalPayment, AppError> {
    let scope = scope::resolve(db, viewer, tenant_id).await?;
    scope.require_write()?;
    let t = &scope.tenant;
    if t.billing_mode != BillingMode::Prepaid.as_str() {
        return Err(AppError::conflict(
            "This account is billed after use; pay its invoices instead.",
        ));
    }
    let amount = parse_top_up(&form.amount).map_err(|m| AppError::invalid("amount", m))?;
    let collector = collector_for(db, gateway, t.partner_id).await?;
    let card = choose(db, &collector, t.id, form, now).await?;
    let idempotency = format!("topup-{}", Uuid::now_v7().simple());
    let charge = collector
        .processor
        .charge(&card.token, amount, &idempotency)
        .await
        .map_err(|e| card.refused(&e))?;
    let written = async {
        let txn = crate::db::begin(db).await?;
        tenant::Entity::update_many()
            .col_expr(
                tenant::Column::BalanceCents,
                Expr::col(tenant::Column::BalanceCents).add(amount),
            )
            .filter(tenant::Column::Id.eq(t.id))
            .exec(&txn)
            .await
            .map_err(db_error)?;
        super::record(
            &txn,
            Received {
                partner_id: t.partner_id,
                tenant_id: t.id,
                invoice_id: None,
                kind: "top_up",
                method: "card",
                amount_cents: amount,
                gateway: Some(collector.name.clone()),
                reference: Some(charge.clone()),
                card_last4: Some(card.last4.clone()),
            },
            now,
        )
        .await?;
        if collector.into_wallet {
            let posting = Posting {
                partner_id: t.partner_id,
                kind: LedgerKind::CustomerTopUp,
                amount_cents: amount,
                description: format!("{}: prepaid funds, card ending {}", t.name, card.last4),
                reference: Some(charge.clone()),
                overdraw: false,
            };
            wallet::post(&txn, posting, now).await?;
        }
        if form.remember.is_some() && card.fresh {
            keep(&txn, t, &collector, &card, form.autopay.is_some(), now).await?;
        }
        audit::record(
            &txn,
            audit::Entry::by_user(
                &scope.user,
                "tenant.funds_added",
                format!("tenant:{}", t.public_id),
            )
            .with_tenant(t.id)
            .with_summary(serde_json::json!({"amount": dollars(amount), "card": card.last4})),
            now,
        )
        .await?;
        txn.commit().await.map_err(db_error)?;
        Ok::<_, AppError>(())
    }
    .await;
    if let Err(error) = written {
        undo(db, &collector, &charge, amount).await?;
        return Err(error);
    }
    super::autopay::spend_balance(db, t.id, now).await?;
    portal(db, gateway, viewer, tenant_id).await
}

/// Forgets the saved card (auto-pay stops with it).
pub async fn forget_card(
    db: &Db,
    viewer: Option<&Viewer>,
    tenant_id: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let scope = scope::resolve(db, viewer, tenant_id).await?;
    scope.require_write()?;
    let txn = crate::db::begin(db).await?;
    tenant_card::Entity::delete_many()
        .filter(tenant_card::Column::TenantId.eq(scope.tenant.id))
        .exec(&txn)
        .await
        .map_err(db_error)?;
    set_autopay_flag(&txn, scope.tenant.id, false).await?;
    audit::record(
        &txn,
        audit::Entry::by_user(
            &scope.user,
            "tenant.card_removed",
            format!("tenant:{}", scope.tenant.public_id),
        )
        .with_tenant(scope.tenant.id),
        now,
    )
    .await?;
    txn.commit().await.map_err(db_error)
}

/// Turns auto-pay on or off for the saved card.
pub async fn set_autopay(
    db: &Db,
    gateway: &Gateway,
    viewer: Option<&Viewer>,
    tenant_id: &str,
    on: bool,
    now: DateTime<Utc>,
) -> Result<PortalPayment, AppError> {
    let scope = scope::resolve(db, viewer, tenant_id).await?;
    scope.require_write()?;
    let collector = collector_for(db, gateway, scope.tenant.partner_id).await?;
    if on && saved_card(db, scope.tenant.id, &collector).await?.is_none() {
        return Err(AppError::conflict(
            "Save a card first: auto-pay charges it.",
        ));
    }
    let txn = crate::db::begin(db).await?;
    set_autopay_flag(&txn, scope.tenant.id, on).await?;
    audit::record(
        &txn,
        audit::Entry::by_user(
            &scope.user,
            "tenant.autopay",
            format!("tenant:{}", scope.tenant.public_id),
        )
        .with_tenant(scope.tenant.id)
        .with_summary(serde_json::json!({"on": on})),
        now,
    )
    .await?;
    txn.commit().await.map_err(db_error)?;
    portal(db, gateway, viewer, tenant_id).await
}
