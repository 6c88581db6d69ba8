//! The port request form, for a new request and for fixing a rejected one. The
//! browser runs the same `model` rules as the server before sending (fields and file
//! names and sizes), then posts the form with its files as they are; the server checks
//! everything again, including that each file is what its name says.

use leptos::{ev::SubmitEvent, prelude::*};
use model::{
    FieldErrors,
    numbers::ports::{DocKind, PortForm, PortRequest},
};

use super::super::actions::tenant_choices;
use crate::ui::TextField;

#[component]
pub fn PortRequestForm(
    initial: PortForm,
    /// Where the form posts (`/numbers/ports/submit` or `…/{id}/resubmit`).
    url: String,
    submit_label: &'static str,
    /// A new request needs both documents; a resubmission replaces only what is sent.
    documents_required: bool,
    on_sent: Callback<PortRequest>,
) -> impl IntoView {
    let errors = RwSignal::new(None::<FieldErrors>);
    let failure = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let form_ref = NodeRef::<leptos::html::Form>::new();
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        submit(
            form_ref,
            url.clone(),
            documents_required,
            errors,
            failure,
            busy,
            on_sent,
        );
    };
    let field_errors = Signal::derive(move || errors.get());
    let PortForm {
        numbers,
        losing_carrier,
        account_holder,
        account_number,
        service_street,
        service_city,
        service_state,
        service_zip,
        tenant,
        desired_date,
        ..
    } = initial;
    let pin_hint = if documents_required {
        "Some carriers refuse a port without it. Stored encrypted."
    } else {
        "Leave empty to keep the PIN on file. Stored encrypted."
    };
    view! {
        <form node_ref=form_ref on:submit=on_submit class="space-y-5" data-testid="port-form" novalidate>
            <NumbersField value=numbers errors=field_errors/>
            <div class="grid gap-4 sm:grid-cols-2">
                <TextField name="losing_carrier" label="Current carrier" value=losing_carrier errors=field_errors required=true
                    hint="As the customer's bill names it, e.g. AT&T or Lumen."/>
                <TenantField selected=tenant errors=field_errors/>
                <TextField name="account_holder" label="Account holder" value=account_holder errors=field_errors required=true
                    hint="Exactly as on the bill: a mismatch is the most common rejection."/>
                <TextField name="account_number" label="Account number" value=account_number errors=field_errors required=true/>
                <TextField name="pin" label="Account PIN (passcode)" input_type="password" autocomplete="off" errors=field_errors hint=pin_hint/>
                <TextField name="desired_date" label="Desired date" input_type="date" value=desired_date errors=field_errors required=true
                    hint="The carrier confirms the real date (FOC); two weeks ahead is typical."/>
            </div>
            <fieldset class="space-y-3">
                <legend class="text-sm font-semibold">"Service address (as on the bill)"</legend>
                <TextField name="service_street" label="Street" value=service_street errors=field_errors required=true/>
                <div class="grid gap-4 sm:grid-cols-3">
                    <TextField name="service_city" label="City" value=service_city errors=field_errors required=true/>
                    <TextField name="service_state" label="State" value=service_state errors=field_errors required=true/>
                    <TextField name="service_zip" label="ZIP" value=service_zip errors=field_errors required=true/>
                </div>
            </fieldset>
            <div class="grid gap-4 sm:grid-cols-2">
                <FileField kind=DocKind::Loa required=documents_required errors=field_errors/>
                <FileField kind=DocKind::Bill required=documents_required errors=field_errors/>
            </div>
            <div role="alert">{move || failure.get().map(|m| view! {
                <p class="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200">{m}</p>
            })}</div>
            <button type="submit" disabled=move || busy.get() aria-busy=move || busy.get().to_string()
                class="rounded-md bg-brand px-4 py-2 text-sm font-medium text-white hover:opacity-90 disabled:opacity-60">
                {move || if busy.get() { "Uploading…" } else { submit_label }}
            </button>
        </form>
    }
    .into_any()
}

/// Checks the form in the browser, then sends it; the answer goes to `on_sent`, or its
/// messages under the fields.
#[cfg(feature = "hydrate")]
fn submit(
    form_ref: NodeRef<leptos::html::Form>,
    url: String,
    documents_required: bool,
    errors: RwSignal<Option<FieldErrors>>,
    failure: RwSignal<Option<String>>,
    busy: RwSignal<bool>,
    on_sent: Callback<PortRequest>,
) {
    use wasm_bindgen::JsCast;
    let Some(element) = form_ref.get_untracked() else {
        return;
    };
    let Ok(data) = web_sys::FormData::new_with_form(&element) else {
        return;
    };
    let text = |k: &str| data.get(k).as_string().unwrap_or_default();
    let form = PortForm {
        numbers: text("numbers"),
        losing_carrier: text("losing_carrier"),
        account_holder: text("account_holder"),
        account_number: text("account_number"),
        pin: text("pin"),
        service_street: text("service_street"),
        service_city: text("service_city"),
        service_state: text("service_state"),
        service_zip: text("service_zip"),
        tenant: text("tenant"),
        desired_date: text("desired_date"),
    };
    let mut found = form.validate(today()).err().unwrap_or_default();
    for kind in [DocKind::Loa, DocKind::Bill] {
        let file = data.get(kind.as_str()).dyn_into::<web_sys::File>().ok();
        match file.filter(|f| !f.name().is_empty()) {
            Some(f) => {
                let size = usize::try_from(f.size() as u64).unwrap_or(usize::MAX);
                if let Err(m) = model::numbers::ports::check_document_meta(&f.name(), size) {
                    found.add(kind.as_str(), m);
                }
            }
            None if documents_required => found.add(kind.as_str(), kind.missing()),
            None => {}
        }
    }
    if !found.is_empty() {
        errors.set(Some(found));
        failure.set(Some("Check the fields marked above.".into()));
        return;
    }
    errors.set(None);
    failure.set(None);
    busy.set(true);
    leptos::task::spawn_local(async move {
        let sent = super::actions::send(url, data).await;
        busy.set(false);
        match sent {
            Ok(request) => on_sent.run(request),
            Err((fields, message)) => {
                errors.set(fields);
                failure.set(Some(message));
            }
        }
    });
}

#[cfg(not(feature = "hydrate"))]
fn submit(
    _: NodeRef<leptos::html::Form>,
    _: String,
    _: bool,
    _: RwSignal<Option<FieldErrors>>,
    failure: RwSignal<Option<String>>,
    _: RwSignal<bool>,
    _: Callback<PortRequest>,
) {
    failure.set(Some(
        "Sending files needs the page's script; reload and try again.".into(),
    ));
}

/// Today in UTC, as the server counts days.
#[cfg(feature = "hydrate")]
fn today() -> chrono::NaiveDate {
    let now = js_sys::Date::new_0();
    chrono::NaiveDate::from_ymd_opt(
        now.get_utc_full_year() as i32,
        now.get_utc_month() + 1,
        now.get_utc_date(),
    )
    .unwrap_or_default()
}

/// The first message for `name`, as a reactive line under a field.
fn message(errors: Signal<Option<FieldErrors>>, name: &'static str) -> impl Fn() -> Option<String> {
    move || errors.with(|e| e.as_ref().and_then(|e| e.first(name).map(str::to_owned)))
}

const INPUT: &str = "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand focus:outline-none focus:ring-2 focus:ring-brand aria-[invalid=true]:border-red-500 dark:border-slate-700 dark:bg-slate-900";
const MESSAGE: &str = "min-h-5 text-sm text-red-700 dark:text-red-400";

#[component]
fn NumbersField(value: String, errors: Signal<Option<FieldErrors>>) -> impl IntoView {
    let text = message(errors, "numbers");
    let invalid = message(errors, "numbers");
    view! {
        <div class="space-y-1">
            <label for="field-numbers" class="block text-sm font-medium">"Numbers to bring over"<span class="text-red-600" aria-hidden="true">" *"</span></label>
            <textarea id="field-numbers" name="numbers" rows="4" class=INPUT
                aria-invalid=move || invalid().is_some().to_string()
                aria-describedby="field-numbers-hint field-numbers-error">{value}</textarea>
            <p id="field-numbers-hint" class="text-xs text-slate-500 dark:text-slate-400">"One per line, any format: (303) 555-0142 or +1 303 555 0142. Up to 100."</p>
            <p id="field-numbers-error" class=MESSAGE aria-live="polite">{text}</p>
        </div>
    }
}

#[component]
fn TenantField(selected: String, errors: Signal<Option<FieldErrors>>) -> impl IntoView {
    let choices = Resource::new(|| (), |()| tenant_choices());
    let text = message(errors, "tenant");
    let invalid = message(errors, "tenant");
    view! {
        <div class="space-y-1">
            <label for="field-tenant" class="block text-sm font-medium">"Customer"<span class="text-red-600" aria-hidden="true">" *"</span></label>
            <select id="field-tenant" name="tenant" class=INPUT
                aria-invalid=move || invalid().is_some().to_string() aria-describedby="field-tenant-error">
                <option value="">"Choose the customer…"</option>
                <Transition fallback=|| ()>
                    {move || {
                        let selected = selected.clone();
                        Suspend::new(async move {
                            choices.await.unwrap_or_default().into_iter().map(|(id, name)| {
                                let chosen = id == selected;
                                view! { <option value=id selected=chosen>{name}</option> }
                            }).collect_view()
                        })
                    }}
                </Transition>
            </select>
            <p id="field-tenant-error" class=MESSAGE aria-live="polite">{text}</p>
        </div>
    }
}

#[component]
fn FileField(kind: DocKind, required: bool, errors: Signal<Option<FieldErrors>>) -> impl IntoView {
    let name = kind.as_str();
    let id = format!("field-{name}");
    let local = RwSignal::new(None::<String>);
    let server = message(errors, name);
    let shown = move || local.get().or_else(&server);
    // Checked as soon as a file is chosen, by the same rule the server applies.
    let on_change = move |ev: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            let file = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                .and_then(|i| i.files())
                .and_then(|f| f.get(0));
            local.set(file.and_then(|f| {
                let size = usize::try_from(f.size() as u64).unwrap_or(usize::MAX);
                model::numbers::ports::check_document_meta(&f.name(), size).err()
            }));
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    };
    let hint = if required {
        "PDF, PNG or JPG, up to 10 MB."
    } else {
        "Optional: replaces the one on file. PDF, PNG or JPG, up to 10 MB."
    };
    view! {
        <div class="space-y-1">
            <label for=id.clone() class="block text-sm font-medium">{kind.label()}{required.then(|| view! { <span class="text-red-600" aria-hidden="true">" *"</span> })}</label>
            <input id=id.clone() name=name type="file" accept=".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"
                on:change=on_change aria-describedby=format!("{id}-hint {id}-error")
                class="block w-full text-sm file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-2 dark:file:bg-slate-800"/>
            <p id=format!("{id}-hint") class="text-xs text-slate-500 dark:text-slate-400">{hint}</p>
            <p id=format!("{id}-error") class=MESSAGE aria-live="polite">{shown}</p>
        </div>
    }
}
