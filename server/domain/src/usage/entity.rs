//! The tables of call usage: rated call records, per-tenant per-cycle counters, and the
//! keys the call engine ingests with.

pub mod cdr {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "cdrs")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        /// The call engine's id; unique, so a replayed record changes nothing.
        #[sea_orm(unique)]
        pub record_id: String,
        /// The id the API shows (the column is nullable only because SQLite could not
        /// add it otherwise; every row has one).
        #[sea_orm(unique)]
        pub public_id: Uuid,
        pub partner_id: i32,
        pub tenant_id: i32,
        pub direction: String,
        pub from_number: String,
        pub to_number: String,
        pub started_at: DateTimeUtc,
        pub answered_at: Option<DateTimeUtc>,
        pub ended_at: DateTimeUtc,
        pub hangup_cause: String,
        pub toll_free: bool,
        pub minutes: i64,
        pub rate_micros: i64,
        pub cost_micros: i64,
        pub ingested_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod counter {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "usage_counters")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub partner_id: i32,
        pub tenant_id: i32,
        /// `YYYY-MM-01`: the calendar-month cycle.
        pub cycle_start: String,
        pub local_minutes: i64,
        pub toll_free_minutes: i64,
        pub cost_micros: i64,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod ingest_key {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "ingest_keys")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        #[sea_orm(unique)]
        pub public_id: Uuid,
        pub name: String,
        /// SHA-256 of the key; the key itself is shown once.
        #[sea_orm(unique)]
        pub key_hash: String,
        pub created_at: DateTimeUtc,
        pub revoked_at: Option<DateTimeUtc>,
        pub last_used_at: Option<DateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
