//! Tenants (a partner's customers), their extensions, the tenant a user belongs to, and
//! the domain event outbox (webhook delivery reads it).
//!
//! The list counts (users, numbers, extensions) are columns kept up to date in the same
//! transaction as the change, so sorting 10,000 tenants by a count is an index scan,
//! not a subquery per row.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Tenants::Table)
                .if_not_exists()
                .col(pk_auto(Tenants::Id))
                .col(uuid_uniq(Tenants::PublicId))
                .col(integer(Tenants::PartnerId))
                .col(string_len(Tenants::Name, 120))
                .col(string_len(Tenants::NameLower, 120))
                .col(string_len_uniq(Tenants::SipPrefix, 12))
                .col(string_len(Tenants::BillingEmail, 254))
                .col(string_len_null(Tenants::DefaultCnam, 15))
                .col(string_len(Tenants::Timezone, 64))
                .col(string_len(Tenants::Status, 16))
                .col(text_null(Tenants::E911Address))
                .col(integer_null(Tenants::MaxExtensions))
                .col(integer_null(Tenants::MaxNumbers))
                .col(integer(Tenants::UserCount).default(0))
                .col(integer(Tenants::NumberCount).default(0))
                .col(integer(Tenants::ExtensionCount).default(0))
                .col(timestamp_with_time_zone_null(Tenants::CancelledAt))
                .col(timestamp_with_time_zone_null(Tenants::PurgeAfter))
                .col(timestamp_with_time_zone(Tenants::CreatedAt))
                .col(timestamp_with_time_zone(Tenants::UpdatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(Tenants::Table, Tenants::PartnerId)
                        .to(Partners::Table, Partners::Id),
                )
                .to_owned(),
        )
        .await?;
        // One index per sortable column, each led by the partner (every query filters by it).
        for (name, column) in [
            ("idx_tenants_partner_name", Tenants::NameLower),
            ("idx_tenants_partner_prefix", Tenants::SipPrefix),
            ("idx_tenants_partner_status", Tenants::Status),
            ("idx_tenants_partner_users", Tenants::UserCount),
            ("idx_tenants_partner_numbers", Tenants::NumberCount),
            ("idx_tenants_partner_extensions", Tenants::ExtensionCount),
            ("idx_tenants_partner_created", Tenants::CreatedAt),
        ] {
            m.create_index(
                Index::create()
                    .name(name)
                    .table(Tenants::Table)
                    .col(Tenants::PartnerId)
                    .col(column)
                    .to_owned(),
            )
            .await?;
        }
        m.create_index(
            Index::create()
                .name("idx_tenants_purge")
                .table(Tenants::Table)
                .col(Tenants::PurgeAfter)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Extensions::Table)
                .if_not_exists()
                .col(pk_auto(Extensions::Id))
                .col(uuid_uniq(Extensions::PublicId))
                .col(integer(Extensions::TenantId))
                .col(string_len(Extensions::Number, 6))
                .col(string_len(Extensions::DisplayName, 60))
                .col(text(Extensions::SipSecret))
                .col(boolean(Extensions::Voicemail))
                .col(boolean(Extensions::Registered))
                .col(timestamp_with_time_zone(Extensions::CreatedAt))
                .col(timestamp_with_time_zone(Extensions::UpdatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(Extensions::Table, Extensions::TenantId)
                        .to(Tenants::Table, Tenants::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_extensions_tenant_number")
                .table(Extensions::Table)
                .col(Extensions::TenantId)
                .col(Extensions::Number)
                .unique()
                .to_owned(),
        )
        .await?;

        m.alter_table(
            Table::alter()
                .table(Users::Table)
                .add_column(integer_null(Users::TenantId))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Events::Table)
                .if_not_exists()
                .col(pk_auto(Events::Id))
                .col(string_len_uniq(Events::PublicId, 40))
                .col(integer(Events::PartnerId))
                .col(string_len(Events::EventType, 64))
                .col(text(Events::Data))
                .col(timestamp_with_time_zone(Events::CreatedAt))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_events_partner")
                .table(Events::Table)
                .col(Events::PartnerId)
                .col(Events::Id)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(Events::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(Extensions::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(Tenants::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Tenants {
    Table,
    Id,
    PublicId,
    PartnerId,
    Name,
    NameLower,
    SipPrefix,
    BillingEmail,
    DefaultCnam,
    Timezone,
    Status,
    E911Address,
    MaxExtensions,
    MaxNumbers,
    UserCount,
    NumberCount,
    ExtensionCount,
    CancelledAt,
    PurgeAfter,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Partners {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Extensions {
    Table,
    Id,
    PublicId,
    TenantId,
    Number,
    DisplayName,
    SipSecret,
    Voicemail,
    Registered,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    TenantId,
}

#[derive(DeriveIden)]
enum Events {
    Table,
    Id,
    PublicId,
    PartnerId,
    EventType,
    Data,
    CreatedAt,
}
