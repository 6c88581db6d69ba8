//! Call usage: rated call records (unique by the call engine's id, so replays change
//! nothing), per-tenant per-cycle counters, platform ingest keys (hashed), and the
//! fraction of a cent each partner has accrued but not yet been debited.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Cdrs::Table)
                .col(pk_auto(Cdrs::Id))
                .col(string_len_uniq(Cdrs::RecordId, 100))
                .col(integer(Cdrs::PartnerId))
                .col(integer(Cdrs::TenantId))
                .col(string_len(Cdrs::Direction, 10))
                .col(string_len(Cdrs::FromNumber, 20))
                .col(string_len(Cdrs::ToNumber, 20))
                .col(timestamp_with_time_zone(Cdrs::StartedAt))
                .col(timestamp_with_time_zone_null(Cdrs::AnsweredAt))
                .col(timestamp_with_time_zone(Cdrs::EndedAt))
                .col(string_len(Cdrs::HangupCause, 60))
                .col(boolean(Cdrs::TollFree))
                .col(big_integer(Cdrs::Minutes))
                .col(big_integer(Cdrs::RateMicros))
                .col(big_integer(Cdrs::CostMicros))
                .col(timestamp_with_time_zone(Cdrs::IngestedAt))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("cdrs_partner_started")
                .table(Cdrs::Table)
                .col(Cdrs::PartnerId)
                .col(Cdrs::StartedAt)
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(UsageCounters::Table)
                .col(pk_auto(UsageCounters::Id))
                .col(integer(UsageCounters::PartnerId))
                .col(integer(UsageCounters::TenantId))
                .col(string_len(UsageCounters::CycleStart, 10))
                .col(big_integer(UsageCounters::LocalMinutes))
                .col(big_integer(UsageCounters::TollFreeMinutes))
                .col(big_integer(UsageCounters::CostMicros))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("usage_tenant_cycle")
                .table(UsageCounters::Table)
                .col(UsageCounters::TenantId)
                .col(UsageCounters::CycleStart)
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(IngestKeys::Table)
                .col(pk_auto(IngestKeys::Id))
                .col(uuid_uniq(IngestKeys::PublicId))
                .col(string_len(IngestKeys::Name, 100))
                .col(string_len_uniq(IngestKeys::KeyHash, 64))
                .col(timestamp_with_time_zone(IngestKeys::CreatedAt))
                .col(timestamp_with_time_zone_null(IngestKeys::RevokedAt))
                .col(timestamp_with_time_zone_null(IngestKeys::LastUsedAt))
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(Partners::Table)
                .add_column(big_integer(Partners::UsageCarryMicros).default(0))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, _m: &SchemaManager) -> Result<(), DbErr> {
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Cdrs {
    Table,
    Id,
    RecordId,
    PartnerId,
    TenantId,
    Direction,
    FromNumber,
    ToNumber,
    StartedAt,
    AnsweredAt,
    EndedAt,
    HangupCause,
    TollFree,
    Minutes,
    RateMicros,
    CostMicros,
    IngestedAt,
}

#[derive(DeriveIden)]
enum UsageCounters {
    Table,
    Id,
    PartnerId,
    TenantId,
    CycleStart,
    LocalMinutes,
    TollFreeMinutes,
    CostMicros,
}

#[derive(DeriveIden)]
enum IngestKeys {
    Table,
    Id,
    PublicId,
    Name,
    KeyHash,
    CreatedAt,
    RevokedAt,
    LastUsedAt,
}

#[derive(DeriveIden)]
enum Partners {
    Table,
    UsageCarryMicros,
}
