//! A partner's team: list, invite (link valid 7 days, resend), accept, remove. Removing
//! deletes the user (their sessions go with it, so their next request is signed out);
//! their audit entries stay, because the log keeps the actor's id and email as text.

#[cfg(test)]
mod tests;

use chrono::{DateTime, Duration, Utc};
use model::{
    AppError,
    auth::{Role, Viewer, validate_new_password},
    partners::parse_name,
    team::{Member, validate_invite},
};
use sea_orm::{QueryOrder, Set, entity::prelude::*, sea_query::Expr};

use crate::{
    Db, audit,
    auth::{actor::Actor, link, password, user},
    error::db_error,
    mail,
};

pub const INVITE_VALIDITY: Duration = Duration::days(7);
pub const INVITE_PURPOSE: &str = "invite";
pub const INVITE_PATH: &str = "/invite";

/// Invited users have no password until they accept (this hash never verifies).
pub(crate) const NO_PASSWORD: &str = "";

pub async fn list(db: &Db, viewer: Option<&Viewer>) -> Result<Vec<Member>, AppError> {
    let actor = Actor::partner_member(db, viewer).await?;
    // The partner's own team only: its tenants' users are listed in each tenant.
    let users = user::Entity::find()
        .filter(user::Column::PartnerId.eq(actor.partner_id))
        .filter(user::Column::TenantId.is_null())
        .order_by_asc(user::Column::CreatedAt)
        .all(db)
        .await
        .map_err(db_error)?;
    Ok(users
        .into_iter()
        .map(|u| member(u, actor.user.id))
        .collect())
}

/// A user as a team list shows it; `viewer_id` marks "you".
pub(crate) fn member(u: user::Model, viewer_id: i32) -> Member {
    let time = crate::db::rfc3339;
    Member {
        id: u.public_id.to_string(),
        is_you: u.id == viewer_id,
        role: Role::parse(&u.role).unwrap_or(Role::PartnerUser),
        verified: u.email_verified_at.is_some(),
        pending: u.password_hash == NO_PASSWORD,
        last_login_at: u.last_login_at.map(time),
        created_at: time(u.created_at),
        email: u.email,
        name: u.display_name,
    }
}

pub async fn invite(
    db: &Db,
    viewer: Option<&Viewer>,
    email: &str,
    role: &str,
    base_url: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let actor = Actor::partner_member(db, viewer).await?;
    actor.require_admin()?;
    let (email, role) = validate_invite(email, role)?;
    let txn = crate::db::begin(db).await?;
    let invited = add_invited(
        &txn,
        (&email, role),
        (actor.partner_id, None),
        &actor.user,
        base_url,
        now,
    )
    .await?;
    audit::record(
        &txn,
        audit::Entry::by_user(&actor.user, "team.invited", invited.target())
            .with_summary(serde_json::json!({"email": invited.email, "role": role.as_str()})),
        now,
    )
    .await?;
    txn.commit().await.map_err(db_error)
}

pub async fn resend(
    db: &Db,
    viewer: Option<&Viewer>,
    member_id: &str,
    base_url: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let actor = Actor::partner_member(db, viewer).await?;
    actor.require_admin()?;
    let member = find_member(db, &actor, member_id).await?;
    if member.password_hash != NO_PASSWORD {
        return Err(AppError::conflict(
            "This person has already accepted the invitation.",
        ));
    }
    let txn = crate::db::begin(db).await?;
    send_invite(&txn, &member, &actor.user, base_url, now).await?;
    audit::record(
        &txn,
        audit::Entry::by_user(&actor.user, "team.invite_resent", member.target()),
        now,
    )
    .await?;
    txn.commit().await.map_err(db_error)
}

pub async fn remove(
    db: &Db,
    viewer: Option<&Viewer>,
    member_id: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let actor = Actor::partner_member(db, viewer).await?;
    actor.require_admin()?;
    let member = find_member(db, &actor, member_id).await?;
    if member.id == actor.user.id {
        return Err(AppError::conflict(
            "You cannot remove yourself. Ask another Partner Admin.",
        ));
    }
    let txn = crate::db::begin(db).await?;
    user::Entity::delete_by_id(member.id)
        .exec(&txn)
        .await
        .map_err(db_error)?;
    audit::record(
        &txn,
        audit::Entry::by_user(&actor.user, "team.removed", member.target())
            .with_summary(serde_json::json!({"email": member.email, "role": member.role})),
        now,
    )
    .await?;
    txn.commit().await.map_err(db_error)
}

/// Accepts an invitation: sets the name and password; the link proves the address.
pub async fn accept(
    db: &Db,
    token: &str,
    name: &str,
    new: &str,
    confirm: &str,
    now: DateTime<Utc>,
) -> Result<user::Model, AppError> {
    let mut errors = model::FieldErrors::new();
    let name = errors.check("name", parse_name(name, "your name"));
    let password = validate_new_password(new, confirm)
        .map_err(|e| errors.merge(e))
        .ok();
    let (Some(name), Some(password)) = (name, password) else {
        return Err(errors.into());
    };
    let hash = password::hash(&password).await?;
    let txn = crate::db::begin(db).await?;
    let user_id = link::spend(&txn, token, INVITE_PURPOSE, now).await?;
    user::Entity::update_many()
        .col_expr(user::Column::PasswordHash, Expr::value(hash))
        .col_expr(user::Column::DisplayName, Expr::value(name))
        .col_expr(user::Column::EmailVerifiedAt, Expr::value(now))
        .col_expr(user::Column::UpdatedAt, Expr::value(now))
        .filter(user::Column::Id.eq(user_id))
        .exec(&txn)
        .await
        .map_err(db_error)?;
    let user = user::by_id(&txn, user_id).await?;
    audit::record(
        &txn,
        audit::Entry::on_self(&user, "team.invite_accepted"),
        now,
    )
    .await?;
    txn.commit().await.map_err(db_error)?;
    Ok(user)
}

/// A member of the actor's own partner; anyone else's id is "not found" (never revealed).
async fn find_member(db: &Db, actor: &Actor, member_id: &str) -> Result<user::Model, AppError> {
    let id = Uuid::parse_str(member_id).map_err(|_| AppError::not_found("Team member"))?;
    user::Entity::find()
        .filter(user::Column::PublicId.eq(id))
        .filter(user::Column::PartnerId.eq(actor.partner_id))
        .filter(user::Column::TenantId.is_null())
        .one(db)
        .await
        .map_err(db_error)?
        .ok_or_else(|| AppError::not_found("Team member"))
}

/// Adds an invited user (no password until they accept) to a partner's team or, with a
/// tenant, to that tenant, and mails the link. The address must be new everywhere.
pub(crate) async fn add_invited(
    txn: &sea_orm::DatabaseTransaction,
    (email, role): (&model::auth::Email, Role),
    (partner_id, tenant_id): (i32, Option<i32>),
    inviter: &user::Model,
    base_url: &str,
    now: DateTime<Utc>,
) -> Result<user::Model, AppError> {
    let taken = user::Entity::find()
        .filter(user::Column::Email.eq(email.as_str()))
        .one(txn)
        .await
        .map_err(db_error)?;
    if taken.is_some() {
        return Err(AppError::invalid(
            "email",
            "This address already has an account.",
        ));
    }
    let invited = user::ActiveModel {
        public_id: Set(Uuid::now_v7()),
        email: Set(email.to_string()),
        password_hash: Set(NO_PASSWORD.to_owned()),
        role: Set(role.as_str().to_owned()),
        display_name: Set(None),
        email_verified_at: Set(None),
        partner_id: Set(Some(partner_id)),
        tenant_id: Set(tenant_id),
        last_login_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await
    .map_err(db_error)?;
    send_invite(txn, &invited, inviter, base_url, now).await?;
    Ok(invited)
}

/// Issues a 7-day invitation link for `invited` and mails it in their partner's brand,
/// naming `inviter`.
pub(crate) async fn send_invite(
    txn: &sea_orm::DatabaseTransaction,
    invited: &user::Model,
    inviter: &user::Model,
    base_url: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let sender = crate::branding::sender_for(txn, invited.partner_id, "").await?;
    let token = link::issue(txn, invited.id, INVITE_PURPOSE, INVITE_VALIDITY, now).await?;
    let url = format!(
        "{}{INVITE_PATH}?token={token}",
        base_url.trim_end_matches('/')
    );
    let inviter = inviter.shown_name();
    mail::enqueue(
        txn,
        mail::templates::invite(&sender, inviter, &invited.email, &url),
        now,
    )
    .await?;
    Ok(())
}
