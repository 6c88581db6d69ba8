//! Domain events (`tenant.created`, `extension.deleted`, …): written by the services into
//! the `events` table inside the same transaction as the change, so an event exists
//! exactly when its change does. Webhook delivery reads them from here.

use chrono::{DateTime, Utc};
use model::AppError;
use sea_orm::{ConnectionTrait, QueryOrder, Set, entity::prelude::*};
use serde::Serialize;

use crate::error::{db_error, internal};

pub mod entity {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "events")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        /// `evt_` and 32 hex digits: the id webhook receivers deduplicate by.
        #[sea_orm(unique)]
        pub public_id: String,
        pub partner_id: i32,
        /// `tenant.created`, `extension.updated`, …
        pub event_type: String,
        /// The payload's `data` object, as JSON text.
        pub data: String,
        pub created_at: DateTimeUtc,
        /// Set once webhook deliveries exist for every endpoint that wanted it.
        pub fanned_out_at: Option<DateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub use entity::Model as Event;

/// Records `event_type` with `data` for `partner_id`.
pub async fn record(
    conn: &impl ConnectionTrait,
    partner_id: i32,
    event_type: &str,
    data: &impl Serialize,
    now: DateTime<Utc>,
) -> Result<String, AppError> {
    let id = format!("evt_{}", Uuid::now_v7().simple());
    entity::ActiveModel {
        public_id: Set(id.clone()),
        partner_id: Set(partner_id),
        event_type: Set(event_type.to_owned()),
        data: Set(serde_json::to_string(data).map_err(internal)?),
        created_at: Set(now),
        fanned_out_at: Set(None),
        ..Default::default()
    }
    .insert(conn)
    .await
    .map_err(db_error)?;
    Ok(id)
}

/// A partner's events, oldest first (tests, and the webhook worker's catch-up).
pub async fn for_partner(
    conn: &impl ConnectionTrait,
    partner_id: i32,
) -> Result<Vec<Event>, AppError> {
    entity::Entity::find()
        .filter(entity::Column::PartnerId.eq(partner_id))
        .order_by_asc(entity::Column::Id)
        .all(conn)
        .await
        .map_err(db_error)
}
