//! Everything `server billing-run` (and `serve`, every minute) does, in order: close
//! ended periods into invoices, mail the new ones, then chase the unpaid. Each step is
//! safe to rerun and to run on two instances at once (see each module).

use chrono::{DateTime, Utc};
use model::AppError;
use serde::Serialize;

use super::{document::Portal, dunning, engine, sending};
use crate::Db;

/// What one run did; the CLI prints it as its last line.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub invoices_created: u32,
    pub tenants_billed: u32,
    pub invoices_sent: u32,
    pub invoices_overdue: u32,
    pub tenants_suspended: u32,
}

pub async fn run(db: &Db, portal: Portal<'_>, at: DateTime<Utc>) -> Result<Summary, AppError> {
    let made = engine::run(db, at).await?;
    let invoices_sent = sending::send_due(db, portal, at).await?;
    let chased = dunning::run(db, portal, at).await?;
    Ok(Summary {
        invoices_created: made.invoices_created,
        tenants_billed: made.tenants_billed,
        invoices_sent,
        invoices_overdue: chased.invoices_overdue,
        tenants_suspended: chased.tenants_suspended,
    })
}
