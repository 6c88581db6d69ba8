//! Sending invoices and chasing them: an outbox message may carry one attachment (the
//! invoice PDF, rendered when the message is written so it shows the invoice as it was
//! sent); invoices remember when they were sent, last reminded, and whether they
//! suspended their tenant (once: a partner who lifts it by hand is not overruled); whether
//! the billing run mails new invoices at once (else they wait as drafts); a tenant suspended
//! for non-payment says so (`suspended_reason`), so paying lifts exactly that
//! suspension and never a partner's own; and the days after issue at which an unpaid
//! invoice suspends its tenant, per partner (default 14) and per profile (empty: the
//! partner's). And one-time charges and credits waiting for a tenant's next invoice.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // SQLite takes one added column per ALTER TABLE.
        let columns: Vec<(DynIden, ColumnDef)> = vec![
            (
                OutboxEmails::Table.into_iden(),
                string_len_null(OutboxEmails::AttachmentName, 120),
            ),
            (
                OutboxEmails::Table.into_iden(),
                string_len_null(OutboxEmails::AttachmentType, 80),
            ),
            (
                OutboxEmails::Table.into_iden(),
                blob_null(OutboxEmails::Attachment),
            ),
            (
                Invoices::Table.into_iden(),
                timestamp_with_time_zone_null(Invoices::SentAt),
            ),
            (
                Invoices::Table.into_iden(),
                timestamp_with_time_zone_null(Invoices::RemindedAt),
            ),
            (
                Invoices::Table.into_iden(),
                timestamp_with_time_zone_null(Invoices::SuspendedTenantAt),
            ),
            (
                Tenants::Table.into_iden(),
                string_len_null(Tenants::SuspendedReason, 16),
            ),
            (
                BillingProfiles::Table.into_iden(),
                integer_null(BillingProfiles::SuspendAfterDays),
            ),
            (
                Partners::Table.into_iden(),
                integer(Partners::SuspendAfterDays).default(14).to_owned(),
            ),
            (
                Partners::Table.into_iden(),
                boolean(Partners::AutoSendInvoices).default(true).to_owned(),
            ),
        ];
        for (table, mut column) in columns {
            m.alter_table(
                Table::alter()
                    .table(table)
                    .add_column(&mut column)
                    .to_owned(),
            )
            .await?;
        }
        // One-time charges and credits wait here (`invoice_id` empty) for the tenant's next
        // invoice, which takes them in the transaction that writes it.
        m.create_table(
            Table::create()
                .table(TenantCharges::Table)
                .col(pk_auto(TenantCharges::Id))
                .col(uuid_uniq(TenantCharges::PublicId))
                .col(integer(TenantCharges::PartnerId))
                .col(integer(TenantCharges::TenantId))
                .col(string_len(TenantCharges::Kind, 16))
                .col(string_len(TenantCharges::Description, 120))
                .col(big_integer(TenantCharges::AmountCents))
                .col(timestamp_with_time_zone(TenantCharges::CreatedAt))
                .col(integer_null(TenantCharges::InvoiceId))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("tenant_charges_pending")
                .table(TenantCharges::Table)
                .col(TenantCharges::TenantId)
                .col(TenantCharges::InvoiceId)
                .to_owned(),
        )
        .await?;
        // The dunning step looks for unpaid invoices past their due date.
        m.create_index(
            Index::create()
                .name("invoices_status_due")
                .table(Invoices::Table)
                .col(Invoices::Status)
                .col(Invoices::DueAt)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, _m: &SchemaManager) -> Result<(), DbErr> {
        Ok(())
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum TenantCharges {
    Table,
    Id,
    PublicId,
    PartnerId,
    TenantId,
    Kind,
    Description,
    AmountCents,
    CreatedAt,
    InvoiceId,
}

#[derive(DeriveIden, Clone, Copy)]
enum OutboxEmails {
    Table,
    AttachmentName,
    AttachmentType,
    Attachment,
}

#[derive(DeriveIden, Clone, Copy)]
enum Invoices {
    Table,
    Status,
    DueAt,
    SentAt,
    RemindedAt,
    SuspendedTenantAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Tenants {
    Table,
    SuspendedReason,
}

#[derive(DeriveIden, Clone, Copy)]
enum BillingProfiles {
    Table,
    SuspendAfterDays,
}

#[derive(DeriveIden, Clone, Copy)]
enum Partners {
    Table,
    SuspendAfterDays,
    AutoSendInvoices,
}
