//! A tenant's billing settings. Giving a tenant its first profile starts billing on
//! that local day (the anchor); taking the profile away stops it after the periods
//! already closed. A new period kind starts at the first day not yet invoiced, so no
//! day is billed twice or skipped.

use chrono::{DateTime, Utc};
use model::{
    AppError,
    invoicing::{BillingMode, PeriodKind, TenantBilling, TenantBillingForm},
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter, Set,
};

use super::{
    engine::zone,
    entity::{billing_profile, tax_rate, tenant_tax_rate},
    profiles, taxes,
};
use crate::{error::db_error, tenants::entity::tenant};

/// `t`'s billing settings as pages and the API show them.
pub async fn of<C: ConnectionTrait>(db: &C, t: &tenant::Model) -> Result<TenantBilling, AppError> {
    let profile = match t.billing_profile_id {
        Some(id) => billing_profile::Entity::find_by_id(id)
            .one(db)
            .await
            .map_err(db_error)?,
        None => None,
    };
    let rate_ids: Vec<i32> = tenant_tax_rate::Entity::find()
        .filter(tenant_tax_rate::Column::TenantId.eq(t.id))
        .all(db)
        .await
        .map_err(db_error)?
        .into_iter()
        .map(|r| r.tax_rate_id)
        .collect();
    let rates = if rate_ids.is_empty() {
        Vec::new()
    } else {
        tax_rate::Entity::find()
            .filter(tax_rate::Column::Id.is_in(rate_ids))
            .all(db)
            .await
            .map_err(db_error)?
    };
    Ok(TenantBilling {
        profile_id: profile.map(|p| p.public_id.to_string()),
        period: PeriodKind::parse(&t.billing_period).unwrap_or(PeriodKind::Monthly),
        mode: BillingMode::parse(&t.billing_mode).unwrap_or(BillingMode::Postpaid),
        credit_limit_cents: t.credit_limit_cents,
        tax_rate_ids: rates.into_iter().map(|r| r.public_id.to_string()).collect(),
        balance_cents: t.balance_cents,
    })
}

/// Saves `form` for `t` (a tenant of `t.partner_id`, already resolved by the caller's
/// scope) inside `txn`.
pub async fn set<C: ConnectionTrait>(
    txn: &C,
    t: &tenant::Model,
    form: &TenantBillingForm,
    now: DateTime<Utc>,
) -> Result<tenant::Model, AppError> {
    let valid = form.validate()?;
    let profile = match &valid.profile_id {
        Some(id) => Some(profiles::find(txn, t.partner_id, id).await.map_err(|_| {
            AppError::invalid("profile_id", "Choose one of your billing profiles.")
        })?),
        None => None,
    };
    let mut rate_ids = Vec::new();
    for id in &valid.tax_rate_ids {
        let rate = taxes::find(txn, t.partner_id, id)
            .await
            .map_err(|_| AppError::invalid("tax_rate_ids", "Choose from your tax rates."))?;
        rate_ids.push(rate.id);
    }
    let today = now
        .with_timezone(&zone(&t.timezone))
        .date_naive()
        .format("%Y-%m-%d")
        .to_string();
    let mut active = t.clone().into_active_model();
    match (&profile, &t.billing_next_start) {
        (Some(_), None) => {
            // Billing starts (or restarts) today.
            active.billing_anchor = Set(Some(today.clone()));
            active.billing_next_start = Set(Some(today));
        }
        (Some(_), Some(next)) if valid.period.as_str() != t.billing_period => {
            active.billing_anchor = Set(Some(next.clone()));
        }
        (None, _) => active.billing_next_start = Set(None),
        _ => {}
    }
    active.billing_profile_id = Set(profile.map(|p| p.id));
    active.billing_period = Set(valid.period.as_str().to_owned());
    active.billing_mode = Set(valid.mode.as_str().to_owned());
    active.credit_limit_cents = Set(valid.credit_limit_cents);
    active.updated_at = Set(now);
    let saved = active.update(txn).await.map_err(db_error)?;
    tenant_tax_rate::Entity::delete_many()
        .filter(tenant_tax_rate::Column::TenantId.eq(t.id))
        .exec(txn)
        .await
        .map_err(db_error)?;
    for id in rate_ids {
        tenant_tax_rate::ActiveModel {
            tenant_id: Set(t.id),
            tax_rate_id: Set(id),
        }
        .insert(txn)
        .await
        .map_err(db_error)?;
    }
    Ok(saved)
}
