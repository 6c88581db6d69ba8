//! The portal's Users card: a tenant's own people. Tenant Admins (and the partner's
//! admins managing the tenant) invite and remove; Tenant Users only read.

use leptos::prelude::*;
use model::team::Member;

use crate::{
    error::{ErrorAlert, FnError, split_errors},
    ui::{Badge, Card, Skeleton, TextField, Tone},
};

#[server(prefix = "/api", endpoint = "tenant_users")]
pub async fn tenant_users(tenant: String) -> Result<Vec<Member>, FnError> {
    let (db, meta) = (
        crate::context::services()?.db,
        crate::context::request_meta(),
    );
    Ok(domain::tenants::users::list(&db, meta.viewer.as_ref(), &tenant).await?)
}

#[server(prefix = "/api", endpoint = "invite_tenant_user")]
pub async fn invite_tenant_user(
    tenant: String,
    email: String,
    role: String,
) -> Result<(), FnError> {
    let (db, meta) = (
        crate::context::services()?.db,
        crate::context::request_meta(),
    );
    Ok(domain::tenants::users::invite(
        &db,
        meta.viewer.as_ref(),
        &tenant,
        &email,
        &role,
        &meta.base_url,
        chrono::Utc::now(),
    )
    .await?)
}

#[server(prefix = "/api", endpoint = "remove_tenant_user")]
pub async fn remove_tenant_user(tenant: String, member: String) -> Result<(), FnError> {
    let (db, meta) = (
        crate::context::services()?.db,
        crate::context::request_meta(),
    );
    Ok(domain::tenants::users::remove(
        &db,
        meta.viewer.as_ref(),
        &tenant,
        &member,
        chrono::Utc::now(),
    )
    .await?)
}

#[component]
pub fn PortalUsers(tenant: String, can_write: bool) -> impl IntoView {
    let invite = ServerAction::<InviteTenantUser>::new();
    let remove = ServerAction::<RemoveTenantUser>::new();
    let id = tenant.clone();
    let people = Resource::new(
        move || (id.clone(), invite.version().get(), remove.version().get()),
        |(id, ..)| tenant_users(id),
    );
    let (fields, other) = split_errors(move || invite.value().get());
    let sent = move || matches!(invite.value().get(), Some(Ok(())));
    let tenant_rows = tenant.clone();
    view! {
        <Card title="Users">
            <Transition fallback=|| view! { <Skeleton lines=2/> }>
                {move || {
                    let tenant = tenant_rows.clone();
                    Suspend::new(async move {
                        match people.await {
                            Ok(list) if list.is_empty() => view! {
                                <p class="text-sm text-slate-600 dark:text-slate-400">"No users yet. Invite the people who look after this account."</p>
                            }.into_any(),
                            Ok(list) => view! {
                                <ul class="divide-y divide-slate-200 dark:divide-slate-800" data-testid="portal-users">
                                    {list.into_iter().map(|m| {
                                        let tenant = tenant.clone();
                                        let badge = if m.pending { ("Invited", Tone::Warn) } else { ("Active", Tone::Good) };
                                        view! {
                                            <li class="flex items-center justify-between gap-2 py-2 text-sm">
                                                <span>
                                                    <span class="block font-medium">{m.name.clone().unwrap_or_else(|| m.email.clone())}</span>
                                                    <span class="block text-xs text-slate-500">{format!("{} · {}", m.email, m.role.label())}</span>
                                                </span>
                                                <span class="flex items-center gap-2">
                                                    <Badge tone=badge.1 label=badge.0/>
                                                    {(can_write && !m.is_you).then(|| view! {
                                                        <ActionForm action=remove attr:class="inline">
                                                            <input type="hidden" name="tenant" value=tenant/>
                                                            <input type="hidden" name="member" value=m.id.clone()/>
                                                            <button type="submit" class="text-sm text-red-700 hover:underline dark:text-red-400">"Remove"</button>
                                                        </ActionForm>
                                                    })}
                                                </span>
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                            }.into_any(),
                            Err(error) => view! { <ErrorAlert error/> }.into_any(),
                        }
                    })
                }}
            </Transition>
            {move || remove.value().get().and_then(Result::err).map(|error| view! { <ErrorAlert error/> })}
            {can_write.then(|| view! {
                <ActionForm action=invite attr:class="mt-4 space-y-3 border-t border-slate-200 pt-4 dark:border-slate-800" attr:novalidate=true attr:data-testid="invite-tenant-user">
                    <input type="hidden" name="tenant" value=tenant.clone()/>
                    <TextField name="email" label="Email" input_type="email" errors=fields check=|v| model::auth::Email::parse(v).map(|_| ())/>
                    <div class="space-y-1">
                        <label for="field-role" class="block text-sm font-medium">"Role"</label>
                        <select id="field-role" name="role" class="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-900">
                            <option value="tenant_admin">"Tenant Admin (manages users and extensions)"</option>
                            <option value="tenant_user">"Tenant User (read-only)"</option>
                        </select>
                    </div>
                    {move || other.get().map(|error| view! { <ErrorAlert error/> })}
                    <button type="submit" class="rounded-md bg-brand px-3 py-2 text-sm font-medium text-white hover:opacity-90">"Send invitation"</button>
                    <p role="status" class="text-sm text-green-700 dark:text-green-400">{move || sent().then_some("Invitation sent. The link is valid for 7 days.")}</p>
                </ActionForm>
            })}
        </Card>
    }
}

#[component]
pub fn PortalUsersPage() -> impl IntoView {
    fn page(v: super::PortalView) -> AnyView {
        view! { <PortalUsers tenant=v.tenant.id can_write=v.writable/> }.into_any()
    }
    view! { <crate::auth::Protected><super::Frame title="Users" page/></crate::auth::Protected> }
}
