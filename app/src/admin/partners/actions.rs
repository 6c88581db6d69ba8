//! Server functions of `/admin/partners`: thin calls into `domain::partners::admin`.

use leptos::prelude::*;
use model::partners::admin::PartnerPage;

use crate::error::FnError;

#[server(prefix = "/api", endpoint = "admin_partners")]
pub async fn admin_partners(search: String, page: u64) -> Result<PartnerPage, FnError> {
    let (db, meta) = (
        crate::context::services()?.db,
        crate::context::request_meta(),
    );
    Ok(domain::partners::admin::list(&db, meta.viewer.as_ref(), &search, page).await?)
}

/// Creates a partner and invites its owner; `trial` is the checkbox (absent = off).
#[server(prefix = "/api", endpoint = "admin_create_partner")]
pub async fn admin_create_partner(
    name: String,
    slug: String,
    owner_email: String,
    trial: Option<String>,
) -> Result<String, FnError> {
    let (db, meta) = (
        crate::context::services()?.db,
        crate::context::request_meta(),
    );
    let input = domain::partners::admin::NewPartner {
        name: &name,
        slug: &slug,
        owner_email: &owner_email,
        trial: trial.is_some(),
    };
    let created = domain::partners::admin::create(
        &db,
        meta.viewer.as_ref(),
        input,
        &meta.base_url,
        chrono::Utc::now(),
    )
    .await?;
    Ok(created.owner.email)
}

#[server(prefix = "/api", endpoint = "admin_suspend_partner")]
pub async fn admin_suspend_partner(partner: String, reason: String) -> Result<(), FnError> {
    let (db, meta) = (
        crate::context::services()?.db,
        crate::context::request_meta(),
    );
    Ok(domain::partners::admin::suspend(
        &db,
        meta.viewer.as_ref(),
        &partner,
        &reason,
        chrono::Utc::now(),
    )
    .await?)
}

#[server(prefix = "/api", endpoint = "admin_reactivate_partner")]
pub async fn admin_reactivate_partner(partner: String) -> Result<(), FnError> {
    let (db, meta) = (
        crate::context::services()?.db,
        crate::context::request_meta(),
    );
    Ok(
        domain::partners::admin::reactivate(
            &db,
            meta.viewer.as_ref(),
            &partner,
            chrono::Utc::now(),
        )
        .await?,
    )
}
