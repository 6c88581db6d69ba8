//! Server functions of sign-in, sign-up, sign-out and email verification. Thin: read the
//! request, call one domain service, set the cookie, redirect.

use leptos::prelude::*;

use crate::error::FnError;

#[server(prefix = "/api", endpoint = "sign_in")]
pub async fn sign_in(email: String, password: String) -> Result<(), FnError> {
    use crate::context::{request_meta, services, set_session_cookie};
    let (db, meta, now) = (services()?.db, request_meta(), chrono::Utc::now());
    let creds = domain::auth::login::Credentials {
        email: &email,
        password: &password,
        ip: &meta.ip,
        user_agent: meta.user_agent.as_deref(),
    };
    let signed_in = domain::auth::login::sign_in(&db, creds, now).await?;
    // A new id at every sign-in; the one the browser came with (if any) ends now.
    if let Some(old) = meta.session_id {
        domain::auth::session::revoke(&db, &old, now).await?;
    }
    set_session_cookie(Some(&signed_in.session), meta.secure);
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
    use model::AppError;
    let (db, meta) = (
        crate::context::services()?.db,
        crate::context::request_meta(),
    );
    let viewer = meta.viewer.ok_or(AppError::Unauthorized)?;
    domain::auth::verification::resend(&db, &viewer.user_id, &meta.base_url, chrono::Utc::now())
        .await?;
    Ok(())
}

/// Ends every session of the signed-in user, this one included.
#[server(prefix = "/api", endpoint = "sign_out_everywhere")]
pub async fn sign_out_everywhere() -> Result<(), FnError> {
    use crate::context::{request_meta, services, set_session_cookie};
    let (db, meta) = (services()?.db, request_meta());
    let viewer = meta.viewer.ok_or(model::AppError::Unauthorized)?;
    domain::auth::session::sign_out_everywhere(&db, &viewer.user_id, chrono::Utc::now()).await?;
    set_session_cookie(None, meta.secure);
    leptos_axum::redirect("/login");
    Ok(())
}
