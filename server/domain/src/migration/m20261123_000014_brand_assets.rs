//! Brand assets: the partner's logo (bytes kept in their own table so the partner rows
//! read on every request stay small; `partners.logo_key` names the current file and
//! changes with it, so its URL can be cached forever) and custom domains.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Partners::Table)
                .add_column(string_len_null(Partners::LogoKey, 40))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(PartnerLogos::Table)
                .col(integer(PartnerLogos::PartnerId).primary_key())
                .col(string_len(PartnerLogos::Key, 40))
                .col(string_len(PartnerLogos::ContentType, 40))
                .col(blob(PartnerLogos::Bytes))
                .col(timestamp_with_time_zone(PartnerLogos::UpdatedAt))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(CustomDomains::Table)
                .col(pk_auto(CustomDomains::Id))
                .col(uuid_uniq(CustomDomains::PublicId))
                .col(integer(CustomDomains::PartnerId))
                .col(string_len_uniq(CustomDomains::Hostname, 253))
                .col(string_len(CustomDomains::Status, 16))
                .col(string_len_null(CustomDomains::Reason, 300))
                .col(timestamp_with_time_zone_null(CustomDomains::CheckedAt))
                .col(timestamp_with_time_zone_null(CustomDomains::ActivatedAt))
                .col(timestamp_with_time_zone(CustomDomains::CreatedAt))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("custom_domains_partner")
                .table(CustomDomains::Table)
                .col(CustomDomains::PartnerId)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, _m: &SchemaManager) -> Result<(), DbErr> {
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Partners {
    Table,
    LogoKey,
}

#[derive(DeriveIden)]
enum PartnerLogos {
    Table,
    PartnerId,
    Key,
    ContentType,
    Bytes,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum CustomDomains {
    Table,
    Id,
    PublicId,
    PartnerId,
    Hostname,
    Status,
    Reason,
    CheckedAt,
    ActivatedAt,
    CreatedAt,
}
