//! The `tenants` and `extensions` tables.

pub mod tenant {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "tenants")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        #[sea_orm(unique)]
        pub public_id: Uuid,
        /// The owning partner: immutable.
        pub partner_id: i32,
        pub name: String,
        /// `name` lower-cased: what search and the name sort use (an index, on every
        /// backend, without a function index).
        pub name_lower: String,
        #[sea_orm(unique)]
        pub sip_prefix: String,
        pub billing_email: String,
        pub default_cnam: Option<String>,
        pub timezone: String,
        /// A `model::tenants::TenantStatus` wire name.
        pub status: String,
        /// `model::tenants::E911Address` as JSON.
        pub e911_address: Option<String>,
        pub max_extensions: Option<i32>,
        pub max_numbers: Option<i32>,
        pub user_count: i32,
        pub number_count: i32,
        pub extension_count: i32,
        pub cancelled_at: Option<DateTimeUtc>,
        pub purge_after: Option<DateTimeUtc>,
        /// The tenant's billing profile (`billing_profiles.public_id`); none: not invoiced.
        pub billing_profile_id: Option<Uuid>,
        /// The tax rates applied to its invoices: a JSON array of `tax_rates.public_id`.
        pub billing_tax_rates: String,
        /// A `model::invoicing::PeriodKind` wire name.
        pub billing_period: String,
        /// A `model::invoicing::BillingMode` wire name.
        pub billing_mode: String,
        pub credit_limit_cents: Option<i64>,
        pub balance_cents: i64,
        /// The local date (`YYYY-MM-DD`, in `timezone`) billing began: periods are
        /// computed from it.
        pub billing_anchor: Option<String>,
        /// The first local date not yet invoiced: the billing run closes the period that
        /// starts here once it has ended. `None` while the tenant has no profile.
        pub billing_next_start: Option<String>,
        /// `nonpayment` when the dunning step suspended it (paying lifts it); `None` for a
        /// partner's own suspension.
        pub suspended_reason: Option<String>,
        /// New invoices are charged to the saved card when they are issued.
        pub autopay: bool,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod extension {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "extensions")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        #[sea_orm(unique)]
        pub public_id: Uuid,
        pub tenant_id: i32,
        pub number: String,
        pub display_name: String,
        /// The SIP password, sealed with `crypto::SecretBox` (the call engine needs it;
        /// people see it once).
        pub sip_secret: String,
        pub voicemail: bool,
        /// `false` once the tenant is cancelled: the phone can no longer register.
        pub registered: bool,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
