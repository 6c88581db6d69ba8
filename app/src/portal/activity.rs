//! The portal's activity log: when the partner's support came in, who, why and for how
//! long, then every recorded change about this account. Tenant Admins read it (and the
//! partner's team); Tenant Users do not.

use leptos::prelude::*;
use model::audit::{SupportVisit, TenantActivity};

use super::{Frame, PortalView};
use crate::{
    audit::EntriesTable,
    auth::Protected,
    error::{ErrorAlert, FnError},
    ui::{Card, Skeleton},
};

#[server(prefix = "/api", endpoint = "portal_activity")]
pub async fn portal_activity(tenant: String) -> Result<TenantActivity, FnError> {
    let (db, meta) = (
        crate::context::services()?.db,
        crate::context::request_meta(),
    );
    Ok(domain::tenants::activity(&db, meta.viewer.as_ref(), &tenant).await?)
}

#[component]
pub fn PortalActivityPage() -> impl IntoView {
    fn page(v: PortalView) -> AnyView {
        view! { <Activity tenant=v.tenant.id/> }.into_any()
    }
    view! { <Protected><Frame title="Activity" page/></Protected> }
}

#[component]
fn Activity(tenant: String) -> impl IntoView {
    let data = Resource::new(move || tenant.clone(), portal_activity);
    view! {
        <Transition fallback=|| view! { <Skeleton lines=6/> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(a) => view! {
                        <div class="space-y-6">
                            <Card title="Support visits">
                                <Visits visits=a.visits/>
                            </Card>
                            <Card title="Changes">
                                {a.entries.is_empty().then(|| view! { <p class="text-sm text-slate-600 dark:text-slate-400">"Nothing has been recorded yet."</p> })}
                                <EntriesTable entries=a.entries/>
                            </Card>
                        </div>
                    }.into_any(),
                    Err(error) => view! { <ErrorAlert error/> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Visits(visits: Vec<SupportVisit>) -> impl IntoView {
    if visits.is_empty() {
        return view! {
            <p class="text-sm text-slate-600 dark:text-slate-400">"Your provider's support has not entered your account. When they do, you will see who, when and why here."</p>
        }
        .into_any();
    }
    view! {
        <ul class="divide-y divide-slate-200 dark:divide-slate-800" data-testid="support-visits">
            {visits.into_iter().map(|v| view! {
                <li class="py-2 text-sm">
                    <p><span class="font-medium">{v.by}</span>" · "{when(&v.started_at)}</p>
                    <p class="text-slate-600 dark:text-slate-400">{format!("Reason: {}", v.reason)}</p>
                    <p class="text-xs text-slate-500">{match (v.ended_at, v.duration_seconds) {
                        (Some(_), Some(s)) => format!("Stayed {}", duration(s)),
                        (Some(end), None) => format!("Left {}", when(&end)),
                        (None, _) => "Still working in your account".to_owned(),
                    }}</p>
                </li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}

fn when(at: &str) -> String {
    format!("{} UTC", at.replace('T', " ").trim_end_matches('Z'))
}

/// "45 s", "12 min", "1 h 5 min".
pub fn duration(seconds: i64) -> String {
    match seconds {
        s if s < 60 => format!("{s} s"),
        s if s < 3600 => format!("{} min", s / 60),
        s => format!("{} h {} min", s / 3600, (s % 3600) / 60),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn durations_read_naturally() {
        assert_eq!(super::duration(45), "45 s");
        assert_eq!(super::duration(12 * 60 + 5), "12 min");
        assert_eq!(super::duration(3900), "1 h 5 min");
    }
}
