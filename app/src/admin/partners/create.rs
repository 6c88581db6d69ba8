//! The "New partner" card: the slug follows the company name until the admin edits it.

use leptos::prelude::*;
use model::partners::Slug;

use super::AdminCreatePartner;
use crate::{
    error::{ErrorAlert, split_errors},
    ui::{Card, TextField},
};

#[component]
pub fn CreatePartnerForm(action: ServerAction<AdminCreatePartner>) -> impl IntoView {
    let (fields, other) = split_errors(move || action.value().get());
    let slug = RwSignal::new(String::new());
    let slug_edited = RwSignal::new(false);
    let suggest = Callback::new(move |name: String| {
        if !slug_edited.get_untracked() {
            slug.set(
                Slug::suggest(&name)
                    .map(|s| s.to_string())
                    .unwrap_or_default(),
            );
        }
    });
    let edit_slug = Callback::new(move |value: String| {
        slug_edited.set(true);
        slug.set(value);
    });
    let invited = move || match action.value().get() {
        Some(Ok(email)) => Some(format!(
            "Partner created. {email} has an invitation to set a password (valid 7 days)."
        )),
        _ => None,
    };
    view! {
        <Card title="New partner">
            <ActionForm action=action attr:class="space-y-4" attr:novalidate=true attr:data-testid="create-partner">
                <TextField name="name" label="Company name" required=true errors=fields on_input=suggest
                    check=|v| model::partners::parse_name(v, "company name").map(|_| ())/>
                <TextField name="slug" label="Address" required=true errors=fields value=slug on_input=edit_slug
                    hint="Their portal lives at this name under your platform domain."
                    check=|v| Slug::parse(v).map(|_| ())/>
                <TextField name="owner_email" label="Owner's email" input_type="email" required=true errors=fields
                    hint="They get an invitation to choose a password and become Partner Admin."
                    check=|v| model::auth::Email::parse(v).map(|_| ())/>
                <label class="flex items-center gap-2 text-sm">
                    <input type="checkbox" name="trial" value="on" checked=true class="h-4 w-4 rounded border-slate-300 accent-brand"/>
                    "Start with the 14-day trial"
                </label>
                {move || other.get().map(|error| view! { <ErrorAlert error/> })}
                <button type="submit" class="w-full rounded-md bg-brand px-4 py-2 text-sm font-medium text-white hover:opacity-90 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand focus-visible:ring-offset-2 disabled:opacity-60"
                    disabled=move || action.pending().get()>
                    {move || if action.pending().get() { "Creating…" } else { "Create and invite" }}
                </button>
                <p role="status" class="text-sm text-green-700 dark:text-green-400">{invited}</p>
            </ActionForm>
        </Card>
    }
}
