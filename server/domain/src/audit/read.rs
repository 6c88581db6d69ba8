//! Reading a partner's own log: filtered, newest first, and as CSV for accountants and
//! auditors. Only the caller's partner chain is ever read.

use model::{
    AppError,
    audit::{AuditEntry, AuditFilter, AuditPage},
    auth::Viewer,
};
use sea_orm::{QueryOrder, QuerySelect, entity::prelude::*};

use super::{entity, verify_chain};
use crate::{Db, auth::actor::Actor, error::db_error};

pub const PAGE_LIMIT: u64 = 200;

pub async fn for_partner(
    db: &Db,
    viewer: Option<&Viewer>,
    filter: &AuditFilter,
    limit: u64,
) -> Result<AuditPage, AppError> {
    let actor = Actor::partner_member(db, viewer).await?;
    let mut query = entity::Entity::find().filter(entity::Column::ChainKey.eq(actor.partner_id));
    if !filter.actor.trim().is_empty() {
        query =
            query.filter(entity::Column::ActorLabel.contains(filter.actor.trim().to_lowercase()));
    }
    if !filter.action.trim().is_empty() {
        query = query.filter(entity::Column::Action.starts_with(filter.action.trim()));
    }
    let (from, to) = crate::calendar::day_range(&filter.from, &filter.to)?;
    if let Some(from) = from {
        query = query.filter(entity::Column::At.gte(from));
    }
    if let Some(to) = to {
        query = query.filter(entity::Column::At.lt(to));
    }
    let rows = query
        .order_by_desc(entity::Column::Seq)
        .limit(limit)
        .all(db)
        .await
        .map_err(db_error)?;
    let report = verify_chain(db, actor.partner_id).await?;
    Ok(AuditPage {
        entries: rows.into_iter().map(to_entry).collect(),
        total_in_chain: report.entries,
        broken_at: report.first_broken_seq,
    })
}

/// The newest `limit` entries about one tenant (its `tenant_id`) in its partner's chain,
/// optionally only those whose action is one of `actions`.
pub(crate) async fn for_tenant(
    db: &Db,
    partner_id: i32,
    tenant_id: i32,
    actions: &[&str],
    limit: u64,
) -> Result<Vec<AuditEntry>, AppError> {
    let mut query = entity::Entity::find()
        .filter(entity::Column::ChainKey.eq(partner_id))
        .filter(entity::Column::TenantId.eq(tenant_id));
    if !actions.is_empty() {
        query = query.filter(entity::Column::Action.is_in(actions.iter().copied()));
    }
    let rows = query
        .order_by_desc(entity::Column::Seq)
        .limit(limit)
        .all(db)
        .await
        .map_err(db_error)?;
    Ok(rows.into_iter().map(to_entry).collect())
}

/// The filtered log as CSV. Cells that a spreadsheet would run as a formula are
/// prefixed with `'` (CSV injection).
pub async fn csv_for_partner(
    db: &Db,
    viewer: Option<&Viewer>,
    filter: &AuditFilter,
) -> Result<String, AppError> {
    let page = for_partner(db, viewer, filter, 100_000).await?;
    let mut out = csv::Writer::from_writer(Vec::new());
    let header = [
        "seq",
        "at",
        "actor",
        "acting_as",
        "action",
        "target",
        "summary",
        "request_id",
    ];
    out.write_record(header).map_err(crate::error::internal)?;
    for e in page.entries {
        let row = [
            e.seq.to_string(),
            e.at,
            e.actor,
            e.acting_as.unwrap_or_default(),
            e.action,
            e.target,
            e.summary,
            e.request_id.unwrap_or_default(),
        ];
        out.write_record(row.iter().map(|c| defuse(c)))
            .map_err(crate::error::internal)?;
    }
    String::from_utf8(out.into_inner().map_err(crate::error::internal)?)
        .map_err(crate::error::internal)
}

pub(crate) fn defuse(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}

fn to_entry(r: entity::Model) -> AuditEntry {
    AuditEntry {
        seq: r.seq,
        at: crate::db::rfc3339(r.at),
        actor: r.actor_label,
        acting_as: r.acting_as,
        action: r.action,
        target: r.target,
        summary: if r.summary == "null" {
            String::new()
        } else {
            r.summary
        },
        request_id: r.request_id,
    }
}

#[cfg(test)]
mod tests {
    use model::audit::AuditFilter;

    use super::*;
    use crate::testing;

    async fn owner(db: &Db, slug: &str) -> Viewer {
        testing::partner_owner(db, slug).await.0
    }

    #[tokio::test]
    async fn a_partner_reads_only_its_own_chain_with_filters_and_csv() {
        let db = testing::fresh_db().await;
        let acme = owner(&db, "acme").await;
        owner(&db, "globex").await;
        let all = for_partner(&db, Some(&acme), &AuditFilter::default(), 50)
            .await
            .unwrap();
        assert_eq!(
            all.entries.len(),
            2,
            "created + signed in: {:?}",
            all.entries
        );
        assert!(all.broken_at.is_none());
        assert!(
            all.entries
                .iter()
                .all(|e| !e.target.contains("globex") && !e.actor.contains("globex"))
        );
        let only = AuditFilter {
            action: "auth.".into(),
            ..Default::default()
        };
        assert_eq!(
            for_partner(&db, Some(&acme), &only, 50)
                .await
                .unwrap()
                .entries
                .len(),
            1
        );
        let bad = AuditFilter {
            from: "23/11/2026".into(),
            ..Default::default()
        };
        assert!(
            for_partner(&db, Some(&acme), &bad, 50)
                .await
                .unwrap_err()
                .field_errors()
                .unwrap()
                .first("from")
                .is_some()
        );
        let csv = csv_for_partner(&db, Some(&acme), &AuditFilter::default())
            .await
            .unwrap();
        assert!(csv.starts_with("seq,at,actor,acting_as,action,target,summary,request_id\n"));
        assert_eq!(csv.lines().count(), 3);
    }

    #[test]
    fn formulas_are_defused() {
        assert_eq!(defuse("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(defuse("owner@acme.test"), "owner@acme.test");
    }
}
