//! What platform admins do with partners (`/admin/partners`): list and search them,
//! create one whose owner is invited by email, suspend with a reason, reactivate.
//! Every change is recorded in that partner's own audit chain.

use chrono::{DateTime, Utc};
use model::{
    AppError,
    auth::{Role, Viewer},
    partners::{
        PartnerStatus,
        admin::{PAGE_SIZE, PartnerPage, PartnerRow, parse_reason, validate_new_partner},
    },
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, EntityTrait, IntoActiveModel, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set, sea_query::Query,
};
use uuid::Uuid;

use super::{Created, ensure_free, insert, partner, target};
use crate::{
    Db, audit,
    auth::{actor, session, user},
    db::{contains_ci, rfc3339},
    error::db_error,
    team,
};

/// One page of partners, newest first, optionally searched by name, slug or the email
/// of anyone on the partner's team.
pub async fn list(
    db: &Db,
    viewer: Option<&Viewer>,
    search: &str,
    page: u64,
) -> Result<PartnerPage, AppError> {
    actor::platform_admin(db, viewer).await?;
    let mut query = partner::Entity::find().order_by_desc(partner::Column::Id);
    let term = search.trim();
    if !term.is_empty() {
        let by_member = Query::select()
            .column(user::Column::PartnerId)
            .from(user::Entity)
            .and_where(contains_ci(user::Column::Email, term))
            .to_owned();
        query = query.filter(
            Condition::any()
                .add(contains_ci((partner::Entity, partner::Column::Name), term))
                .add(contains_ci((partner::Entity, partner::Column::Slug), term))
                .add(partner::Column::Id.in_subquery(by_member)),
        );
    }
    let total = query.clone().count(db).await.map_err(db_error)?;
    let page = Ord::max(page, 1);
    let partners = query
        .offset((page - 1) * PAGE_SIZE)
        .limit(PAGE_SIZE)
        .all(db)
        .await
        .map_err(db_error)?;
    // Two queries for the whole page (never one per row): every member of these partners.
    let ids: Vec<i32> = partners.iter().map(|p| p.id).collect();
    let members = user::Entity::find()
        .filter(user::Column::PartnerId.is_in(ids.clone()))
        .order_by_asc(user::Column::Id)
        .all(db)
        .await
        .map_err(db_error)?;
    // And one for this month's usage of the same partners.
    let cycle = crate::calendar::month_start(chrono::Utc::now()).to_string();
    let usage = crate::usage::entity::counter::Entity::find()
        .filter(crate::usage::entity::counter::Column::PartnerId.is_in(ids))
        .filter(crate::usage::entity::counter::Column::CycleStart.eq(cycle))
        .all(db)
        .await
        .map_err(db_error)?;
    let rows = partners
        .into_iter()
        .map(|p| {
            let used = usage.iter().filter(|c| c.partner_id == p.id);
            let minutes = used
                .clone()
                .map(|c| c.local_minutes + c.toll_free_minutes)
                .sum();
            let cost: i64 = used.map(|c| c.cost_micros).sum();
            let team: Vec<&user::Model> = members
                .iter()
                .filter(|u| u.partner_id == Some(p.id))
                .collect();
            PartnerRow {
                id: p.public_id.to_string(),
                owner_email: team
                    .iter()
                    .find(|u| u.role == Role::PartnerAdmin.as_str())
                    .map(|u| u.email.clone()),
                members: team.len() as u64,
                status: PartnerStatus::parse(&p.status).unwrap_or(PartnerStatus::Active),
                created_at: rfc3339(p.created_at),
                trial_ends_at: p.trial_ends_at.map(rfc3339),
                status_reason: p.status_reason,
                tier: p.tier,
                balance_cents: p.balance_cents,
                minutes_this_month: minutes,
                usage_cost_cents: cost / model::usage::MICROS_PER_CENT,
                name: p.name,
                slug: p.slug,
            }
        })
        .collect();
    Ok(PartnerPage { rows, total, page })
}

/// The operator's input at `/admin/partners`.
pub struct NewPartner<'a> {
    pub name: &'a str,
    pub slug: &'a str,
    pub owner_email: &'a str,
    /// Start with the 14-day trial (like self sign-up) rather than ACTIVE.
    pub trial: bool,
}

/// Creates a partner whose owner is invited (a 7-day link to choose a password) rather
/// than given a password by the operator.
pub async fn create(
    db: &Db,
    viewer: Option<&Viewer>,
    input: NewPartner<'_>,
    base_url: &str,
    now: DateTime<Utc>,
) -> Result<Created, AppError> {
    let admin = actor::platform_admin(db, viewer).await?;
    let valid = validate_new_partner(input.name, input.slug, input.owner_email)?;
    let (status, trial_ends_at) = if input.trial {
        (PartnerStatus::Trial, Some(now + super::TRIAL_LENGTH))
    } else {
        (PartnerStatus::Active, None)
    };
    let txn = crate::db::begin(db).await?;
    ensure_free(&txn, ("owner_email", &valid.owner_email), Some(&valid.slug)).await?;
    let created = insert(
        &txn,
        &valid.name,
        &valid.slug,
        status,
        trial_ends_at,
        &valid.owner_email,
        None,
        team::NO_PASSWORD.to_owned(),
        None,
        now,
    )
    .await?;
    team::send_invite(&txn, &created.owner, &admin, base_url, now).await?;
    audit::record(
        &txn,
        audit::Entry::by_user(&admin, "partner.created", target(&created.partner))
            .in_partner(created.partner.id)
            .with_summary(serde_json::json!({
                "name": valid.name, "slug": valid.slug.as_str(),
                "status": status.as_str(), "owner": valid.owner_email.as_str(),
            })),
        now,
    )
    .await?;
    txn.commit().await.map_err(db_error)?;
    Ok(created)
}

async fn find(db: &Db, id: &str) -> Result<partner::Model, AppError> {
    let id = Uuid::parse_str(id).map_err(|_| AppError::not_found("Partner"))?;
    partner::Entity::find()
        .filter(partner::Column::PublicId.eq(id))
        .one(db)
        .await
        .map_err(db_error)?
        .ok_or_else(|| AppError::not_found("Partner"))
}

/// Suspends a partner: nobody on its team can sign in, and every live session ends now.
pub async fn suspend(
    db: &Db,
    viewer: Option<&Viewer>,
    partner_id: &str,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let admin = actor::platform_admin(db, viewer).await?;
    let reason = parse_reason(reason).map_err(|m| AppError::invalid("reason", m))?;
    let p = find(db, partner_id).await?;
    if p.status == PartnerStatus::Suspended.as_str() {
        return Err(AppError::conflict(format!(
            "{} is already suspended.",
            p.name
        )));
    }
    let txn = crate::db::begin(db).await?;
    let before = p.status.clone();
    let mut row = p.clone().into_active_model();
    row.status = Set(PartnerStatus::Suspended.as_str().to_owned());
    row.status_reason = Set(Some(reason.clone()));
    row.updated_at = Set(now);
    row.update(&txn).await.map_err(db_error)?;
    let team = user::Entity::find()
        .filter(user::Column::PartnerId.eq(p.id))
        .all(&txn)
        .await
        .map_err(db_error)?;
    let mut ended = 0;
    for member in &team {
        ended += session::revoke_all(&txn, member.id, now).await?;
    }
    audit::record(
        &txn,
        audit::Entry::by_user(&admin, "partner.suspended", target(&p))
            .in_partner(p.id)
            .with_summary(serde_json::json!({
                "status": {"before": before, "after": "SUSPENDED"},
                "reason": reason, "sessions_ended": ended,
            })),
        now,
    )
    .await?;
    txn.commit().await.map_err(db_error)
}

/// Lifts a suspension: back to TRIAL while the trial still runs, ACTIVE otherwise.
pub async fn reactivate(
    db: &Db,
    viewer: Option<&Viewer>,
    partner_id: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let admin = actor::platform_admin(db, viewer).await?;
    let p = find(db, partner_id).await?;
    if p.status != PartnerStatus::Suspended.as_str() {
        return Err(AppError::conflict(format!("{} is not suspended.", p.name)));
    }
    let after = if p.trial_ends_at.is_some_and(|end| end > now) {
        PartnerStatus::Trial
    } else {
        PartnerStatus::Active
    };
    let txn = crate::db::begin(db).await?;
    let mut row = p.clone().into_active_model();
    row.status = Set(after.as_str().to_owned());
    row.status_reason = Set(None);
    row.updated_at = Set(now);
    row.update(&txn).await.map_err(db_error)?;
    audit::record(
        &txn,
        audit::Entry::by_user(&admin, "partner.reactivated", target(&p))
            .in_partner(p.id)
            .with_summary(
                serde_json::json!({"status": {"before": "SUSPENDED", "after": after.as_str()}}),
            ),
        now,
    )
    .await?;
    txn.commit().await.map_err(db_error)
}
