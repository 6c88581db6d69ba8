//! The partner's logo: uploaded by a Partner Admin (checked by `model::branding::logo`,
//! an SVG rewritten through its allow-list), stored in `partner_logos`, served at
//! `/brand/logo/{partner id}/{key}` where the key is a hash of the file, so a new logo
//! gets a new URL and the old one can be cached for good.

use chrono::{DateTime, Utc};
use model::{
    AppError,
    auth::Viewer,
    branding::{BrandInfo, logo},
};
use sea_orm::{
    ActiveModelTrait, EntityTrait, IntoActiveModel, Set, entity::prelude::*, sea_query::OnConflict,
};
use sha2::{Digest, Sha256};

use crate::{Db, audit, auth::actor::Actor, error::db_error, partners::partner};

pub mod entity {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "partner_logos")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub partner_id: i32,
        pub key: String,
        pub content_type: String,
        pub bytes: Vec<u8>,
        pub updated_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// Where a partner's current logo is served, if it has one.
pub fn url_of(p: &partner::Model) -> Option<String> {
    p.logo_key
        .as_ref()
        .map(|key| format!("/brand/logo/{}/{key}", p.public_id))
}

/// Replaces the partner's logo with `bytes` (refused by field `logo` when not allowed).
pub async fn upload(
    db: &Db,
    viewer: Option<&Viewer>,
    bytes: &[u8],
    now: DateTime<Utc>,
) -> Result<BrandInfo, AppError> {
    let actor = Actor::partner_member(db, viewer).await?;
    actor.require_admin()?;
    let checked = logo::check(bytes).map_err(|message| AppError::invalid("logo", message))?;
    let digest = hex::encode(Sha256::digest(&checked.bytes));
    let key = format!("{}.{}", &digest[..16], checked.kind.extension());
    let txn = crate::db::begin(db).await?;
    entity::Entity::insert(entity::ActiveModel {
        partner_id: Set(actor.partner_id),
        key: Set(key.clone()),
        content_type: Set(checked.kind.content_type().to_owned()),
        bytes: Set(checked.bytes),
        updated_at: Set(now),
    })
    .on_conflict(
        OnConflict::column(entity::Column::PartnerId)
            .update_columns([
                entity::Column::Key,
                entity::Column::ContentType,
                entity::Column::Bytes,
                entity::Column::UpdatedAt,
            ])
            .to_owned(),
    )
    .exec(&txn)
    .await
    .map_err(db_error)?;
    let saved = set_key(&txn, actor.partner_id, Some(key), now).await?;
    record(&txn, &actor, &saved, "partner.logo_changed", now).await?;
    txn.commit().await.map_err(db_error)?;
    Ok(super::of_partner(&saved))
}

/// Takes the logo away (pages show the brand name alone again).
pub async fn remove(
    db: &Db,
    viewer: Option<&Viewer>,
    now: DateTime<Utc>,
) -> Result<BrandInfo, AppError> {
    let actor = Actor::partner_member(db, viewer).await?;
    actor.require_admin()?;
    let txn = crate::db::begin(db).await?;
    entity::Entity::delete_by_id(actor.partner_id)
        .exec(&txn)
        .await
        .map_err(db_error)?;
    let saved = set_key(&txn, actor.partner_id, None, now).await?;
    record(&txn, &actor, &saved, "partner.logo_removed", now).await?;
    txn.commit().await.map_err(db_error)?;
    Ok(super::of_partner(&saved))
}

async fn set_key(
    txn: &sea_orm::DatabaseTransaction,
    partner_id: i32,
    key: Option<String>,
    now: DateTime<Utc>,
) -> Result<partner::Model, AppError> {
    let current = partner::Entity::find_by_id(partner_id)
        .one(txn)
        .await
        .map_err(db_error)?
        .ok_or_else(|| AppError::not_found("Partner"))?;
    let mut p = current.into_active_model();
    p.logo_key = Set(key);
    p.updated_at = Set(now);
    p.update(txn).await.map_err(db_error)
}

async fn record(
    txn: &sea_orm::DatabaseTransaction,
    actor: &Actor,
    saved: &partner::Model,
    action: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    audit::record(
        txn,
        audit::Entry::by_user(&actor.user, action, format!("partner:{}", saved.public_id))
            .with_summary(serde_json::json!({"logo": saved.logo_key})),
        now,
    )
    .await
}

/// The logo file at `/brand/logo/{partner}/{key}`: only the partner's current one (an
/// old key answers not found, so a replaced logo is really gone).
pub async fn file(
    db: &Db,
    partner: Uuid,
    key: &str,
) -> Result<Option<(String, Vec<u8>)>, AppError> {
    let Some(p) = partner::Entity::find()
        .filter(partner::Column::PublicId.eq(partner))
        .one(db)
        .await
        .map_err(db_error)?
    else {
        return Ok(None);
    };
    if p.logo_key.as_deref() != Some(key) {
        return Ok(None);
    }
    Ok(entity::Entity::find_by_id(p.id)
        .one(db)
        .await
        .map_err(db_error)?
        .filter(|row| row.key == key)
        .map(|row| (row.content_type, row.bytes)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        bytes.extend(width.to_be_bytes());
        bytes.extend(height.to_be_bytes());
        bytes.extend([8, 6, 0, 0, 0, 0, 0, 0, 0]);
        bytes
    }

    #[tokio::test]
    async fn an_admin_uploads_a_logo_that_is_served_at_its_own_url_until_replaced() {
        let db = testing::fresh_db().await;
        let (owner, _) = testing::partner_owner(&db, "acme").await;
        let now = Utc::now();
        let brand = upload(&db, Some(&owner), &png(200, 40), now).await.unwrap();
        let url = brand.logo_url.clone().unwrap();
        let (partner, key) = url
            .trim_start_matches("/brand/logo/")
            .split_once('/')
            .unwrap();
        let partner = Uuid::parse_str(partner).unwrap();
        assert!(key.ends_with(".png"));
        let (kind, bytes) = file(&db, partner, key).await.unwrap().unwrap();
        assert_eq!((kind.as_str(), bytes), ("image/png", png(200, 40)));

        let svg = br#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>"#;
        let next = upload(&db, Some(&owner), svg, now).await.unwrap();
        assert_ne!(next.logo_url, brand.logo_url);
        assert!(
            file(&db, partner, key).await.unwrap().is_none(),
            "old key gone"
        );

        let cleared = remove(&db, Some(&owner), now).await.unwrap();
        assert_eq!(cleared.logo_url, None);
    }

    #[tokio::test]
    async fn an_unsafe_svg_is_refused_by_field_and_changes_nothing() {
        let db = testing::fresh_db().await;
        let (owner, _) = testing::partner_owner(&db, "acme").await;
        let evil = br#"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#;
        let err = upload(&db, Some(&owner), evil, Utc::now())
            .await
            .unwrap_err();
        assert!(err.field_errors().and_then(|f| f.first("logo")).is_some());
        let p = crate::partners::find_by_slug(&*db, "acme")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(p.logo_key, None);
    }

    #[tokio::test]
    async fn partner_users_cannot_change_the_logo() {
        let db = testing::fresh_db().await;
        let (owner, _) = testing::partner_owner(&db, "acme").await;
        let user = testing::partner_user(&db, &owner, "reader@acme.test").await;
        let err = upload(&db, Some(&user), &png(100, 100), Utc::now())
            .await
            .unwrap_err();
        assert_eq!(err.status(), 403);
    }
}
