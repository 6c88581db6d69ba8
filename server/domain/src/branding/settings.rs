//! Settings → Brand: a Partner Admin sets what the partner's customers see. Read by the
//! whole team; every change is audited with what changed.

use chrono::{DateTime, Utc};
use model::{
    AppError,
    auth::Viewer,
    branding::{
        BrandInfo,
        form::{BrandForm, BrandSettings},
    },
};
use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel, Set};

use crate::{Db, audit, auth::actor::Actor, error::db_error, partners::partner};

async fn row(db: &Db, id: i32) -> Result<partner::Model, AppError> {
    partner::Entity::find_by_id(id)
        .one(db)
        .await
        .map_err(db_error)?
        .ok_or_else(|| AppError::not_found("Partner"))
}

fn form_of(p: &partner::Model) -> BrandForm {
    BrandForm {
        brand_name: p.brand_name.clone().unwrap_or_default(),
        primary_color: super::of_partner(p).primary_color.to_string(),
        from_email: p.from_email.clone().unwrap_or_default(),
        support_email: p.support_email.clone().unwrap_or_default(),
    }
}

pub async fn get(db: &Db, viewer: Option<&Viewer>) -> Result<BrandSettings, AppError> {
    let actor = Actor::partner_member(db, viewer).await?;
    let p = row(db, actor.partner_id).await?;
    Ok(BrandSettings {
        form: form_of(&p),
        logo_url: super::logo::url_of(&p),
        company_name: p.name,
    })
}

pub async fn save(
    db: &Db,
    viewer: Option<&Viewer>,
    form: &BrandForm,
    now: DateTime<Utc>,
) -> Result<BrandInfo, AppError> {
    let actor = Actor::partner_member(db, viewer).await?;
    actor.require_admin()?;
    let valid = form.validate()?;
    let txn = crate::db::begin(db).await?;
    let current = partner::Entity::find_by_id(actor.partner_id)
        .one(&txn)
        .await
        .map_err(db_error)?
        .ok_or_else(|| AppError::not_found("Partner"))?;
    let before = form_of(&current);
    let mut p = current.into_active_model();
    p.brand_name = Set(valid.brand_name);
    p.primary_color = Set(Some(valid.primary_color.to_string()));
    p.from_email = Set(valid.from_email);
    p.support_email = Set(valid.support_email);
    p.updated_at = Set(now);
    let saved = p.update(&txn).await.map_err(db_error)?;
    audit::record(
        &txn,
        audit::Entry::by_user(
            &actor.user,
            "partner.brand_changed",
            format!("partner:{}", saved.public_id),
        )
        .with_summary(serde_json::json!({"before": before, "after": form_of(&saved)})),
        now,
    )
    .await?;
    txn.commit().await.map_err(db_error)?;
    Ok(super::of_partner(&saved))
}

#[cfg(test)]
mod tests {
    use model::branding::form::BrandForm;

    use super::*;
    use crate::testing;

    #[tokio::test]
    async fn admins_save_the_brand_readers_only_look() {
        let db = testing::fresh_db().await;
        let (owner, _) = testing::partner_owner(&db, "acme").await;
        let form = BrandForm {
            brand_name: "Acme Voice".into(),
            primary_color: "#0f766e".into(),
            from_email: "hello@acme.test".into(),
            support_email: "help@acme.test".into(),
        };
        let brand = save(&db, Some(&owner), &form, Utc::now()).await.unwrap();
        assert_eq!(
            (
                brand.name.as_str(),
                brand.primary_color.to_string().as_str()
            ),
            ("Acme Voice", "#0f766e")
        );
        let read = get(&db, Some(&owner)).await.unwrap();
        assert_eq!(
            (read.form, read.company_name.as_str()),
            (form.clone(), "Acme")
        );
        let bad = BrandForm {
            primary_color: "blue".into(),
            ..form.clone()
        };
        assert!(
            save(&db, Some(&owner), &bad, Utc::now())
                .await
                .unwrap_err()
                .field_errors()
                .is_some()
        );
        let reader = testing::partner_user(&db, &owner, "reader@acme.test").await;
        assert!(matches!(
            save(&db, Some(&reader), &form, Utc::now()).await,
            Err(AppError::Forbidden { .. })
        ));
        let (other, _) = testing::partner_owner(&db, "globex").await;
        assert_eq!(get(&db, Some(&other)).await.unwrap().form.brand_name, "");
    }
}
