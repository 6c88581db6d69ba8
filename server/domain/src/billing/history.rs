//! Settings → Billing → History: every wallet movement, newest first, filtered by type
//! and date, and the same as CSV for the accountant.

use model::{
    AppError,
    auth::Viewer,
    billing::{LedgerFilter, LedgerKind, LedgerPage, dollars},
};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use super::{entity::ledger_entry, wallet};
use crate::{Db, auth::actor::Actor, error::db_error};

pub const PAGE_LIMIT: u64 = 500;

pub async fn list(
    db: &Db,
    viewer: Option<&Viewer>,
    filter: &LedgerFilter,
    limit: u64,
) -> Result<LedgerPage, AppError> {
    let actor = Actor::partner_member(db, viewer).await?;
    let mut query =
        ledger_entry::Entity::find().filter(ledger_entry::Column::PartnerId.eq(actor.partner_id));
    if !filter.kind.trim().is_empty() {
        let kind =
            LedgerKind::parse(filter.kind.trim()).map_err(|m| AppError::invalid("kind", m))?;
        query = query.filter(ledger_entry::Column::Kind.eq(kind.as_str()));
    }
    let (from, to) = crate::calendar::day_range(&filter.from, &filter.to)?;
    if let Some(from) = from {
        query = query.filter(ledger_entry::Column::CreatedAt.gte(from));
    }
    if let Some(to) = to {
        query = query.filter(ledger_entry::Column::CreatedAt.lt(to));
    }
    let rows = query
        .order_by_desc(ledger_entry::Column::Id)
        .limit(limit)
        .all(db)
        .await
        .map_err(db_error)?;
    Ok(LedgerPage {
        balance_cents: wallet::balance(db, actor.partner_id).await?,
        entries: rows.iter().map(wallet::to_dto).collect(),
    })
}

/// The filtered history as CSV; amounts in dollars with two decimals, as accountants
/// import them.
pub async fn csv(
    db: &Db,
    viewer: Option<&Viewer>,
    filter: &LedgerFilter,
) -> Result<String, AppError> {
    let page = list(db, viewer, filter, 1_000_000).await?;
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record([
        "date",
        "type",
        "description",
        "amount",
        "balance_after",
        "id",
    ])
    .map_err(crate::error::internal)?;
    for e in page.entries {
        let row: [String; 6] = [
            e.created_at.clone(),
            e.kind.label().to_owned(),
            e.description.clone(),
            plain(e.amount_cents),
            plain(e.balance_after_cents),
            e.id.clone(),
        ];
        out.write_record(row.iter().map(|c| crate::audit::read::defuse(c)))
            .map_err(crate::error::internal)?;
    }
    String::from_utf8(out.into_inner().map_err(crate::error::internal)?)
        .map_err(crate::error::internal)
}

/// `-1250` → `-12.50` (no currency sign: spreadsheets read it as a number).
fn plain(cents: i64) -> String {
    dollars(cents).replace(['$', ','], "")
}
