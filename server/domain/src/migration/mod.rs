//! Schema migrations, applied at start-up by `server serve` and by `server migrate`.
//! Every migration must run on SQLite and on PostgreSQL (CI runs both).

use sea_orm_migration::prelude::*;

mod m20261123_000001_users;
mod m20261123_000002_identity;
mod m20261123_000003_two_factor;
mod m20261123_000004_mail_delivery_brand;
mod m20261123_000005_tenants;
mod m20261123_000006_tenant_defaults;
mod m20261123_000007_assume_identity;
mod m20261123_000008_tenant_activity;
mod m20261123_000009_tiers;
mod m20261123_000010_wallet;
mod m20261123_000011_plan_changes;
mod m20261123_000012_usage;
mod m20261123_000013_cycles;
mod m20261123_000014_brand_assets;
mod m20261123_000015_numbers;
mod m20261123_000016_ports;
mod m20261123_000017_api_keys;
mod m20261123_000018_webhooks;
mod m20261207_000019_call_ids;
mod m20261207_000020_tenant_billing;
mod m20261207_000021_invoice_delivery;
mod m20261207_000022_collection;
mod m20261207_000023_publishable_key;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261123_000001_users::Migration),
            Box::new(m20261123_000002_identity::Migration),
            Box::new(m20261123_000003_two_factor::Migration),
            Box::new(m20261123_000004_mail_delivery_brand::Migration),
            Box::new(m20261123_000005_tenants::Migration),
            Box::new(m20261123_000006_tenant_defaults::Migration),
            Box::new(m20261123_000007_assume_identity::Migration),
            Box::new(m20261123_000008_tenant_activity::Migration),
            Box::new(m20261123_000009_tiers::Migration),
            Box::new(m20261123_000010_wallet::Migration),
            Box::new(m20261123_000011_plan_changes::Migration),
            Box::new(m20261123_000012_usage::Migration),
            Box::new(m20261123_000013_cycles::Migration),
            Box::new(m20261123_000014_brand_assets::Migration),
            Box::new(m20261123_000015_numbers::Migration),
            Box::new(m20261123_000016_ports::Migration),
            Box::new(m20261123_000017_api_keys::Migration),
            Box::new(m20261123_000018_webhooks::Migration),
            Box::new(m20261207_000019_call_ids::Migration),
            Box::new(m20261207_000020_tenant_billing::Migration),
            Box::new(m20261207_000021_invoice_delivery::Migration),
            Box::new(m20261207_000022_collection::Migration),
            Box::new(m20261207_000023_publishable_key::Migration),
        ]
    }
}

/// Applies every pending migration; returns how many are applied in total.
pub async fn run(db: &crate::Db) -> Result<usize, model::AppError> {
    Migrator::up(db, None)
        .await
        .map_err(crate::error::db_error)?;
    applied(db).await
}

/// How many migrations this database has applied.
pub async fn applied(db: &crate::Db) -> Result<usize, model::AppError> {
    // One statement (the migrator's own listing also checks that its table exists).
    let row = db
        .query_one_raw(sea_orm::Statement::from_string(
            db.get_database_backend(),
            "SELECT COUNT(*) AS applied FROM seaql_migrations",
        ))
        .await
        .map_err(crate::error::db_error)?;
    let applied: i64 = match row {
        Some(row) => row.try_get("", "applied").map_err(crate::error::db_error)?,
        None => 0,
    };
    Ok(usize::try_from(applied).unwrap_or_default())
}
