//! The partner's invoice settings (Settings → Pricing): the number prefix, whether the
//! billing run mails new invoices at once, and the days to suspension for an unpaid
//! invoice. A new prefix applies to the next number; issued invoices keep theirs.

use chrono::{DateTime, Utc};
use model::{
    AppError,
    auth::Viewer,
    invoicing::policy::{InvoiceSettings, InvoiceSettingsForm, number},
};
use sea_orm::{ActiveModelTrait, IntoActiveModel, Set};

use crate::{
    Db, audit,
    auth::actor::Actor,
    error::{db_error, internal},
    partners::{self, partner},
};

pub fn of(p: &partner::Model) -> InvoiceSettings {
    InvoiceSettings {
        prefix: p.invoice_prefix.clone(),
        auto_send: p.auto_send_invoices,
        suspend_after_days: u32::try_from(p.suspend_after_days).unwrap_or_default(),
        next_number: number(&p.invoice_prefix, p.invoice_seq + 1),
    }
}

pub async fn get(db: &Db, partner_id: i32) -> Result<InvoiceSettings, AppError> {
    let p = partners::find_by_id(db, partner_id)
        .await?
        .ok_or_else(|| internal("partner gone"))?;
    Ok(of(&p))
}

/// Saves the settings; partner admins only.
pub async fn save(
    db: &Db,
    viewer: Option<&Viewer>,
    form: &InvoiceSettingsForm,
    now: DateTime<Utc>,
) -> Result<InvoiceSettings, AppError> {
    let actor = Actor::partner_member(db, viewer).await?;
    actor.require_admin()?;
    let valid = form.validate()?;
    let txn = crate::db::begin(db).await?;
    let current = partners::find_by_id(&txn, actor.partner_id)
        .await?
        .ok_or_else(|| internal("partner gone"))?;
    let before = of(&current);
    let mut row = current.into_active_model();
    row.invoice_prefix = Set(valid.prefix);
    row.auto_send_invoices = Set(valid.auto_send);
    row.suspend_after_days = Set(i32::try_from(valid.suspend_after_days).unwrap_or(i32::MAX));
    row.updated_at = Set(now);
    let saved = row.update(&txn).await.map_err(db_error)?;
    let after = of(&saved);
    audit::record(
        &txn,
        audit::Entry::by_user(
            &actor.user,
            "partner.invoice_settings_changed",
            format!("partner:{}", saved.public_id),
        )
        .with_summary(serde_json::json!({
            "prefix": {"before": before.prefix, "after": after.prefix},
            "auto_send": {"before": before.auto_send, "after": after.auto_send},
            "suspend_after_days": {"before": before.suspend_after_days, "after": after.suspend_after_days},
        })),
        now,
    )
    .await?;
    txn.commit().await.map_err(db_error)?;
    Ok(after)
}
