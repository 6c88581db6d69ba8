//! The portal's Settings: the tenant's own admins keep their billing contact, caller-ID
//! name, time zone and emergency address current. Name, SIP prefix and limits belong to
//! the partner and show here read-only.

use leptos::prelude::*;
use model::tenants::{Tenant, TenantSettings};

use super::{Frame, PortalView};
use crate::{
    auth::Protected,
    error::{ErrorAlert, FnError, split_errors},
    tenants::TenantFields,
    ui::{Card, Fact},
};

#[server(prefix = "/api", endpoint = "save_tenant_settings")]
pub async fn save_tenant_settings(id: String, form: TenantSettings) -> Result<Tenant, FnError> {
    let (db, meta) = (
        crate::context::services()?.db,
        crate::context::request_meta(),
    );
    Ok(
        domain::tenants::update_settings(&db, meta.viewer.as_ref(), &id, &form, chrono::Utc::now())
            .await?,
    )
}

#[component]
pub fn PortalSettingsPage() -> impl IntoView {
    fn page(v: PortalView) -> AnyView {
        view! { <Settings view=v/> }.into_any()
    }
    view! { <Protected><Frame title="Settings" page/></Protected> }
}

#[component]
fn Settings(view: PortalView) -> impl IntoView {
    let save = ServerAction::<SaveTenantSettings>::new();
    let (fields, other) = split_errors(move || save.value().get());
    let saved = move || matches!(save.value().get(), Some(Ok(_)));
    let t = view.tenant;
    let writable = view.writable;
    let limit = |n: Option<u32>| n.map_or_else(|| "No limit".to_owned(), |n| n.to_string());
    let (id, form) = (t.id.clone(), t.form());
    let (max_extensions, max_numbers) = (limit(t.max_extensions), limit(t.max_numbers));
    view! {
        <div class="grid gap-6 lg:grid-cols-3">
            <div class="lg:col-span-2">
                <Card title="Account settings">
                    <ActionForm action=save attr:novalidate=true attr:data-testid="portal-settings">
                        <input type="hidden" name="id" value=id/>
                        <fieldset disabled=!writable>
                            <TenantFields initial=form creating=false own_settings=true errors=fields/>
                        </fieldset>
                        {writable.then(|| view! {
                            <div class="mt-6 space-y-3">
                                {move || other.get().map(|error| view! { <ErrorAlert error/> })}
                                <button type="submit" class="rounded-md bg-brand px-4 py-2 text-sm font-medium text-white hover:opacity-90 disabled:opacity-60" disabled=move || save.pending().get()>
                                    {move || if save.pending().get() { "Saving…" } else { "Save settings" }}
                                </button>
                                <p role="status" class="text-sm text-green-700 dark:text-green-400">{move || saved().then_some("Saved.")}</p>
                            </div>
                        })}
                    </ActionForm>
                </Card>
            </div>
            <Card title="Set by your provider">
                <dl>
                    <Fact label="Account name">{t.name}</Fact>
                    <Fact label="SIP prefix"><code>{t.sip_prefix}</code></Fact>
                    <Fact label="Extension limit">{max_extensions}</Fact>
                    <Fact label="Number limit">{max_numbers}</Fact>
                </dl>
            </Card>
        </div>
    }
}
