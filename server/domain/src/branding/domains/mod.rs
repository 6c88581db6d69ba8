//! Custom domains: a Partner Admin adds a hostname, points it at the partner's
//! subdomain with a CNAME (or, for an apex domain, at the same address), and *Check
//! status* looks the record up: PENDING → VERIFYING → ACTIVE, or back to PENDING with
//! the reason. Only ACTIVE domains render the partner's brand and may get a
//! certificate. A lookup that could not reach DNS stays VERIFYING and the periodic job
//! retries it; ACTIVE domains are re-checked daily and go back to PENDING if the record
//! is gone (a transient DNS failure never takes a working domain away).

pub mod dns;
pub mod entity;

use chrono::{DateTime, Duration, Utc};
use model::{
    AppError,
    auth::Viewer,
    branding::domains::{CustomDomain, DomainStatus, DomainsPage, MAX_DOMAINS, parse_hostname},
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder, Set,
};

use crate::{Db, audit, auth::actor::Actor, error::db_error, partners};
use dns::DnsResolver;

/// How long an ACTIVE domain goes between checks.
const RECHECK_ACTIVE: Duration = Duration::hours(24);
/// How soon a lookup that failed (DNS unreachable) is tried again.
const RETRY_VERIFYING: Duration = Duration::minutes(1);

fn target_of(slug: &str, platform_domain: &str) -> String {
    format!("{slug}.{platform_domain}")
}

fn wire(row: entity::Model, target: &str) -> CustomDomain {
    CustomDomain {
        id: row.public_id.to_string(),
        hostname: row.hostname,
        status: DomainStatus::parse(&row.status).unwrap_or(DomainStatus::Pending),
        reason: row.reason,
        target: target.to_owned(),
        checked_at: row.checked_at.map(crate::db::rfc3339),
        activated_at: row.activated_at.map(crate::db::rfc3339),
    }
}

async fn partner_slug(conn: &impl ConnectionTrait, partner_id: i32) -> Result<String, AppError> {
    partners::find_by_id(conn, partner_id)
        .await?
        .map(|p| p.slug)
        .ok_or_else(|| AppError::not_found("Partner"))
}

/// The partner's domains, newest first, for any member of its team.
pub async fn list(
    db: &Db,
    viewer: Option<&Viewer>,
    platform_domain: &str,
) -> Result<DomainsPage, AppError> {
    let actor = Actor::partner_member(db, viewer).await?;
    let subdomain = target_of(&partner_slug(db, actor.partner_id).await?, platform_domain);
    let rows = entity::Entity::find()
        .filter(entity::Column::PartnerId.eq(actor.partner_id))
        .order_by_desc(entity::Column::Id)
        .all(db)
        .await
        .map_err(db_error)?;
    Ok(DomainsPage {
        domains: rows.into_iter().map(|r| wire(r, &subdomain)).collect(),
        subdomain,
    })
}

/// Adds a hostname as PENDING (Partner Admins only).
pub async fn add(
    db: &Db,
    viewer: Option<&Viewer>,
    hostname: &str,
    platform_domain: &str,
    now: DateTime<Utc>,
) -> Result<CustomDomain, AppError> {
    let actor = Actor::partner_member(db, viewer).await?;
    actor.require_admin()?;
    let hostname =
        parse_hostname(hostname).map_err(|message| AppError::invalid("hostname", message))?;
    if hostname == platform_domain || hostname.ends_with(&format!(".{platform_domain}")) {
        return Err(AppError::invalid(
            "hostname",
            "That name is already yours as your subdomain; add a domain you own.",
        ));
    }
    let txn = crate::db::begin(db).await?;
    let target = target_of(
        &partner_slug(&txn, actor.partner_id).await?,
        platform_domain,
    );
    let existing = entity::Entity::find()
        .filter(entity::Column::PartnerId.eq(actor.partner_id))
        .all(&txn)
        .await
        .map_err(db_error)?;
    if existing.len() >= MAX_DOMAINS {
        return Err(AppError::invalid(
            "hostname",
            format!("You can have at most {MAX_DOMAINS} custom domains; remove one first."),
        ));
    }
    let taken = entity::Entity::find()
        .filter(entity::Column::Hostname.eq(hostname.as_str()))
        .one(&txn)
        .await
        .map_err(db_error)?;
    if taken.is_some() {
        // Never say whose: another partner's domain is not this partner's business.
        return Err(AppError::invalid(
            "hostname",
            "This hostname is already in use. If it is yours, contact support.",
        ));
    }
    let row = entity::ActiveModel {
        public_id: Set(uuid::Uuid::now_v7()),
        partner_id: Set(actor.partner_id),
        hostname: Set(hostname.clone()),
        status: Set(DomainStatus::Pending.wire().to_owned()),
        reason: Set(Some(format!(
            "Waiting for the DNS record: point {hostname} at {target} with a CNAME."
        ))),
        checked_at: Set(None),
        activated_at: Set(None),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(db_error)?;
    record(&txn, &actor, "partner.domain_added", &hostname, now).await?;
    txn.commit().await.map_err(db_error)?;
    Ok(wire(row, &target))
}

async fn record(
    txn: &sea_orm::DatabaseTransaction,
    actor: &Actor,
    action: &str,
    hostname: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    audit::record(
        txn,
        audit::Entry::by_user(&actor.user, action, format!("domain:{hostname}")),
        now,
    )
    .await
}

/// The caller's own domain `id`; another partner's is "not found".
async fn own(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    id: &str,
) -> Result<entity::Model, AppError> {
    let id = uuid::Uuid::parse_str(id).map_err(|_| AppError::not_found("Domain"))?;
    entity::Entity::find()
        .filter(entity::Column::PublicId.eq(id))
        .filter(entity::Column::PartnerId.eq(actor.partner_id))
        .one(conn)
        .await
        .map_err(db_error)?
        .ok_or_else(|| AppError::not_found("Domain"))
}

/// *Check status*: marks the domain VERIFYING, looks its record up, and settles it.
pub async fn check(
    db: &Db,
    dns: &dyn DnsResolver,
    viewer: Option<&Viewer>,
    id: &str,
    platform_domain: &str,
    now: DateTime<Utc>,
) -> Result<CustomDomain, AppError> {
    let actor = Actor::partner_member(db, viewer).await?;
    actor.require_admin()?;
    let row = own(db, &actor, id).await?;
    let target = target_of(&partner_slug(db, actor.partner_id).await?, platform_domain);
    let row = verify(db, dns, row, &target, now).await?;
    Ok(wire(row, &target))
}

/// Removes a domain: it stops serving the brand and getting certificates at once.
pub async fn remove(
    db: &Db,
    viewer: Option<&Viewer>,
    id: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let actor = Actor::partner_member(db, viewer).await?;
    actor.require_admin()?;
    let txn = crate::db::begin(db).await?;
    let row = own(&txn, &actor, id).await?;
    entity::Entity::delete_by_id(row.id)
        .exec(&txn)
        .await
        .map_err(db_error)?;
    record(&txn, &actor, "partner.domain_removed", &row.hostname, now).await?;
    txn.commit().await.map_err(db_error)
}

/// What a lookup means for a domain: its next status and the reason to show.
fn judge(
    hostname: &str,
    target: &str,
    found: &dns::Records,
    target_addresses: &[std::net::IpAddr],
) -> (DomainStatus, Option<String>) {
    match &found.cname {
        Some(cname) if cname == target => (DomainStatus::Active, None),
        Some(other) => (
            DomainStatus::Pending,
            Some(format!(
                "{hostname} points to {other}, not {target}. Change the CNAME record."
            )),
        ),
        None if !found.addresses.is_empty()
            && found.addresses.iter().all(|a| target_addresses.contains(a)) =>
        {
            (DomainStatus::Active, None)
        }
        None if !found.addresses.is_empty() => (
            DomainStatus::Pending,
            Some(format!(
                "{hostname} has an address record that is not {target}'s. Replace it with a CNAME to {target}."
            )),
        ),
        None => (
            DomainStatus::Pending,
            Some(format!(
                "No DNS record for {hostname} yet. Add a CNAME to {target}; new records can take up to an hour to appear."
            )),
        ),
    }
}

/// VERIFYING, committed first (so the page and other instances see the check under
/// way), then the lookup, then the verdict.
async fn verify(
    db: &Db,
    dns: &dyn DnsResolver,
    row: entity::Model,
    target: &str,
    now: DateTime<Utc>,
) -> Result<entity::Model, AppError> {
    let was_active = row.status == DomainStatus::Active.wire();
    let mut marking = row.clone().into_active_model();
    if !was_active {
        marking.status = Set(DomainStatus::Verifying.wire().to_owned());
    }
    marking.checked_at = Set(Some(now));
    let row = marking.update(db).await.map_err(db_error)?;

    let looked_up = match dns.lookup(&row.hostname).await {
        Ok(found) => {
            let target_addresses = if found.cname.is_none() && !found.addresses.is_empty() {
                dns.lookup(target).await.map(|t| t.addresses)
            } else {
                Ok(Vec::new())
            };
            target_addresses.map(|t| judge(&row.hostname, target, &found, &t))
        }
        Err(e) => Err(e),
    };
    let mut settle = row.clone().into_active_model();
    match looked_up {
        Ok((DomainStatus::Active, _)) => {
            settle.status = Set(DomainStatus::Active.wire().to_owned());
            settle.reason = Set(None);
            if !was_active {
                settle.activated_at = Set(Some(now));
            }
        }
        Ok((status, reason)) => {
            settle.status = Set(status.wire().to_owned());
            settle.reason = Set(reason);
            settle.activated_at = Set(None);
        }
        // DNS did not answer: nothing is known, so an ACTIVE domain stays ACTIVE and
        // any other waits in VERIFYING for the next round.
        Err(error) => {
            tracing::warn!(%error, host = row.hostname, "domain lookup failed");
            if !was_active {
                settle.reason = Set(Some(
                    "DNS did not answer the lookup; it is tried again within a minute.".into(),
                ));
            }
        }
    }
    settle.update(db).await.map_err(db_error)
}

/// The periodic round: VERIFYING domains whose lookup failed, and ACTIVE ones due their
/// daily check. Each is claimed by moving `checked_at` first, so two instances never
/// check the same domain in the same round.
pub async fn recheck_due(
    db: &Db,
    dns: &dyn DnsResolver,
    platform_domain: &str,
    now: DateTime<Utc>,
) -> Result<usize, AppError> {
    use sea_orm::Condition;
    let due = entity::Entity::find()
        .filter(
            Condition::any()
                .add(
                    Condition::all()
                        .add(entity::Column::Status.eq(DomainStatus::Verifying.wire()))
                        .add(entity::Column::CheckedAt.lte(now - RETRY_VERIFYING)),
                )
                .add(
                    Condition::all()
                        .add(entity::Column::Status.eq(DomainStatus::Active.wire()))
                        .add(entity::Column::CheckedAt.lte(now - RECHECK_ACTIVE)),
                ),
        )
        .all(db)
        .await
        .map_err(db_error)?;
    let mut checked = 0;
    for row in due {
        let claimed = entity::Entity::update_many()
            .col_expr(
                entity::Column::CheckedAt,
                sea_orm::sea_query::Expr::value(now),
            )
            .filter(entity::Column::Id.eq(row.id))
            .filter(entity::Column::CheckedAt.eq(row.checked_at))
            .exec(db)
            .await
            .map_err(db_error)?;
        if claimed.rows_affected == 0 {
            continue;
        }
        let target = target_of(&partner_slug(db, row.partner_id).await?, platform_domain);
        verify(db, dns, row, &target, now).await?;
        checked += 1;
    }
    Ok(checked)
}

/// The partner an ACTIVE custom domain belongs to.
pub async fn active_partner(
    conn: &impl ConnectionTrait,
    host: &str,
) -> Result<Option<i32>, AppError> {
    Ok(entity::Entity::find()
        .filter(entity::Column::Hostname.eq(host))
        .filter(entity::Column::Status.eq(DomainStatus::Active.wire()))
        .one(conn)
        .await
        .map_err(db_error)?
        .map(|row| row.partner_id))
}

#[cfg(test)]
mod tests;
