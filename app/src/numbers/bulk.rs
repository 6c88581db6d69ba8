//! Bulk actions on the inventory: assign the ticked numbers to a tenant, release them,
//! or give them one E911 address. A summary comes first; then the numbers go to the
//! server in slices of five, so the progress bar shows real progress and a refusal of
//! one number (with its reason) does not stop the others.

use leptos::prelude::*;
use model::numbers::{BulkForm, BulkOutcome, E911Form};

use super::actions::bulk_numbers;
use crate::ui::Card;

const SLICE: usize = 5;

/// A ticked number: its id and how it reads.
pub type Ticked = (String, String);

#[component]
pub fn BulkBar(
    selected: RwSignal<Vec<Ticked>>,
    tenants: Vec<(String, String)>,
    /// Bumped when a run ends, so the list reloads.
    done: RwSignal<usize>,
) -> impl IntoView {
    let action = RwSignal::new("assign".to_owned());
    let tenant = RwSignal::new(tenants.first().map(|t| t.0.clone()).unwrap_or_default());
    let address = RwSignal::new(E911Form::default());
    let confirming = RwSignal::new(false);
    let progress = RwSignal::new(None::<(usize, usize)>);
    let outcome = RwSignal::new(None::<BulkOutcome>);
    // The address is checked here first (the same rules the server runs), so a typo is
    // a message under the bar, not five refusals.
    let problem = RwSignal::new(None::<String>);
    let review = move |_| {
        let check = (action.get_untracked() == "e911")
            .then(|| address.get_untracked().validate().err())
            .flatten();
        problem.set(
            check.and_then(|errors| errors.iter().next().and_then(|(_, m)| m.first().cloned())),
        );
        confirming.set(problem.get_untracked().is_none());
    };
    let tenants = StoredValue::new(tenants);
    let tenant_name = move || {
        let id = tenant.get();
        tenants.with_value(|list| {
            list.iter()
                .find(|t| t.0 == id)
                .map(|t| t.1.clone())
                .unwrap_or_default()
        })
    };
    let summary = Signal::derive(move || {
        let n = selected.with(Vec::len);
        let numbers = if n == 1 {
            "1 number".to_owned()
        } else {
            format!("{n} numbers")
        };
        match action.get().as_str() {
            "assign" => format!("Assign {numbers} to {}.", tenant_name()),
            "release" => format!("Release {numbers} for good: their monthly charges stop."),
            _ => {
                let a = address.get();
                format!(
                    "Register {}, {}, {} {} as the emergency address of {numbers}.",
                    a.street, a.city, a.state, a.zip
                )
            }
        }
    });
    let run = move |_| {
        let ids: Vec<String> = selected
            .get_untracked()
            .into_iter()
            .map(|(id, _)| id)
            .collect();
        let base = BulkForm {
            action: action.get_untracked(),
            tenant: tenant.get_untracked(),
            e911: address.get_untracked(),
            ids: Vec::new(),
        };
        confirming.set(false);
        progress.set(Some((0, ids.len())));
        leptos::task::spawn_local(async move {
            let mut total = BulkOutcome {
                done: 0,
                refused: Vec::new(),
            };
            for (i, slice) in ids.chunks(SLICE).enumerate() {
                let form = BulkForm {
                    ids: slice.to_vec(),
                    ..base.clone()
                };
                match bulk_numbers(form).await {
                    Ok(o) => {
                        total.done += o.done;
                        total.refused.extend(o.refused);
                    }
                    Err(e) => total
                        .refused
                        .push((format!("{} numbers", slice.len()), e.to_string())),
                }
                progress.set(Some(((i * SLICE + slice.len()).min(ids.len()), ids.len())));
            }
            outcome.set(Some(total));
            progress.set(None);
            selected.set(Vec::new());
            done.update(|v| *v += 1);
        });
    };
    let field = "rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900";
    let set_address = move |part: fn(&mut E911Form) -> &mut String| {
        move |ev| address.update(|a| *part(a) = event_target_value(&ev))
    };
    view! {
        <div aria-live="polite" class="space-y-3">
            {move || progress.get().map(|(n, of)| view! {
                <div data-testid="bulk-progress">
                    <p class="text-sm">{format!("Working: {n} of {of}…")}</p>
                    <progress class="w-full" max=of.to_string() value=n.to_string()></progress>
                </div>
            })}
            {move || outcome.get().map(|o| view! {
                <div class="rounded-md border border-slate-200 p-3 text-sm dark:border-slate-800" data-testid="bulk-outcome">
                    <p>{format!("Done: {}.", o.done)}{(!o.refused.is_empty()).then(|| format!(" Refused: {}.", o.refused.len()))}</p>
                    <ul class="list-disc pl-5">{o.refused.into_iter().map(|(n, why)| view! { <li>{n}": "{why}</li> }).collect_view()}</ul>
                </div>
            })}
            <Show when=move || selected.with(|s| !s.is_empty())>
                <Card title="With the ticked numbers">
                    <div class="flex flex-wrap items-end gap-3" data-testid="bulk-bar">
                        <span class="text-sm">{move || format!("{} selected", selected.with(Vec::len))}</span>
                        <select aria-label="Bulk action" class=field on:change=move |ev| { action.set(event_target_value(&ev)); confirming.set(false); }>
                            <option value="assign">"Assign to a tenant"</option>
                            <option value="release">"Release"</option>
                            <option value="e911">"Set the E911 address"</option>
                        </select>
                        <Show when=move || action.get() == "assign">
                            <select aria-label="Tenant to assign to" class=field on:change=move |ev| tenant.set(event_target_value(&ev))>
                                {tenants.with_value(|list| list.iter().map(|(id, name)| view! { <option value=id.clone()>{name.clone()}</option> }).collect_view())}
                            </select>
                        </Show>
                        <Show when=move || action.get() == "e911">
                            <input aria-label="Street" placeholder="Street" class=field on:input=set_address(|a| &mut a.street)/>
                            <input aria-label="City" placeholder="City" class=field on:input=set_address(|a| &mut a.city)/>
                            <input aria-label="State" placeholder="State" class=format!("{field} w-16") on:input=set_address(|a| &mut a.state)/>
                            <input aria-label="ZIP" placeholder="ZIP" class=format!("{field} w-24") on:input=set_address(|a| &mut a.zip)/>
                        </Show>
                        <button type="button" class="rounded-md bg-brand px-3 py-1.5 text-sm font-medium text-white" on:click=review>"Review"</button>
                    </div>
                    {move || problem.get().map(|m| view! { <p class="mt-2 text-sm text-red-700 dark:text-red-400" role="alert">{m}</p> })}
                    <Show when=move || confirming.get()>
                        <div class="mt-3 space-y-2" data-testid="bulk-summary">
                            <p class="text-sm font-medium">{summary}</p>
                            <p class="text-xs text-slate-500">{move || selected.with(|s| s.iter().map(|(_, label)| label.clone()).collect::<Vec<_>>().join(", "))}</p>
                            <div class="flex gap-2">
                                <button type="button" on:click=run class="rounded-md bg-brand px-3 py-1.5 text-sm font-medium text-white">"Confirm"</button>
                                <button type="button" on:click=move |_| confirming.set(false) class="rounded-md border border-slate-300 px-3 py-1.5 text-sm dark:border-slate-700">"Back"</button>
                            </div>
                        </div>
                    </Show>
                </Card>
            </Show>
        </div>
    }
    .into_any()
}
