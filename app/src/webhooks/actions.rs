//! Server functions of Settings → Webhooks (thin calls into `domain::webhooks`).

use leptos::prelude::*;
use model::webhooks::{DeliveryAttempt, Endpoint, EndpointForm, EndpointPatch, NewSecret};
use serde::{Deserialize, Serialize};

use crate::error::FnError;

/// The page's data: the endpoints, and whether this installation allows http and private
/// targets (so the browser checks URLs by the same rule as the server).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Endpoints {
    pub endpoints: Vec<Endpoint>,
    pub allow_private: bool,
}

#[server(prefix = "/api", endpoint = "list_webhooks")]
pub async fn list_webhooks() -> Result<Endpoints, FnError> {
    let (services, meta) = (crate::context::services()?, crate::context::request_meta());
    Ok(Endpoints {
        endpoints: domain::webhooks::endpoints::list(&services.db, meta.viewer.as_ref()).await?,
        allow_private: services.allow_private_webhooks,
    })
}

#[server(prefix = "/api", endpoint = "create_webhook")]
pub async fn create_webhook(form: EndpointForm) -> Result<NewSecret, FnError> {
    let (s, meta) = (crate::context::services()?, crate::context::request_meta());
    let now = chrono::Utc::now();
    let viewer = meta.viewer.as_ref();
    Ok(domain::webhooks::endpoints::create(
        &s.db,
        &s.secrets,
        viewer,
        &form,
        s.allow_private_webhooks,
        now,
    )
    .await?)
}

#[server(prefix = "/api", endpoint = "update_webhook")]
pub async fn update_webhook(id: String, patch: EndpointPatch) -> Result<Endpoint, FnError> {
    let (s, meta) = (crate::context::services()?, crate::context::request_meta());
    let now = chrono::Utc::now();
    let viewer = meta.viewer.as_ref();
    Ok(domain::webhooks::endpoints::update(
        &s.db,
        viewer,
        &id,
        &patch,
        s.allow_private_webhooks,
        now,
    )
    .await?)
}

#[server(prefix = "/api", endpoint = "rotate_webhook_secret")]
pub async fn rotate_webhook_secret(id: String) -> Result<NewSecret, FnError> {
    let (s, meta) = (crate::context::services()?, crate::context::request_meta());
    let now = chrono::Utc::now();
    let viewer = meta.viewer.as_ref();
    Ok(domain::webhooks::endpoints::rotate_secret(&s.db, &s.secrets, viewer, &id, now).await?)
}

#[server(prefix = "/api", endpoint = "delete_webhook")]
pub async fn delete_webhook(id: String) -> Result<String, FnError> {
    let (db, meta) = (
        crate::context::services()?.db,
        crate::context::request_meta(),
    );
    domain::webhooks::endpoints::delete(&db, meta.viewer.as_ref(), &id, chrono::Utc::now()).await?;
    Ok(id)
}

#[server(prefix = "/api", endpoint = "webhook_deliveries")]
pub async fn webhook_deliveries(id: String) -> Result<Vec<DeliveryAttempt>, FnError> {
    let (db, meta) = (
        crate::context::services()?.db,
        crate::context::request_meta(),
    );
    Ok(domain::webhooks::endpoints::deliveries(&db, meta.viewer.as_ref(), &id).await?)
}

#[server(prefix = "/api", endpoint = "redeliver_webhook")]
pub async fn redeliver_webhook(id: String, delivery_id: String) -> Result<String, FnError> {
    let (db, meta) = (
        crate::context::services()?.db,
        crate::context::request_meta(),
    );
    let now = chrono::Utc::now();
    domain::webhooks::endpoints::redeliver(&db, meta.viewer.as_ref(), &id, &delivery_id, now)
        .await?;
    Ok(delivery_id)
}
