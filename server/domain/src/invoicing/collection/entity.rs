//! The tables of collection: a tenant's saved card and every payment, refund and top-up.

pub mod tenant_card {
    use sea_orm::entity::prelude::*;

    /// One saved card per tenant. `token` is the processor's handle for it, good only in
    /// the account named by `gateway` (see `billing::gateway::Collector::name`).
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "tenant_cards")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        #[sea_orm(unique)]
        pub tenant_id: i32,
        pub partner_id: i32,
        pub gateway: String,
        pub token: String,
        pub brand: String,
        pub last4: String,
        pub exp_month: i32,
        pub exp_year: i32,
        pub created_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod tenant_payment {
    use sea_orm::entity::prelude::*;

    /// Money a tenant paid (`payment`, `top_up`) or got back (`refund`), by `card`,
    /// `manual` (recorded by the partner) or `balance` (prepaid funds).
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "tenant_payments")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        #[sea_orm(unique)]
        pub public_id: Uuid,
        pub partner_id: i32,
        pub tenant_id: i32,
        pub invoice_id: Option<i32>,
        pub kind: String,
        pub method: String,
        pub amount_cents: i64,
        /// Of a payment: how much of it was given back since.
        pub refunded_cents: i64,
        pub gateway: Option<String>,
        /// The processor's charge or refund id.
        #[sea_orm(unique)]
        pub reference: Option<String>,
        pub card_last4: Option<String>,
        pub created_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
