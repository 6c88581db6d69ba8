//! REST API keys (stored as hashes) and the answers kept for idempotent `POST`s.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(ApiKeys::Table)
                .col(pk_auto(ApiKeys::Id))
                .col(uuid_uniq(ApiKeys::PublicId))
                .col(integer(ApiKeys::PartnerId))
                .col(integer(ApiKeys::CreatedBy))
                .col(string_len(ApiKeys::Name, 80))
                .col(string_len_uniq(ApiKeys::KeyHash, 64))
                .col(string_len(ApiKeys::Hint, 40))
                .col(text(ApiKeys::Scopes))
                .col(text(ApiKeys::Tenants))
                .col(integer(ApiKeys::RateLimit))
                .col(timestamp_with_time_zone_null(ApiKeys::ExpiresAt))
                .col(timestamp_with_time_zone_null(ApiKeys::RevokedAt))
                .col(timestamp_with_time_zone_null(ApiKeys::LastUsedAt))
                .col(timestamp_with_time_zone(ApiKeys::CreatedAt))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("api_keys_partner")
                .table(ApiKeys::Table)
                .col(ApiKeys::PartnerId)
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(ApiIdempotency::Table)
                .col(pk_auto(ApiIdempotency::Id))
                .col(integer(ApiIdempotency::PartnerId))
                .col(string_len(ApiIdempotency::IdemKey, 255))
                .col(string_len(ApiIdempotency::RequestHash, 64))
                .col(integer(ApiIdempotency::StatusCode))
                .col(text(ApiIdempotency::ResponseBody))
                .col(timestamp_with_time_zone(ApiIdempotency::CreatedAt))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("api_idempotency_key")
                .table(ApiIdempotency::Table)
                .col(ApiIdempotency::PartnerId)
                .col(ApiIdempotency::IdemKey)
                .unique()
                .to_owned(),
        )
        .await
    }

    async fn down(&self, _m: &SchemaManager) -> Result<(), DbErr> {
        Ok(())
    }
}

#[derive(DeriveIden)]
enum ApiKeys {
    Table,
    Id,
    PublicId,
    PartnerId,
    CreatedBy,
    Name,
    KeyHash,
    Hint,
    Scopes,
    Tenants,
    RateLimit,
    ExpiresAt,
    RevokedAt,
    LastUsedAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ApiIdempotency {
    Table,
    Id,
    PartnerId,
    IdemKey,
    RequestHash,
    StatusCode,
    ResponseBody,
    CreatedAt,
}
