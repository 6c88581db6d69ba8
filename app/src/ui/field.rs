//! A labelled input that shows its validation message underneath: the form rendering of
//! `AppError::Validation`. The same `model` parse runs in the browser (as the user types
//! or submits) and on the server, and both report through `errors`.

use leptos::prelude::*;
use model::FieldErrors;

/// A `model` rule for one field: `Ok` or the message to show.
pub type FieldCheck = fn(&str) -> Result<(), String>;

#[component]
pub fn TextField(
    /// The wire name of the field; also the key into `errors`.
    name: &'static str,
    #[prop(into)] label: String,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(optional, into)] value: Signal<String>,
    #[prop(optional, into)] hint: Option<String>,
    /// Messages from the last validation, browser or server.
    #[prop(optional, into)]
    errors: Signal<Option<FieldErrors>>,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] required: bool,
    /// The field's `model` rule, run in the browser when the user leaves the field; the
    /// server runs the same rule again on submit.
    #[prop(optional)]
    check: Option<FieldCheck>,
    /// The posted name when it differs from `name` (a struct argument's `form[name]`).
    #[prop(optional)]
    input_name: Option<&'static str>,
    /// Told every keystroke (a form may derive another field from this one).
    #[prop(optional)]
    on_input: Option<Callback<String>>,
    /// The id of a `<datalist>` of suggestions.
    #[prop(optional)]
    list: Option<&'static str>,
) -> impl IntoView {
    let local = RwSignal::new(None::<String>);
    let on_change = move |ev| {
        if let Some(check) = check {
            local.set(check(&event_target_value(&ev)).err());
        }
    };
    let input = NodeRef::<leptos::html::Input>::new();
    keep_typed_text(value, input);
    let id = format!("field-{name}");
    let message_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let message = move || {
        local
            .get()
            .or_else(|| errors.get().and_then(|e| e.first(name).map(str::to_owned)))
    };
    let described_by = {
        let (message_id, hint_id, has_hint) = (message_id.clone(), hint_id.clone(), hint.is_some());
        move || {
            let mut ids = Vec::new();
            if has_hint {
                ids.push(hint_id.clone());
            }
            if message().is_some() {
                ids.push(message_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="space-y-1">
            <label for=id.clone() class="block text-sm font-medium text-slate-700 dark:text-slate-200">
                {label}
                {required.then(|| view! { <span class="text-red-600" aria-hidden="true">" *"</span> })}
            </label>
            <input
                id=id
                name=input_name.unwrap_or(name)
                type=input_type
                node_ref=input
                value=value.get_untracked()
                on:change=on_change
                on:input=move |ev| {
                    let typed = event_target_value(&ev);
                    // A shown message goes as soon as the value is fixed, not on blur: a
                    // long message vanishing as the user clicks Save would move the button
                    // out from under the pointer and swallow the click.
                    if let (Some(check), true) = (check, local.get_untracked().is_some()) {
                        local.set(check(&typed).err());
                    }
                    if let Some(cb) = on_input {
                        cb.run(typed);
                    }
                }
                autocomplete=autocomplete
                list=list
                required=required
                aria-invalid=move || message().is_some().to_string()
                aria-describedby=described_by
                class="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand focus:outline-none focus:ring-2 focus:ring-brand aria-[invalid=true]:border-red-500 dark:border-slate-700 dark:bg-slate-900"
            />
            {hint.map(|h| view! { <p id=hint_id class="text-xs text-slate-500 dark:text-slate-400">{h}</p> })}
            // The line is reserved even when empty: a message appearing as the field loses focus
            // must not move the button the user is clicking.
            <p id=message_id class="min-h-5 text-sm text-red-700 dark:text-red-400" aria-live="polite">{message}</p>
        </div>
    }
}

/// The server renders `value` as the input's attribute; later changes to `value` (a form
/// reset, a field derived from another) are written to the live input. The first value is
/// never written again: what someone typed before the page finished loading survives
/// hydration instead of being replaced by the value the page was rendered with.
fn keep_typed_text(value: Signal<String>, input: NodeRef<leptos::html::Input>) {
    Effect::new(move |first: Option<()>| {
        let wanted = value.get();
        if first.is_some()
            && let Some(el) = input.get_untracked()
            && el.value() != wanted
        {
            el.set_value(&wanted);
        }
    });
}
