//! Settings → Users: the partner's team, invitations and removal. Buttons that change
//! anything show only to Partner Admins; the server refuses everyone else regardless.

mod accept;
mod actions;
mod table;

pub use accept::AcceptInvitePage;
pub use actions::{
    AcceptInvite, InviteMember, RemoveMember, ResendInvite, TeamMembers, team_members,
};

use leptos::prelude::*;
use leptos_meta::Title;
use model::team::INVITABLE;

use crate::{
    auth::Protected,
    context::use_viewer,
    error::{ErrorAlert, split_errors},
    ui::{Card, Skeleton, TextField},
};
use table::TeamTable;

#[component]
pub fn TeamPage() -> impl IntoView {
    view! {
        <Title text="Users"/>
        <Protected>
            <TeamSettings/>
        </Protected>
    }
}

#[component]
fn TeamSettings() -> impl IntoView {
    let can_write = use_viewer().is_some_and(|v| v.can_write());
    let invite = ServerAction::<InviteMember>::new();
    let remove = ServerAction::<RemoveMember>::new();
    let resend = ServerAction::<ResendInvite>::new();
    let members = Resource::new(
        move || {
            (
                invite.version().get(),
                remove.version().get(),
                resend.version().get(),
            )
        },
        |_| team_members(),
    );
    view! {
        <h1 class="text-2xl font-bold tracking-tight">"Users"</h1>
        <p class="mt-1 text-sm text-slate-600 dark:text-slate-400">
            "Partner Admins can change everything; Partner Users can look but not change."
        </p>
        <div class="mt-6 grid grid-cols-1 gap-6 lg:grid-cols-3">
            <div class="lg:col-span-2">
                <Card title="Team">
                    <Suspense fallback=|| view! { <Skeleton lines=4/> }>
                        {move || Suspend::new(async move {
                            match members.await {
                                Ok(list) => view! { <TeamTable members=list can_write remove resend/> }.into_any(),
                                Err(error) => view! { <ErrorAlert error/> }.into_any(),
                            }
                        })}
                    </Suspense>
                    {move || remove.value().get().and_then(Result::err).map(|error| view! { <ErrorAlert error/> })}
                </Card>
            </div>
            {can_write.then(|| view! { <InviteForm action=invite/> })}
        </div>
    }
}

#[component]
fn InviteForm(action: ServerAction<InviteMember>) -> impl IntoView {
    let (fields, other) = split_errors(move || action.value().get());
    let sent = move || matches!(action.value().get(), Some(Ok(())));
    view! {
        <Card title="Invite someone">
            <ActionForm action=action attr:class="space-y-4" attr:novalidate=true>
                <TextField name="email" label="Email" input_type="email" required=true errors=fields check=|v| model::auth::Email::parse(v).map(|_| ())/>
                <div class="space-y-1">
                    <label for="field-role" class="block text-sm font-medium text-slate-700 dark:text-slate-200">"Role"</label>
                    <select id="field-role" name="role" class="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-900">
                        {INVITABLE.iter().map(|r| view! { <option value=r.as_str()>{r.label()}</option> }).collect_view()}
                    </select>
                </div>
                {move || other.get().map(|error| view! { <ErrorAlert error/> })}
                <button type="submit" class="w-full rounded-md bg-brand px-4 py-2 text-sm font-medium text-white hover:opacity-90 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand focus-visible:ring-offset-2">
                    "Send invitation"
                </button>
                <p role="status" class="text-sm text-green-700 dark:text-green-400">
                    {move || sent().then_some("Invitation sent. The link is valid for 7 days.")}
                </p>
            </ActionForm>
        </Card>
    }
}
