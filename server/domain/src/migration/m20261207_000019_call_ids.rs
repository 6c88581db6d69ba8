//! Call records get a UUID of their own, as every other API id is (CONTRACT); the call
//! engine's id stays as `record_id`, still unique, so a replayed record changes nothing.
//! The column is added nullable (SQLite cannot add a NOT NULL column without a shared
//! default) and every existing row is given an id here, before anything reads it.

use sea_orm::{ConnectionTrait, Statement};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Cdrs::Table)
                .add_column(uuid_null(Cdrs::PublicId))
                .to_owned(),
        )
        .await?;
        let db = m.get_connection();
        let backend = db.get_database_backend();
        let rows = db
            .query_all_raw(Statement::from_string(
                backend,
                "SELECT id FROM cdrs WHERE public_id IS NULL",
            ))
            .await?;
        for row in rows {
            let id: i32 = row.try_get("", "id")?;
            let update = Query::update()
                .table(Cdrs::Table)
                .value(Cdrs::PublicId, uuid::Uuid::now_v7())
                .and_where(Expr::col(Cdrs::Id).eq(id))
                .to_owned();
            db.execute(&update).await?;
        }
        m.create_index(
            Index::create()
                .name("cdrs_public_id")
                .table(Cdrs::Table)
                .col(Cdrs::PublicId)
                .unique()
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(
            Index::drop()
                .name("cdrs_public_id")
                .table(Cdrs::Table)
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(Cdrs::Table)
                .drop_column(Cdrs::PublicId)
                .to_owned(),
        )
        .await
    }
}

#[derive(DeriveIden)]
enum Cdrs {
    Table,
    Id,
    PublicId,
}
