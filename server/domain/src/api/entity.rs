//! The `api_keys` and `api_idempotency` tables.

pub mod key {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "api_keys")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        #[sea_orm(unique)]
        pub public_id: Uuid,
        pub partner_id: i32,
        /// The user who made it: the key acts with that user's role (a Partner User's key
        /// only reads) and stops working if the user goes.
        pub created_by: i32,
        pub name: String,
        /// SHA-256 of the whole key, hex.
        #[sea_orm(unique)]
        pub key_hash: String,
        /// The masked form shown in lists (`key_live_Ab3x…9fQk`).
        pub hint: String,
        /// `model::api::Scopes`, comma-separated.
        pub scopes: String,
        /// Tenant public ids, comma-separated; empty for every tenant.
        pub tenants: String,
        pub rate_limit: i32,
        pub expires_at: Option<DateTimeUtc>,
        pub revoked_at: Option<DateTimeUtc>,
        pub last_used_at: Option<DateTimeUtc>,
        pub created_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod idempotency {
    use sea_orm::entity::prelude::*;

    /// A `POST` made with an `Idempotency-Key`: what it answered, to answer the same
    /// again for 24 hours.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "api_idempotency")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub partner_id: i32,
        pub idem_key: String,
        /// SHA-256 of method, path and body: the same key with another request is refused.
        pub request_hash: String,
        /// 0 while the first request is still running.
        pub status_code: i32,
        pub response_body: String,
        pub created_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
