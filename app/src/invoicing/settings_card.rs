//! Settings → Pricing, "Invoices": the number prefix, whether new invoices are mailed
//! at once or wait as drafts for the partner to check, and after how many days an
//! unpaid invoice suspends its tenant (a profile may set its own).

use leptos::prelude::*;
use model::{
    FieldErrors,
    invoicing::policy::{InvoiceSettings, InvoiceSettingsForm},
};

use super::{BUTTON, SaveInvoiceSettings};
use crate::{
    context::use_viewer,
    error::{ErrorAlert, split_errors},
    ui::{Card, TextField},
};

#[component]
pub fn InvoiceSettingsCard(
    settings: InvoiceSettings,
    save: ServerAction<SaveInvoiceSettings>,
) -> impl IntoView {
    let can_write = use_viewer().is_some_and(|v| v.can_write());
    let form = RwSignal::new(InvoiceSettingsForm::of(&settings));
    let local = RwSignal::new(None::<FieldErrors>);
    let (server, other) = split_errors(move || save.value().get());
    let errors = Signal::derive(move || local.get().or_else(|| server.get()));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let f = form.get_untracked();
        match f.validate() {
            Err(e) => local.set(Some(e)),
            Ok(_) => {
                local.set(None);
                save.dispatch(SaveInvoiceSettings { form: f });
            }
        }
    };
    let saved = move || matches!(save.value().get(), Some(Ok(_)));
    view! {
        <Card title="Invoices">
            <form class="space-y-4" on:submit=submit novalidate data-testid="invoice-settings">
                <fieldset disabled=!can_write class="grid gap-4 sm:grid-cols-2">
                    <TextField name="prefix" label="Number prefix" value=Signal::derive(move || form.with(|f| f.prefix.clone())) errors
                        hint=format!("The next invoice is {}.", settings.next_number)
                        on_input=Callback::new(move |v| form.update(|f| f.prefix = v))/>
                    <TextField name="suspend_after_days" label="Suspend unpaid tenants after (days from issue, 0: never)" value=Signal::derive(move || form.with(|f| f.suspend_after_days.clone())) errors
                        on_input=Callback::new(move |v| form.update(|f| f.suspend_after_days = v))/>
                    <label class="flex items-start gap-2 text-sm sm:col-span-2">
                        <input type="checkbox" class="mt-1" data-testid="auto-send"
                            prop:checked=move || form.with(|f| f.auto_send.is_some())
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                form.update(|f| f.auto_send = on.then(|| "on".to_owned()));
                            }/>
                        <span>
                            <span class="font-medium">"Send new invoices at once"</span>
                            <span class="block text-slate-600 dark:text-slate-400">"Each invoice is mailed with its PDF when its period closes. Untick to check drafts first and send them yourself."</span>
                        </span>
                    </label>
                </fieldset>
                <p class="text-sm text-slate-600 dark:text-slate-400">"An invoice unpaid 7 days after it is issued turns overdue and the customer gets one notice."</p>
                {move || other.get().map(|error| view! { <ErrorAlert error/> })}
                {can_write.then(|| view! {
                    <button type="submit" class=BUTTON disabled=move || save.pending().get()>{move || if save.pending().get() { "Saving…" } else { "Save invoice settings" }}</button>
                })}
                <p role="status" class="text-sm text-green-700 dark:text-green-400">{move || saved().then_some("Saved.")}</p>
            </form>
        </Card>
    }
}
