//! "Manage as the tenant": a partner admin's session can carry the tenant being managed,
//! with the reason and since when, so the assumption survives reloads and new tabs and
//! ends only when ended (or with the session).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let columns = [
            integer_null(Sessions::AssumedTenantId),
            string_len_null(Sessions::AssumedReason, 500),
            timestamp_with_time_zone_null(Sessions::AssumedAt),
        ];
        for mut column in columns {
            m.alter_table(
                Table::alter()
                    .table(Sessions::Table)
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
enum Sessions {
    Table,
    AssumedTenantId,
    AssumedReason,
    AssumedAt,
}
