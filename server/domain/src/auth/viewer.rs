//! From a session cookie to the `Viewer` a page is rendered for.

use chrono::{DateTime, Utc};
use model::{
    AppError,
    auth::{Role, Viewer, ViewerPartner},
    partners::PartnerStatus,
};

use super::session;
use crate::{Db, audit, error::internal, partners};

/// The signed-in viewer for a session id, or `None` when the session is unknown, ended
/// or expired (the caller then treats the request as signed out). While a partner admin
/// manages a tenant, the second value is the audit context the request runs under.
pub async fn resolve(
    db: &Db,
    session_id: &str,
    now: DateTime<Utc>,
) -> Result<Option<(Viewer, Option<audit::ActingAs>)>, AppError> {
    let Some((session, user)) = session::resolve(db, session_id, now).await? else {
        return Ok(None);
    };
    let (assumed, acting) = match (session.assumed_tenant_id, user.partner_id) {
        (Some(tenant_id), Some(partner_id)) => {
            crate::tenants::assume::describe(db, partner_id, tenant_id, session.assumed_at)
                .await?
                .unzip()
        }
        _ => (None, None),
    };
    let mut viewer = of_user(db, &user, now).await?;
    viewer.assumed = assumed;
    Ok(Some((viewer, acting)))
}

/// The viewer `user` is, before any assumed tenant (sessions add that).
pub async fn of_user(
    db: &Db,
    user: &crate::auth::user::Model,
    now: DateTime<Utc>,
) -> Result<Viewer, AppError> {
    // A tenant's users see their partner only as the brand, never as "their partner"
    // (no trial banner, no partner name).
    let partner = match (user.partner_id, user.tenant_id) {
        (Some(id), None) => partners::find_by_id(db, id).await?,
        _ => None,
    };
    let tenant = match (user.tenant_id, user.partner_id) {
        (Some(tenant_id), Some(partner_id)) => {
            crate::tenants::assume::describe(db, partner_id, tenant_id, None)
                .await?
                .map(|(tenant, _)| tenant)
        }
        _ => None,
    };
    Ok(Viewer {
        user_id: user.public_id.to_string(),
        email: user.email.clone(),
        name: user.display_name.clone(),
        role: Role::parse(&user.role).map_err(internal)?,
        email_verified: user.email_verified_at.is_some(),
        two_factor: user.totp_enabled_at.is_some(),
        partner: partner
            .map(|p| -> Result<ViewerPartner, AppError> {
                let status = PartnerStatus::parse(&p.status).map_err(internal)?;
                Ok(ViewerPartner {
                    id: p.public_id.to_string(),
                    name: p.name,
                    trial_days_left: (status == PartnerStatus::Trial)
                        .then(|| p.trial_ends_at.map(|end| days_left(end, now)))
                        .flatten(),
                    status,
                })
            })
            .transpose()?,
        assumed: None,
        tenant,
    })
}

/// Whole days left, rounded up: a trial that just started reads "14 days", its last
/// hours read "1 day", and it reads 0 once over.
fn days_left(end: DateTime<Utc>, now: DateTime<Utc>) -> i64 {
    let seconds = (end - now).num_seconds();
    if seconds <= 0 {
        0
    } else {
        (seconds + 86_399) / 86_400
    }
}

#[cfg(test)]
mod tests {
    use chrono::{Duration, Utc};

    use super::days_left;

    #[test]
    fn trial_days_round_up() {
        let now = Utc::now();
        assert_eq!(
            days_left(now + Duration::days(14) - Duration::seconds(5), now),
            14
        );
        assert_eq!(days_left(now + Duration::hours(3), now), 1);
        assert_eq!(days_left(now - Duration::hours(3), now), 0);
    }
}
