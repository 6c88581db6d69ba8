//! Partners, sessions, one-time tokens, login attempts, the mail outbox and the
//! hash-chained audit log: the identity machinery for all three layers.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Partners::Table)
                .if_not_exists()
                .col(pk_auto(Partners::Id))
                .col(uuid_uniq(Partners::PublicId))
                .col(string_len(Partners::Name, 120))
                .col(string_len_uniq(Partners::Slug, 40))
                .col(string_len(Partners::Status, 16))
                .col(timestamp_with_time_zone_null(Partners::TrialEndsAt))
                .col(timestamp_with_time_zone(Partners::CreatedAt))
                .col(timestamp_with_time_zone(Partners::UpdatedAt))
                .to_owned(),
        )
        .await?;

        // Users gain their partner (NULL for platform admins) and a last sign-in time.
        // SQLite cannot add a foreign key to an existing table; the services scope every
        // query by partner, and the partner row is never deleted while users exist.
        m.alter_table(
            Table::alter()
                .table(Users::Table)
                .add_column(integer_null(Users::PartnerId))
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(Users::Table)
                .add_column(timestamp_with_time_zone_null(Users::LastLoginAt))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_users_partner")
                .table(Users::Table)
                .col(Users::PartnerId)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Sessions::Table)
                .if_not_exists()
                .col(pk_auto(Sessions::Id))
                .col(string_len_uniq(Sessions::TokenHash, 64))
                .col(integer(Sessions::UserId))
                .col(timestamp_with_time_zone(Sessions::CreatedAt))
                .col(timestamp_with_time_zone(Sessions::ExpiresAt))
                .col(timestamp_with_time_zone(Sessions::LastSeenAt))
                .col(timestamp_with_time_zone_null(Sessions::RevokedAt))
                .col(string_len_null(Sessions::Ip, 64))
                .col(string_len_null(Sessions::UserAgent, 256))
                .foreign_key(
                    ForeignKey::create()
                        .from(Sessions::Table, Sessions::UserId)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_sessions_user")
                .table(Sessions::Table)
                .col(Sessions::UserId)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(UserTokens::Table)
                .if_not_exists()
                .col(pk_auto(UserTokens::Id))
                .col(string_len_uniq(UserTokens::TokenHash, 64))
                .col(integer(UserTokens::UserId))
                .col(string_len(UserTokens::Purpose, 32))
                .col(timestamp_with_time_zone(UserTokens::CreatedAt))
                .col(timestamp_with_time_zone(UserTokens::ExpiresAt))
                .col(timestamp_with_time_zone_null(UserTokens::UsedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(UserTokens::Table, UserTokens::UserId)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(LoginAttempts::Table)
                .if_not_exists()
                .col(pk_auto(LoginAttempts::Id))
                .col(string_len(LoginAttempts::Email, 254))
                .col(string_len(LoginAttempts::Ip, 64))
                .col(boolean(LoginAttempts::Succeeded))
                .col(timestamp_with_time_zone(LoginAttempts::At))
                .to_owned(),
        )
        .await?;
        for (name, col) in [
            ("ix_login_attempts_email", LoginAttempts::Email),
            ("ix_login_attempts_ip", LoginAttempts::Ip),
        ] {
            m.create_index(
                Index::create()
                    .name(name)
                    .table(LoginAttempts::Table)
                    .col(col)
                    .col(LoginAttempts::At)
                    .to_owned(),
            )
            .await?;
        }

        m.create_table(
            Table::create()
                .table(OutboxEmails::Table)
                .if_not_exists()
                .col(pk_auto(OutboxEmails::Id))
                .col(uuid_uniq(OutboxEmails::PublicId))
                .col(integer_null(OutboxEmails::PartnerId))
                .col(string_len(OutboxEmails::ToAddress, 254))
                .col(string_len(OutboxEmails::FromName, 120))
                .col(string_len(OutboxEmails::Subject, 200))
                .col(text(OutboxEmails::TextBody))
                .col(text(OutboxEmails::HtmlBody))
                .col(timestamp_with_time_zone(OutboxEmails::CreatedAt))
                .col(timestamp_with_time_zone_null(OutboxEmails::SentAt))
                .col(integer(OutboxEmails::Attempts).default(0))
                .col(text_null(OutboxEmails::LastError))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(AuditLog::Table)
                .if_not_exists()
                .col(pk_auto(AuditLog::Id))
                .col(uuid_uniq(AuditLog::PublicId))
                // 0 is the platform's own chain; otherwise the partner's row id.
                .col(integer(AuditLog::ChainKey))
                .col(big_integer(AuditLog::Seq))
                .col(timestamp_with_time_zone(AuditLog::At))
                .col(integer_null(AuditLog::ActorUserId))
                .col(string_len(AuditLog::ActorLabel, 254))
                .col(string_len_null(AuditLog::ActingAs, 254))
                .col(integer_null(AuditLog::PartnerId))
                .col(integer_null(AuditLog::TenantId))
                .col(string_len(AuditLog::Action, 64))
                .col(string_len(AuditLog::Target, 254))
                .col(text(AuditLog::Summary))
                .col(string_len_null(AuditLog::RequestId, 64))
                .col(string_len(AuditLog::PrevHash, 64))
                .col(string_len(AuditLog::Hash, 64))
                .to_owned(),
        )
        .await?;
        // One entry per position per chain: two writers racing for the same position
        // cannot both succeed, so the chain never forks.
        m.create_index(
            Index::create()
                .name("ux_audit_chain_seq")
                .table(AuditLog::Table)
                .col(AuditLog::ChainKey)
                .col(AuditLog::Seq)
                .unique()
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            AuditLog::Table.into_iden(),
            OutboxEmails::Table.into_iden(),
            LoginAttempts::Table.into_iden(),
            UserTokens::Table.into_iden(),
            Sessions::Table.into_iden(),
            Partners::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Partners {
    Table,
    Id,
    PublicId,
    Name,
    Slug,
    Status,
    TrialEndsAt,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    PartnerId,
    LastLoginAt,
}

#[derive(DeriveIden)]
enum Sessions {
    Table,
    Id,
    TokenHash,
    UserId,
    CreatedAt,
    ExpiresAt,
    LastSeenAt,
    RevokedAt,
    Ip,
    UserAgent,
}

#[derive(DeriveIden)]
enum UserTokens {
    Table,
    Id,
    TokenHash,
    UserId,
    Purpose,
    CreatedAt,
    ExpiresAt,
    UsedAt,
}

#[derive(DeriveIden)]
enum LoginAttempts {
    Table,
    Id,
    Email,
    Ip,
    Succeeded,
    At,
}

#[derive(DeriveIden)]
enum OutboxEmails {
    Table,
    Id,
    PublicId,
    PartnerId,
    ToAddress,
    FromName,
    Subject,
    TextBody,
    HtmlBody,
    CreatedAt,
    SentAt,
    Attempts,
    LastError,
}

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    Id,
    PublicId,
    ChainKey,
    Seq,
    At,
    ActorUserId,
    ActorLabel,
    ActingAs,
    PartnerId,
    TenantId,
    Action,
    Target,
    Summary,
    RequestId,
    PrevHash,
    Hash,
}
