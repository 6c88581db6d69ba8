//! The partner's prepaid wallet: a balance that is always the sum of immutable ledger
//! entries. `partners.balance_cents` is kept in the same transaction as each entry so a
//! debit can check and move it in one guarded UPDATE (no overdraw, no lost update);
//! `ledger_entries.reference` makes an entry idempotent per partner (a CDR id, a charge).
//! Saved cards keep only the processor's token, brand, last four digits and expiry.
//! Auto-recharge settings live on the partner, with the time of the last attempt (it
//! fires at most once an hour).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let columns = [
            big_integer(Partners::BalanceCents).default(0).to_owned(),
            boolean(Partners::AutoRechargeEnabled)
                .default(false)
                .to_owned(),
            big_integer(Partners::AutoRechargeThresholdCents)
                .default(0)
                .to_owned(),
            big_integer(Partners::AutoRechargeAmountCents)
                .default(0)
                .to_owned(),
            timestamp_with_time_zone_null(Partners::AutoRechargeLastAt),
        ];
        for mut column in columns {
            m.alter_table(
                Table::alter()
                    .table(Partners::Table)
                    .add_column(&mut column)
                    .to_owned(),
            )
            .await?;
        }
        m.create_table(
            Table::create()
                .table(PaymentMethods::Table)
                .col(pk_auto(PaymentMethods::Id))
                .col(uuid_uniq(PaymentMethods::PublicId))
                .col(integer(PaymentMethods::PartnerId))
                .col(string_len(PaymentMethods::Processor, 20))
                .col(string_len(PaymentMethods::Token, 200))
                .col(string_len(PaymentMethods::Brand, 40))
                .col(string_len(PaymentMethods::Last4, 4))
                .col(integer(PaymentMethods::ExpMonth))
                .col(integer(PaymentMethods::ExpYear))
                .col(boolean(PaymentMethods::IsDefault))
                .col(timestamp_with_time_zone(PaymentMethods::CreatedAt))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("payment_methods_partner")
                .table(PaymentMethods::Table)
                .col(PaymentMethods::PartnerId)
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(LedgerEntries::Table)
                .col(pk_auto(LedgerEntries::Id))
                .col(uuid_uniq(LedgerEntries::PublicId))
                .col(integer(LedgerEntries::PartnerId))
                .col(string_len(LedgerEntries::Kind, 40))
                .col(big_integer(LedgerEntries::AmountCents))
                .col(big_integer(LedgerEntries::BalanceAfterCents))
                .col(string_len(LedgerEntries::Description, 300))
                .col(string_len_null(LedgerEntries::Reference, 120))
                .col(timestamp_with_time_zone(LedgerEntries::CreatedAt))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ledger_partner_created")
                .table(LedgerEntries::Table)
                .col(LedgerEntries::PartnerId)
                .col(LedgerEntries::CreatedAt)
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ledger_partner_reference")
                .table(LedgerEntries::Table)
                .col(LedgerEntries::PartnerId)
                .col(LedgerEntries::Reference)
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
enum Partners {
    Table,
    BalanceCents,
    AutoRechargeEnabled,
    AutoRechargeThresholdCents,
    AutoRechargeAmountCents,
    AutoRechargeLastAt,
}

#[derive(DeriveIden)]
enum PaymentMethods {
    Table,
    Id,
    PublicId,
    PartnerId,
    Processor,
    Token,
    Brand,
    Last4,
    ExpMonth,
    ExpYear,
    IsDefault,
    CreatedAt,
}

#[derive(DeriveIden)]
enum LedgerEntries {
    Table,
    Id,
    PublicId,
    PartnerId,
    Kind,
    AmountCents,
    BalanceAfterCents,
    Description,
    Reference,
    CreatedAt,
}
