//! Server functions of Settings → API Keys (thin calls into `domain::api::keys`).

use leptos::prelude::*;
use model::api::{ApiKey, ApiKeyEdit, ApiKeyForm, NewApiKey};

use crate::error::FnError;

#[server(prefix = "/api", endpoint = "list_api_keys")]
pub async fn list_api_keys() -> Result<Vec<ApiKey>, FnError> {
    let (db, meta) = (
        crate::context::services()?.db,
        crate::context::request_meta(),
    );
    Ok(domain::api::keys::list(&db, meta.viewer.as_ref(), chrono::Utc::now()).await?)
}

#[server(prefix = "/api", endpoint = "create_api_key")]
pub async fn create_api_key(form: ApiKeyForm) -> Result<NewApiKey, FnError> {
    let (db, meta) = (
        crate::context::services()?.db,
        crate::context::request_meta(),
    );
    Ok(domain::api::keys::create(&db, meta.viewer.as_ref(), &form, chrono::Utc::now()).await?)
}

#[server(prefix = "/api", endpoint = "edit_api_key")]
pub async fn edit_api_key(id: String, form: ApiKeyEdit) -> Result<ApiKey, FnError> {
    let (db, meta) = (
        crate::context::services()?.db,
        crate::context::request_meta(),
    );
    Ok(domain::api::keys::edit(&db, meta.viewer.as_ref(), &id, &form, chrono::Utc::now()).await?)
}

#[server(prefix = "/api", endpoint = "revoke_api_key")]
pub async fn revoke_api_key(id: String) -> Result<ApiKey, FnError> {
    let (db, meta) = (
        crate::context::services()?.db,
        crate::context::request_meta(),
    );
    Ok(domain::api::keys::revoke(&db, meta.viewer.as_ref(), &id, chrono::Utc::now()).await?)
}
