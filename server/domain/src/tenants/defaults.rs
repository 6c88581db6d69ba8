//! Tenant defaults (`/tenants/defaults`): per partner, what pre-fills a new tenant.
//! Saving them changes no existing tenant.

use chrono::{DateTime, Utc};
use model::{AppError, auth::Viewer, tenants::TenantDefaults};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

use crate::{Db, audit, auth::actor::Actor, error::db_error};

pub mod entity {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "tenant_defaults")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        #[sea_orm(unique)]
        pub partner_id: i32,
        pub timezone: String,
        pub default_cnam: Option<String>,
        pub max_extensions: Option<i32>,
        pub max_numbers: Option<i32>,
        pub updated_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

fn to_form(row: Option<entity::Model>) -> TenantDefaults {
    match row {
        Some(r) => TenantDefaults {
            timezone: r.timezone,
            default_cnam: r.default_cnam.unwrap_or_default(),
            max_extensions: r.max_extensions.map(|n| n.to_string()).unwrap_or_default(),
            max_numbers: r.max_numbers.map(|n| n.to_string()).unwrap_or_default(),
        },
        None => TenantDefaults {
            timezone: model::tenants::Timezone::default().as_str().to_owned(),
            ..Default::default()
        },
    }
}

fn number(s: &str) -> Option<i32> {
    s.trim().parse().ok()
}

pub async fn get(db: &Db, viewer: Option<&Viewer>) -> Result<TenantDefaults, AppError> {
    let actor = Actor::partner_member(db, viewer).await?;
    let row = entity::Entity::find()
        .filter(entity::Column::PartnerId.eq(actor.partner_id))
        .one(db)
        .await
        .map_err(db_error)?;
    Ok(to_form(row))
}

pub async fn save(
    db: &Db,
    viewer: Option<&Viewer>,
    form: &TenantDefaults,
    now: DateTime<Utc>,
) -> Result<TenantDefaults, AppError> {
    let actor = Actor::partner_member(db, viewer).await?;
    actor.require_admin()?;
    form.validate()?;
    let timezone = model::tenants::Timezone::parse(&form.timezone)
        .map_err(|m| AppError::invalid("timezone", m))?;
    let txn = crate::db::begin(db).await?;
    let existing = entity::Entity::find()
        .filter(entity::Column::PartnerId.eq(actor.partner_id))
        .one(&txn)
        .await
        .map_err(db_error)?;
    let before = to_form(existing.clone());
    let mut row: entity::ActiveModel = match existing {
        Some(r) => r.into(),
        None => entity::ActiveModel {
            partner_id: Set(actor.partner_id),
            ..Default::default()
        },
    };
    row.timezone = Set(timezone.as_str().to_owned());
    row.default_cnam = Set(Some(form.default_cnam.trim().to_owned()).filter(|c| !c.is_empty()));
    row.max_extensions = Set(number(&form.max_extensions));
    row.max_numbers = Set(number(&form.max_numbers));
    row.updated_at = Set(now);
    let saved = row.save(&txn).await.map_err(db_error)?;
    let saved = to_form(Some(
        sea_orm::TryIntoModel::try_into_model(saved).map_err(db_error)?,
    ));
    audit::record(
        &txn,
        audit::Entry::by_user(
            &actor.user,
            "tenant_defaults.updated",
            "tenant_defaults".into(),
        )
        .with_summary(serde_json::json!({"before": before, "after": saved})),
        now,
    )
    .await?;
    txn.commit().await.map_err(db_error)?;
    Ok(saved)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing;

    #[tokio::test]
    async fn defaults_are_per_partner_validated_and_only_pre_fill() {
        let db = testing::fresh_db().await;
        let (acme, _) = testing::partner_owner(&db, "acme").await;
        let (beta, _) = testing::partner_owner(&db, "beta").await;
        assert_eq!(
            get(&db, Some(&acme)).await.unwrap().timezone,
            "America/New_York"
        );
        let bad = TenantDefaults {
            timezone: "Nowhere".into(),
            default_cnam: "Far Too Long Caller Name".into(),
            ..Default::default()
        };
        let err = save(&db, Some(&acme), &bad, Utc::now()).await.unwrap_err();
        let fields = err.field_errors().unwrap();
        assert!(fields.first("timezone").is_some() && fields.first("default_cnam").is_some());
        let good = TenantDefaults {
            timezone: "America/Denver".into(),
            default_cnam: "ACME".into(),
            max_extensions: "25".into(),
            max_numbers: "".into(),
        };
        save(&db, Some(&acme), &good, Utc::now()).await.unwrap();
        let again = TenantDefaults {
            max_extensions: "30".into(),
            ..good.clone()
        };
        save(&db, Some(&acme), &again, Utc::now()).await.unwrap();
        assert_eq!(get(&db, Some(&acme)).await.unwrap().max_extensions, "30");
        assert_eq!(
            get(&db, Some(&beta)).await.unwrap().max_extensions,
            "",
            "another partner's defaults are its own"
        );
        let reader = testing::partner_user(&db, &acme, "reader@acme.test").await;
        assert!(matches!(
            save(&db, Some(&reader), &good, Utc::now())
                .await
                .unwrap_err(),
            AppError::Forbidden { .. }
        ));
    }
}
