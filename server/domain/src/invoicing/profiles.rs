//! Billing profiles: a partner's retail price lists. Every partner starts with a
//! Pay-As-You-Go and a Flat Rate profile (made with the partner, and for partners that
//! existed before, by the migration), priced above every wholesale tier so a partner
//! who assigns one as it is never sells at a loss.

use chrono::{DateTime, Utc};
use model::{
    AppError,
    invoicing::{BillingProfile, Included, Prices, ProfileForm, ProfileKind, ValidProfile},
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use uuid::Uuid;

use super::entity::billing_profile;
use crate::{Db, error::db_error, tenants::entity::tenant};

/// The two profiles every partner starts with.
pub fn starters() -> [ValidProfile; 2] {
    [
        ValidProfile {
            name: "Pay-As-You-Go".into(),
            kind: ProfileKind::Payg,
            currency: "USD".into(),
            base_fee_cents: 0,
            prices: Prices {
                extension_cents: 600,
                local_number_cents: 300,
                toll_free_number_cents: 400,
                local_minute_micros: 30_000,
                toll_free_minute_micros: 35_000,
            },
            included: Included::default(),
            trial_days: None,
            converts_to: None,
            suspend_after_days: None,
        },
        ValidProfile {
            name: "Flat Rate".into(),
            kind: ProfileKind::FlatRate,
            currency: "USD".into(),
            base_fee_cents: 4_900,
            prices: Prices {
                extension_cents: 500,
                local_number_cents: 250,
                toll_free_number_cents: 350,
                local_minute_micros: 25_000,
                toll_free_minute_micros: 30_000,
            },
            included: Included {
                extensions: 5,
                local_numbers: 2,
                toll_free_numbers: 0,
                minutes: 1_000,
            },
            trial_days: None,
            converts_to: None,
            suspend_after_days: None,
        },
    ]
}

pub async fn insert_starters<C: ConnectionTrait>(
    db: &C,
    partner_id: i32,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    for profile in starters() {
        row(partner_id, &profile, None, now)
            .insert(db)
            .await
            .map_err(db_error)?;
    }
    Ok(())
}

fn row(
    partner_id: i32,
    p: &ValidProfile,
    converts_to: Option<i32>,
    now: DateTime<Utc>,
) -> billing_profile::ActiveModel {
    let small = |n: u32| i32::try_from(n).unwrap_or(i32::MAX);
    billing_profile::ActiveModel {
        public_id: Set(Uuid::now_v7()),
        partner_id: Set(partner_id),
        name: Set(p.name.clone()),
        kind: Set(p.kind.as_str().to_owned()),
        currency: Set(p.currency.clone()),
        base_fee_cents: Set(p.base_fee_cents),
        extension_cents: Set(p.prices.extension_cents),
        local_number_cents: Set(p.prices.local_number_cents),
        toll_free_number_cents: Set(p.prices.toll_free_number_cents),
        local_minute_micros: Set(p.prices.local_minute_micros),
        toll_free_minute_micros: Set(p.prices.toll_free_minute_micros),
        included_extensions: Set(small(p.included.extensions)),
        included_local_numbers: Set(small(p.included.local_numbers)),
        included_toll_free_numbers: Set(small(p.included.toll_free_numbers)),
        included_minutes: Set(i64::try_from(p.included.minutes).unwrap_or(i64::MAX)),
        trial_days: Set(p.trial_days.map(small)),
        converts_to: Set(converts_to),
        suspend_after_days: Set(p.suspend_after_days.map(small)),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
}

/// The profile's prices and allowances as the invoice arithmetic takes them.
pub fn pricing(p: &billing_profile::Model) -> (Prices, Included) {
    let count = |n: i32| u32::try_from(n).unwrap_or_default();
    (
        Prices {
            extension_cents: p.extension_cents,
            local_number_cents: p.local_number_cents,
            toll_free_number_cents: p.toll_free_number_cents,
            local_minute_micros: p.local_minute_micros,
            toll_free_minute_micros: p.toll_free_minute_micros,
        },
        Included {
            extensions: count(p.included_extensions),
            local_numbers: count(p.included_local_numbers),
            toll_free_numbers: count(p.included_toll_free_numbers),
            minutes: u64::try_from(p.included_minutes).unwrap_or_default(),
        },
    )
}

async fn to_dto<C: ConnectionTrait>(
    db: &C,
    rows: Vec<billing_profile::Model>,
) -> Result<Vec<BillingProfile>, AppError> {
    let partner_ids: Vec<i32> = rows.iter().map(|r| r.partner_id).collect();
    let all = billing_profile::Entity::find()
        .filter(billing_profile::Column::PartnerId.is_in(partner_ids.clone()))
        .all(db)
        .await
        .map_err(db_error)?;
    // Only the profile each billed tenant is on: enough to count them.
    let on: Vec<Option<Uuid>> = tenant::Entity::find()
        .select_only()
        .column(tenant::Column::BillingProfileId)
        .filter(tenant::Column::PartnerId.is_in(partner_ids))
        .filter(tenant::Column::BillingProfileId.is_not_null())
        .into_tuple()
        .all(db)
        .await
        .map_err(db_error)?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let (prices, included) = pricing(&r);
            BillingProfile {
                id: r.public_id.to_string(),
                name: r.name.clone(),
                kind: ProfileKind::parse(&r.kind).unwrap_or(ProfileKind::Payg),
                currency: r.currency.clone(),
                base_fee_cents: r.base_fee_cents,
                prices,
                included,
                trial_days: r.trial_days.and_then(|d| u32::try_from(d).ok()),
                converts_to: r.converts_to.and_then(|id| {
                    all.iter()
                        .find(|p| p.id == id)
                        .map(|p| p.public_id.to_string())
                }),
                suspend_after_days: r.suspend_after_days.and_then(|d| u32::try_from(d).ok()),
                tenant_count: u32::try_from(on.iter().filter(|p| **p == Some(r.public_id)).count())
                    .unwrap_or(u32::MAX),
            }
        })
        .collect())
}

/// The partner's profiles, by name.
pub async fn list_for(db: &Db, partner_id: i32) -> Result<Vec<BillingProfile>, AppError> {
    let rows = billing_profile::Entity::find()
        .filter(billing_profile::Column::PartnerId.eq(partner_id))
        .order_by_asc(billing_profile::Column::Name)
        .all(db)
        .await
        .map_err(db_error)?;
    to_dto(db, rows).await
}

/// Profile `id` of `partner_id`; another partner's is not found.
pub async fn find<C: ConnectionTrait>(
    db: &C,
    partner_id: i32,
    id: &str,
) -> Result<billing_profile::Model, AppError> {
    let not_found = || AppError::not_found("No such billing profile.");
    let uuid = Uuid::parse_str(id.trim()).map_err(|_| not_found())?;
    billing_profile::Entity::find()
        .filter(billing_profile::Column::PublicId.eq(uuid))
        .filter(billing_profile::Column::PartnerId.eq(partner_id))
        .one(db)
        .await
        .map_err(db_error)?
        .ok_or_else(not_found)
}

pub async fn get(db: &Db, partner_id: i32, id: &str) -> Result<BillingProfile, AppError> {
    let row = find(db, partner_id, id).await?;
    Ok(to_dto(db, vec![row]).await?.remove(0))
}

/// A trial's target must be one of the partner's profiles, and not a trial itself.
async fn conversion<C: ConnectionTrait>(
    db: &C,
    partner_id: i32,
    valid: &ValidProfile,
    this: Option<i32>,
) -> Result<Option<i32>, AppError> {
    let Some(target) = &valid.converts_to else {
        return Ok(None);
    };
    let target = find(db, partner_id, target)
        .await
        .map_err(|_| AppError::invalid("converts_to", "Choose one of your profiles."))?;
    if target.trial_days.is_some() || Some(target.id) == this {
        return Err(AppError::invalid(
            "converts_to",
            "A trial converts to a profile that is not itself a trial.",
        ));
    }
    Ok(Some(target.id))
}

pub async fn create(
    db: &Db,
    partner_id: i32,
    form: &ProfileForm,
    now: DateTime<Utc>,
) -> Result<BillingProfile, AppError> {
    let valid = form.validate()?;
    let txn = crate::db::begin(db).await?;
    let converts_to = conversion(&txn, partner_id, &valid, None).await?;
    let saved = row(partner_id, &valid, converts_to, now)
        .insert(&txn)
        .await
        .map_err(db_error)?;
    txn.commit().await.map_err(db_error)?;
    get(db, partner_id, &saved.public_id.to_string()).await
}

/// A new price applies to invoices made from now on; invoices already made keep theirs.
pub async fn update(
    db: &Db,
    partner_id: i32,
    id: &str,
    form: &ProfileForm,
    now: DateTime<Utc>,
) -> Result<BillingProfile, AppError> {
    let valid = form.validate()?;
    let txn = crate::db::begin(db).await?;
    let current = find(&txn, partner_id, id).await?;
    let converts_to = conversion(&txn, partner_id, &valid, Some(current.id)).await?;
    let mut active = row(partner_id, &valid, converts_to, now);
    active.id = Set(current.id);
    active.public_id = Set(current.public_id);
    active.created_at = Set(current.created_at);
    active.update(&txn).await.map_err(db_error)?;
    txn.commit().await.map_err(db_error)?;
    get(db, partner_id, id).await
}
