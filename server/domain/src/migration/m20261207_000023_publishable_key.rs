//! A partner on its own Stripe keys may name its publishable key too: tenants' browsers
//! then collect live cards with Stripe's card form for that account (a publishable key
//! is not a secret, so it is stored as typed and shown again).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Partners::Table)
                .add_column(string_len_null(Partners::StripePublishableKey, 255))
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
    StripePublishableKey,
}
