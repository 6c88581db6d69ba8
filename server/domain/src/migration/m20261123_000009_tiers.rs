//! Wholesale tiers (PRODUCT.md §4) and each partner's place in them. A tier is a series
//! of versions: an operator's edit adds a version effective from a date, so anything
//! billed before it stands. Prices are integer cents; per-minute rates are integer
//! micro-dollars (a millionth of a dollar) because they are fractions of a cent.
//!
//! `partners.extension_count` counts the extensions of the partner's tenants that are not
//! cancelled, kept in the same transaction as every change, so the tier's extension cap
//! is one guarded UPDATE (concurrent creations cannot pass it together).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// code, name, monthly fee (cents; None = by contract), extension cap (None = unlimited),
/// per extension, local DID, toll-free DID (cents), local and toll-free minute (micros).
type Seed = (
    &'static str,
    &'static str,
    Option<i64>,
    Option<i32>,
    i64,
    i64,
    i64,
    i64,
    i64,
);
const SEED: [Seed; 4] = [
    (
        "starter",
        "Starter",
        Some(24_900),
        Some(300),
        300,
        175,
        250,
        20_000,
        22_000,
    ),
    (
        "professional",
        "Professional",
        Some(54_900),
        Some(1_000),
        200,
        150,
        225,
        16_000,
        19_000,
    ),
    (
        "business",
        "Business",
        Some(99_900),
        None,
        125,
        125,
        200,
        14_000,
        17_000,
    ),
    (
        "enterprise",
        "Enterprise",
        None,
        None,
        125,
        125,
        200,
        14_000,
        17_000,
    ),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Tiers::Table)
                .col(pk_auto(Tiers::Id))
                .col(string_len(Tiers::Code, 40))
                .col(string_len(Tiers::Name, 80))
                .col(big_integer_null(Tiers::MonthlyFeeCents))
                .col(integer_null(Tiers::ExtensionCap))
                .col(big_integer(Tiers::ExtensionCents))
                .col(big_integer(Tiers::LocalDidCents))
                .col(big_integer(Tiers::TollFreeDidCents))
                .col(big_integer(Tiers::LocalMinuteMicros))
                .col(big_integer(Tiers::TollFreeMinuteMicros))
                .col(timestamp_with_time_zone(Tiers::EffectiveFrom))
                .col(timestamp_with_time_zone(Tiers::CreatedAt))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("tiers_code_effective")
                .table(Tiers::Table)
                .col(Tiers::Code)
                .col(Tiers::EffectiveFrom)
                .unique()
                .to_owned(),
        )
        .await?;
        let since = "2026-01-01T00:00:00Z"
            .parse::<chrono::DateTime<chrono::Utc>>()
            .map_err(|e| DbErr::Custom(e.to_string()))?;
        for (code, name, fee, cap, ext, local, toll_free, local_min, toll_free_min) in SEED {
            m.exec_stmt(
                Query::insert()
                    .into_table(Tiers::Table)
                    .columns([
                        Tiers::Code,
                        Tiers::Name,
                        Tiers::MonthlyFeeCents,
                        Tiers::ExtensionCap,
                        Tiers::ExtensionCents,
                        Tiers::LocalDidCents,
                        Tiers::TollFreeDidCents,
                        Tiers::LocalMinuteMicros,
                        Tiers::TollFreeMinuteMicros,
                        Tiers::EffectiveFrom,
                        Tiers::CreatedAt,
                    ])
                    .values_panic([
                        code.into(),
                        name.into(),
                        fee.into(),
                        cap.into(),
                        ext.into(),
                        local.into(),
                        toll_free.into(),
                        local_min.into(),
                        toll_free_min.into(),
                        since.into(),
                        since.into(),
                    ])
                    .to_owned(),
            )
            .await?;
        }
        let columns = [
            string_len(Partners::Tier, 40).default("starter").to_owned(),
            integer(Partners::ExtensionCount).default(0).to_owned(),
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
        // Existing installations: count what their tenants already have.
        m.get_connection()
            .execute_unprepared(
                "UPDATE partners SET extension_count = (SELECT COALESCE(SUM(t.extension_count), 0) \
                 FROM tenants t WHERE t.partner_id = partners.id AND t.status <> 'CANCELLED')",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, _m: &SchemaManager) -> Result<(), DbErr> {
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Tiers {
    Table,
    Id,
    Code,
    Name,
    MonthlyFeeCents,
    ExtensionCap,
    ExtensionCents,
    LocalDidCents,
    TollFreeDidCents,
    LocalMinuteMicros,
    TollFreeMinuteMicros,
    EffectiveFrom,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Partners {
    Table,
    Tier,
    ExtensionCount,
}
