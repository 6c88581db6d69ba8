//! The `phone_numbers` and `carrier_jobs` tables.

pub mod number {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "phone_numbers")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        #[sea_orm(unique)]
        pub public_id: Uuid,
        pub partner_id: i32,
        /// The tenant it is assigned to; `None` is the partner's unassigned stock.
        pub tenant_id: Option<i32>,
        /// E.164 (`+13035550142`); unique among rows not released.
        pub e164: String,
        /// `local` or `toll_free`.
        pub kind: String,
        pub state: Option<String>,
        pub city: Option<String>,
        pub rate_center: Option<String>,
        /// A `model::numbers::NumberStatus` wire name.
        pub status: String,
        /// The partner's prices for this number, fixed at purchase from its tier.
        pub monthly_cents: i64,
        pub setup_cents: i64,
        pub minute_micros: i64,
        pub call_flow: Option<String>,
        /// A per-number caller-ID name overriding the tenant's default.
        pub cnam: Option<String>,
        /// `PENDING`, `SYNCED` or `FAILED` once a name has been sent to the carrier.
        pub cnam_status: Option<String>,
        pub cnam_reason: Option<String>,
        /// `model::tenants::E911Address` as JSON.
        pub e911_address: Option<String>,
        /// `NOT_SET`, `PENDING`, `REGISTERED` or `FAILED`.
        pub e911_status: String,
        pub e911_reason: Option<String>,
        pub purchased_at: DateTimeUtc,
        pub activated_at: Option<DateTimeUtc>,
        pub released_at: Option<DateTimeUtc>,
        pub updated_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod job {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "carrier_jobs")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        /// `activate`, `cnam`, `e911`, `release` or `port`.
        pub kind: String,
        /// The `phone_numbers` row, or the `port_requests` row for `port` jobs.
        pub subject_id: i32,
        pub due_at: DateTimeUtc,
        pub attempts: i32,
        /// The instance working on it, until `claimed_until` (then anyone may retry).
        pub claimed_by: Option<String>,
        pub claimed_until: Option<DateTimeUtc>,
        pub last_error: Option<String>,
        pub done_at: Option<DateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
