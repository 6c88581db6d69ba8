//! The events an endpoint asks for: checkboxes grouped as in the catalogue, a "select
//! all" for the whole list and one per group.

use leptos::prelude::*;
use model::webhooks::EVENT_GROUPS;

fn all_events() -> Vec<String> {
    EVENT_GROUPS
        .iter()
        .flat_map(|(_, events)| events.iter().map(|e| (*e).to_owned()))
        .collect()
}

#[component]
pub fn EventPicker(
    chosen: RwSignal<Vec<String>>,
    /// Tells checkboxes apart when two pickers are on one page.
    id: String,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let every = all_events().len();
    let all = move || chosen.with(|c| c.len() == every);
    let toggle_all = move |ev: leptos::ev::Event| {
        chosen.set(if event_target_checked(&ev) {
            all_events()
        } else {
            Vec::new()
        });
    };
    let error_id = format!("{id}-events-error");
    let described = error_id.clone();
    view! {
        <fieldset class="space-y-3" aria-describedby=described>
            <legend class="text-sm font-medium">"Events to send"</legend>
            <label class="flex items-center gap-2 text-sm">
                <input type="checkbox" prop:checked=all on:change=toggle_all data-testid="events-all"/>
                "Select all"
            </label>
            <div class="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
                {EVENT_GROUPS.into_iter().map(|(group, events)| view! {
                    <EventGroup chosen group events id=id.clone()/>
                }).collect_view()}
            </div>
            <p id=error_id class="min-h-5 text-sm text-red-700 dark:text-red-400" aria-live="polite">{move || error.get()}</p>
        </fieldset>
    }
    .into_any()
}

#[component]
fn EventGroup(
    chosen: RwSignal<Vec<String>>,
    group: &'static str,
    events: &'static [&'static str],
    id: String,
) -> impl IntoView {
    let whole = move || chosen.with(|c| events.iter().all(|e| c.iter().any(|x| x == e)));
    let toggle_group = move |ev: leptos::ev::Event| {
        let on = event_target_checked(&ev);
        chosen.update(|c| {
            c.retain(|x| !events.contains(&x.as_str()));
            if on {
                c.extend(events.iter().map(|e| (*e).to_owned()));
            }
        });
    };
    view! {
        <div class="rounded-md border border-slate-200 p-3 dark:border-slate-800">
            <label class="flex items-center gap-2 text-sm font-medium">
                <input type="checkbox" prop:checked=whole on:change=toggle_group/>
                {group}
            </label>
            <ul class="mt-2 space-y-1">
                {events.iter().map(|event| {
                    let event: &'static str = event;
                    let input_id = format!("{id}-event-{}", event.replace('.', "-"));
                    let checked = move || chosen.with(|c| c.iter().any(|x| x == event));
                    let toggle = move |ev: leptos::ev::Event| {
                        let on = event_target_checked(&ev);
                        chosen.update(|c| {
                            c.retain(|x| x != event);
                            if on {
                                c.push(event.to_owned());
                            }
                        });
                    };
                    view! {
                        <li class="flex items-center gap-2 text-sm">
                            <input type="checkbox" id=input_id.clone() value=event prop:checked=checked on:change=toggle data-event=event/>
                            <label for=input_id class="font-mono text-xs">{event}</label>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </div>
    }
    .into_any()
}
