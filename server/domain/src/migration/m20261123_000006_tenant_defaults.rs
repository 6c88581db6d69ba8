//! Tenant defaults: per partner, the values that pre-fill a new tenant (never applied to
//! existing ones).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(TenantDefaults::Table)
                .if_not_exists()
                .col(pk_auto(TenantDefaults::Id))
                .col(integer_uniq(TenantDefaults::PartnerId))
                .col(string_len(TenantDefaults::Timezone, 64))
                .col(string_len_null(TenantDefaults::DefaultCnam, 15))
                .col(integer_null(TenantDefaults::MaxExtensions))
                .col(integer_null(TenantDefaults::MaxNumbers))
                .col(timestamp_with_time_zone(TenantDefaults::UpdatedAt))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(TenantDefaults::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum TenantDefaults {
    Table,
    Id,
    PartnerId,
    Timezone,
    DefaultCnam,
    MaxExtensions,
    MaxNumbers,
    UpdatedAt,
}
