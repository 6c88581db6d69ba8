//! Recording a charge that went through: the invoice, the payment row and (Platform
//! mode) the partner's wallet in one transaction; a charge that cannot be recorded is
//! given back at once. Shared by paying in the portal and by auto-pay.

use chrono::{DateTime, Utc};
use model::{AppError, billing::LedgerKind, invoicing::Invoice};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use super::{Received, pay::Card};
use crate::{
    Db, audit,
    billing::{
        gateway::Collector,
        wallet::{self, Posting},
    },
    error::db_error,
    invoicing::{
        actions::{self, Move},
        entity::invoice,
    },
    tenants::entity::tenant,
};

/// A successful charge to record against an invoice.
pub(super) struct Settle<'a> {
    pub card: &'a Card,
    pub charge: &'a str,
    pub amount_cents: i64,
    pub entry: audit::Entry,
    /// Keep the card for the tenant (with auto-pay on or off).
    pub keep: Option<(&'a tenant::Model, bool)>,
}

/// Records charge `s.charge` as paying `row`: the invoice, the payment row, the
/// partner's wallet in Platform mode, all in one transaction. If that cannot be done
/// (the invoice changed meanwhile), the charge is given back.
pub(super) async fn settle(
    db: &Db,
    collector: &Collector,
    row: &invoice::Model,
    s: Settle<'_>,
    now: DateTime<Utc>,
) -> Result<Invoice, AppError> {
    let written = async {
        let txn = crate::db::begin(db).await?;
        let dto = actions::apply(&txn, Move::by(row, s.amount_cents, 0, s.entry), now).await?;
        super::record(
            &txn,
            Received {
                partner_id: row.partner_id,
                tenant_id: row.tenant_id,
                invoice_id: Some(row.id),
                kind: "payment",
                method: "card",
                amount_cents: s.amount_cents,
                gateway: Some(collector.name.clone()),
                reference: Some(s.charge.to_owned()),
                card_last4: Some(s.card.last4.clone()),
            },
            now,
        )
        .await?;
        if collector.into_wallet {
            let who = tenant::Entity::find_by_id(row.tenant_id)
                .one(&txn)
                .await
                .map_err(db_error)?
                .map(|t| t.name)
                .unwrap_or_default();
            let posting = Posting {
                partner_id: row.partner_id,
                kind: LedgerKind::CustomerPayment,
                amount_cents: s.amount_cents,
                description: format!(
                    "{who}: invoice {} paid, card ending {}",
                    row.number, s.card.last4
                ),
                reference: Some(s.charge.to_owned()),
                overdraw: false,
            };
            wallet::post(&txn, posting, now).await?;
        }
        if let Some((t, autopay)) = s.keep {
            super::pay::keep(&txn, t, collector, s.card, autopay, now).await?;
        }
        txn.commit().await.map_err(db_error)?;
        Ok::<_, AppError>(dto)
    }
    .await;
    match written {
        Ok(dto) => Ok(dto),
        Err(error) => {
            undo(db, collector, s.charge, s.amount_cents).await?;
            Err(error)
        }
    }
}

/// Gives back a charge that could not be recorded, unless it was recorded before (a
/// retried request the processor answered with the first charge: that one stands).
pub(super) async fn undo(
    db: &Db,
    collector: &Collector,
    charge: &str,
    amount_cents: i64,
) -> Result<(), AppError> {
    let recorded = super::entity::tenant_payment::Entity::find()
        .filter(super::entity::tenant_payment::Column::Reference.eq(charge))
        .one(db)
        .await
        .map_err(db_error)?;
    if recorded.is_some() {
        return Ok(());
    }
    collector
        .processor
        .refund(charge, amount_cents, &format!("undo-{charge}"))
        .await
        .map(|_| ())
        .map_err(|e| {
            tracing::error!(charge, error = ?e, "a charge could not be recorded nor given back");
            AppError::conflict(format!(
                "The payment could not be recorded and giving it back failed ({}); contact support with reference {charge}.",
                e.message("")
            ))
        })
}
