//! Settings → Go-live check: renders every page, email and help chapter the partner's
//! customers can see and lists each place the platform's name or domain shows up.

use leptos::prelude::*;
use leptos_meta::Title;
use model::branding::golive::{GoLiveReport, Leak};

use crate::{
    auth::Protected,
    error::{ErrorAlert, FnError},
    ui::Card,
};

#[server(prefix = "/api", endpoint = "run_go_live_check")]
pub async fn run_go_live_check() -> Result<GoLiveReport, FnError> {
    let (services, meta) = (crate::context::services()?, crate::context::request_meta());
    let platform = domain::branding::golive::Platform {
        name: &services.platform_name,
        domain: &services.platform_domain,
        mail_from: &services.mail_from,
    };
    Ok(domain::branding::golive::run(
        &services.db,
        meta.viewer.as_ref(),
        &platform,
        services.pages.as_ref(),
        chrono::Utc::now(),
    )
    .await?)
}

#[component]
pub fn GoLivePage() -> impl IntoView {
    let check = ServerAction::<RunGoLiveCheck>::new();
    view! {
        <Title text="Go-live check"/>
        <Protected>
            <h1 class="text-2xl font-bold tracking-tight">"Go-live check"</h1>
            <p class="mt-1 max-w-3xl text-sm text-slate-600 dark:text-slate-400">
                "Before you send customers to their portal: this renders every page, email and help chapter they can see, on your own address, and lists each place the platform's name or address appears."
            </p>
            <div class="mt-4">
                <ActionForm action=check>
                    <button type="submit" data-testid="run-check" disabled=move || check.pending().get()
                        class="rounded-md bg-brand px-4 py-2 text-sm font-medium text-white hover:opacity-90 disabled:opacity-60">
                        {move || if check.pending().get() { "Checking every page and email…" } else { "Run the check" }}
                    </button>
                </ActionForm>
            </div>
            <div class="mt-6" aria-live="polite" aria-busy=move || check.pending().get().to_string()>
                {move || match check.value().get() {
                    None => view! { <p class="text-sm text-slate-600 dark:text-slate-400">"Not run yet. It takes a few seconds."</p> }.into_any(),
                    Some(Err(error)) => view! { <ErrorAlert error/> }.into_any(),
                    Some(Ok(report)) => view! { <Report report/> }.into_any(),
                }}
            </div>
        </Protected>
    }
}

#[component]
fn Report(report: GoLiveReport) -> impl IntoView {
    let green = report.is_green();
    let count = report.leaks.len();
    let summary = if green {
        format!(
            "All clear: {} surfaces on {} checked, and none shows the platform's name or address.",
            report.surfaces.len(),
            report.host
        )
    } else if count == 0 {
        "Some surfaces could not be checked; see below.".to_owned()
    } else {
        format!(
            "{count} {} of the platform found. Fix each one below, then run the check again.",
            if count == 1 { "mention" } else { "mentions" }
        )
    };
    let banner = if green {
        "border-green-300 bg-green-50 text-green-900 dark:border-green-800 dark:bg-green-950 dark:text-green-100"
    } else {
        "border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
    };
    view! {
        <div class="space-y-6">
            <p class=format!("rounded-md border p-4 font-medium {banner}") data-testid="golive-summary" data-green=green.to_string() data-leaks=count.to_string()>
                {if green { "✓ " } else { "✗ " }}{summary}
            </p>
            {(!report.leaks.is_empty()).then(|| view! {
                <Card title="Where the platform shows">
                    <ul class="divide-y divide-slate-200 dark:divide-slate-800" data-testid="leaks">
                        {report.leaks.iter().cloned().map(|leak| view! { <LeakRow leak/> }).collect_view()}
                    </ul>
                </Card>
            })}
            {(!report.failures.is_empty()).then(|| view! {
                <Card title="Not checked">
                    <ul class="list-disc pl-5 text-sm">{report.failures.iter().map(|f| view! { <li>{f.clone()}</li> }).collect_view()}</ul>
                </Card>
            })}
            {(!report.notices.is_empty()).then(|| view! {
                <Card title="Worth knowing">
                    <ul class="list-disc pl-5 text-sm">{report.notices.iter().map(|n| view! { <li>{n.clone()}</li> }).collect_view()}</ul>
                </Card>
            })}
            <Card title="What was checked">
                <ul class="grid gap-1 text-sm sm:grid-cols-2" data-testid="surfaces">
                    {report.surfaces.iter().map(|s| {
                        let ok = s.leaks == 0;
                        view! {
                            <li class="flex gap-2">
                                <span aria-hidden="true" class=if ok { "text-green-700 dark:text-green-400" } else { "text-red-700 dark:text-red-400" }>{if ok { "✓" } else { "✗" }}</span>
                                <span>{s.place.clone()}{s.path.clone().map(|p| format!(" ({p})"))}</span>
                                <span class="sr-only">{if ok { "no mentions".to_owned() } else { format!("{} mentions", s.leaks) }}</span>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </Card>
        </div>
    }
}

#[component]
fn LeakRow(leak: Leak) -> impl IntoView {
    view! {
        <li class="py-2 text-sm">
            <p><span class="font-medium">{leak.place}</span>{leak.path.map(|p| view! { " " <code>{p}</code> })}</p>
            <p class="text-slate-600 dark:text-slate-400">"Found "<strong>{leak.found}</strong>": "<span class="font-mono text-xs">{leak.excerpt}</span></p>
        </li>
    }
}
