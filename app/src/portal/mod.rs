//! The tenant's own portal at `/orgs/{sip_prefix}/…`, in the partner's brand: what the
//! customer sees. It opens for the tenant's own users (Tenant Admins change, Tenant
//! Users read) and for a partner admin managing the tenant. Every page loads the tenant
//! through [`Frame`], which also shows the "service suspended" page and the tabs.

mod activity;
mod billing;
mod numbers;
mod overview;
mod payments;
mod settings;
mod users;

pub use activity::PortalActivityPage;
pub use billing::PortalBillingPage;
pub use numbers::PortalNumbersPage;
pub use overview::PortalOverviewPage;
pub use settings::PortalSettingsPage;
pub use users::PortalUsersPage;

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use model::{
    auth::Role,
    tenants::{Tenant, TenantStatus},
};

use crate::{
    auth::Protected,
    context::use_viewer,
    error::ErrorAlert,
    tenants::{ExtensionsCard, status_badge},
    ui::{Badge, Card, Skeleton, Tabs},
};

/// The tenant as its portal shows it, for its own users or the partner's team.
#[server(prefix = "/api", endpoint = "portal_tenant")]
pub async fn portal_tenant(id: String) -> Result<Tenant, crate::error::FnError> {
    let (db, meta) = (
        crate::context::services()?.db,
        crate::context::request_meta(),
    );
    Ok(domain::tenants::portal_view(&db, meta.viewer.as_ref(), &id).await?)
}

/// What a portal page is given: the tenant, and whether the viewer may change things
/// (a Tenant Admin or the partner's admin, and never in a cancelled account).
#[derive(Clone)]
pub struct PortalView {
    pub tenant: Tenant,
    pub writable: bool,
    /// Tenant Users read the account but not its activity log.
    pub reads_activity: bool,
}

/// Loads the tenant named by the address and renders `page` inside the portal chrome.
#[component]
fn Frame(
    title: &'static str,
    page: fn(PortalView) -> AnyView,
    /// The Billing tab stays open to a tenant suspended for an unpaid invoice.
    #[prop(optional)]
    unpaid_opens: bool,
) -> impl IntoView {
    let params = use_params_map();
    let prefix = params.read_untracked().get("prefix").unwrap_or_default();
    let viewer = use_viewer();
    let can_write = viewer.as_ref().is_some_and(|v| v.can_write());
    let reads_activity = viewer.as_ref().is_some_and(|v| v.role != Role::TenantUser);
    let entered = viewer
        .and_then(|v| v.tenant.or(v.assumed))
        .filter(|a| a.sip_prefix == prefix);
    let Some(entered) = entered else {
        return view! {
            <Title text="Customer portal"/>
            <Card title="Customer portal">
                <p class="text-sm text-slate-600 dark:text-slate-400">"To work in a customer's portal, open the tenant from your tenant list and choose “Manage as this tenant”."</p>
            </Card>
        }
        .into_any();
    };
    let tenant = Resource::new(move || entered.id.clone(), portal_tenant);
    view! {
        <Title text=title/>
        <Transition fallback=|| view! { <Skeleton lines=6/> }>
            {move || Suspend::new(async move {
                match tenant.await {
                    Ok(t) if t.status == TenantStatus::Suspended && !(t.unpaid() && unpaid_opens) => {
                        let unpaid = t.unpaid();
                        let text = if unpaid {
                            format!("Service for {} is suspended because an invoice is unpaid: calls are stopped. Paying it restores service at once.", t.name)
                        } else {
                            format!("Service for {} is suspended: calls are stopped. Contact your provider to restore it.", t.name)
                        };
                        let billing = format!("/orgs/{}/billing", t.sip_prefix);
                        view! {
                            <Card title="Service suspended">
                                <p class="text-sm" data-testid="suspended-page">{text}</p>
                                {unpaid.then(|| view! {
                                    <a href=billing class="mt-3 inline-block rounded-md bg-brand px-4 py-2 text-sm font-medium text-white" data-testid="see-invoices">"Pay your invoice"</a>
                                })}
                            </Card>
                        }.into_any()
                    }
                    Ok(t) => {
                        let (tone, label) = status_badge(&t);
                        let cancelled = t.status == TenantStatus::Cancelled;
                        let view = PortalView { writable: can_write && !cancelled, reads_activity, tenant: t.clone() };
                        view! {
                            <div class="flex flex-wrap items-center gap-3">
                                <h1 class="text-2xl font-bold tracking-tight">{t.name.clone()}</h1>
                                <Badge tone label/>
                            </div>
                            {cancelled.then(|| view! {
                                <p class="mt-3 rounded-md bg-slate-100 p-3 text-sm dark:bg-slate-800" role="status" data-testid="read-only-notice">
                                    "This account is cancelled and read-only. Contact your provider to restore it."
                                </p>
                            })}
                            <PortalTabs prefix=t.sip_prefix.clone() reads_activity/>
                            <div class="mt-6">{page(view)}</div>
                        }.into_any()
                    }
                    Err(error) => view! { <ErrorAlert error/> }.into_any(),
                }
            })}
        </Transition>
    }
    .into_any()
}

/// The portal's own navigation.
#[component]
fn PortalTabs(prefix: String, reads_activity: bool) -> impl IntoView {
    let mut tabs = vec![
        ("Overview", String::new()),
        ("Extensions", "/extensions".to_owned()),
        ("Numbers", "/numbers".to_owned()),
        ("Users", "/users".to_owned()),
    ];
    if reads_activity {
        tabs.push(("Activity", "/activity".to_owned()));
    }
    tabs.push(("Billing", "/billing".to_owned()));
    tabs.push(("Settings", "/settings".to_owned()));
    let tabs = tabs
        .into_iter()
        .map(|(label, tail)| (label, format!("/orgs/{prefix}{tail}")))
        .collect();
    view! { <Tabs label="Account" tabs/> }
}

#[component]
pub fn PortalExtensionsPage() -> impl IntoView {
    fn page(v: PortalView) -> AnyView {
        view! { <ExtensionsCard tenant=v.tenant.id can_write=v.writable/> }.into_any()
    }
    view! { <Protected><Frame title="Extensions" page/></Protected> }
}
