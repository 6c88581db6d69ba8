//! From a session cookie to the `Viewer` a page is rendered for: one query per request
//! (session, user, the user's partner and brand, their own tenant, the tenant being
//! managed), whatever kind of user it is.

use chrono::{DateTime, Utc};
use model::{
    AppError,
    auth::{AssumedTenant, Resolved, Role, Viewer, ViewerPartner},
    branding::BrandInfo,
    partners::PartnerStatus,
};
use sea_orm::{
    ConnectionTrait, EntityTrait, FromQueryResult, Iterable, JoinType, QueryResult, TryGetError,
    sea_query::{Alias, Expr, ExprTrait, IntoIden, Query, SelectStatement},
};

use super::{session, token, user};
use crate::{
    Db, audit,
    db::rfc3339,
    error::{db_error, internal},
    partners::{self, partner},
    tenants::{assume::acting_label, entity::tenant},
};

/// A live session, as every page needs it.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub viewer: Viewer,
    /// While a partner admin manages a tenant: the audit context the request runs under.
    pub acting: Option<audit::ActingAs>,
    /// The brand the viewer sees on any host: their partner's (`None` for platform staff,
    /// who keep the host's).
    pub brand: Option<BrandInfo>,
}

/// The signed-in viewer for a session id, or `None` when the session is unknown, ended
/// or expired (the caller then treats the request as signed out).
pub async fn resolve(
    db: &Db,
    session_id: &str,
    now: DateTime<Utc>,
) -> Result<Option<SignedIn>, AppError> {
    let statement = db
        .get_database_backend()
        .build(&one_query(&token::hash(session_id), now));
    let Some(row) = db.query_one_raw(statement).await.map_err(db_error)? else {
        return Ok(None);
    };
    let user = user::Model::from_query_result(&row, "u_").map_err(db_error)?;
    let partner = joined::<partner::Model>(&row, "p_")?;
    let own = joined::<tenant::Model>(&row, "ot_")?;
    let assumed = joined::<tenant::Model>(&row, "at_")?;
    let assumed_at: Option<DateTime<Utc>> = row.try_get("", "s_assumed_at").map_err(db_error)?;

    let brand = match &user.role {
        r if r == Role::PlatformAdmin.as_str() => None,
        _ => partner.as_ref().map(crate::branding::of_partner),
    };
    let acting = assumed.as_ref().map(|t| audit::ActingAs {
        label: acting_label(t),
        tenant_id: t.id,
    });
    let mut viewer = build(user, partner, own.as_ref(), now)?;
    viewer.assumed = assumed.as_ref().map(|t| describe(t, assumed_at));
    Ok(Some(SignedIn {
        viewer,
        acting,
        brand,
    }))
}

/// `sessions s ⋈ users u ⟕ partners p ⟕ tenants ot (the user's own) ⟕ tenants at (the
/// managed one)`, each joined tenant only when it belongs to the user's partner. Columns
/// come back prefixed (`u_email`, `p_name`, …) so each entity reads its own.
fn one_query(token_hash: &str, now: DateTime<Utc>) -> SelectStatement {
    let (s, u, p, ot, at) = (
        Alias::new("s"),
        Alias::new("u"),
        Alias::new("p"),
        Alias::new("ot"),
        Alias::new("at"),
    );
    let mut q = Query::select();
    q.from_as(session::Entity, s.clone());
    select_all::<user::Entity>(&mut q, &u, "u_");
    select_all::<partner::Entity>(&mut q, &p, "p_");
    select_all::<tenant::Entity>(&mut q, &ot, "ot_");
    select_all::<tenant::Entity>(&mut q, &at, "at_");
    q.expr_as(
        Expr::col((s.clone(), session::Column::AssumedAt)),
        Alias::new("s_assumed_at"),
    );
    q.join_as(
        JoinType::InnerJoin,
        user::Entity,
        u.clone(),
        Expr::col((u.clone(), user::Column::Id)).equals((s.clone(), session::Column::UserId)),
    );
    q.join_as(
        JoinType::LeftJoin,
        partner::Entity,
        p.clone(),
        Expr::col((p.clone(), partner::Column::Id)).equals((u.clone(), user::Column::PartnerId)),
    );
    for (alias, tenant_of) in [
        (ot.clone(), Expr::col((u.clone(), user::Column::TenantId))),
        (
            at.clone(),
            Expr::col((s.clone(), session::Column::AssumedTenantId)),
        ),
    ] {
        q.join_as(
            JoinType::LeftJoin,
            tenant::Entity,
            alias.clone(),
            Expr::col((alias.clone(), tenant::Column::Id))
                .eq(tenant_of)
                .and(
                    Expr::col((alias, tenant::Column::PartnerId))
                        .equals((u.clone(), user::Column::PartnerId)),
                ),
        );
    }
    q.and_where(Expr::col((s.clone(), session::Column::TokenHash)).eq(token_hash))
        .and_where(Expr::col((s.clone(), session::Column::RevokedAt)).is_null())
        .and_where(Expr::col((s, session::Column::ExpiresAt)).gt(now));
    q
}

/// A left-joined row: `None` when it did not match (all its columns null); a column that
/// fails to decode is an error, not a missing row.
fn joined<M: FromQueryResult>(row: &QueryResult, prefix: &str) -> Result<Option<M>, AppError> {
    match M::from_query_result_nullable(row, prefix) {
        Ok(model) => Ok(Some(model)),
        Err(TryGetError::Null(_)) => Ok(None),
        Err(TryGetError::DbErr(err)) => Err(db_error(err)),
    }
}

/// Every column of `E` from the table aliased `alias`, as `{prefix}{column}`.
fn select_all<E: EntityTrait>(q: &mut SelectStatement, alias: &Alias, prefix: &str) {
    use sea_orm::IdenStatic;
    for column in E::Column::iter() {
        q.expr_as(
            Expr::col((alias.clone(), column.into_iden())),
            Alias::new(format!("{prefix}{}", column.as_str())),
        );
    }
}

/// A tenant as the viewer carries it.
fn describe(t: &tenant::Model, since: Option<DateTime<Utc>>) -> AssumedTenant {
    AssumedTenant {
        id: t.public_id.to_string(),
        name: t.name.clone(),
        sip_prefix: t.sip_prefix.clone(),
        since: since.map(rfc3339).unwrap_or_default(),
    }
}

/// The viewer `user` is, before any assumed tenant (sessions add that).
pub async fn of_user(db: &Db, user: &user::Model, now: DateTime<Utc>) -> Result<Viewer, AppError> {
    // A tenant's users see their partner only as the brand, never as "their partner"
    // (no trial banner, no partner name).
    let partner = match (user.partner_id, user.tenant_id) {
        (Some(id), None) => partners::find_by_id(db, id).await?,
        _ => None,
    };
    let own = match (user.tenant_id, user.partner_id) {
        (Some(tenant_id), Some(partner_id)) => {
            use sea_orm::{ColumnTrait, QueryFilter};
            tenant::Entity::find_by_id(tenant_id)
                .filter(tenant::Column::PartnerId.eq(partner_id))
                .one(db)
                .await
                .map_err(db_error)?
        }
        _ => None,
    };
    build(user.clone(), partner, own.as_ref(), now)
}

/// The viewer from its rows. The user's row rides along (`resolved`), so services the
/// same request calls need not read it again.
fn build(
    user: user::Model,
    partner: Option<partner::Model>,
    own: Option<&tenant::Model>,
    now: DateTime<Utc>,
) -> Result<Viewer, AppError> {
    let partner = partner.filter(|_| user.tenant_id.is_none());
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
        tenant: own.map(|t| describe(t, None)),
        resolved: Resolved::new(user),
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
