//! Mail delivery and the partner's brand: outbox rows gain a sender address, a reply-to
//! (the brand's support address), a lease (so two server instances never send the same
//! message) and a retry schedule; partners gain the brand fields their mail and pages
//! use (the branding settings page edits them).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite adds columns one at a time.
        let outbox = [
            string_len_null(OutboxEmails::FromAddress, 254),
            string_len_null(OutboxEmails::ReplyTo, 254),
            string_len_null(OutboxEmails::LeaseOwner, 64),
            timestamp_with_time_zone_null(OutboxEmails::LeaseUntil),
            timestamp_with_time_zone_null(OutboxEmails::NextAttemptAt),
            timestamp_with_time_zone_null(OutboxEmails::FailedAt),
        ];
        for mut column in outbox {
            m.alter_table(
                Table::alter()
                    .table(OutboxEmails::Table)
                    .add_column(&mut column)
                    .to_owned(),
            )
            .await?;
        }
        m.create_index(
            Index::create()
                .name("idx_outbox_emails_due")
                .table(OutboxEmails::Table)
                .col(OutboxEmails::SentAt)
                .col(OutboxEmails::NextAttemptAt)
                .to_owned(),
        )
        .await?;
        let partners = [
            string_len_null(Partners::BrandName, 60),
            string_len_null(Partners::PrimaryColor, 7),
            string_len_null(Partners::SupportEmail, 254),
            string_len_null(Partners::FromEmail, 254),
            string_len_null(Partners::StatusReason, 500),
        ];
        for mut column in partners {
            m.alter_table(
                Table::alter()
                    .table(Partners::Table)
                    .add_column(&mut column)
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }

    async fn down(&self, _m: &SchemaManager) -> Result<(), DbErr> {
        Ok(())
    }
}

#[derive(DeriveIden)]
enum OutboxEmails {
    Table,
    SentAt,
    FromAddress,
    ReplyTo,
    LeaseOwner,
    LeaseUntil,
    NextAttemptAt,
    FailedAt,
}

#[derive(DeriveIden)]
enum Partners {
    Table,
    BrandName,
    PrimaryColor,
    SupportEmail,
    FromEmail,
    StatusReason,
}
