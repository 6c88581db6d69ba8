//! The portal's Numbers tab: the phone numbers the provider has given this account,
//! with the caller-ID name each shows and whether its emergency address is registered.
//! Read-only here: numbers are bought and assigned by the provider.

use leptos::prelude::*;
use model::numbers::{CnamStatus, OwnedNumber};

use super::{Frame, PortalView};
use crate::{
    auth::Protected,
    error::{ErrorAlert, FnError},
    numbers::e911_badge,
    ui::{Card, Skeleton},
};

#[server(prefix = "/api", endpoint = "portal_numbers")]
pub async fn portal_numbers(tenant: String) -> Result<Vec<OwnedNumber>, FnError> {
    let (db, meta) = (
        crate::context::services()?.db,
        crate::context::request_meta(),
    );
    Ok(domain::numbers::for_tenant(&db, meta.viewer.as_ref(), &tenant).await?)
}

#[component]
pub fn PortalNumbersPage() -> impl IntoView {
    fn page(v: PortalView) -> AnyView {
        view! { <NumbersCard tenant=v.tenant.id/> }.into_any()
    }
    view! { <Protected><Frame title="Numbers" page/></Protected> }
}

#[component]
fn NumbersCard(tenant: String) -> impl IntoView {
    let rows = Resource::new(move || tenant.clone(), portal_numbers);
    view! {
        <Card title="Phone numbers">
            <Transition fallback=|| view! { <Skeleton lines=3/> }>
                {move || Suspend::new(async move {
                    match rows.await {
                        Ok(list) if list.is_empty() => view! {
                            <p class="text-sm text-slate-600 dark:text-slate-400" data-testid="portal-no-numbers">"No phone numbers on this account yet. Ask your provider for a number to start taking calls."</p>
                        }.into_any(),
                        Ok(list) => view! {
                            <ul class="divide-y divide-slate-200 dark:divide-slate-800" data-testid="portal-numbers">
                                {list.into_iter().map(|n| {
                                    let cnam = match (n.cnam.clone(), n.cnam_status) {
                                        (Some(name), Some(CnamStatus::Synced)) => format!("Shows as “{name}”"),
                                        (Some(name), _) => format!("Will show as “{name}”"),
                                        (None, _) => "Shows your account's caller-ID name".to_owned(),
                                    };
                                    view! {
                                        <li class="flex flex-wrap items-center gap-3 py-2 text-sm">
                                            <span class="font-mono">{n.number.to_string()}</span>
                                            <span class="text-slate-600 dark:text-slate-400">{n.region.clone()}</span>
                                            <span>{cnam}</span>
                                            <span class="ml-auto">"Emergency address: "{e911_badge(n.e911_status)}</span>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any(),
                        Err(error) => view! { <ErrorAlert error/> }.into_any(),
                    }
                })}
            </Transition>
        </Card>
    }
    .into_any()
}
