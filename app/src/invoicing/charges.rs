//! One-time charges and credits on a tenant's page: what waits for its next invoice
//! (removable until an invoice takes it), what recent invoices took, and a form to add
//! a setup fee or a goodwill credit.

use leptos::prelude::*;
use model::{
    FieldErrors,
    billing::dollars,
    invoicing::{
        LineKind,
        charges::{Charge, ChargeForm},
    },
};

use super::{BUTTON, INPUT, QUIET};
use crate::{
    error::{ErrorAlert, FnError, split_errors},
    ui::{Card, Skeleton, TextField},
};

#[server(prefix = "/api", endpoint = "tenant_charges")]
pub async fn tenant_charges(tenant: String) -> Result<Vec<Charge>, FnError> {
    let (db, meta) = (
        crate::context::services()?.db,
        crate::context::request_meta(),
    );
    Ok(domain::invoicing::charges::list(&db, meta.viewer.as_ref(), &tenant).await?)
}

#[server(prefix = "/api", endpoint = "add_charge")]
pub async fn add_charge(tenant: String, form: ChargeForm) -> Result<Charge, FnError> {
    let (db, meta) = (
        crate::context::services()?.db,
        crate::context::request_meta(),
    );
    Ok(domain::invoicing::charges::add(
        &db,
        meta.viewer.as_ref(),
        &tenant,
        &form,
        chrono::Utc::now(),
    )
    .await?)
}

#[server(prefix = "/api", endpoint = "remove_charge")]
pub async fn remove_charge(id: String) -> Result<(), FnError> {
    let (db, meta) = (
        crate::context::services()?.db,
        crate::context::request_meta(),
    );
    Ok(
        domain::invoicing::charges::remove(&db, meta.viewer.as_ref(), &id, chrono::Utc::now())
            .await?,
    )
}

#[component]
pub fn ChargesCard(tenant: String, can_write: bool) -> impl IntoView {
    let add = ServerAction::<AddCharge>::new();
    let remove = ServerAction::<RemoveCharge>::new();
    let id = StoredValue::new(tenant);
    let data = Resource::new(
        move || (id.get_value(), add.version().get(), remove.version().get()),
        |(tenant, _, _)| tenant_charges(tenant),
    );
    let blank = || ChargeForm {
        kind: "one_time".into(),
        ..ChargeForm::default()
    };
    let form = RwSignal::new(blank());
    let local = RwSignal::new(None::<FieldErrors>);
    let (server, other) = split_errors(move || add.value().get());
    let errors = Signal::derive(move || local.get().or_else(|| server.get()));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let f = form.get_untracked();
        match f.validate() {
            Err(e) => local.set(Some(e)),
            Ok(_) => {
                local.set(None);
                add.dispatch(AddCharge {
                    tenant: id.get_value(),
                    form: f,
                });
            }
        }
    };
    // A saved charge empties the form for the next one.
    Effect::new(move |_| {
        if matches!(add.value().get(), Some(Ok(_))) {
            form.set(blank());
        }
    });
    view! {
        <Card title="One-time charges and credits">
            <Transition fallback=|| view! { <Skeleton lines=3/> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(rows) => view! { <ChargeList rows remove can_write/> }.into_any(),
                        Err(error) => view! { <ErrorAlert error/> }.into_any(),
                    }
                })}
            </Transition>
            {move || remove.value().get().and_then(Result::err).map(|error| view! { <ErrorAlert error/> })}
            {can_write.then(|| view! {
                <form class="mt-4 space-y-3" on:submit=submit novalidate data-testid="charge-form">
                    <label class="block text-sm font-medium">"Kind"
                        <select class=INPUT on:change=move |ev| form.update(|f| f.kind = event_target_value(&ev))>
                            <option value="one_time" selected=move || form.with(|f| f.kind == "one_time")>"One-time charge"</option>
                            <option value="credit" selected=move || form.with(|f| f.kind == "credit")>"Credit"</option>
                        </select>
                    </label>
                    <TextField name="description" label="Description (shown on the invoice)" value=Signal::derive(move || form.with(|f| f.description.clone())) errors
                        on_input=Callback::new(move |v| form.update(|f| f.description = v))/>
                    <TextField name="amount" label="Amount ($)" value=Signal::derive(move || form.with(|f| f.amount.clone())) errors
                        on_input=Callback::new(move |v| form.update(|f| f.amount = v))/>
                    {move || other.get().map(|error| view! { <ErrorAlert error/> })}
                    <button type="submit" class=BUTTON disabled=move || add.pending().get()>{move || if add.pending().get() { "Adding…" } else { "Add to next invoice" }}</button>
                </form>
            })}
        </Card>
    }
}

#[component]
fn ChargeList(
    rows: Vec<Charge>,
    remove: ServerAction<RemoveCharge>,
    can_write: bool,
) -> impl IntoView {
    if rows.is_empty() {
        return view! {
            <p class="text-sm text-slate-600 dark:text-slate-400" data-testid="no-charges">"Nothing waiting. A setup fee or a goodwill credit added here goes on the tenant's next invoice."</p>
        }
        .into_any();
    }
    view! {
        <ul class="divide-y divide-slate-200 text-sm dark:divide-slate-800" data-testid="charges">
            {rows.into_iter().map(|c| {
                let credit = c.kind == LineKind::Credit;
                let amount = if credit { format!("−{}", dollars(c.amount_cents)) } else { dollars(c.amount_cents) };
                let state = c.invoice_number.clone().map_or_else(|| "Waiting for the next invoice".to_owned(), |n| format!("On invoice {n}"));
                let waiting = c.invoice_number.is_none();
                let id = c.id.clone();
                view! {
                    <li class="flex flex-wrap items-center gap-x-3 gap-y-1 py-2">
                        <span class="font-medium">{c.description.clone()}</span>
                        <span class="tabular-nums">{amount}</span>
                        <span class="text-slate-500 dark:text-slate-400">{state}</span>
                        {(waiting && can_write).then(|| view! {
                            <button type="button" class=format!("ml-auto {QUIET}") on:click=move |_| { remove.dispatch(RemoveCharge { id: id.clone() }); }>
                                "Remove"<span class="sr-only">{format!(" {}", c.description)}</span>
                            </button>
                        })}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}
