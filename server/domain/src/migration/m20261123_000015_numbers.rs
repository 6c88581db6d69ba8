//! Phone numbers and the carrier jobs that bring them into service and keep their CNAM
//! and E911 records in sync. A number's row stays after release (history, the
//! inventory's RELEASED filter); only one live row per number may exist, which a partial
//! unique index enforces on both SQLite and PostgreSQL.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(PhoneNumbers::Table)
                .col(pk_auto(PhoneNumbers::Id))
                .col(uuid_uniq(PhoneNumbers::PublicId))
                .col(integer(PhoneNumbers::PartnerId))
                .col(integer_null(PhoneNumbers::TenantId))
                .col(string_len(PhoneNumbers::E164, 16))
                .col(string_len(PhoneNumbers::Kind, 10))
                .col(string_len_null(PhoneNumbers::State, 2))
                .col(string_len_null(PhoneNumbers::City, 60))
                .col(string_len_null(PhoneNumbers::RateCenter, 20))
                .col(string_len(PhoneNumbers::Status, 10))
                .col(big_integer(PhoneNumbers::MonthlyCents))
                .col(big_integer(PhoneNumbers::SetupCents))
                .col(big_integer(PhoneNumbers::MinuteMicros))
                .col(string_len_null(PhoneNumbers::CallFlow, 60))
                .col(string_len_null(PhoneNumbers::Cnam, 15))
                .col(string_len_null(PhoneNumbers::CnamStatus, 10))
                .col(string_len_null(PhoneNumbers::CnamReason, 300))
                .col(text_null(PhoneNumbers::E911Address))
                .col(string_len(PhoneNumbers::E911Status, 12))
                .col(string_len_null(PhoneNumbers::E911Reason, 300))
                .col(timestamp_with_time_zone(PhoneNumbers::PurchasedAt))
                .col(timestamp_with_time_zone_null(PhoneNumbers::ActivatedAt))
                .col(timestamp_with_time_zone_null(PhoneNumbers::ReleasedAt))
                .col(timestamp_with_time_zone(PhoneNumbers::UpdatedAt))
                .to_owned(),
        )
        .await?;
        m.get_connection()
            .execute_unprepared(
                "CREATE UNIQUE INDEX phone_numbers_live ON phone_numbers (e164) WHERE released_at IS NULL",
            )
            .await?;
        for (name, cols) in [
            (
                "phone_numbers_partner",
                vec![PhoneNumbers::PartnerId, PhoneNumbers::Id],
            ),
            ("phone_numbers_tenant", vec![PhoneNumbers::TenantId]),
        ] {
            let mut index = Index::create();
            index.name(name).table(PhoneNumbers::Table);
            for c in cols {
                index.col(c);
            }
            m.create_index(index.to_owned()).await?;
        }
        m.create_table(
            Table::create()
                .table(CarrierJobs::Table)
                .col(pk_auto(CarrierJobs::Id))
                .col(string_len(CarrierJobs::Kind, 20))
                .col(integer(CarrierJobs::NumberId))
                .col(timestamp_with_time_zone(CarrierJobs::DueAt))
                .col(integer(CarrierJobs::Attempts))
                .col(string_len_null(CarrierJobs::ClaimedBy, 64))
                .col(timestamp_with_time_zone_null(CarrierJobs::ClaimedUntil))
                .col(string_len_null(CarrierJobs::LastError, 300))
                .col(timestamp_with_time_zone_null(CarrierJobs::DoneAt))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("carrier_jobs_due")
                .table(CarrierJobs::Table)
                .col(CarrierJobs::DoneAt)
                .col(CarrierJobs::DueAt)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, _m: &SchemaManager) -> Result<(), DbErr> {
        Ok(())
    }
}

#[derive(DeriveIden)]
enum PhoneNumbers {
    Table,
    Id,
    PublicId,
    PartnerId,
    TenantId,
    E164,
    Kind,
    State,
    City,
    RateCenter,
    Status,
    MonthlyCents,
    SetupCents,
    MinuteMicros,
    CallFlow,
    Cnam,
    CnamStatus,
    CnamReason,
    E911Address,
    E911Status,
    E911Reason,
    PurchasedAt,
    ActivatedAt,
    ReleasedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum CarrierJobs {
    Table,
    Id,
    Kind,
    NumberId,
    DueAt,
    Attempts,
    ClaimedBy,
    ClaimedUntil,
    LastError,
    DoneAt,
}
