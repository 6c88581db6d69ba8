//! The portal's front page: the account at a glance, and what to do next when something
//! (an emergency address, a first extension) is missing.

use leptos::prelude::*;

use super::{Frame, PortalView};
use crate::{
    auth::Protected,
    ui::{Card, Fact},
};

#[component]
pub fn PortalOverviewPage() -> impl IntoView {
    view! { <Protected><Frame title="Overview" page=overview/></Protected> }
}

fn limit(used: u64, max: Option<u32>) -> String {
    match max {
        Some(max) => format!("{used} of {max}"),
        None => used.to_string(),
    }
}

fn overview(v: PortalView) -> AnyView {
    let t = v.tenant;
    let base = format!("/orgs/{}", t.sip_prefix);
    let e911 = t
        .e911_address
        .as_ref()
        .map(model::tenants::E911Address::one_line);
    let next_steps = [
        (
            e911.is_none(),
            "Add your emergency (E911) address so responders know where to go.",
            format!("{base}/settings"),
            "Open settings",
        ),
        (
            t.extensions == 0,
            "Create your first extension so a phone can register.",
            format!("{base}/extensions"),
            "Add an extension",
        ),
    ];
    let steps: Vec<_> = next_steps
        .into_iter()
        .filter(|(missing, ..)| *missing)
        .collect();
    view! {
        <div class="grid gap-6 lg:grid-cols-3">
            <div class="space-y-6 lg:col-span-2">
                <div class="grid gap-4 sm:grid-cols-3" data-testid="portal-counts">
                    <Stat label="Extensions" value=limit(t.extensions, t.max_extensions) href=format!("{base}/extensions")/>
                    <Stat label="Numbers" value=limit(t.numbers, t.max_numbers)/>
                    <Stat label="Users" value=t.users.to_string() href=format!("{base}/users")/>
                </div>
                {(!steps.is_empty()).then(|| view! {
                    <Card title="Next steps">
                        <ul class="space-y-3" data-testid="next-steps">
                            {steps.into_iter().map(|(_, text, href, label)| view! {
                                <li class="flex flex-wrap items-center justify-between gap-2 text-sm">
                                    <span>{text}</span>
                                    <a href=href class="rounded-md border border-slate-300 px-3 py-1 font-medium hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800">{label}</a>
                                </li>
                            }).collect_view()}
                        </ul>
                    </Card>
                })}
            </div>
            <Card title="Your account">
                <dl>
                    <Fact label="SIP prefix"><code>{t.sip_prefix.clone()}</code></Fact>
                    <Fact label="Time zone">{t.timezone.clone()}</Fact>
                    <Fact label="Caller-ID name">{t.default_cnam.clone().unwrap_or_else(|| "Not set".into())}</Fact>
                    <Fact label="Emergency address">{e911.unwrap_or_else(|| "Not set".into())}</Fact>
                    <Fact label="Billing email">{t.billing_email.clone()}</Fact>
                </dl>
            </Card>
        </div>
    }
    .into_any()
}

#[component]
fn Stat(
    label: &'static str,
    value: String,
    #[prop(optional, into)] href: Option<String>,
) -> impl IntoView {
    let body = view! {
        <span class="block text-sm text-slate-500 dark:text-slate-400">{label}</span>
        <span class="mt-1 block text-2xl font-semibold">{value}</span>
    };
    let class = "block rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900";
    match href {
        Some(href) => {
            view! { <a href=href class=format!("{class} hover:border-brand")>{body}</a> }.into_any()
        }
        None => view! { <div class=class>{body}</div> }.into_any(),
    }
}
