//! Server side of the request context: the services handed to server functions and the
//! look read from the request.

use leptos::prelude::*;
use model::{
    AppError,
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
}

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
    Some(RequestLook { brand, theme })
}
