//! The `port_requests`, `port_numbers`, `port_documents` and `port_events` tables.

pub mod request {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "port_requests")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        #[sea_orm(unique)]
        pub public_id: Uuid,
        pub partner_id: i32,
        /// The tenant the numbers are assigned to when they arrive.
        pub tenant_id: i32,
        pub losing_carrier: String,
        pub account_holder: String,
        pub account_number: String,
        /// The account PIN sealed with the installation key (`crypto::SecretBox`).
        pub pin_sealed: Option<String>,
        /// `model::tenants::E911Address` as JSON.
        pub service_address: String,
        pub desired_date: Date,
        pub foc_date: Option<Date>,
        /// A `model::numbers::ports::PortStatus` wire name.
        pub status: String,
        /// The carrier's reason, while REJECTED.
        pub reason: Option<String>,
        /// The losing carrier's order reference, once submitted.
        pub carrier_ref: Option<String>,
        pub created_by: i32,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod number {
    use sea_orm::entity::prelude::*;

    /// One number a request moves (E.164).
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "port_numbers")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub port_id: i32,
        pub e164: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod document {
    use sea_orm::entity::prelude::*;

    /// An uploaded file; the newest of each kind is the current one (older ones stay
    /// for the record).
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "port_documents")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub port_id: i32,
        /// `loa` or `bill`.
        pub kind: String,
        pub file_name: String,
        pub content_type: String,
        pub size_bytes: i64,
        /// Where `files::FileStore` keeps the bytes.
        pub storage_key: String,
        pub uploaded_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod event {
    use sea_orm::entity::prelude::*;

    /// One change of status, with who made it and why.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "port_events")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub port_id: i32,
        pub status: String,
        pub note: Option<String>,
        /// A person's name, or "Carrier".
        pub actor: String,
        pub at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
