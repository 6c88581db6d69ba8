//! Server functions of sign-in, sign-up, sign-out and email verification. Thin: read the
//! request, call one domain service, set the cookie, redirect.

use leptos::prelude::*;

use crate::error::FnError;

#[server(prefix = "/api", endpoint = "sign_in")]
pub async fn sign_in(email: String, password: String) -> Result<(), FnError> {
    use crate::context::{request_meta, services};
    let (db, meta, now) = (services()?.db, request_meta(), chrono::Utc::now());
    let creds = domain::auth::login::Credentials {
        email: &email,
        password: &password,
        ip: &meta.ip,
        user_agent: meta.user_agent.as_deref(),
    };
    let signed_in = match domain::auth::login::sign_in(&db, creds, now).await? {
        domain::auth::login::Outcome::SignedIn(s) => *s,
        domain::auth::login::Outcome::CodeRequired { ticket } => {
            leptos_axum::redirect(&format!("/login/code?ticket={ticket}"));
            return Ok(());
        }
    };
    start_session(&db, &meta, signed_in, now).await
}

/// The second step of a two-factor sign-in.
#[server(prefix = "/api", endpoint = "sign_in_code")]
pub async fn sign_in_code(ticket: String, code: String) -> Result<(), FnError> {
    use crate::context::{request_meta, services};
    let (services, meta, now) = (services()?, request_meta(), chrono::Utc::now());
    let signed_in = domain::auth::login::sign_in_with_code(
        &services.db,
        &services.secrets,
        &ticket,
        &code,
        &meta.ip,
        meta.user_agent.as_deref(),
        now,
    )
    .await?;
    start_session(&services.db, &meta, signed_in, now).await
}

/// Rotates to the new session id (ending the one the browser came with) and goes in.
#[cfg(feature = "ssr")]
async fn start_session(
    db: &domain::Db,
    meta: &crate::context::RequestMeta,
    signed_in: domain::auth::login::SignedIn,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), FnError> {
    if let Some(old) = &meta.session_id {
        domain::auth::session::revoke(db, old, now).await?;
    }
    crate::context::set_session_cookie(Some(&signed_in.session), meta.secure);
    leptos_axum::redirect(if signed_in.user.email_verified_at.is_some() {
        "/"
    } else {
        "/verify-email"
    });
    Ok(())
}

#[server(prefix = "/api", endpoint = "sign_out")]
pub async fn sign_out() -> Result<(), FnError> {
    use crate::context::{request_meta, services, set_session_cookie};
    let (db, meta) = (services()?.db, request_meta());
    if let Some(id) = meta.session_id {
        domain::auth::session::revoke(&db, &id, chrono::Utc::now()).await?;
    }
    set_session_cookie(None, meta.secure);
    leptos_axum::redirect("/login");
    Ok(())
}

#[server(prefix = "/api", endpoint = "sign_up")]
pub async fn sign_up(
    company: String,
    name: String,
    email: String,
    password: String,
) -> Result<(), FnError> {
    use crate::context::{request_meta, services, set_session_cookie};
    let (db, meta, now) = (services()?.db, request_meta(), chrono::Utc::now());
    let input = domain::partners::SignUp {
        company: &company,
        name: &name,
        email: &email,
        password: &password,
    };
    let created = domain::partners::sign_up(&db, input, &meta.base_url, now).await?;
    let session = domain::auth::session::create(
        &db,
        created.owner.id,
        Some(&meta.ip),
        meta.user_agent.as_deref(),
        now,
    )
    .await?;
    set_session_cookie(Some(&session), meta.secure);
    leptos_axum::redirect("/verify-email");
    Ok(())
}

/// Follows the link from the verification mail.
#[server(prefix = "/api", endpoint = "confirm_email")]
pub async fn confirm_email(token: String) -> Result<String, FnError> {
    let db = crate::context::services()?.db;
    let user = domain::auth::verification::confirm(&db, &token, chrono::Utc::now()).await?;
    Ok(user.email)
}

/// Sends a fresh verification link to the signed-in, unverified viewer.
#[server(prefix = "/api", endpoint = "resend_verification")]
pub async fn resend_verification() -> Result<(), FnError> {
    let (db, meta) = (
        crate::context::services()?.db,
        crate::context::request_meta(),
    );
    domain::auth::verification::resend(
        &db,
        meta.viewer.as_ref(),
        &meta.base_url,
        chrono::Utc::now(),
    )
    .await?;
    Ok(())
}

/// Ends every session of the signed-in user, this one included.
#[server(prefix = "/api", endpoint = "sign_out_everywhere")]
pub async fn sign_out_everywhere() -> Result<(), FnError> {
    use crate::context::{request_meta, services, set_session_cookie};
    let (db, meta) = (services()?.db, request_meta());
    domain::auth::session::sign_out_everywhere(&db, meta.viewer.as_ref(), chrono::Utc::now())
        .await?;
    set_session_cookie(None, meta.secure);
    leptos_axum::redirect("/login");
    Ok(())
}
