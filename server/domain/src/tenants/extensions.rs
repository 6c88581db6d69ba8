//! A tenant's extensions. The SIP password is generated here, sealed at rest (the call
//! engine needs it to authenticate the phone) and shown to people exactly once, when
//! created or reset. Quotas are enforced in the same statement that counts the new
//! extension, so two concurrent creations can never pass a limit together.

use chrono::{DateTime, Utc};
use model::{
    AppError,
    auth::Viewer,
    tenants::{
        TenantStatus,
        extensions::{Extension, ExtensionForm, ExtensionSecret},
    },
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder, Set,
    sea_query::{Expr, ExprTrait},
};
use uuid::Uuid;

use super::{
    entity::{extension, tenant},
    scope,
};
use crate::{Db, audit, crypto::SecretBox, error::db_error, events};

/// Letters and digits without the look-alikes (0/O, 1/l/I), 20 of them: ~113 bits.
const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
const PASSWORD_LEN: usize = 20;

fn new_sip_password() -> Result<String, AppError> {
    let mut out = String::with_capacity(PASSWORD_LEN);
    let mut byte = [0u8; 1];
    while out.len() < PASSWORD_LEN {
        getrandom::fill(&mut byte).map_err(crate::error::internal)?;
        // Rejection sampling keeps every character equally likely.
        let limit = 256 - 256 % ALPHABET.len();
        if usize::from(byte[0]) < limit {
            out.push(char::from(ALPHABET[usize::from(byte[0]) % ALPHABET.len()]));
        }
    }
    Ok(out)
}

fn to_dto(t: &tenant::Model, e: &extension::Model) -> Extension {
    Extension {
        id: e.public_id.to_string(),
        number: e.number.clone(),
        display_name: e.display_name.clone(),
        sip_username: format!("{}{}", t.sip_prefix, e.number),
        voicemail: e.voicemail,
        registered: e.registered,
        created_at: crate::db::rfc3339(e.created_at),
    }
}

fn target(e: &extension::Model) -> String {
    format!("extension:{}", e.public_id)
}

/// The tenant's extensions by number.
pub async fn list(
    db: &Db,
    viewer: Option<&Viewer>,
    tenant_id: &str,
) -> Result<Vec<Extension>, AppError> {
    let t = scope::resolve(db, viewer, tenant_id).await?.tenant;
    let rows = extension::Entity::find()
        .filter(extension::Column::TenantId.eq(t.id))
        .order_by_asc(extension::Column::Number)
        .all(db)
        .await
        .map_err(db_error)?;
    Ok(rows.iter().map(|e| to_dto(&t, e)).collect())
}

/// Refuses changes a tenant's status does not allow.
fn writable(t: &tenant::Model, adding: bool) -> Result<(), AppError> {
    match TenantStatus::parse(&t.status) {
        Ok(TenantStatus::Cancelled) => Err(AppError::conflict(
            "This tenant is cancelled and read-only. Reactivate it to make changes.",
        )),
        Ok(TenantStatus::Suspended) if adding => Err(AppError::conflict(
            "This tenant is suspended: restore service before adding extensions.",
        )),
        _ => Ok(()),
    }
}

async fn find_extension(
    conn: &impl ConnectionTrait,
    t: &tenant::Model,
    id: &str,
) -> Result<extension::Model, AppError> {
    let id = Uuid::parse_str(id).map_err(|_| AppError::not_found("Extension"))?;
    extension::Entity::find()
        .filter(extension::Column::PublicId.eq(id))
        .filter(extension::Column::TenantId.eq(t.id))
        .one(conn)
        .await
        .map_err(db_error)?
        .ok_or_else(|| AppError::not_found("Extension"))
}

pub async fn create(
    db: &Db,
    secrets: &SecretBox,
    viewer: Option<&Viewer>,
    tenant_id: &str,
    form: &ExtensionForm,
    now: DateTime<Utc>,
) -> Result<ExtensionSecret, AppError> {
    let txn = crate::db::begin(db).await?;
    let scope = scope::resolve(&txn, viewer, tenant_id).await?;
    scope.require_write()?;
    let valid = form.validate()?;
    let t = scope.tenant.clone();
    writable(&t, true)?;
    let taken = extension::Entity::find()
        .filter(extension::Column::TenantId.eq(t.id))
        .filter(extension::Column::Number.eq(&valid.number))
        .one(&txn)
        .await
        .map_err(db_error)?;
    if taken.is_some() {
        return Err(AppError::invalid(
            "number",
            format!("Extension {} already exists here.", valid.number),
        ));
    }
    // Count it only while under the limit: one statement, so it cannot race.
    let counted = tenant::Entity::update_many()
        .col_expr(
            tenant::Column::ExtensionCount,
            Expr::col(tenant::Column::ExtensionCount).add(1),
        )
        .filter(tenant::Column::Id.eq(t.id))
        .filter(
            sea_orm::Condition::any()
                .add(tenant::Column::MaxExtensions.is_null())
                .add(
                    Expr::col(tenant::Column::ExtensionCount)
                        .lt(Expr::col(tenant::Column::MaxExtensions)),
                ),
        )
        .exec(&txn)
        .await
        .map_err(db_error)?;
    if counted.rows_affected == 0 {
        return Err(AppError::conflict(format!(
            "{} may have at most {} extensions. Raise its limit to add more.",
            t.name,
            t.max_extensions.unwrap_or_default()
        )));
    }
    crate::billing::tiers::count_extension(&txn, t.partner_id, now)
        .await
        .map_err(|e| match e {
            // A tenant's own people never see their provider's wholesale plan.
            AppError::PlanLimit { .. } if scope.user.tenant_id.is_some() => AppError::conflict(
                "No more extensions can be added right now. Contact your provider to add capacity.",
            ),
            other => other,
        })?;
    let password = new_sip_password()?;
    let row = extension::ActiveModel {
        public_id: Set(Uuid::now_v7()),
        tenant_id: Set(t.id),
        number: Set(valid.number),
        display_name: Set(valid.display_name),
        sip_secret: Set(secrets.seal(password.as_bytes())?),
        voicemail: Set(valid.voicemail),
        registered: Set(true),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(db_error)?;
    crate::invoicing::holdings::open(
        &txn,
        t.id,
        crate::invoicing::holdings::EXTENSION,
        row.id,
        now,
    )
    .await?;
    let dto = to_dto(&t, &row);
    events::record(&txn, t.partner_id, "extension.created", &dto, now).await?;
    audit::record(
        &txn,
        audit::Entry::by_user(&scope.user, "extension.created", target(&row))
            .with_tenant(t.id)
            .with_summary(
                serde_json::json!({"number": row.number, "display_name": row.display_name}),
            ),
        now,
    )
    .await?;
    txn.commit().await.map_err(db_error)?;
    Ok(ExtensionSecret {
        extension: dto,
        sip_password: password,
    })
}

/// Changes the display name and voicemail (the number, and so the SIP username, stays).
pub async fn update(
    db: &Db,
    viewer: Option<&Viewer>,
    tenant_id: &str,
    extension_id: &str,
    form: &ExtensionForm,
    now: DateTime<Utc>,
) -> Result<Extension, AppError> {
    let txn = crate::db::begin(db).await?;
    let scope = scope::resolve(&txn, viewer, tenant_id).await?;
    scope.require_write()?;
    let t = scope.tenant.clone();
    writable(&t, false)?;
    let current = find_extension(&txn, &t, extension_id).await?;
    let mut form = form.clone();
    form.number = current.number.clone();
    let valid = form.validate()?;
    let before =
        serde_json::json!({"display_name": current.display_name, "voicemail": current.voicemail});
    let mut row = current.into_active_model();
    row.display_name = Set(valid.display_name);
    row.voicemail = Set(valid.voicemail);
    row.updated_at = Set(now);
    let updated = row.update(&txn).await.map_err(db_error)?;
    let dto = to_dto(&t, &updated);
    events::record(&txn, t.partner_id, "extension.updated", &dto, now).await?;
    audit::record(
        &txn,
        audit::Entry::by_user(&scope.user, "extension.updated", target(&updated))
            .with_tenant(t.id)
            .with_summary(serde_json::json!({"before": before, "after": {"display_name": dto.display_name, "voicemail": dto.voicemail}})),
        now,
    )
    .await?;
    txn.commit().await.map_err(db_error)?;
    Ok(dto)
}

/// A new SIP password, shown once; the old one stops working at once.
pub async fn reset_password(
    db: &Db,
    secrets: &SecretBox,
    viewer: Option<&Viewer>,
    tenant_id: &str,
    extension_id: &str,
    now: DateTime<Utc>,
) -> Result<ExtensionSecret, AppError> {
    let txn = crate::db::begin(db).await?;
    let scope = scope::resolve(&txn, viewer, tenant_id).await?;
    scope.require_write()?;
    let t = scope.tenant.clone();
    writable(&t, false)?;
    let current = find_extension(&txn, &t, extension_id).await?;
    let password = new_sip_password()?;
    let mut row = current.into_active_model();
    row.sip_secret = Set(secrets.seal(password.as_bytes())?);
    row.updated_at = Set(now);
    let updated = row.update(&txn).await.map_err(db_error)?;
    audit::record(
        &txn,
        audit::Entry::by_user(&scope.user, "extension.password_reset", target(&updated))
            .with_tenant(t.id),
        now,
    )
    .await?;
    txn.commit().await.map_err(db_error)?;
    Ok(ExtensionSecret {
        extension: to_dto(&t, &updated),
        sip_password: password,
    })
}

pub async fn delete(
    db: &Db,
    viewer: Option<&Viewer>,
    tenant_id: &str,
    extension_id: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let txn = crate::db::begin(db).await?;
    let scope = scope::resolve(&txn, viewer, tenant_id).await?;
    scope.require_write()?;
    let t = scope.tenant.clone();
    writable(&t, false)?;
    let current = find_extension(&txn, &t, extension_id).await?;
    let dto = to_dto(&t, &current);
    extension::Entity::delete_by_id(current.id)
        .exec(&txn)
        .await
        .map_err(db_error)?;
    crate::invoicing::holdings::close(&txn, crate::invoicing::holdings::EXTENSION, current.id, now)
        .await?;
    tenant::Entity::update_many()
        .col_expr(
            tenant::Column::ExtensionCount,
            Expr::col(tenant::Column::ExtensionCount).sub(1),
        )
        .filter(tenant::Column::Id.eq(t.id))
        .exec(&txn)
        .await
        .map_err(db_error)?;
    crate::billing::tiers::release_extensions(&txn, t.partner_id, 1).await?;
    events::record(&txn, t.partner_id, "extension.deleted", &dto, now).await?;
    audit::record(
        &txn,
        audit::Entry::by_user(&scope.user, "extension.deleted", target(&current))
            .with_tenant(t.id)
            .with_summary(
                serde_json::json!({"number": dto.number, "display_name": dto.display_name}),
            ),
        now,
    )
    .await?;
    txn.commit().await.map_err(db_error)
}

/// The sealed SIP password of an extension, for the call engine (never for pages).
pub fn open_secret(secrets: &SecretBox, e: &extension::Model) -> Result<String, AppError> {
    String::from_utf8(secrets.open(&e.sip_secret)?).map_err(crate::error::internal)
}
