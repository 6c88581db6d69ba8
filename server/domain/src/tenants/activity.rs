//! A tenant's own activity log in its portal: every audited change about the tenant, and
//! above it the support visits — when the partner's staff came in, who, why and for how
//! long. The tenant's admins (and the partner's team) read it; Tenant Users do not.

use model::{
    AppError,
    audit::{AuditEntry, SupportVisit, TenantActivity},
    auth::{Role, Viewer},
};

use super::scope;
use crate::{Db, audit};

/// Entries shown; the visits list has its own, longer reach.
pub const ENTRY_LIMIT: u64 = 200;
const VISIT_ENTRY_LIMIT: u64 = 400;
const STARTED: &str = "tenant.assume_started";
const ENDED: &str = "tenant.assume_ended";

pub async fn activity(
    db: &Db,
    viewer: Option<&Viewer>,
    id: &str,
) -> Result<TenantActivity, AppError> {
    let scope = scope::resolve(db, viewer, id).await?;
    if scope.user.role == Role::TenantUser.as_str() {
        return Err(AppError::forbidden(
            "Only your account's admins can read its activity.",
        ));
    }
    let t = &scope.tenant;
    let entries = audit::read::for_tenant(db, t.partner_id, t.id, &[], ENTRY_LIMIT).await?;
    let marks =
        audit::read::for_tenant(db, t.partner_id, t.id, &[STARTED, ENDED], VISIT_ENTRY_LIMIT)
            .await?;
    Ok(TenantActivity {
        visits: visits(marks),
        entries,
    })
}

fn summary(entry: &AuditEntry) -> serde_json::Value {
    serde_json::from_str(&entry.summary).unwrap_or_default()
}

/// Pairs each start with the same person's next end; newest visit first. An end whose
/// start fell outside the window still yields a visit, from the start it records.
fn visits(mut marks: Vec<AuditEntry>) -> Vec<SupportVisit> {
    marks.sort_by_key(|e| e.seq);
    let mut out: Vec<SupportVisit> = Vec::new();
    for mark in marks {
        let s = summary(&mark);
        let text = |key: &str| s.get(key).and_then(|v| v.as_str()).map(str::to_owned);
        if mark.action == STARTED {
            out.push(SupportVisit {
                by: mark.actor,
                reason: text("reason").unwrap_or_default(),
                started_at: mark.at,
                ended_at: None,
                duration_seconds: None,
            });
            continue;
        }
        let duration = s.get("duration_seconds").and_then(|v| v.as_i64());
        let open = out
            .iter_mut()
            .rev()
            .find(|v| v.by == mark.actor && v.ended_at.is_none());
        match open {
            Some(visit) => {
                visit.ended_at = Some(mark.at);
                visit.duration_seconds = duration;
            }
            None => out.push(SupportVisit {
                by: mark.actor,
                reason: text("reason").unwrap_or_default(),
                started_at: text("started_at").unwrap_or_default(),
                ended_at: Some(mark.at),
                duration_seconds: duration,
            }),
        }
    }
    out.reverse();
    out
}
