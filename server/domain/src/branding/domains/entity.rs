//! The `custom_domains` table.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "custom_domains")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub public_id: Uuid,
    pub partner_id: i32,
    /// Lower case, no trailing dot; unique across partners.
    #[sea_orm(unique)]
    pub hostname: String,
    /// A `model::branding::domains::DomainStatus` wire name.
    pub status: String,
    pub reason: Option<String>,
    pub checked_at: Option<DateTimeUtc>,
    pub activated_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
