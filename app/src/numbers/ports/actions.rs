//! Server functions of the porting pages (thin calls into `domain::numbers::ports`);
//! filing and resubmitting carry files, so they are plain routes (`server::http::ports`)
//! reached through [`send`].

use leptos::prelude::*;
use model::numbers::ports::{PortRequest, PortSummary};

use crate::error::FnError;

#[server(prefix = "/api", endpoint = "list_ports")]
pub async fn list_ports(status: String) -> Result<Vec<PortSummary>, FnError> {
    let (db, meta) = (
        crate::context::services()?.db,
        crate::context::request_meta(),
    );
    Ok(domain::numbers::ports::list(&db, meta.viewer.as_ref(), &status).await?)
}

#[server(prefix = "/api", endpoint = "get_port")]
pub async fn get_port(id: String) -> Result<PortRequest, FnError> {
    let (db, meta) = (
        crate::context::services()?.db,
        crate::context::request_meta(),
    );
    Ok(domain::numbers::ports::get(&db, meta.viewer.as_ref(), &id).await?)
}

#[server(prefix = "/api", endpoint = "cancel_port")]
pub async fn cancel_port(id: String) -> Result<PortRequest, FnError> {
    let (services, meta) = (crate::context::services()?, crate::context::request_meta());
    let mailing = domain::numbers::ports::Mailing {
        platform_name: &services.platform_name,
        base_url: &meta.base_url,
    };
    Ok(domain::numbers::ports::cancel(
        &services.db,
        &mailing,
        meta.viewer.as_ref(),
        &id,
        chrono::Utc::now(),
    )
    .await?)
}

/// What a filing answered: the request, or the messages by field plus one for the form.
#[cfg(feature = "hydrate")]
pub type Sent = Result<PortRequest, (Option<model::FieldErrors>, String)>;

/// Posts the form element (fields and files, as `multipart/form-data`) to `url`.
#[cfg(feature = "hydrate")]
pub async fn send(url: String, form: web_sys::FormData) -> Sent {
    let offline = || (None, "Could not reach the server; try again.".to_owned());
    let request = gloo_net::http::Request::post(&url)
        .body(form)
        .map_err(|_| offline())?;
    let response = request.send().await.map_err(|_| offline())?;
    if response.ok() {
        return response.json().await.map_err(|e| (None, e.to_string()));
    }
    let problem: model::Problem = response.json().await.map_err(|e| (None, e.to_string()))?;
    Err((problem.errors, problem.detail))
}
