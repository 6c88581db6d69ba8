//! Server functions of the tenant pages: thin calls into `domain::tenants` with the
//! viewer. The form's fields arrive one by one (plain HTML forms post them flat).

use leptos::prelude::*;
use model::tenants::{Tenant, TenantForm, TenantPage};

use crate::error::FnError;

#[server(prefix = "/api", endpoint = "tenants_page")]
pub async fn tenants_page(
    search: String,
    sort: String,
    descending: bool,
    page: u64,
) -> Result<TenantPage, FnError> {
    let (db, meta) = (
        crate::context::services()?.db,
        crate::context::request_meta(),
    );
    let query = model::tenants::TenantQuery {
        search,
        sort: model::tenants::TenantSort::parse(&sort),
        descending,
        page,
    };
    Ok(domain::tenants::list(&db, meta.viewer.as_ref(), &query).await?)
}

#[server(prefix = "/api", endpoint = "get_tenant")]
pub async fn get_tenant(id: String) -> Result<Tenant, FnError> {
    let (db, meta) = (
        crate::context::services()?.db,
        crate::context::request_meta(),
    );
    Ok(domain::tenants::get(&db, meta.viewer.as_ref(), &id).await?)
}

/// Creates the tenant and opens it.
#[server(prefix = "/api", endpoint = "create_tenant")]
pub async fn create_tenant(form: TenantForm) -> Result<(), FnError> {
    let (db, meta) = (
        crate::context::services()?.db,
        crate::context::request_meta(),
    );
    let created =
        domain::tenants::create(&db, meta.viewer.as_ref(), &form, chrono::Utc::now()).await?;
    leptos_axum::redirect(&format!("/tenants/{}", created.id));
    Ok(())
}

#[server(prefix = "/api", endpoint = "update_tenant")]
pub async fn update_tenant(id: String, form: TenantForm) -> Result<Tenant, FnError> {
    let (db, meta) = (
        crate::context::services()?.db,
        crate::context::request_meta(),
    );
    Ok(domain::tenants::update(&db, meta.viewer.as_ref(), &id, &form, chrono::Utc::now()).await?)
}

/// A status move: `activate`, `suspend`, `unsuspend` or `reactivate`.
#[server(prefix = "/api", endpoint = "change_tenant_status")]
pub async fn change_tenant_status(id: String, change: String) -> Result<Tenant, FnError> {
    use domain::tenants as t;
    let (db, meta, now) = (
        crate::context::services()?.db,
        crate::context::request_meta(),
        chrono::Utc::now(),
    );
    let viewer = meta.viewer.as_ref();
    let tenant = match change.as_str() {
        "activate" => t::activate(&db, viewer, &id, now).await?,
        "suspend" => t::suspend(&db, viewer, &id, now).await?,
        "unsuspend" => t::unsuspend(&db, viewer, &id, now).await?,
        "reactivate" => t::reactivate(&db, viewer, &id, now).await?,
        other => {
            return Err(model::AppError::invalid(
                "change",
                format!("\"{other}\" is not a status change."),
            )
            .into());
        }
    };
    Ok(tenant)
}

/// "Delete": cancels the tenant once its name is typed exactly.
#[server(prefix = "/api", endpoint = "delete_tenant")]
pub async fn delete_tenant(id: String, confirm: String) -> Result<Tenant, FnError> {
    let (db, meta) = (
        crate::context::services()?.db,
        crate::context::request_meta(),
    );
    Ok(
        domain::tenants::cancel(&db, meta.viewer.as_ref(), &id, &confirm, chrono::Utc::now())
            .await?,
    )
}
