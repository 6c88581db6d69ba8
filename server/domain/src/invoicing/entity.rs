//! The tenant-billing tables (migration `m20261207_000020_tenant_billing`).

pub mod billing_profile {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "billing_profiles")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        #[sea_orm(unique)]
        pub public_id: Uuid,
        pub partner_id: i32,
        pub name: String,
        /// A `model::invoicing::ProfileKind` wire name.
        pub kind: String,
        pub currency: String,
        pub base_fee_cents: i64,
        pub extension_cents: i64,
        pub local_number_cents: i64,
        pub toll_free_number_cents: i64,
        pub local_minute_micros: i64,
        pub toll_free_minute_micros: i64,
        pub included_extensions: i32,
        pub included_local_numbers: i32,
        pub included_toll_free_numbers: i32,
        pub included_minutes: i64,
        pub trial_days: Option<i32>,
        /// The profile (`id`) a trial converts to.
        pub converts_to: Option<i32>,
        /// Days after issue at which an unpaid invoice suspends the tenant; `None`: the
        /// partner's default.
        pub suspend_after_days: Option<i32>,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod tax_rate {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "tax_rates")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        #[sea_orm(unique)]
        pub public_id: Uuid,
        pub partner_id: i32,
        pub name: String,
        pub code: String,
        /// Parts per million of the subtotal.
        pub ppm: i64,
        pub enabled: bool,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod holding {
    use sea_orm::entity::prelude::*;

    /// One billable thing a tenant held from `held_from` until `held_until` (open while
    /// held): an extension or a number.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "holdings")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub tenant_id: i32,
        /// `extension`, `local_number` or `toll_free_number`.
        pub kind: String,
        /// The extension's or the number's `id`.
        pub subject_id: i32,
        pub held_from: DateTimeUtc,
        pub held_until: Option<DateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod invoice {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "invoices")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        #[sea_orm(unique)]
        pub public_id: Uuid,
        pub partner_id: i32,
        pub tenant_id: i32,
        /// Position in the partner's gapless sequence.
        pub seq: i64,
        /// The partner's prefix and `seq`, as printed.
        pub number: String,
        /// First local date covered (`YYYY-MM-DD`).
        pub period_start: String,
        /// Last local date covered, inclusive.
        pub period_end: String,
        /// A `model::invoicing::InvoiceStatus` wire name.
        pub status: String,
        pub currency: String,
        pub subtotal_cents: i64,
        pub tax_cents: i64,
        pub total_cents: i64,
        pub paid_cents: i64,
        pub refunded_cents: i64,
        pub issued_at: DateTimeUtc,
        pub due_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
        /// When it was first mailed to the tenant (Draft → Sent).
        pub sent_at: Option<DateTimeUtc>,
        /// When the last reminder went out (the dunning step sends one at the due date).
        pub reminded_at: Option<DateTimeUtc>,
        /// When it suspended its tenant for non-payment (it does so once).
        pub suspended_tenant_at: Option<DateTimeUtc>,
        /// When auto-pay claimed this invoice (it tries each invoice once).
        pub autopay_tried_at: Option<DateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod charge {
    use sea_orm::entity::prelude::*;

    /// A one-time charge or credit for a tenant's next invoice (`invoice_id` once taken).
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "tenant_charges")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        #[sea_orm(unique)]
        pub public_id: Uuid,
        pub partner_id: i32,
        pub tenant_id: i32,
        /// `one_time` or `credit`.
        pub kind: String,
        pub description: String,
        /// Positive for both kinds.
        pub amount_cents: i64,
        pub created_at: DateTimeUtc,
        pub invoice_id: Option<i32>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod invoice_line {
    use sea_orm::entity::prelude::*;

    /// A charge of an invoice, or (kind `tax`) one tax rate applied to its subtotal.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "invoice_lines")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub invoice_id: i32,
        pub position: i32,
        /// A `model::invoicing::LineKind` wire name, or `tax`.
        pub kind: String,
        pub description: String,
        pub quantity: String,
        pub unit_price: String,
        pub amount_cents: i64,
        pub tax_rate_id: Option<i32>,
        pub ppm: Option<i64>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
