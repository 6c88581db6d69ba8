//! The webhook tables (migration 18).

pub mod endpoint {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "webhook_endpoints")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        #[sea_orm(unique)]
        pub public_id: Uuid,
        pub partner_id: i32,
        pub url: String,
        pub description: String,
        /// The chosen event types, as a JSON array.
        pub events: String,
        /// `whsec_…`, sealed with the installation key (it must be read back to sign).
        pub secret_sealed: String,
        pub secret_hint: String,
        pub enabled: bool,
        /// `failures` or `manual` while disabled.
        pub disabled_reason: Option<String>,
        pub consecutive_failures: i32,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
        /// Deleted endpoints keep their rows so their delivery history stays readable.
        pub deleted_at: Option<DateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod delivery {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "webhook_deliveries")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        #[sea_orm(unique)]
        pub public_id: Uuid,
        pub endpoint_id: i32,
        /// `events.id`.
        pub event_id: i32,
        /// 0 for the event's own delivery; 1, 2, … for manual redeliveries.
        pub seq: i32,
        pub status: String,
        pub attempts: i32,
        /// When the next attempt is due; `None` once delivered or dead.
        pub next_attempt_at: Option<DateTimeUtc>,
        pub lease_owner: Option<String>,
        pub lease_until: Option<DateTimeUtc>,
        /// The schedule counts from here.
        pub created_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod attempt {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "webhook_attempts")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub delivery_id: i32,
        pub endpoint_id: i32,
        /// 1 to 8.
        pub attempt: i32,
        pub attempted_at: DateTimeUtc,
        pub duration_ms: i64,
        pub response_status: Option<i32>,
        /// `200 OK`, `Timeout`, `Connection refused`, …
        pub outcome: String,
        pub succeeded: bool,
        /// The first 4 KB of the answer.
        pub response_body: Option<String>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
