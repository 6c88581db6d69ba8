//! A tenant's activity log reads its own entries newest first out of its partner's
//! chain; without this index that walks the whole chain of a busy partner.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_index(
            Index::create()
                .name("audit_log_tenant_seq")
                .table(AuditLog::Table)
                .col(AuditLog::TenantId)
                .col(AuditLog::Seq)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(
            Index::drop()
                .name("audit_log_tenant_seq")
                .table(AuditLog::Table)
                .to_owned(),
        )
        .await
    }
}

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    TenantId,
    Seq,
}
