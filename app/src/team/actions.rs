//! Server functions of the team page: thin calls into `domain::team` with the viewer.

use leptos::prelude::*;
use model::team::Member;

use crate::error::FnError;

#[server(prefix = "/api", endpoint = "team_members")]
pub async fn team_members() -> Result<Vec<Member>, FnError> {
    let (db, meta) = (
        crate::context::services()?.db,
        crate::context::request_meta(),
    );
    Ok(domain::team::list(&db, meta.viewer.as_ref()).await?)
}

#[server(prefix = "/api", endpoint = "invite_member")]
pub async fn invite_member(email: String, role: String) -> Result<(), FnError> {
    let (db, meta) = (
        crate::context::services()?.db,
        crate::context::request_meta(),
    );
    Ok(domain::team::invite(
        &db,
        meta.viewer.as_ref(),
        &email,
        &role,
        &meta.base_url,
        chrono::Utc::now(),
    )
    .await?)
}

#[server(prefix = "/api", endpoint = "resend_invite")]
pub async fn resend_invite(member: String) -> Result<(), FnError> {
    let (db, meta) = (
        crate::context::services()?.db,
        crate::context::request_meta(),
    );
    Ok(domain::team::resend(
        &db,
        meta.viewer.as_ref(),
        &member,
        &meta.base_url,
        chrono::Utc::now(),
    )
    .await?)
}

#[server(prefix = "/api", endpoint = "remove_member")]
pub async fn remove_member(member: String) -> Result<(), FnError> {
    let (db, meta) = (
        crate::context::services()?.db,
        crate::context::request_meta(),
    );
    Ok(domain::team::remove(&db, meta.viewer.as_ref(), &member, chrono::Utc::now()).await?)
}

/// Accepts an invitation and signs the new member in.
#[server(prefix = "/api", endpoint = "accept_invite")]
pub async fn accept_invite(
    token: String,
    name: String,
    password: String,
    confirm: String,
) -> Result<(), FnError> {
    use crate::context::{request_meta, services, set_session_cookie};
    let (db, meta, now) = (services()?.db, request_meta(), chrono::Utc::now());
    let user = domain::team::accept(&db, &token, &name, &password, &confirm, now).await?;
    let session = domain::auth::session::create(
        &db,
        user.id,
        Some(&meta.ip),
        meta.user_agent.as_deref(),
        now,
    )
    .await?;
    set_session_cookie(Some(&session), meta.secure);
    leptos_axum::redirect("/");
    Ok(())
}
