//! The tenant form's fields, shared by "New tenant" and the edit page. Inputs post as
//! `form[field]` (the server functions take one `TenantForm`); messages are keyed by the
//! plain field name, browser and server alike.

use leptos::prelude::*;
use model::{
    FieldErrors,
    tenants::{Cnam, STATES, SipPrefix, TIMEZONES, TenantForm, Timezone},
};

use crate::ui::TextField;

const SELECT: &str = "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-900";
const LABEL: &str = "block text-sm font-medium text-slate-700 dark:text-slate-200";

/// A select with its label and message, for the fixed lists (time zones, states).
#[component]
pub(super) fn Choice(
    name: &'static str,
    input_name: &'static str,
    label: &'static str,
    options: &'static [&'static str],
    selected: String,
    #[prop(optional)] blank: Option<&'static str>,
    errors: Signal<Option<FieldErrors>>,
) -> impl IntoView {
    let id = format!("field-{name}");
    let message_id = format!("{id}-error");
    let message = move || errors.get().and_then(|e| e.first(name).map(str::to_owned));
    view! {
        <div class="space-y-1">
            <label for=id.clone() class=LABEL>{label}</label>
            <select id=id name=input_name class=SELECT aria-describedby=message_id.clone()
                aria-invalid=move || message().is_some().to_string()>
                {blank.map(|b| view! { <option value="">{b}</option> })}
                {options.iter().map(|o| view! { <option value=*o selected=selected == *o>{*o}</option> }).collect_view()}
            </select>
            <p id=message_id class="min-h-5 text-sm text-red-700 dark:text-red-400" aria-live="polite">{message}</p>
        </div>
    }
}

#[component]
pub fn TenantFields(
    initial: TenantForm,
    /// On create the SIP prefix is editable (and follows the name until edited); after
    /// that it is shown but fixed.
    creating: bool,
    /// The tenant's own Settings page: only what a Tenant Admin may change (no name,
    /// prefix or limits).
    #[prop(optional)]
    own_settings: bool,
    errors: Signal<Option<FieldErrors>>,
) -> impl IntoView {
    let prefix = RwSignal::new(initial.sip_prefix.clone());
    let prefix_edited = RwSignal::new(!initial.sip_prefix.is_empty());
    let suggest = Callback::new(move |name: String| {
        if creating && !prefix_edited.get_untracked() {
            prefix.set(
                SipPrefix::suggest(&name)
                    .map(|p| p.to_string())
                    .unwrap_or_default(),
            );
        }
    });
    let edit_prefix = Callback::new(move |value: String| {
        prefix_edited.set(true);
        prefix.set(value);
    });
    let timezone = if initial.timezone.is_empty() {
        Timezone::default().as_str().to_owned()
    } else {
        initial.timezone.clone()
    };
    view! {
        <fieldset class="space-y-4">
            <legend class="sr-only">"Customer"</legend>
            {(!own_settings).then(|| view! {
                <TextField name="name" input_name="form[name]" label="Customer name" required=true errors
                    value=initial.name.clone() on_input=suggest
                    check=|v| model::partners::parse_name(v, "customer name").map(|_| ())/>
                {if creating {
                    view! {
                        <TextField name="sip_prefix" input_name="form[sip_prefix]" label="SIP prefix" required=true errors
                            value=prefix on_input=edit_prefix
                            hint="3–12 lowercase letters or digits. SIP usernames are this prefix plus the extension; it cannot change later."
                            check=|v| SipPrefix::parse(v).map(|_| ())/>
                    }.into_any()
                } else {
                    view! {
                        <div class="text-sm"><span class=LABEL>"SIP prefix"</span>
                            <code class="mt-1 block">{initial.sip_prefix.clone()}</code>
                            <input type="hidden" name="form[sip_prefix]" value=initial.sip_prefix.clone()/>
                        </div>
                    }.into_any()
                }}
            })}
            <TextField name="billing_email" input_name="form[billing_email]" label="Billing email" input_type="email" required=true errors
                value=initial.billing_email.clone()
                check=|v| model::auth::Email::parse(v).map(|_| ())/>
            <TextField name="default_cnam" input_name="form[default_cnam]" label="Caller-ID name (CNAM)" errors
                value=initial.default_cnam.clone()
                hint="Up to 15 letters, digits, spaces and . , & - ' (what carriers pass on)."
                check=|v| Cnam::parse_optional(v).map(|_| ())/>
            <Choice name="timezone" input_name="form[timezone]" label="Time zone" options=TIMEZONES selected=timezone errors/>
        </fieldset>
        <fieldset class="mt-6 space-y-4">
            <legend class="text-sm font-semibold">"Emergency (E911) address"</legend>
            <p class="text-xs text-slate-500">"Where responders go when someone dials 911. Leave all four empty to set it later."</p>
            <TextField name="e911_street" input_name="form[e911_street]" label="Street" errors value=initial.e911_street.clone()/>
            <div class="grid gap-4 sm:grid-cols-3">
                <TextField name="e911_city" input_name="form[e911_city]" label="City" errors value=initial.e911_city.clone()/>
                <Choice name="e911_state" input_name="form[e911_state]" label="State" options=STATES selected=initial.e911_state.clone() blank="—" errors/>
                <TextField name="e911_zip" input_name="form[e911_zip]" label="ZIP" errors value=initial.e911_zip.clone()/>
            </div>
        </fieldset>
        {(!own_settings).then(|| view! {
            <fieldset class="mt-6 grid gap-4 sm:grid-cols-2">
                <legend class="mb-2 text-sm font-semibold">"Limits (empty = unlimited)"</legend>
                <TextField name="max_extensions" input_name="form[max_extensions]" label="Max extensions" input_type="number" errors value=initial.max_extensions.clone()/>
                <TextField name="max_numbers" input_name="form[max_numbers]" label="Max numbers" input_type="number" errors value=initial.max_numbers.clone()/>
            </fieldset>
        })}
    }
}
