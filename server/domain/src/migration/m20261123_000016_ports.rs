//! Porting numbers in: requests, the numbers each carries (so "is this number already
//! being moved?" is one indexed query), their documents (the files themselves live in
//! the file store, not in rows) and every status change. Carrier jobs now name their
//! subject generically: a number, or a port request for `port` jobs.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.get_connection()
            .execute_unprepared("ALTER TABLE carrier_jobs RENAME COLUMN number_id TO subject_id")
            .await?;
        m.create_table(
            Table::create()
                .table(PortRequests::Table)
                .col(pk_auto(PortRequests::Id))
                .col(uuid_uniq(PortRequests::PublicId))
                .col(integer(PortRequests::PartnerId))
                .col(integer(PortRequests::TenantId))
                .col(string_len(PortRequests::LosingCarrier, 80))
                .col(string_len(PortRequests::AccountHolder, 120))
                .col(string_len(PortRequests::AccountNumber, 40))
                .col(text_null(PortRequests::PinSealed))
                .col(text(PortRequests::ServiceAddress))
                .col(date(PortRequests::DesiredDate))
                .col(date_null(PortRequests::FocDate))
                .col(string_len(PortRequests::Status, 14))
                .col(string_len_null(PortRequests::Reason, 300))
                .col(string_len_null(PortRequests::CarrierRef, 64))
                .col(integer(PortRequests::CreatedBy))
                .col(timestamp_with_time_zone(PortRequests::CreatedAt))
                .col(timestamp_with_time_zone(PortRequests::UpdatedAt))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("port_requests_partner")
                .table(PortRequests::Table)
                .col(PortRequests::PartnerId)
                .col(PortRequests::UpdatedAt)
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(PortNumbers::Table)
                .col(pk_auto(PortNumbers::Id))
                .col(integer(PortNumbers::PortId))
                .col(string_len(PortNumbers::E164, 16))
                .to_owned(),
        )
        .await?;
        for (name, col) in [
            ("port_numbers_port", PortNumbers::PortId),
            ("port_numbers_e164", PortNumbers::E164),
        ] {
            m.create_index(
                Index::create()
                    .name(name)
                    .table(PortNumbers::Table)
                    .col(col)
                    .to_owned(),
            )
            .await?;
        }
        m.create_table(
            Table::create()
                .table(PortDocuments::Table)
                .col(pk_auto(PortDocuments::Id))
                .col(integer(PortDocuments::PortId))
                .col(string_len(PortDocuments::Kind, 8))
                .col(string_len(PortDocuments::FileName, 200))
                .col(string_len(PortDocuments::ContentType, 40))
                .col(big_integer(PortDocuments::SizeBytes))
                .col(string_len(PortDocuments::StorageKey, 80))
                .col(timestamp_with_time_zone(PortDocuments::UploadedAt))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("port_documents_port")
                .table(PortDocuments::Table)
                .col(PortDocuments::PortId)
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(PortEvents::Table)
                .col(pk_auto(PortEvents::Id))
                .col(integer(PortEvents::PortId))
                .col(string_len(PortEvents::Status, 14))
                .col(string_len_null(PortEvents::Note, 300))
                .col(string_len(PortEvents::Actor, 120))
                .col(timestamp_with_time_zone(PortEvents::At))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("port_events_port")
                .table(PortEvents::Table)
                .col(PortEvents::PortId)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, _m: &SchemaManager) -> Result<(), DbErr> {
        Ok(())
    }
}

#[derive(DeriveIden)]
enum PortRequests {
    Table,
    Id,
    PublicId,
    PartnerId,
    TenantId,
    LosingCarrier,
    AccountHolder,
    AccountNumber,
    PinSealed,
    ServiceAddress,
    DesiredDate,
    FocDate,
    Status,
    Reason,
    CarrierRef,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum PortNumbers {
    Table,
    Id,
    PortId,
    E164,
}

#[derive(DeriveIden)]
enum PortDocuments {
    Table,
    Id,
    PortId,
    Kind,
    FileName,
    ContentType,
    SizeBytes,
    StorageKey,
    UploadedAt,
}

#[derive(DeriveIden)]
enum PortEvents {
    Table,
    Id,
    PortId,
    Status,
    Note,
    Actor,
    At,
}
