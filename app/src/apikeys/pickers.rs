//! The two choices a key is made of, shared by "New key" and "Edit": its scopes (per
//! resource: none, read or write; or everything) and the tenants it may reach.

use leptos::prelude::*;
use model::api::RESOURCES;

/// The access a resource row shows for `scopes`.
fn level(scopes: &[String], resource: &str) -> &'static str {
    if scopes.iter().any(|s| *s == format!("{resource}:write")) {
        "write"
    } else if scopes.iter().any(|s| *s == format!("{resource}:read")) {
        "read"
    } else {
        ""
    }
}

fn set_level(scopes: &mut Vec<String>, resource: &str, access: &str) {
    scopes.retain(|s| !s.starts_with(&format!("{resource}:")) && s != "all");
    if !access.is_empty() {
        scopes.push(format!("{resource}:{access}"));
    }
}

#[component]
pub fn ScopePicker(
    chosen: RwSignal<Vec<String>>,
    /// Tells rows apart when two pickers are on one page.
    id: String,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let all = move || chosen.with(|s| s.iter().any(|x| x == "all"));
    let toggle_all = move |ev: leptos::ev::Event| {
        if event_target_checked(&ev) {
            chosen.set(vec!["all".into()]);
        } else {
            chosen.set(Vec::new());
        }
    };
    let error_id = format!("{id}-scopes-error");
    let described = error_id.clone();
    view! {
        <fieldset class="space-y-2" aria-describedby=described>
            <legend class="text-sm font-medium">"Scopes"</legend>
            <label class="flex items-center gap-2 text-sm">
                <input type="checkbox" prop:checked=all on:change=toggle_all data-testid="scope-all"/>
                "Select all: every resource, read and write"
            </label>
            <table class="w-full text-sm">
                <thead class="text-left text-xs text-slate-500">
                    <tr><th scope="col" class="py-1 font-medium">"Resource"</th><th scope="col" class="font-medium">"None"</th><th scope="col" class="font-medium">"Read"</th><th scope="col" class="font-medium">"Read and write"</th></tr>
                </thead>
                <tbody>
                    {RESOURCES.into_iter().map(|(resource, label)| view! {
                        <ScopeRow chosen resource label name=format!("{id}-scope-{resource}")/>
                    }).collect_view()}
                </tbody>
            </table>
            <p id=error_id class="min-h-5 text-sm text-red-700 dark:text-red-400" aria-live="polite">{move || error.get()}</p>
        </fieldset>
    }
    .into_any()
}

/// One resource: none, read, or read and write.
#[component]
fn ScopeRow(
    chosen: RwSignal<Vec<String>>,
    resource: &'static str,
    label: &'static str,
    name: String,
) -> impl IntoView {
    let all = move || chosen.with(|s| s.iter().any(|x| x == "all"));
    let options = ["", "read", "write"].map(|access| {
        let aria = match access {
            "" => format!("{label}: none"),
            "read" => format!("{label}: read"),
            _ => format!("{label}: read and write"),
        };
        view! {
            <td class="py-1">
                <input type="radio" name=name.clone() aria-label=aria
                    prop:checked=move || all() && access == "write" || !all() && chosen.with(|s| level(s, resource) == access)
                    prop:disabled=all
                    on:change=move |_| chosen.update(|s| set_level(s, resource, access))/>
            </td>
        }
        .into_any()
    });
    view! { <tr><th scope="row" class="py-1 text-left font-normal">{label}</th>{options.into_iter().collect_view()}</tr> }
        .into_any()
}

#[component]
pub fn TenantPicker(
    chosen: RwSignal<Vec<String>>,
    /// `(id, name)` of the partner's tenants.
    tenants: Vec<(String, String)>,
    id: String,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let limited = RwSignal::new(!chosen.get_untracked().is_empty());
    let tenants = StoredValue::new(tenants);
    let error_id = format!("{id}-tenants-error");
    let described = error_id.clone();
    view! {
        <fieldset class="space-y-2" aria-describedby=described>
            <legend class="text-sm font-medium">"Tenants"</legend>
            <label class="flex items-center gap-2 text-sm">
                <input type="radio" name=format!("{id}-reach") prop:checked=move || !limited.get()
                    on:change=move |_| { limited.set(false); chosen.set(Vec::new()); }/>
                "Every tenant, including new ones"
            </label>
            <label class="flex items-center gap-2 text-sm">
                <input type="radio" name=format!("{id}-reach") prop:checked=move || limited.get()
                    on:change=move |_| limited.set(true) data-testid="limit-tenants"/>
                "Only these tenants:"
            </label>
            <Show when=move || limited.get()>
                <div class="max-h-48 space-y-1 overflow-y-auto rounded-md border border-slate-200 p-2 dark:border-slate-800">
                    {move || tenants.with_value(|list| {
                        if list.is_empty() {
                            return view! { <p class="text-sm text-slate-500">"No tenants yet."</p> }.into_any();
                        }
                        list.iter().map(|(tid, name)| {
                            let (tid, check) = (tid.clone(), tid.clone());
                            view! {
                                <label class="flex items-center gap-2 text-sm">
                                    <input type="checkbox" prop:checked=move || chosen.with(|c| c.contains(&check))
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            chosen.update(|c| {
                                                c.retain(|x| *x != tid);
                                                if on { c.push(tid.clone()); }
                                            });
                                        }/>
                                    {name.clone()}
                                </label>
                            }
                        }).collect_view().into_any()
                    })}
                </div>
            </Show>
            <p id=error_id class="min-h-5 text-sm text-red-700 dark:text-red-400" aria-live="polite">{move || error.get()}</p>
        </fieldset>
    }
    .into_any()
}
