//! The outbox: every email the installation has written, with how its delivery went, so
//! a fresh install without SMTP still shows what it would have sent.

use leptos::prelude::*;
use leptos_meta::Title;
use model::mail::OutboxItem;

use crate::{
    auth::PlatformAdminOnly,
    error::{ErrorAlert, FnError},
    ui::{Card, Skeleton},
};

#[server(prefix = "/api", endpoint = "admin_outbox")]
pub async fn admin_outbox() -> Result<Vec<OutboxItem>, FnError> {
    let (db, meta) = (
        crate::context::services()?.db,
        crate::context::request_meta(),
    );
    domain::auth::actor::platform_admin(&db, meta.viewer.as_ref()).await?;
    let rows = domain::mail::recent(&db, 100).await?;
    Ok(rows
        .into_iter()
        .map(|m| OutboxItem {
            status: domain::mail::delivery_status(&m),
            id: m.public_id.to_string(),
            to: m.to_address,
            from_name: m.from_name,
            subject: m.subject,
            text: m.text_body,
            created_at: domain::db::rfc3339(m.created_at),
        })
        .collect())
}

#[component]
pub fn OutboxPage() -> impl IntoView {
    view! {
        <Title text="Outbox"/>
        <PlatformAdminOnly>
            <OutboxList/>
        </PlatformAdminOnly>
    }
}

#[component]
fn OutboxList() -> impl IntoView {
    let mails = Resource::new(|| (), |_| admin_outbox());
    view! {
        <h1 class="text-2xl font-bold tracking-tight">"Outbox"</h1>
        <p class="mt-1 text-sm text-slate-600 dark:text-slate-400">
            "Every email the platform wrote, newest first. Without SMTP configured they stay here."
        </p>
        <div class="mt-6">
            <Card title="Messages">
                <Suspense fallback=|| view! { <Skeleton lines=5/> }>
                    {move || Suspend::new(async move {
                        match mails.await {
                            Ok(list) if list.is_empty() => view! {
                                <p class="text-sm text-slate-600 dark:text-slate-400">"No email yet. Sign-ups, invitations and password resets will appear here."</p>
                            }.into_any(),
                            Ok(list) => view! {
                                <ul class="divide-y divide-slate-200 dark:divide-slate-800" data-testid="outbox">
                                    {list.into_iter().map(|m| view! { <OutboxRow mail=m/> }).collect_view()}
                                </ul>
                            }.into_any(),
                            Err(error) => view! { <ErrorAlert error/> }.into_any(),
                        }
                    })}
                </Suspense>
            </Card>
        </div>
    }
}

#[component]
fn OutboxRow(mail: OutboxItem) -> impl IntoView {
    view! {
        <li class="py-3">
            <details>
                <summary class="cursor-pointer list-none">
                    <span class="block text-sm font-medium">{mail.subject}</span>
                    <span class="block text-xs text-slate-500">
                        {format!("To {} · from {} · {} · {}", mail.to, mail.from_name, mail.created_at, mail.status)}
                    </span>
                </summary>
                <pre class="mt-2 whitespace-pre-wrap break-all rounded bg-slate-100 p-3 text-xs dark:bg-slate-800" data-testid="outbox-body">{mail.text}</pre>
            </details>
        </li>
    }
}
