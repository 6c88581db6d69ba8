//! Collecting what tenants owe: how each partner collects (its payment mode, a connected
//! account id, its own Stripe secret sealed at rest, a statement descriptor); a
//! tenant's saved card (one per tenant; the token is only good in the mode it was saved
//! in, so `gateway` names that) and whether new invoices charge it; every payment,
//! refund and top-up a tenant makes (`reference` is the processor's charge or refund id,
//! unique, so a retried posting is never counted twice); when auto-pay last tried an
//! invoice (claimed once, so two instances never charge it twice); and the operator's
//! fee per customer account on each tier (the reseller subscription).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // SQLite takes one added column per ALTER TABLE.
        let columns: Vec<(DynIden, ColumnDef)> = vec![
            (
                Partners::Table.into_iden(),
                string_len(Partners::PaymentMode, 16)
                    .default("platform")
                    .to_owned(),
            ),
            (
                Partners::Table.into_iden(),
                string_len_null(Partners::ConnectAccountId, 80),
            ),
            (
                Partners::Table.into_iden(),
                text_null(Partners::StripeSecretSealed),
            ),
            (
                Partners::Table.into_iden(),
                string_len_null(Partners::StripeSecretLast4, 4),
            ),
            (
                Partners::Table.into_iden(),
                string_len_null(Partners::StatementDescriptor, 22),
            ),
            (
                Tenants::Table.into_iden(),
                boolean(Tenants::Autopay).default(false).to_owned(),
            ),
            (
                Invoices::Table.into_iden(),
                timestamp_with_time_zone_null(Invoices::AutopayTriedAt),
            ),
            (
                Tiers::Table.into_iden(),
                big_integer(Tiers::AccountFeeCents).default(0).to_owned(),
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
        m.create_table(
            Table::create()
                .table(TenantCards::Table)
                .col(pk_auto(TenantCards::Id))
                .col(integer_uniq(TenantCards::TenantId))
                .col(integer(TenantCards::PartnerId))
                .col(string_len(TenantCards::Gateway, 120))
                .col(string_len(TenantCards::Token, 200))
                .col(string_len(TenantCards::Brand, 32))
                .col(string_len(TenantCards::Last4, 4))
                .col(integer(TenantCards::ExpMonth))
                .col(integer(TenantCards::ExpYear))
                .col(timestamp_with_time_zone(TenantCards::CreatedAt))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(TenantPayments::Table)
                .col(pk_auto(TenantPayments::Id))
                .col(uuid_uniq(TenantPayments::PublicId))
                .col(integer(TenantPayments::PartnerId))
                .col(integer(TenantPayments::TenantId))
                .col(integer_null(TenantPayments::InvoiceId))
                // payment | refund | top_up
                .col(string_len(TenantPayments::Kind, 16))
                // card | manual | balance
                .col(string_len(TenantPayments::Method, 16))
                .col(big_integer(TenantPayments::AmountCents))
                // Of a payment: how much of it was given back since.
                .col(big_integer(TenantPayments::RefundedCents).default(0))
                .col(string_len_null(TenantPayments::Gateway, 120))
                .col(
                    string_len_null(TenantPayments::Reference, 200)
                        .unique_key()
                        .to_owned(),
                )
                .col(string_len_null(TenantPayments::CardLast4, 4))
                .col(timestamp_with_time_zone(TenantPayments::CreatedAt))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("tenant_payments_invoice")
                .table(TenantPayments::Table)
                .col(TenantPayments::InvoiceId)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, _m: &SchemaManager) -> Result<(), DbErr> {
        Ok(())
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum Partners {
    Table,
    PaymentMode,
    ConnectAccountId,
    StripeSecretSealed,
    StripeSecretLast4,
    StatementDescriptor,
}

#[derive(DeriveIden, Clone, Copy)]
enum Tenants {
    Table,
    Autopay,
}

#[derive(DeriveIden, Clone, Copy)]
enum Invoices {
    Table,
    AutopayTriedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Tiers {
    Table,
    AccountFeeCents,
}

#[derive(DeriveIden, Clone, Copy)]
enum TenantCards {
    Table,
    Id,
    TenantId,
    PartnerId,
    Gateway,
    Token,
    Brand,
    Last4,
    ExpMonth,
    ExpYear,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum TenantPayments {
    Table,
    Id,
    PublicId,
    PartnerId,
    TenantId,
    InvoiceId,
    Kind,
    Method,
    AmountCents,
    RefundedCents,
    Gateway,
    Reference,
    CardLast4,
    CreatedAt,
}
