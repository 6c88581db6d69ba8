use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_log")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub public_id: Uuid,
    pub chain_key: i32,
    pub seq: i64,
    pub at: DateTimeUtc,
    pub actor_user_id: Option<i32>,
    /// The actor as people read it (an email, "system", "cli").
    pub actor_label: String,
    /// Set when someone acts as a tenant (assume identity).
    pub acting_as: Option<String>,
    pub partner_id: Option<i32>,
    pub tenant_id: Option<i32>,
    pub action: String,
    pub target: String,
    /// Before/after summary as JSON text.
    pub summary: String,
    pub request_id: Option<String>,
    pub prev_hash: String,
    pub hash: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
