//! The `tiers` table: one row per version of a tier.

pub mod tier {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "tiers")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        /// A `model::billing::TierCode` wire name.
        pub code: String,
        pub name: String,
        pub monthly_fee_cents: Option<i64>,
        pub extension_cap: Option<i32>,
        pub extension_cents: i64,
        pub local_did_cents: i64,
        pub toll_free_did_cents: i64,
        pub local_minute_micros: i64,
        pub toll_free_minute_micros: i64,
        /// The reseller subscription: per customer account per month.
        pub account_fee_cents: i64,
        /// This version applies from here until the next version's date.
        pub effective_from: DateTimeUtc,
        pub created_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod ledger_entry {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "ledger_entries")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        #[sea_orm(unique)]
        pub public_id: Uuid,
        pub partner_id: i32,
        /// A `model::billing::LedgerKind` wire name.
        pub kind: String,
        pub amount_cents: i64,
        pub balance_after_cents: i64,
        pub description: String,
        /// Unique per partner when set: replaying the same posting changes nothing.
        pub reference: Option<String>,
        pub created_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod payment_method {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "payment_methods")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        #[sea_orm(unique)]
        pub public_id: Uuid,
        pub partner_id: i32,
        /// Which `PaymentProcessor` issued the token (`builtin`, `stripe`).
        pub processor: String,
        pub token: String,
        pub brand: String,
        pub last4: String,
        pub exp_month: i32,
        pub exp_year: i32,
        pub is_default: bool,
        pub created_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
