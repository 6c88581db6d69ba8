//! A tenant's billing settings. They live on the tenant row (the profile and tax rates
//! by public id), so showing a tenant, or a page of them, reads no other table.
//!
//! Giving a tenant its first profile starts billing on that local day (the anchor);
//! taking the profile away stops it after the periods already closed. A new period
//! kind starts at the first day not yet invoiced, so no day is billed twice or skipped.

use chrono::{DateTime, Utc};
use model::{
    AppError,
    invoicing::{BillingMode, PeriodKind, TenantBilling, TenantBillingForm},
};
use sea_orm::{ActiveModelTrait, ConnectionTrait, IntoActiveModel, Set};

use super::{profiles, taxes};
use crate::calendar::zone;
use crate::{error::db_error, tenants::entity::tenant};

/// The tax rates (public ids) on `t`'s row.
pub fn tax_rate_ids(t: &tenant::Model) -> Vec<String> {
    serde_json::from_str(&t.billing_tax_rates).unwrap_or_default()
}

/// `t`'s billing settings as pages and the API show them.
pub fn of(t: &tenant::Model) -> TenantBilling {
    TenantBilling {
        profile_id: t.billing_profile_id.map(|id| id.to_string()),
        period: PeriodKind::parse(&t.billing_period).unwrap_or(PeriodKind::Monthly),
        mode: BillingMode::parse(&t.billing_mode).unwrap_or(BillingMode::Postpaid),
        credit_limit_cents: t.credit_limit_cents,
        tax_rate_ids: tax_rate_ids(t),
        currency: "USD".into(),
        balance_cents: t.balance_cents,
    }
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
    let mut rates = Vec::new();
    for id in &valid.tax_rate_ids {
        let rate = taxes::find(txn, t.partner_id, id)
            .await
            .map_err(|_| AppError::invalid("tax_rate_ids", "Choose from your tax rates."))?;
        rates.push(rate.public_id.to_string());
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
    active.billing_profile_id = Set(profile.map(|p| p.public_id));
    active.billing_tax_rates = Set(serde_json::to_string(&rates).map_err(crate::error::internal)?);
    active.billing_period = Set(valid.period.as_str().to_owned());
    active.billing_mode = Set(valid.mode.as_str().to_owned());
    active.credit_limit_cents = Set(valid.credit_limit_cents);
    active.updated_at = Set(now);
    active.update(txn).await.map_err(db_error)
}

/// Checks `form` against the caller's partner (profile and tax rates exist and are
/// theirs) without saving: so a request that also creates or changes the tenant is
/// refused before anything is written.
pub async fn check(
    db: &crate::Db,
    viewer: Option<&model::auth::Viewer>,
    form: &TenantBillingForm,
) -> Result<(), AppError> {
    let actor = crate::auth::actor::Actor::partner_member(db, viewer).await?;
    actor.require_admin()?;
    let valid = form.validate()?;
    if let Some(id) = &valid.profile_id {
        profiles::find(db, actor.partner_id, id)
            .await
            .map_err(|_| AppError::invalid("profile_id", "Choose one of your billing profiles."))?;
    }
    for id in &valid.tax_rate_ids {
        taxes::find(db, actor.partner_id, id)
            .await
            .map_err(|_| AppError::invalid("tax_rate_ids", "Choose from your tax rates."))?;
    }
    Ok(())
}

/// Saves tenant `tenant_id`'s billing settings. Only the partner's admins set them: a
/// tenant's own people never choose their price list.
pub async fn apply(
    db: &crate::Db,
    viewer: Option<&model::auth::Viewer>,
    tenant_id: &str,
    form: &TenantBillingForm,
    now: DateTime<Utc>,
) -> Result<model::tenants::Tenant, AppError> {
    let actor = crate::auth::actor::Actor::partner_member(db, viewer).await?;
    actor.require_admin()?;
    let txn = crate::db::begin(db).await?;
    let scope = crate::tenants::scope::resolve(&txn, viewer, tenant_id).await?;
    scope.require_write()?;
    let saved = set(&txn, &scope.tenant, form, now).await?;
    crate::audit::record(
        &txn,
        crate::audit::Entry::by_user(
            &actor.user,
            "tenant.billing_changed",
            crate::tenants::target(&saved),
        )
        .with_tenant(saved.id)
        .with_summary(serde_json::to_value(of(&saved)).map_err(crate::error::internal)?),
        now,
    )
    .await?;
    txn.commit().await.map_err(db_error)?;
    Ok(crate::tenants::to_dto(&saved))
}
