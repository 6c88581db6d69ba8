//! Tenants: a partner's customers. Every function takes the caller (`Viewer`) and finds
//! tenants only inside the caller's partner: another partner's tenant id is simply "not
//! found", never "forbidden", so ids reveal nothing. Partner Users read; changes need a
//! Partner Admin.

mod activity;
pub mod assume;
pub mod defaults;
pub mod entity;
pub mod extensions;
mod lifecycle;
mod list;
pub mod scope;
pub mod users;

#[cfg(test)]
mod assume_tests;
#[cfg(test)]
mod extension_tests;
#[cfg(test)]
mod portal_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod users_tests;

pub use activity::activity;
pub use lifecycle::{PURGE_AFTER, activate, cancel, purge_due, reactivate, suspend, unsuspend};
pub use list::{list, page_after};

use chrono::{DateTime, Utc};
use entity::tenant;
use model::{
    AppError,
    auth::Viewer,
    tenants::{E911Address, Tenant, TenantForm, TenantSettings, TenantStatus, ValidTenant},
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait,
    IntoActiveModel, QueryFilter, Set,
};
use uuid::Uuid;

use crate::db::rfc3339;
use crate::{
    Db, audit,
    auth::{actor::Actor, user},
    error::db_error,
    events,
};

/// The wire shape (CONTRACT.md's tenant JSON, plus limits and the purge date).
pub fn to_dto(t: &tenant::Model) -> Tenant {
    Tenant {
        id: t.public_id.to_string(),
        name: t.name.clone(),
        sip_prefix: t.sip_prefix.clone(),
        billing_email: t.billing_email.clone(),
        default_cnam: t.default_cnam.clone(),
        timezone: t.timezone.clone(),
        status: TenantStatus::parse(&t.status).unwrap_or(TenantStatus::Active),
        suspended_reason: t.suspended_reason.clone(),
        e911_address: t
            .e911_address
            .as_deref()
            .and_then(|j| serde_json::from_str::<E911Address>(j).ok()),
        max_extensions: t.max_extensions.and_then(|n| u32::try_from(n).ok()),
        max_numbers: t.max_numbers.and_then(|n| u32::try_from(n).ok()),
        users: u64::try_from(t.user_count).unwrap_or(0),
        numbers: u64::try_from(t.number_count).unwrap_or(0),
        extensions: u64::try_from(t.extension_count).unwrap_or(0),
        created_at: rfc3339(t.created_at),
        purge_after: t.purge_after.map(rfc3339),
        billing: crate::invoicing::settings::of(t),
    }
}

pub(crate) fn target(t: &tenant::Model) -> String {
    format!("tenant:{}", t.public_id)
}

/// A tenant of the actor's partner, or "not found" (also for another partner's id).
pub(crate) async fn find(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    id: &str,
) -> Result<tenant::Model, AppError> {
    let id = Uuid::parse_str(id).map_err(|_| AppError::not_found("Tenant"))?;
    tenant::Entity::find()
        .filter(tenant::Column::PublicId.eq(id))
        .filter(tenant::Column::PartnerId.eq(actor.partner_id))
        .one(conn)
        .await
        .map_err(db_error)?
        .ok_or_else(|| AppError::not_found("Tenant"))
}

/// One tenant of the caller's partner.
pub async fn get(db: &Db, viewer: Option<&Viewer>, id: &str) -> Result<Tenant, AppError> {
    let actor = Actor::partner_member(db, viewer).await?;
    Ok(to_dto(&find(db, &actor, id).await?))
}

/// One tenant for its portal: its own users or the partner's team may look.
pub async fn portal_view(db: &Db, viewer: Option<&Viewer>, id: &str) -> Result<Tenant, AppError> {
    Ok(to_dto(&scope::resolve(db, viewer, id).await?.tenant))
}

fn e911_json(address: Option<&E911Address>) -> Result<Option<String>, AppError> {
    address
        .map(serde_json::to_string)
        .transpose()
        .map_err(crate::error::internal)
}

fn limit(n: Option<u32>) -> Option<i32> {
    n.map(|n| i32::try_from(n).unwrap_or(i32::MAX))
}

/// Creates a tenant in TRIAL. The SIP prefix must be free across the whole platform.
pub async fn create(
    db: &Db,
    viewer: Option<&Viewer>,
    form: &TenantForm,
    now: DateTime<Utc>,
) -> Result<Tenant, AppError> {
    let actor = Actor::partner_member(db, viewer).await?;
    actor.require_admin()?;
    let valid = form.validate()?;
    let txn = crate::db::begin(db).await?;
    let taken = tenant::Entity::find()
        .filter(tenant::Column::SipPrefix.eq(valid.sip_prefix.as_str()))
        .one(&txn)
        .await
        .map_err(db_error)?;
    if taken.is_some() {
        return Err(AppError::invalid(
            "sip_prefix",
            format!("\"{}\" is taken; choose another prefix.", valid.sip_prefix),
        ));
    }
    let row = tenant::ActiveModel {
        public_id: Set(Uuid::now_v7()),
        partner_id: Set(actor.partner_id),
        name: Set(valid.name.clone()),
        name_lower: Set(valid.name.to_lowercase()),
        sip_prefix: Set(valid.sip_prefix.to_string()),
        billing_email: Set(valid.billing_email.to_string()),
        default_cnam: Set(valid.default_cnam.map(String::from)),
        timezone: Set(valid.timezone.as_str().to_owned()),
        status: Set(TenantStatus::Trial.as_str().to_owned()),
        e911_address: Set(e911_json(valid.e911.as_ref())?),
        max_extensions: Set(limit(valid.max_extensions)),
        max_numbers: Set(limit(valid.max_numbers)),
        user_count: Set(0),
        number_count: Set(0),
        extension_count: Set(0),
        cancelled_at: Set(None),
        purge_after: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(db_error)?;
    let dto = to_dto(&row);
    events::record(&txn, actor.partner_id, "tenant.created", &dto, now).await?;
    audit::record(
        &txn,
        audit::Entry::by_user(&actor.user, "tenant.created", target(&row))
            .with_tenant(row.id)
            .with_summary(serde_json::json!({"name": row.name, "sip_prefix": row.sip_prefix})),
        now,
    )
    .await?;
    txn.commit().await.map_err(db_error)?;
    Ok(dto)
}

/// Edits everything but the SIP prefix, the creation date and the owner. A CANCELLED
/// tenant is read-only.
pub async fn update(
    db: &Db,
    viewer: Option<&Viewer>,
    id: &str,
    form: &TenantForm,
    now: DateTime<Utc>,
) -> Result<Tenant, AppError> {
    let actor = Actor::partner_member(db, viewer).await?;
    actor.require_admin()?;
    let txn = crate::db::begin(db).await?;
    let current = find(&txn, &actor, id).await?;
    if current.status == TenantStatus::Cancelled.as_str() {
        return Err(AppError::conflict(
            "This tenant is cancelled and read-only. Reactivate it to make changes.",
        ));
    }
    // The prefix is immutable: validate the rest with the stored one.
    let mut form = form.clone();
    form.sip_prefix = current.sip_prefix.clone();
    let valid = form.validate()?;
    let after = save(&txn, &actor.user, current, valid, now).await?;
    txn.commit().await.map_err(db_error)?;
    Ok(after)
}

/// A tenant's own admins change their settings (contact, caller ID, time zone, E911
/// address); a Partner Admin managing the tenant may too. Everything else stays as is.
pub async fn update_settings(
    db: &Db,
    viewer: Option<&Viewer>,
    id: &str,
    settings: &TenantSettings,
    now: DateTime<Utc>,
) -> Result<Tenant, AppError> {
    let txn = crate::db::begin(db).await?;
    let scope = scope::resolve(&txn, viewer, id).await?;
    scope.require_write()?;
    if scope.tenant.status == TenantStatus::Cancelled.as_str() {
        return Err(AppError::conflict(
            "This account is cancelled and read-only. Contact your provider to restore it.",
        ));
    }
    let valid = settings.validate(&to_dto(&scope.tenant))?;
    let after = save(&txn, &scope.user, scope.tenant, valid, now).await?;
    txn.commit().await.map_err(db_error)?;
    Ok(after)
}

/// Writes validated fields, with the event and an audit entry naming what changed.
async fn save(
    txn: &DatabaseTransaction,
    by: &user::Model,
    current: tenant::Model,
    valid: ValidTenant,
    now: DateTime<Utc>,
) -> Result<Tenant, AppError> {
    let before = to_dto(&current);
    let mut row = current.into_active_model();
    row.name = Set(valid.name.clone());
    row.name_lower = Set(valid.name.to_lowercase());
    row.billing_email = Set(valid.billing_email.to_string());
    row.default_cnam = Set(valid.default_cnam.map(String::from));
    row.timezone = Set(valid.timezone.as_str().to_owned());
    row.e911_address = Set(e911_json(valid.e911.as_ref())?);
    row.max_extensions = Set(limit(valid.max_extensions));
    row.max_numbers = Set(limit(valid.max_numbers));
    row.updated_at = Set(now);
    let updated = row.update(txn).await.map_err(db_error)?;
    let after = to_dto(&updated);
    events::record(txn, updated.partner_id, "tenant.updated", &after, now).await?;
    audit::record(
        txn,
        audit::Entry::by_user(by, "tenant.updated", target(&updated))
            .with_tenant(updated.id)
            .with_summary(changes(&before, &after)),
        now,
    )
    .await?;
    Ok(after)
}

/// `{"field": {"before": …, "after": …}}` for each field that changed.
fn changes(before: &Tenant, after: &Tenant) -> serde_json::Value {
    let (b, a) = (
        serde_json::to_value(before).unwrap_or_default(),
        serde_json::to_value(after).unwrap_or_default(),
    );
    let mut out = serde_json::Map::new();
    if let (Some(b), Some(a)) = (b.as_object(), a.as_object()) {
        for (key, new) in a {
            let old = b.get(key).cloned().unwrap_or_default();
            if &old != new {
                out.insert(
                    key.clone(),
                    serde_json::json!({"before": old, "after": new}),
                );
            }
        }
    }
    serde_json::Value::Object(out)
}
