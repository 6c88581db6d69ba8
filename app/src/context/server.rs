//! Server side of the request context: the services handed to server functions, the
//! look and viewer read from the request, and the request facts auth needs.

use leptos::prelude::*;
use model::{
    AppError,
    auth::Viewer,
    branding::{BrandInfo, Theme},
};

use super::RequestLook;
use crate::error::FnError;

/// What pages and server functions may use on the server. Provided by the server crate
/// into every render and server-function call.
#[derive(Clone)]
pub struct Services {
    pub db: domain::Db,
    pub version: &'static str,
    pub started_at: chrono::DateTime<chrono::Utc>,
    /// Seals and opens secrets at rest with the installation key.
    pub secrets: domain::crypto::SecretBox,
    /// Saves and charges partners' cards (the built-in test processor unless a real one
    /// is configured).
    pub payments: std::sync::Arc<dyn domain::billing::processor::PaymentProcessor>,
    /// How each partner's tenants pay (the partner's payment mode picks the processor).
    pub gateway: domain::billing::gateway::Gateway,
    /// Sells numbers and keeps their CNAM and E911 records (the built-in carrier unless
    /// a real one is configured).
    pub carrier: std::sync::Arc<dyn domain::numbers::carrier::Carrier>,
    /// Looks up custom domains' DNS records.
    pub dns: std::sync::Arc<dyn domain::branding::domains::dns::DnsResolver>,
    /// The operator's name and domain: pages never print them to a partner's customers,
    /// and the go-live check searches for them.
    pub platform_name: String,
    pub platform_domain: String,
    /// Where the platform is reached (`https://platform_domain`, or
    /// `http://localhost:PORT`): links in mail the billing run writes start from it.
    pub public_base_url: String,
    /// The installation's sender address (partners without their own send from it).
    pub mail_from: String,
    /// Where uploaded documents (port-in paperwork) are kept.
    pub files: domain::files::FileStore,
    /// `SWITCHBOARD_ALLOW_PRIVATE_WEBHOOKS`: webhook targets may be http and private
    /// addresses (development and tests only).
    pub allow_private_webhooks: bool,
    /// The application rendering its own pages (the go-live check reads them).
    pub pages: std::sync::Arc<dyn domain::branding::golive::PageSource>,
}

impl Services {
    /// How invoice PDFs and mails link to a partner's portal.
    pub fn portal(&self) -> domain::invoicing::document::Portal<'_> {
        domain::invoicing::document::Portal {
            base_url: &self.public_base_url,
            platform_domain: &self.platform_domain,
        }
    }
}

/// The session id from the cookie (request extension set by the server's middleware).
#[derive(Debug, Clone)]
pub struct SessionId(pub String);

/// The client's address as the socket saw it (request extension).
#[derive(Debug, Clone)]
pub struct ClientIp(pub String);

/// The services, or an internal error when a server function runs without them.
pub fn services() -> Result<Services, FnError> {
    use_context::<Services>().ok_or_else(|| {
        FnError(AppError::Internal {
            reference: "missing-services".into(),
        })
    })
}

pub(super) fn read_look() -> Option<RequestLook> {
    let parts = use_context::<http::request::Parts>()?;
    let brand = parts.extensions.get::<BrandInfo>()?.clone();
    let theme = parts
        .headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .map(Theme::from_cookie_header)
        .find(|t| *t != Theme::default())
        .unwrap_or_default();
    let viewer = parts.extensions.get::<Viewer>().cloned();
    Some(RequestLook {
        brand,
        theme,
        viewer,
    })
}

/// The brand this request renders in (resolved from the Host, or the signed-in viewer's
/// partner), as the server's middleware put it on the request.
pub fn request_brand() -> Option<BrandInfo> {
    use_context::<http::request::Parts>()?
        .extensions
        .get::<BrandInfo>()
        .cloned()
}

/// Facts about the current request that sign-in, sign-up and auditing need.
#[derive(Debug, Clone, Default)]
pub struct RequestMeta {
    pub viewer: Option<Viewer>,
    pub session_id: Option<String>,
    pub ip: String,
    pub user_agent: Option<String>,
    pub request_id: Option<String>,
    /// `https` behind a TLS proxy (then cookies are `Secure`).
    pub secure: bool,
    /// `scheme://host` as the browser sees it, for links in emails.
    pub base_url: String,
}

pub fn request_meta() -> RequestMeta {
    let Some(parts) = use_context::<http::request::Parts>() else {
        return RequestMeta::default();
    };
    let header = |name: &str| {
        parts
            .headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let (secure, base_url) = origin(&parts.headers, &parts.uri);
    RequestMeta {
        viewer: parts.extensions.get::<Viewer>().cloned(),
        session_id: parts.extensions.get::<SessionId>().map(|s| s.0.clone()),
        ip: parts
            .extensions
            .get::<ClientIp>()
            .map_or_else(|| "unknown".into(), |c| c.0.clone()),
        user_agent: header("user-agent"),
        request_id: header("x-request-id"),
        secure,
        base_url,
    }
}

/// Whether the browser came over TLS (directly or through a proxy), and `scheme://host`
/// as it sees the site (plain routes use this too).
pub fn origin(headers: &http::HeaderMap, uri: &http::Uri) -> (bool, String) {
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    let secure = header("x-forwarded-proto").is_some_and(|p| p.eq_ignore_ascii_case("https"))
        || uri.scheme_str() == Some("https");
    let host = header("host").unwrap_or("localhost");
    (
        secure,
        format!("{}://{host}", if secure { "https" } else { "http" }),
    )
}

/// Sets or clears the session cookie on the response: HttpOnly, SameSite=Lax, Secure
/// behind TLS, eight hours.
pub fn set_session_cookie(value: Option<&str>, secure: bool) {
    let Some(response) = use_context::<leptos_axum::ResponseOptions>() else {
        return;
    };
    let name = domain::auth::session::COOKIE;
    let secure = if secure { "; Secure" } else { "" };
    let cookie = match value {
        Some(v) => format!(
            "{name}={v}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{secure}",
            domain::auth::session::LIFETIME.num_seconds()
        ),
        None => format!("{name}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}"),
    };
    if let Ok(v) = http::HeaderValue::from_str(&cookie) {
        response.append_header(http::header::SET_COOKIE, v);
    }
}
