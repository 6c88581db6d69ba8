//! A partner's REST API keys: made by a Partner Admin (or a Partner User, whose keys
//! only read), shown once and stored as a SHA-256 hash, listed masked, edited (scopes
//! and tenants only) and revoked. [`authenticate`] turns a bearer key into the caller
//! the API acts as: the key's maker, within the key's scopes and tenants.

use chrono::{DateTime, Duration, Utc};
use model::{
    AppError,
    api::{
        ApiKey, ApiKeyEdit, ApiKeyForm, KEY_PREFIX, KeyStatus, NewApiKey, Scopes, parse_tenants,
    },
    auth::{Role, Viewer},
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder, Set, sea_query::Expr,
};

use super::entity::key;
use crate::{
    Db, audit,
    auth::{actor::Actor, token, user},
    error::db_error,
    tenants::entity::tenant,
};

/// Who is calling the API: the key, its partner and limits, and the person it acts as.
#[derive(Debug, Clone)]
pub struct Caller {
    pub key_id: uuid::Uuid,
    pub partner_id: i32,
    pub scopes: Scopes,
    /// Tenant ids the key is limited to; empty for every tenant.
    pub tenants: Vec<String>,
    pub rate_limit: u32,
    /// The key's maker is a Partner User: it may only read.
    pub read_only: bool,
    /// The maker as the domain services know callers.
    pub viewer: Viewer,
}

impl Caller {
    /// Whether the key may touch tenant `id`.
    pub fn reaches(&self, tenant_id: &str) -> bool {
        self.tenants.is_empty() || self.tenants.iter().any(|t| t == tenant_id)
    }
}

/// Makes a key for the caller's partner; the secret is in the answer and nowhere else.
pub async fn create(
    db: &Db,
    viewer: Option<&Viewer>,
    form: &ApiKeyForm,
    now: DateTime<Utc>,
) -> Result<NewApiKey, AppError> {
    let actor = Actor::partner_member(db, viewer).await?;
    let spec = form.validate()?;
    check_tenants(db, actor.partner_id, &spec.tenants).await?;
    let secret = format!("{KEY_PREFIX}{}", token::new_token().plain);
    let hint = format!(
        "{}…{}",
        &secret[..KEY_PREFIX.len() + 4],
        &secret[secret.len() - 4..]
    );
    let txn = crate::db::begin(db).await?;
    let row = key::ActiveModel {
        public_id: Set(uuid::Uuid::now_v7()),
        partner_id: Set(actor.partner_id),
        created_by: Set(actor.user.id),
        name: Set(spec.name.clone()),
        key_hash: Set(token::hash(&secret)),
        hint: Set(hint),
        scopes: Set(spec.scopes.as_slice().join(",")),
        tenants: Set(spec.tenants.join(",")),
        rate_limit: Set(i32::try_from(spec.rate_limit).unwrap_or(i32::MAX)),
        expires_at: Set(spec
            .expires_in_days
            .map(|d| now + Duration::days(i64::from(d)))),
        revoked_at: Set(None),
        last_used_at: Set(None),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(db_error)?;
    audit::record(
        &txn,
        audit::Entry::by_user(
            &actor.user,
            "api_key.created",
            format!("api_key:{}", row.public_id),
        )
        .with_summary(
            serde_json::json!({"name": row.name, "scopes": row.scopes, "tenants": row.tenants}),
        ),
        now,
    )
    .await?;
    txn.commit().await.map_err(db_error)?;
    let key = describe(db, vec![row], now).await?.remove(0);
    Ok(NewApiKey { key, secret })
}

/// `server create-api-key`: a key for partner `slug`, made as its first Partner Admin.
pub async fn create_for_partner(
    db: &Db,
    slug: &str,
    form: &ApiKeyForm,
    now: DateTime<Utc>,
) -> Result<NewApiKey, AppError> {
    let partner = crate::partners::find_by_slug(db, slug)
        .await?
        .ok_or_else(|| AppError::not_found("Partner"))?;
    let owner = user::Entity::find()
        .filter(user::Column::PartnerId.eq(partner.id))
        .filter(user::Column::TenantId.is_null())
        .filter(user::Column::Role.eq(Role::PartnerAdmin.as_str()))
        .order_by_asc(user::Column::Id)
        .one(db)
        .await
        .map_err(db_error)?
        .ok_or_else(|| AppError::not_found("Partner Admin"))?;
    let viewer = crate::auth::viewer::of_user(db, &owner, now).await?;
    create(db, Some(&viewer), form, now).await
}

/// The partner's keys, newest first.
pub async fn list(
    db: &Db,
    viewer: Option<&Viewer>,
    now: DateTime<Utc>,
) -> Result<Vec<ApiKey>, AppError> {
    let actor = Actor::partner_member(db, viewer).await?;
    let rows = key::Entity::find()
        .filter(key::Column::PartnerId.eq(actor.partner_id))
        .order_by_desc(key::Column::Id)
        .all(db)
        .await
        .map_err(db_error)?;
    describe(db, rows, now).await
}

/// Changes a key's scopes and tenants (nothing else can change).
pub async fn edit(
    db: &Db,
    viewer: Option<&Viewer>,
    id: &str,
    form: &ApiKeyEdit,
    now: DateTime<Utc>,
) -> Result<ApiKey, AppError> {
    let actor = Actor::partner_member(db, viewer).await?;
    actor.require_admin()?;
    let scopes = Scopes::parse(&form.scopes).map_err(|m| AppError::invalid("scopes", m))?;
    let tenants = parse_tenants(&form.tenants).map_err(|m| AppError::invalid("tenants", m))?;
    check_tenants(db, actor.partner_id, &tenants).await?;
    let row = own(db, actor.partner_id, id).await?;
    let mut active = row.into_active_model();
    active.scopes = Set(scopes.as_slice().join(","));
    active.tenants = Set(tenants.join(","));
    let txn = crate::db::begin(db).await?;
    let saved = active.update(&txn).await.map_err(db_error)?;
    audit::record(
        &txn,
        audit::Entry::by_user(
            &actor.user,
            "api_key.updated",
            format!("api_key:{}", saved.public_id),
        )
        .with_summary(serde_json::json!({"scopes": saved.scopes, "tenants": saved.tenants})),
        now,
    )
    .await?;
    txn.commit().await.map_err(db_error)?;
    Ok(describe(db, vec![saved], now).await?.remove(0))
}

/// Revokes a key: the next request with it is refused (keys are looked up on every
/// request, not cached).
pub async fn revoke(
    db: &Db,
    viewer: Option<&Viewer>,
    id: &str,
    now: DateTime<Utc>,
) -> Result<ApiKey, AppError> {
    let actor = Actor::partner_member(db, viewer).await?;
    let row = own(db, actor.partner_id, id).await?;
    // A Partner User may revoke only a key they made; admins any of the partner's.
    if row.created_by != actor.user.id {
        actor.require_admin()?;
    }
    let txn = crate::db::begin(db).await?;
    let mut active = row.into_active_model();
    active.revoked_at = Set(Some(now));
    let saved = active.update(&txn).await.map_err(db_error)?;
    audit::record(
        &txn,
        audit::Entry::by_user(
            &actor.user,
            "api_key.revoked",
            format!("api_key:{}", saved.public_id),
        ),
        now,
    )
    .await?;
    txn.commit().await.map_err(db_error)?;
    Ok(describe(db, vec![saved], now).await?.remove(0))
}

/// The caller behind `Authorization: Bearer <key>`; a missing, unknown, revoked or
/// expired key, or one whose maker has left, is `Unauthorized`.
pub async fn authenticate(db: &Db, bearer: &str, now: DateTime<Utc>) -> Result<Caller, AppError> {
    if !bearer.starts_with(KEY_PREFIX) {
        return Err(AppError::Unauthorized);
    }
    let row = key::Entity::find()
        .filter(key::Column::KeyHash.eq(token::hash(bearer)))
        .one(db)
        .await
        .map_err(db_error)?
        .ok_or(AppError::Unauthorized)?;
    if status(&row, now) != KeyStatus::Active {
        return Err(AppError::Unauthorized);
    }
    let maker = user::Entity::find_by_id(row.created_by)
        .one(db)
        .await
        .map_err(db_error)?
        .filter(|u| u.partner_id == Some(row.partner_id) && u.tenant_id.is_none())
        .ok_or(AppError::Unauthorized)?;
    let role = Role::parse(&maker.role).map_err(|_| AppError::Unauthorized)?;
    let viewer = crate::auth::viewer::of_user(db, &maker, now).await?;
    // Written at most once a minute per key, so busy keys do not write on every call.
    if row
        .last_used_at
        .is_none_or(|t| now - t > Duration::minutes(1))
    {
        key::Entity::update_many()
            .col_expr(key::Column::LastUsedAt, Expr::value(now))
            .filter(key::Column::Id.eq(row.id))
            .exec(db)
            .await
            .map_err(db_error)?;
    }
    Ok(Caller {
        key_id: row.public_id,
        partner_id: row.partner_id,
        scopes: Scopes::parse(&split(&row.scopes)).unwrap_or_default(),
        tenants: split(&row.tenants),
        rate_limit: u32::try_from(row.rate_limit).unwrap_or(1),
        read_only: role != Role::PartnerAdmin,
        viewer,
    })
}

fn split(list: &str) -> Vec<String> {
    list.split(',')
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

fn status(row: &key::Model, now: DateTime<Utc>) -> KeyStatus {
    if row.revoked_at.is_some() {
        KeyStatus::Revoked
    } else if row.expires_at.is_some_and(|t| t <= now) {
        KeyStatus::Expired
    } else {
        KeyStatus::Active
    }
}

async fn own(db: &Db, partner_id: i32, id: &str) -> Result<key::Model, AppError> {
    let id = uuid::Uuid::parse_str(id).map_err(|_| AppError::not_found("API key"))?;
    key::Entity::find()
        .filter(key::Column::PublicId.eq(id))
        .filter(key::Column::PartnerId.eq(partner_id))
        .one(db)
        .await
        .map_err(db_error)?
        .ok_or_else(|| AppError::not_found("API key"))
}

/// Every listed tenant must be one of the partner's.
async fn check_tenants(db: &Db, partner_id: i32, ids: &[String]) -> Result<(), AppError> {
    for id in ids {
        let uuid = uuid::Uuid::parse_str(id)
            .map_err(|_| AppError::invalid("tenants", "Unknown tenant."))?;
        let found = tenant::Entity::find()
            .filter(tenant::Column::PublicId.eq(uuid))
            .filter(tenant::Column::PartnerId.eq(partner_id))
            .one(db)
            .await
            .map_err(db_error)?;
        if found.is_none() {
            return Err(AppError::invalid(
                "tenants",
                "Choose among your own tenants.",
            ));
        }
    }
    Ok(())
}

async fn describe(
    conn: &impl ConnectionTrait,
    rows: Vec<key::Model>,
    now: DateTime<Utc>,
) -> Result<Vec<ApiKey>, AppError> {
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let maker = user::Entity::find_by_id(row.created_by)
            .one(conn)
            .await
            .map_err(db_error)?;
        let mut tenants = Vec::new();
        for id in split(&row.tenants) {
            let name = match uuid::Uuid::parse_str(&id) {
                Ok(uuid) => tenant::Entity::find()
                    .filter(tenant::Column::PublicId.eq(uuid))
                    .one(conn)
                    .await
                    .map_err(db_error)?
                    .map_or_else(|| "(removed)".to_owned(), |t| t.name),
                Err(_) => "(removed)".to_owned(),
            };
            tenants.push((id, name));
        }
        out.push(ApiKey {
            id: row.public_id.to_string(),
            name: row.name.clone(),
            masked: row.hint.clone(),
            scopes: Scopes::parse(&split(&row.scopes)).unwrap_or_default(),
            tenants,
            rate_limit: u32::try_from(row.rate_limit).unwrap_or(1),
            status: status(&row, now),
            read_only: maker
                .as_ref()
                .is_none_or(|u| u.role != Role::PartnerAdmin.as_str()),
            created_by: maker.map_or_else(|| "(removed)".to_owned(), |u| u.shown_name().to_owned()),
            created_at: crate::db::rfc3339(row.created_at),
            last_used_at: row.last_used_at.map(crate::db::rfc3339),
            expires_at: row.expires_at.map(crate::db::rfc3339),
        });
    }
    Ok(out)
}
