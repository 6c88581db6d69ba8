//! Settings → Domains: the partner's own subdomain, and custom domains with the DNS
//! record each needs and *Check status* (PENDING → VERIFYING → ACTIVE, or back with the
//! reason).

use leptos::prelude::*;
use leptos_meta::Title;
use model::branding::domains::{CustomDomain, DomainStatus, DomainsPage, parse_hostname};

use crate::{
    auth::Protected,
    context::use_viewer,
    error::{ErrorAlert, FnError, split_errors},
    ui::{Badge, Card, Skeleton, TextField, Tone},
};

#[server(prefix = "/api", endpoint = "custom_domains")]
pub async fn custom_domains() -> Result<DomainsPage, FnError> {
    let (services, meta) = (crate::context::services()?, crate::context::request_meta());
    Ok(domain::branding::domains::list(
        &services.db,
        meta.viewer.as_ref(),
        &services.platform_domain,
    )
    .await?)
}

#[server(prefix = "/api", endpoint = "add_domain")]
pub async fn add_domain(hostname: String) -> Result<CustomDomain, FnError> {
    let (services, meta) = (crate::context::services()?, crate::context::request_meta());
    Ok(domain::branding::domains::add(
        &services.db,
        meta.viewer.as_ref(),
        &hostname,
        &services.platform_domain,
        chrono::Utc::now(),
    )
    .await?)
}

#[server(prefix = "/api", endpoint = "domain_action")]
pub async fn domain_action(id: String, action: String) -> Result<(), FnError> {
    let (services, meta) = (crate::context::services()?, crate::context::request_meta());
    let (db, viewer, now) = (&services.db, meta.viewer.as_ref(), chrono::Utc::now());
    match action.as_str() {
        "check" => domain::branding::domains::check(
            db,
            services.dns.as_ref(),
            viewer,
            &id,
            &services.platform_domain,
            now,
        )
        .await
        .map(|_| ())
        .map_err(Into::into),
        "remove" => Ok(domain::branding::domains::remove(db, viewer, &id, now).await?),
        _ => Err(model::AppError::invalid("action", "Unknown domain action.").into()),
    }
}

fn tone(status: DomainStatus) -> Tone {
    match status {
        DomainStatus::Active => Tone::Good,
        DomainStatus::Verifying => Tone::Warn,
        DomainStatus::Pending => Tone::Neutral,
    }
}

#[component]
pub fn DomainSettingsPage() -> impl IntoView {
    let can_write = use_viewer().is_some_and(|v| v.can_write());
    let add = ServerAction::<AddDomain>::new();
    let act = ServerAction::<DomainAction>::new();
    let page = Resource::new(
        move || (add.value().get().and_then(Result::ok), act.version().get()),
        |_| custom_domains(),
    );
    let (fields, other) = split_errors(move || add.value().get());
    view! {
        <Title text="Domains"/>
        <Protected>
            <h1 class="text-2xl font-bold tracking-tight">"Domains"</h1>
            <p class="mt-1 text-sm text-slate-600 dark:text-slate-400">"Where your customers reach their portal. Add your own domain so the address they see is yours too."</p>
            <div class="mt-6 grid gap-6 lg:grid-cols-3">
                <div class="space-y-6 lg:col-span-2">
                    <Transition fallback=|| view! { <Skeleton lines=4/> }>
                        {move || Suspend::new(async move {
                            match page.await {
                                Ok(p) => view! { <DomainList page=p act can_write/> }.into_any(),
                                Err(error) => view! { <ErrorAlert error/> }.into_any(),
                            }
                        })}
                    </Transition>
                    {move || act.value().get().and_then(Result::err).map(|error| view! { <ErrorAlert error/> })}
                </div>
                {can_write.then(|| view! {
                    <Card title="Add a domain">
                        <ActionForm action=add attr:novalidate=true attr:class="space-y-3" attr:data-testid="add-domain">
                            <TextField name="hostname" label="Hostname" errors=fields hint="A name you own, like portal.example.com."
                                check=|v| parse_hostname(v).map(|_| ())/>
                            {move || other.get().map(|error| view! { <ErrorAlert error/> })}
                            <button type="submit" class="rounded-md bg-brand px-4 py-2 text-sm font-medium text-white hover:opacity-90 disabled:opacity-60" disabled=move || add.pending().get()>
                                {move || if add.pending().get() { "Adding…" } else { "Add domain" }}
                            </button>
                        </ActionForm>
                    </Card>
                })}
            </div>
        </Protected>
    }
}

#[component]
fn DomainList(
    page: DomainsPage,
    act: ServerAction<DomainAction>,
    can_write: bool,
) -> impl IntoView {
    let subdomain = page.subdomain.clone();
    view! {
        <Card title="Your subdomain">
            <p class="text-sm">"Always yours, with a certificate: "<code data-testid="subdomain">{subdomain}</code></p>
        </Card>
        <Card title="Custom domains">
            {if page.domains.is_empty() {
                view! { <p class="text-sm text-slate-600 dark:text-slate-400" data-testid="no-domains">"No custom domain yet. Add one, then create the DNS record shown here."</p> }.into_any()
            } else {
                view! {
                    <ul class="divide-y divide-slate-200 dark:divide-slate-800" data-testid="domains">
                        {page.domains.into_iter().map(|d| view! { <DomainRow domain=d act can_write/> }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </Card>
    }
}

#[component]
fn DomainRow(
    domain: CustomDomain,
    act: ServerAction<DomainAction>,
    can_write: bool,
) -> impl IntoView {
    let id = domain.id.clone();
    let checking =
        move || act.pending().get() && act.input().get().is_some_and(|i| i.action == "check");
    let run = move |action: &'static str| {
        let id = id.clone();
        move |_| {
            act.dispatch(DomainAction {
                id: id.clone(),
                action: action.to_owned(),
            });
        }
    };
    let active = domain.status == DomainStatus::Active;
    view! {
        <li class="space-y-2 py-3" data-testid="domain-row" data-host=domain.hostname.clone()>
            <div class="flex flex-wrap items-center gap-2">
                <span class="font-medium">{domain.hostname.clone()}</span>
                <span data-testid="domain-status"><Badge tone=tone(domain.status) label=domain.status.label()/></span>
            </div>
            {domain.reason.clone().map(|r| view! { <p class="text-sm text-slate-600 dark:text-slate-400" data-testid="domain-reason">{r}</p> })}
            {(!active).then(|| view! {
                <div class="overflow-x-auto">
                    <table class="text-sm">
                        <caption class="sr-only">"DNS record to create"</caption>
                        <thead><tr class="text-left text-slate-500"><th class="pr-4 font-medium">"Type"</th><th class="pr-4 font-medium">"Name"</th><th class="font-medium">"Points to"</th></tr></thead>
                        <tbody><tr><td class="pr-4"><code>"CNAME"</code></td><td class="pr-4"><code>{domain.hostname.clone()}</code></td><td><code>{domain.target.clone()}</code></td></tr></tbody>
                    </table>
                </div>
            })}
            {active.then(|| view! { <p class="text-sm text-green-800 dark:text-green-300">"Serving your brand, with a certificate issued on first visit."</p> })}
            {can_write.then(|| view! {
                <div class="flex flex-wrap gap-2">
                    <button type="button" on:click=run("check") disabled=move || act.pending().get()
                        class="rounded-md bg-brand px-3 py-1.5 text-sm font-medium text-white hover:opacity-90 disabled:opacity-60">
                        {move || if checking() { "Checking…" } else { "Check status" }}
                    </button>
                    <button type="button" on:click=run("remove") disabled=move || act.pending().get()
                        class="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-800">
                        "Remove"
                    </button>
                </div>
            })}
        </li>
    }
}
