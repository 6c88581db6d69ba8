//! From a session cookie to the `Viewer` a page is rendered for.

use chrono::{DateTime, Utc};
use model::{
    AppError,
    auth::{Role, Viewer, ViewerPartner},
    partners::PartnerStatus,
};

use super::{session, user};
use crate::{Db, error::internal, partners};

/// The signed-in viewer for a session id, or `None` when the session is unknown, ended
/// or expired (the caller then treats the request as signed out).
pub async fn resolve(
    db: &Db,
    session_id: &str,
    now: DateTime<Utc>,
) -> Result<Option<(Viewer, user::Model)>, AppError> {
    let Some((_, user)) = session::resolve(db, session_id, now).await? else {
        return Ok(None);
    };
    let partner = match user.partner_id {
        Some(id) => partners::find_by_id(db, id).await?,
        None => None,
    };
    let viewer = Viewer {
        user_id: user.public_id.to_string(),
        email: user.email.clone(),
        name: user.display_name.clone(),
        role: Role::parse(&user.role).map_err(internal)?,
        email_verified: user.email_verified_at.is_some(),
        partner: partner
            .map(|p| -> Result<ViewerPartner, AppError> {
                let status = PartnerStatus::parse(&p.status).map_err(internal)?;
                Ok(ViewerPartner {
                    id: p.public_id.to_string(),
                    name: p.name,
                    trial_days_left: (status == PartnerStatus::Trial)
                        .then(|| p.trial_ends_at.map(|end| (end - now).num_days().max(0)))
                        .flatten(),
                    status,
                })
            })
            .transpose()?,
    };
    Ok(Some((viewer, user)))
}
