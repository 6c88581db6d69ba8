//! Money tenants pay the partner: billing profiles and tax rates (per partner), each
//! tenant's billing settings (profile and tax rates by their public ids, on the tenant
//! row, so showing a tenant needs no other table), what a tenant held and when (extensions and numbers are
//! billed by the days held), and invoices with their lines and taxes. Two keys carry
//! the engine's promises: one invoice per tenant per period (`tenant_id, period_start`)
//! and gapless numbers per partner (`partner_id, seq`). Every existing partner gets the
//! two starter profiles; what tenants hold today is recorded as held from now on.

use sea_orm::{ConnectionTrait, Statement};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(BillingProfiles::Table)
                .col(pk_auto(BillingProfiles::Id))
                .col(uuid_uniq(BillingProfiles::PublicId))
                .col(integer(BillingProfiles::PartnerId))
                .col(string_len(BillingProfiles::Name, 80))
                .col(string_len(BillingProfiles::Kind, 16))
                .col(string_len(BillingProfiles::Currency, 3))
                .col(big_integer(BillingProfiles::BaseFeeCents))
                .col(big_integer(BillingProfiles::ExtensionCents))
                .col(big_integer(BillingProfiles::LocalNumberCents))
                .col(big_integer(BillingProfiles::TollFreeNumberCents))
                .col(big_integer(BillingProfiles::LocalMinuteMicros))
                .col(big_integer(BillingProfiles::TollFreeMinuteMicros))
                .col(integer(BillingProfiles::IncludedExtensions))
                .col(integer(BillingProfiles::IncludedLocalNumbers))
                .col(integer(BillingProfiles::IncludedTollFreeNumbers))
                .col(big_integer(BillingProfiles::IncludedMinutes))
                .col(integer_null(BillingProfiles::TrialDays))
                .col(integer_null(BillingProfiles::ConvertsTo))
                .col(timestamp_with_time_zone(BillingProfiles::CreatedAt))
                .col(timestamp_with_time_zone(BillingProfiles::UpdatedAt))
                .to_owned(),
        )
        .await?;
        index(
            m,
            "billing_profiles_partner",
            BillingProfiles::Table,
            &[BillingProfiles::PartnerId],
            false,
        )
        .await?;

        m.create_table(
            Table::create()
                .table(TaxRates::Table)
                .col(pk_auto(TaxRates::Id))
                .col(uuid_uniq(TaxRates::PublicId))
                .col(integer(TaxRates::PartnerId))
                .col(string_len(TaxRates::Name, 60))
                .col(string_len(TaxRates::Code, 32))
                .col(big_integer(TaxRates::Ppm))
                .col(boolean(TaxRates::Enabled))
                .col(timestamp_with_time_zone(TaxRates::CreatedAt))
                .col(timestamp_with_time_zone(TaxRates::UpdatedAt))
                .to_owned(),
        )
        .await?;
        index(
            m,
            "tax_rates_partner",
            TaxRates::Table,
            &[TaxRates::PartnerId],
            false,
        )
        .await?;

        for column in [
            uuid_null(Tenants::BillingProfileId),
            text(Tenants::BillingTaxRates).default("[]").to_owned(),
            string_len(Tenants::BillingPeriod, 16)
                .default("monthly")
                .to_owned(),
            string_len(Tenants::BillingMode, 16)
                .default("postpaid")
                .to_owned(),
            big_integer_null(Tenants::CreditLimitCents),
            big_integer(Tenants::BalanceCents).default(0).to_owned(),
            string_len_null(Tenants::BillingAnchor, 10),
            string_len_null(Tenants::BillingNextStart, 10),
        ] {
            let mut column = column;
            m.alter_table(
                Table::alter()
                    .table(Tenants::Table)
                    .add_column(&mut column)
                    .to_owned(),
            )
            .await?;
        }
        index(
            m,
            "tenants_billing_due",
            Tenants::Table,
            &[Tenants::BillingNextStart],
            false,
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Holdings::Table)
                .col(pk_auto(Holdings::Id))
                .col(integer(Holdings::TenantId))
                .col(string_len(Holdings::Kind, 20))
                .col(integer(Holdings::SubjectId))
                .col(timestamp_with_time_zone(Holdings::HeldFrom))
                .col(timestamp_with_time_zone_null(Holdings::HeldUntil))
                .to_owned(),
        )
        .await?;
        index(
            m,
            "holdings_tenant",
            Holdings::Table,
            &[Holdings::TenantId, Holdings::Kind],
            false,
        )
        .await?;
        index(
            m,
            "holdings_subject",
            Holdings::Table,
            &[Holdings::Kind, Holdings::SubjectId],
            false,
        )
        .await?;

        for column in [
            string_len(Partners::InvoicePrefix, 12)
                .default("INV-")
                .to_owned(),
            big_integer(Partners::InvoiceSeq).default(0).to_owned(),
        ] {
            let mut column = column;
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
                .table(Invoices::Table)
                .col(pk_auto(Invoices::Id))
                .col(uuid_uniq(Invoices::PublicId))
                .col(integer(Invoices::PartnerId))
                .col(integer(Invoices::TenantId))
                .col(big_integer(Invoices::Seq))
                .col(string_len(Invoices::Number, 40))
                .col(string_len(Invoices::PeriodStart, 10))
                .col(string_len(Invoices::PeriodEnd, 10))
                .col(string_len(Invoices::Status, 16))
                .col(string_len(Invoices::Currency, 3))
                .col(big_integer(Invoices::SubtotalCents))
                .col(big_integer(Invoices::TaxCents))
                .col(big_integer(Invoices::TotalCents))
                .col(big_integer(Invoices::PaidCents))
                .col(big_integer(Invoices::RefundedCents))
                .col(timestamp_with_time_zone(Invoices::IssuedAt))
                .col(timestamp_with_time_zone(Invoices::DueAt))
                .col(timestamp_with_time_zone(Invoices::UpdatedAt))
                .to_owned(),
        )
        .await?;
        // The engine's two promises, held by the database whatever runs at once.
        index(
            m,
            "invoices_one_per_period",
            Invoices::Table,
            &[Invoices::TenantId, Invoices::PeriodStart],
            true,
        )
        .await?;
        index(
            m,
            "invoices_gapless",
            Invoices::Table,
            &[Invoices::PartnerId, Invoices::Seq],
            true,
        )
        .await?;
        index(
            m,
            "invoices_partner_status",
            Invoices::Table,
            &[Invoices::PartnerId, Invoices::Status],
            false,
        )
        .await?;

        m.create_table(
            Table::create()
                .table(InvoiceLines::Table)
                .col(pk_auto(InvoiceLines::Id))
                .col(integer(InvoiceLines::InvoiceId))
                .col(integer(InvoiceLines::Position))
                .col(string_len(InvoiceLines::Kind, 20))
                .col(string_len(InvoiceLines::Description, 200))
                .col(string_len(InvoiceLines::Quantity, 24))
                .col(string_len(InvoiceLines::UnitPrice, 24))
                .col(big_integer(InvoiceLines::AmountCents))
                .col(integer_null(InvoiceLines::TaxRateId))
                .col(big_integer_null(InvoiceLines::Ppm))
                .to_owned(),
        )
        .await?;
        index(
            m,
            "invoice_lines_invoice",
            InvoiceLines::Table,
            &[InvoiceLines::InvoiceId],
            false,
        )
        .await?;

        backfill(m).await
    }

    async fn down(&self, _m: &SchemaManager) -> Result<(), DbErr> {
        Ok(())
    }
}

async fn index<T: IntoIden + Copy + 'static, C: IntoIden + Copy + 'static>(
    m: &SchemaManager<'_>,
    name: &str,
    table: T,
    cols: &[C],
    unique: bool,
) -> Result<(), DbErr> {
    let mut index = Index::create();
    index.name(name).table(table);
    for col in cols {
        index.col(*col);
    }
    if unique {
        index.unique();
    }
    m.create_index(index.to_owned()).await
}

/// Starter profiles for every partner; extensions and assigned numbers held from now.
async fn backfill(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    let db = m.get_connection();
    let backend = db.get_database_backend();
    let now = chrono::Utc::now();
    let partners = db
        .query_all_raw(Statement::from_string(backend, "SELECT id FROM partners"))
        .await?;
    for row in partners {
        let partner_id: i32 = row.try_get("", "id")?;
        crate::invoicing::profiles::insert_starters(db, partner_id, now)
            .await
            .map_err(|e| DbErr::Custom(e.to_string()))?;
    }
    for (sql, kind) in [
        ("SELECT id, tenant_id FROM extensions", None),
        (
            "SELECT id, tenant_id, kind FROM phone_numbers WHERE tenant_id IS NOT NULL AND released_at IS NULL",
            Some("kind"),
        ),
    ] {
        for row in db
            .query_all_raw(Statement::from_string(backend, sql))
            .await?
        {
            let subject: i32 = row.try_get("", "id")?;
            let tenant: i32 = row.try_get("", "tenant_id")?;
            let kind = match kind {
                None => "extension".to_owned(),
                Some(col) => {
                    let number_kind: String = row.try_get("", col)?;
                    crate::invoicing::holdings::number_holding(&number_kind).to_owned()
                }
            };
            let insert = Query::insert()
                .into_table(Holdings::Table)
                .columns([
                    Holdings::TenantId,
                    Holdings::Kind,
                    Holdings::SubjectId,
                    Holdings::HeldFrom,
                ])
                .values_panic([tenant.into(), kind.into(), subject.into(), now.into()])
                .to_owned();
            db.execute(&insert).await?;
        }
    }
    Ok(())
}

#[derive(DeriveIden, Clone, Copy)]
enum BillingProfiles {
    Table,
    Id,
    PublicId,
    PartnerId,
    Name,
    Kind,
    Currency,
    BaseFeeCents,
    ExtensionCents,
    LocalNumberCents,
    TollFreeNumberCents,
    LocalMinuteMicros,
    TollFreeMinuteMicros,
    IncludedExtensions,
    IncludedLocalNumbers,
    IncludedTollFreeNumbers,
    IncludedMinutes,
    TrialDays,
    ConvertsTo,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum TaxRates {
    Table,
    Id,
    PublicId,
    PartnerId,
    Name,
    Code,
    Ppm,
    Enabled,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Tenants {
    Table,
    BillingProfileId,
    BillingTaxRates,
    BillingPeriod,
    BillingMode,
    CreditLimitCents,
    BalanceCents,
    BillingAnchor,
    BillingNextStart,
}

#[derive(DeriveIden, Clone, Copy)]
enum Holdings {
    Table,
    Id,
    TenantId,
    Kind,
    SubjectId,
    HeldFrom,
    HeldUntil,
}

#[derive(DeriveIden, Clone, Copy)]
enum Partners {
    Table,
    InvoicePrefix,
    InvoiceSeq,
}

#[derive(DeriveIden, Clone, Copy)]
enum Invoices {
    Table,
    Id,
    PublicId,
    PartnerId,
    TenantId,
    Seq,
    Number,
    PeriodStart,
    PeriodEnd,
    Status,
    Currency,
    SubtotalCents,
    TaxCents,
    TotalCents,
    PaidCents,
    RefundedCents,
    IssuedAt,
    DueAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum InvoiceLines {
    Table,
    Id,
    InvoiceId,
    Position,
    Kind,
    Description,
    Quantity,
    UnitPrice,
    AmountCents,
    TaxRateId,
    Ppm,
}
