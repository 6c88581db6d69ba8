//! The partner table: one row per partner with its status and the suspend / reactivate
//! controls, and the pager under it.

use leptos::prelude::*;
use model::partners::{
    PartnerStatus,
    admin::{PartnerPage, PartnerRow},
};

use super::{AdminReactivatePartner, AdminSuspendPartner};
use crate::ui::{Badge, Pager, Tone};

fn status_badge(status: PartnerStatus) -> (Tone, &'static str) {
    match status {
        PartnerStatus::Trial => (Tone::Warn, "Trial"),
        PartnerStatus::Active => (Tone::Good, "Active"),
        PartnerStatus::Suspended => (Tone::Bad, "Suspended"),
    }
}

fn day(t: &str) -> String {
    t.get(..10).unwrap_or(t).to_owned()
}

#[component]
pub fn PartnerTable(
    page: PartnerPage,
    search: String,
    suspend: ServerAction<AdminSuspendPartner>,
    reactivate: ServerAction<AdminReactivatePartner>,
) -> impl IntoView {
    if page.rows.is_empty() {
        let text = if search.is_empty() {
            "No partners yet. Create the first one with the form: its owner gets an invitation by email."
                .to_owned()
        } else {
            format!(
                "No partner matches \"{search}\". Search looks at names, addresses and team emails."
            )
        };
        return view! { <p class="text-sm text-slate-600 dark:text-slate-400" data-testid="partners-empty">{text}</p> }
            .into_any();
    }
    let (current, pages, total) = (page.page, page.pages(), page.total);
    view! {
        <div class="relative -mx-5 overflow-x-auto">
            <table class="min-w-full text-left text-sm" data-testid="partners-table">
                <caption class="sr-only">"Partners"</caption>
                <thead class="text-xs uppercase tracking-wide text-slate-500">
                    <tr>
                        <th scope="col" class="px-5 py-2">"Partner"</th>
                        <th scope="col" class="px-5 py-2">"Status"</th>
                        <th scope="col" class="px-5 py-2">"Owner"</th>
                        <th scope="col" class="px-5 py-2 text-right">"Team"</th>
                        <th scope="col" class="px-5 py-2">"Plan"</th>
                        <th scope="col" class="px-5 py-2 text-right">"Wallet"</th>
                        <th scope="col" class="px-5 py-2 text-right">"Minutes this month"</th>
                        <th scope="col" class="px-5 py-2">"Created"</th>
                        <th scope="col" class="px-5 py-2"><span class="sr-only">"Actions"</span></th>
                    </tr>
                </thead>
                <tbody class="divide-y divide-slate-200 dark:divide-slate-800">
                    {page.rows.into_iter().map(|row| view! { <Row row suspend reactivate/> }).collect_view()}
                </tbody>
            </table>
        </div>
        <Pager noun="partners" current pages total href=move |page| format!("/admin/partners?q={}&page={page}", crate::ui::query_value(&search))/>
    }
    .into_any()
}

#[component]
fn Row(
    row: PartnerRow,
    suspend: ServerAction<AdminSuspendPartner>,
    reactivate: ServerAction<AdminReactivatePartner>,
) -> impl IntoView {
    let (tone, label) = status_badge(row.status);
    let suspended = row.status == PartnerStatus::Suspended;
    let trial_note = (row.status == PartnerStatus::Trial)
        .then(|| {
            row.trial_ends_at
                .as_deref()
                .map(|t| format!("ends {}", day(t)))
        })
        .flatten();
    let id = row.id.clone();
    view! {
        <tr data-testid="partner-row">
            <td class="px-5 py-3">
                <span class="block font-medium">{row.name.clone()}</span>
                <span class="block text-xs text-slate-500">{row.slug.clone()}</span>
            </td>
            <td class="px-5 py-3">
                <Badge tone label/>
                {trial_note.map(|n| view! { <span class="block text-xs text-slate-500">{n}</span> })}
                {row.status_reason.clone().map(|r| view! { <span class="block max-w-xs text-xs text-slate-500">{r}</span> })}
            </td>
            <td class="px-5 py-3">{row.owner_email.clone().unwrap_or_else(|| "—".into())}</td>
            <td class="px-5 py-3 text-right tabular-nums">{row.members}</td>
            <td class="px-5 py-3 capitalize" data-testid="partner-tier">{row.tier.clone()}</td>
            <td class="px-5 py-3 text-right tabular-nums">{model::billing::dollars(row.balance_cents)}</td>
            <td class="px-5 py-3 text-right tabular-nums">
                {row.minutes_this_month}
                <span class="block text-xs text-slate-500">{model::billing::dollars(row.usage_cost_cents)}</span>
            </td>
            <td class="px-5 py-3">{day(&row.created_at)}</td>
            <td class="px-5 py-3 text-right">
                {if suspended {
                    view! {
                        <ActionForm action=reactivate attr:class="inline">
                            <input type="hidden" name="partner" value=id/>
                            <button type="submit" class="text-sm text-brand hover:underline">"Reactivate"</button>
                        </ActionForm>
                    }.into_any()
                } else {
                    view! { <SuspendControl id name=row.name.clone() action=suspend/> }.into_any()
                }}
            </td>
        </tr>
    }
}

/// "Suspend…" opens a small form asking why; nothing happens until it is confirmed.
#[component]
fn SuspendControl(
    id: String,
    name: String,
    action: ServerAction<AdminSuspendPartner>,
) -> impl IntoView {
    let field = format!("reason-{id}");
    view! {
        <details class="inline-block text-left">
            <summary class="cursor-pointer list-none text-sm text-red-700 hover:underline dark:text-red-400">"Suspend…"</summary>
            <ActionForm action attr:class="mt-2 w-64 space-y-2 rounded-md border border-slate-200 p-3 dark:border-slate-700">
                <input type="hidden" name="partner" value=id/>
                <label for=field.clone() class="block text-xs font-medium">{format!("Why suspend {name}?")}</label>
                <textarea id=field name="reason" rows="2" required=true
                    class="block w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900"></textarea>
                <p class="text-xs text-slate-500">"Everyone on their team is signed out at once."</p>
                <button type="submit" class="rounded-md bg-red-700 px-3 py-1 text-sm font-medium text-white hover:bg-red-800">"Suspend partner"</button>
            </ActionForm>
        </details>
    }
}
