//! The tenant list: search, sort by any column, server-side pages. Built to stay fast at
//! 10,000+ tenants per partner: counts are stored columns (no per-row subqueries), every
//! sort column has an index led by the partner, and a page is one query (rows and count).

use model::{
    AppError,
    auth::Viewer,
    tenants::{PAGE_SIZE, TenantPage, TenantQuery, TenantSort},
};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, FromQueryResult, Order, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, QueryTrait, sea_query::Expr,
};

use super::{entity::tenant, to_dto};
use crate::{Db, auth::actor::Actor, db::contains_ci, error::db_error};

fn column(sort: TenantSort) -> tenant::Column {
    match sort {
        TenantSort::Name => tenant::Column::NameLower,
        TenantSort::SipPrefix => tenant::Column::SipPrefix,
        TenantSort::Status => tenant::Column::Status,
        TenantSort::Users => tenant::Column::UserCount,
        TenantSort::Numbers => tenant::Column::NumberCount,
        TenantSort::Extensions => tenant::Column::ExtensionCount,
        TenantSort::Created => tenant::Column::CreatedAt,
    }
}

pub async fn list(
    db: &Db,
    viewer: Option<&Viewer>,
    query: &TenantQuery,
) -> Result<TenantPage, AppError> {
    let actor = Actor::partner_member(db, viewer).await?;
    let mut select = tenant::Entity::find().filter(tenant::Column::PartnerId.eq(actor.partner_id));
    let term = query.search.trim();
    if !term.is_empty() {
        select = select.filter(
            Condition::any()
                .add(contains_ci(tenant::Column::NameLower, term))
                .add(contains_ci(tenant::Column::BillingEmail, term)),
        );
    }
    let order = if query.descending {
        Order::Desc
    } else {
        Order::Asc
    };
    let page = Ord::max(query.page, 1);
    // The page and the number of matches in one statement: `COUNT(*) OVER ()` counts
    // the filtered rows before LIMIT applies (SQLite ≥ 3.25 and PostgreSQL alike).
    let statement = select
        .clone()
        .expr_as(Expr::cust("COUNT(*) OVER ()"), FULL_COUNT)
        .order_by(column(query.sort), order.clone())
        // Ties (same status, same count) keep a stable order across pages.
        .order_by(tenant::Column::Id, order)
        .offset((page - 1) * PAGE_SIZE)
        .limit(PAGE_SIZE)
        .build(db.get_database_backend());
    let found = db.query_all_raw(statement).await.map_err(db_error)?;
    let total = match found.first() {
        Some(row) => {
            u64::try_from(row.try_get::<i64>("", FULL_COUNT).map_err(db_error)?).unwrap_or_default()
        }
        // Past the last page there is no row to carry the count: ask for it.
        None if page > 1 => select.count(db).await.map_err(db_error)?,
        None => 0,
    };
    let rows = found
        .iter()
        .map(|row| tenant::Model::from_query_result(row, "").map(|t| to_dto(&t)))
        .collect::<Result<_, _>>()
        .map_err(db_error)?;
    Ok(TenantPage { rows, total, page })
}

const FULL_COUNT: &str = "full_count";

/// The API's list: tenants in the order they were made, `limit` of them after the one
/// whose id is `after` (the cursor the previous page gave), only those in `only` when
/// the key is limited. Returns the page and the next cursor (`None` on the last page).
pub async fn page_after(
    db: &Db,
    viewer: Option<&Viewer>,
    after: Option<&str>,
    limit: u64,
    only: &[String],
) -> Result<(Vec<model::tenants::Tenant>, Option<String>), AppError> {
    let actor = Actor::partner_member(db, viewer).await?;
    let mut select = tenant::Entity::find().filter(tenant::Column::PartnerId.eq(actor.partner_id));
    if let Some(cursor) = after.filter(|c| !c.is_empty()) {
        let bad = || AppError::invalid("cursor", "This cursor is not one this list gave.");
        let id = uuid::Uuid::parse_str(cursor).map_err(|_| bad())?;
        let from = tenant::Entity::find()
            .filter(tenant::Column::PublicId.eq(id))
            .filter(tenant::Column::PartnerId.eq(actor.partner_id))
            .one(db)
            .await
            .map_err(db_error)?
            .ok_or_else(bad)?;
        select = select.filter(tenant::Column::Id.gt(from.id));
    }
    if !only.is_empty() {
        let ids: Vec<uuid::Uuid> = only
            .iter()
            .filter_map(|s| uuid::Uuid::parse_str(s).ok())
            .collect();
        select = select.filter(tenant::Column::PublicId.is_in(ids));
    }
    // One more than asked: whether it exists says if there is a next page.
    let mut rows = select
        .order_by_asc(tenant::Column::Id)
        .limit(limit + 1)
        .all(db)
        .await
        .map_err(db_error)?;
    let more = rows.len() as u64 > limit;
    rows.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    let next = if more {
        rows.last().map(|t| t.public_id.to_string())
    } else {
        None
    };
    Ok((rows.iter().map(to_dto).collect(), next))
}
