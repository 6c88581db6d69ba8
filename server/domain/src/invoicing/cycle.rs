//! Everything `server billing-run` (and `serve`, every minute) does, in order: close
//! ended periods into invoices, mail the new ones, let prepaid funds and auto-pay cards
//! pay them, then chase the unpaid. Each step is
//! safe to rerun and to run on two instances at once (see each module).

use chrono::{DateTime, Utc};
use model::AppError;
use serde::Serialize;

use super::{collection, document::Portal, dunning, engine, sending};
use crate::{Db, billing::gateway::Gateway};

/// What one run did; the CLI prints it as its last line.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub invoices_created: u32,
    pub tenants_billed: u32,
    pub invoices_sent: u32,
    pub invoices_paid_from_funds: u32,
    pub invoices_autopaid: u32,
    pub autopay_failed: u32,
    pub invoices_overdue: u32,
    pub tenants_suspended: u32,
}

pub async fn run(
    db: &Db,
    portal: Portal<'_>,
    gateway: &Gateway,
    at: DateTime<Utc>,
) -> Result<Summary, AppError> {
    let made = engine::run(db, at).await?;
    let invoices_sent = sending::send_due(db, portal, at).await?;
    let collected = collection::autopay::run(db, gateway, portal, at).await?;
    let chased = dunning::run(db, portal, at).await?;
    Ok(Summary {
        invoices_created: made.invoices_created,
        tenants_billed: made.tenants_billed,
        invoices_sent,
        invoices_paid_from_funds: collected.paid_from_funds,
        invoices_autopaid: collected.autopaid,
        autopay_failed: collected.autopay_failed,
        invoices_overdue: chased.invoices_overdue,
        tenants_suspended: chased.tenants_suspended,
    })
}
