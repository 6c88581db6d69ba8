//! "Manage as the tenant": entering from the tenant's page (with a reason), the banner
//! every page shows meanwhile, and ending it. The session keeps the assumption, so it
//! survives reloads and new tabs until ended.

use leptos::prelude::*;

use crate::{
    context::use_viewer,
    error::{ErrorAlert, FnError, split_errors},
    ui::Card,
};

#[server(prefix = "/api", endpoint = "start_assume")]
pub async fn start_assume(tenant: String, reason: String) -> Result<(), FnError> {
    let (db, meta) = (
        crate::context::services()?.db,
        crate::context::request_meta(),
    );
    let session = meta
        .session_id
        .clone()
        .ok_or(model::AppError::Unauthorized)?;
    let assumed = domain::tenants::assume::start(
        &db,
        meta.viewer.as_ref(),
        &session,
        &tenant,
        &reason,
        chrono::Utc::now(),
    )
    .await?;
    leptos_axum::redirect(&format!("/orgs/{}", assumed.sip_prefix));
    Ok(())
}

#[server(prefix = "/api", endpoint = "end_assume")]
pub async fn end_assume() -> Result<(), FnError> {
    let (db, meta) = (
        crate::context::services()?.db,
        crate::context::request_meta(),
    );
    let session = meta
        .session_id
        .clone()
        .ok_or(model::AppError::Unauthorized)?;
    let tenant =
        domain::tenants::assume::end(&db, meta.viewer.as_ref(), &session, chrono::Utc::now())
            .await?;
    leptos_axum::redirect(
        &tenant.map_or_else(|| "/tenants".to_owned(), |id| format!("/tenants/{id}")),
    );
    Ok(())
}

/// The reason form on a tenant's page (Partner Admins only).
#[component]
pub fn ManageAsTenant(tenant: String, name: String) -> impl IntoView {
    let action = ServerAction::<StartAssume>::new();
    let (fields, other) = split_errors(move || action.value().get());
    let message = move || {
        fields
            .get()
            .and_then(|e| e.first("reason").map(str::to_owned))
    };
    view! {
        <Card title="Support">
            <ActionForm action attr:class="space-y-2" attr:novalidate=true attr:data-testid="assume-form">
                <input type="hidden" name="tenant" value=tenant/>
                <label for="field-reason" class="block text-sm">{format!("Open {name}'s own portal to help them. Why?")}</label>
                <input id="field-reason" name="reason" required=true placeholder="Ticket number or what they asked for"
                    aria-describedby="field-reason-error" aria-invalid=move || message().is_some().to_string()
                    class="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-900"/>
                <p id="field-reason-error" class="text-sm text-red-700 dark:text-red-400" aria-live="polite">{message}</p>
                {move || other.get().map(|error| view! { <ErrorAlert error/> })}
                <button type="submit" class="w-full rounded-md border border-slate-300 px-3 py-2 text-sm font-medium hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800">"Manage as this tenant"</button>
                <p class="text-xs text-slate-500">"Everything you do there is recorded under your name on their behalf; their admins can see when and why you came in."</p>
            </ActionForm>
        </Card>
    }
}

/// Shown on every page while managing a tenant.
#[component]
pub fn AssumeBanner() -> impl IntoView {
    let end = ServerAction::<EndAssume>::new();
    use_viewer().and_then(|v| v.assumed).map(|t| {
        view! {
            <div role="status" data-testid="assume-banner" class="border-b border-violet-300 bg-violet-50 px-4 py-2 text-sm text-violet-950 dark:border-violet-800 dark:bg-violet-950 dark:text-violet-100">
                <div class="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-2">
                    <span>"You are managing "<strong>{t.name.clone()}</strong>" as support. "
                        <a class="underline" href=format!("/orgs/{}", t.sip_prefix)>"Their portal"</a></span>
                    <ActionForm action=end>
                        <button type="submit" class="rounded-md bg-violet-700 px-3 py-1 text-sm font-medium text-white hover:bg-violet-800">"End assumption"</button>
                    </ActionForm>
                </div>
            </div>
        }
    })
}
