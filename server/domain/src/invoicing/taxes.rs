//! Tax rates a partner charges its tenants. A change applies to invoices made from then
//! on: an invoice keeps the name and rate it applied.

use chrono::{DateTime, Utc};
use model::{
    AppError,
    invoicing::{TaxRate, TaxRateForm},
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};
use uuid::Uuid;

use super::entity::tax_rate;
use crate::{Db, error::db_error};

fn to_dto(r: tax_rate::Model) -> TaxRate {
    TaxRate {
        id: r.public_id.to_string(),
        name: r.name,
        code: r.code,
        ppm: r.ppm,
        enabled: r.enabled,
    }
}

pub async fn list(db: &Db, partner_id: i32) -> Result<Vec<TaxRate>, AppError> {
    Ok(tax_rate::Entity::find()
        .filter(tax_rate::Column::PartnerId.eq(partner_id))
        .order_by_asc(tax_rate::Column::Name)
        .all(db)
        .await
        .map_err(db_error)?
        .into_iter()
        .map(to_dto)
        .collect())
}

/// Rate `id` of `partner_id`; another partner's is not found.
pub async fn find<C: ConnectionTrait>(
    db: &C,
    partner_id: i32,
    id: &str,
) -> Result<tax_rate::Model, AppError> {
    let not_found = || AppError::not_found("No such tax rate.");
    let uuid = Uuid::parse_str(id.trim()).map_err(|_| not_found())?;
    tax_rate::Entity::find()
        .filter(tax_rate::Column::PublicId.eq(uuid))
        .filter(tax_rate::Column::PartnerId.eq(partner_id))
        .one(db)
        .await
        .map_err(db_error)?
        .ok_or_else(not_found)
}

pub async fn get(db: &Db, partner_id: i32, id: &str) -> Result<TaxRate, AppError> {
    Ok(to_dto(find(db, partner_id, id).await?))
}

pub async fn create(
    db: &Db,
    partner_id: i32,
    form: &TaxRateForm,
    now: DateTime<Utc>,
) -> Result<TaxRate, AppError> {
    let valid = form.validate()?;
    let row = tax_rate::ActiveModel {
        public_id: Set(Uuid::now_v7()),
        partner_id: Set(partner_id),
        name: Set(valid.name),
        code: Set(valid.code),
        ppm: Set(valid.ppm),
        enabled: Set(valid.enabled),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .map_err(db_error)?;
    Ok(to_dto(row))
}

pub async fn update(
    db: &Db,
    partner_id: i32,
    id: &str,
    form: &TaxRateForm,
    now: DateTime<Utc>,
) -> Result<TaxRate, AppError> {
    let valid = form.validate()?;
    let mut active: tax_rate::ActiveModel = find(db, partner_id, id).await?.into();
    active.name = Set(valid.name);
    active.code = Set(valid.code);
    active.ppm = Set(valid.ppm);
    active.enabled = Set(valid.enabled);
    active.updated_at = Set(now);
    Ok(to_dto(active.update(db).await.map_err(db_error)?))
}
