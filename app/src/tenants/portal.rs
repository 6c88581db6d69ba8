//! The tenant's own portal at `/orgs/{sip_prefix}`, in the partner's brand: what the
//! customer sees. It opens for the tenant's own users (Tenant Admins change, Tenant
//! Users read) and for a partner admin managing the tenant.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use model::tenants::TenantStatus;

use super::{extensions::ExtensionsCard, list::status_badge, portal_users::PortalUsers};
use crate::{
    auth::Protected,
    context::use_viewer,
    error::ErrorAlert,
    ui::{Badge, Card, Fact, Skeleton},
};

#[component]
pub fn TenantPortalPage() -> impl IntoView {
    view! {
        <Protected>
            <Portal/>
        </Protected>
    }
}

#[component]
fn Portal() -> impl IntoView {
    let params = use_params_map();
    let prefix = move || params.read().get("prefix").unwrap_or_default();
    let viewer = use_viewer();
    // Tenant Admins and the partner's admins (managing it) may change things.
    let can_write = viewer.as_ref().is_some_and(|v| v.can_write());
    let assumed = viewer.and_then(|v| v.tenant.or(v.assumed));
    let Some(assumed) = assumed.filter(|a| a.sip_prefix == prefix()) else {
        return view! {
            <Title text="Tenant portal"/>
            <Card title="Tenant portal">
                <p class="text-sm text-slate-600 dark:text-slate-400">"To work in a customer's portal, open the tenant from your tenant list and choose “Manage as this tenant”."</p>
            </Card>
        }
        .into_any();
    };
    let id = assumed.id.clone();
    let tenant = Resource::new(move || id.clone(), portal_tenant);
    view! {
        <Title text=assumed.name.clone()/>
        <Transition fallback=|| view! { <Skeleton lines=6/> }>
            {move || Suspend::new(async move {
                match tenant.await {
                    Ok(t) if t.status == TenantStatus::Suspended => view! {
                        <Card title="Service suspended">
                            <p class="text-sm" data-testid="suspended-page">{format!("Service for {} is suspended: calls are stopped. Contact your provider to restore it.", t.name)}</p>
                        </Card>
                    }.into_any(),
                    Ok(t) => {
                        let (tone, label) = status_badge(t.status);
                        let writable = can_write && t.status != TenantStatus::Cancelled;
                        view! {
                            <div class="flex flex-wrap items-center gap-3">
                                <h1 class="text-2xl font-bold tracking-tight">{t.name.clone()}</h1>
                                <Badge tone label/>
                            </div>
                            <div class="mt-6 grid gap-6 lg:grid-cols-3">
                                <div class="space-y-6 lg:col-span-2">
                                    <ExtensionsCard tenant=t.id.clone() can_write=writable/>
                                    <PortalUsers tenant=t.id.clone() can_write=writable/>
                                </div>
                                <Card title="Your account">
                                    <dl>
                                        <Fact label="Extensions">{t.extensions}</Fact>
                                        <Fact label="Numbers">{t.numbers}</Fact>
                                        <Fact label="Users">{t.users}</Fact>
                                        <Fact label="Time zone">{t.timezone.clone()}</Fact>
                                    </dl>
                                </Card>
                            </div>
                        }.into_any()
                    }
                    Err(error) => view! { <ErrorAlert error/> }.into_any(),
                }
            })}
        </Transition>
    }
    .into_any()
}

/// The tenant as its portal shows it, for its own users or the partner's team.
#[server(prefix = "/api", endpoint = "portal_tenant")]
pub async fn portal_tenant(id: String) -> Result<model::tenants::Tenant, crate::error::FnError> {
    let (db, meta) = (
        crate::context::services()?.db,
        crate::context::request_meta(),
    );
    Ok(domain::tenants::portal_view(&db, meta.viewer.as_ref(), &id).await?)
}
