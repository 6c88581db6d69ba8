use leptos::prelude::*;
use model::team::Member;

use super::{RemoveMember, ResendInvite};
use crate::ui::{Badge, Tone};

#[component]
pub fn TeamTable(
    members: Vec<Member>,
    can_write: bool,
    remove: ServerAction<RemoveMember>,
    resend: ServerAction<ResendInvite>,
) -> impl IntoView {
    view! {
        <div class="relative -mx-5 overflow-x-auto">
            <table class="min-w-full text-left text-sm" data-testid="team-table">
                <thead class="text-xs uppercase tracking-wide text-slate-500">
                    <tr>
                        <th scope="col" class="px-5 py-2">"Person"</th>
                        <th scope="col" class="px-5 py-2">"Role"</th>
                        <th scope="col" class="px-5 py-2">"Last sign-in"</th>
                        <th scope="col" class="px-5 py-2">"Created"</th>
                        {can_write.then(|| view! { <th scope="col" class="px-5 py-2"><span class="sr-only">"Actions"</span></th> })}
                    </tr>
                </thead>
                <tbody class="divide-y divide-slate-200 dark:divide-slate-800">
                    {members.into_iter().map(|m| view! { <Row member=m can_write remove resend/> }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn Row(
    member: Member,
    can_write: bool,
    remove: ServerAction<RemoveMember>,
    resend: ServerAction<ResendInvite>,
) -> impl IntoView {
    let badge = if member.pending {
        ("Invited", Tone::Warn)
    } else if member.verified {
        ("Verified", Tone::Good)
    } else {
        ("Unverified", Tone::Neutral)
    };
    let day = |t: &str| t.get(..10).unwrap_or(t).to_owned();
    let (pending, is_you) = (member.pending, member.is_you);
    let (resend_id, remove_id) = (member.id.clone(), member.id.clone());
    view! {
        <tr data-testid="team-row">
            <td class="px-5 py-3">
                <span class="block font-medium">{member.name.clone().unwrap_or_else(|| member.email.clone())}{is_you.then_some(" (you)")}</span>
                <span class="block text-xs text-slate-500">{member.email.clone()}</span>
                <span class="mt-1 block"><Badge tone=badge.1 label=badge.0/></span>
            </td>
            <td class="px-5 py-3">{member.role.label()}</td>
            <td class="px-5 py-3">{member.last_login_at.as_deref().map_or_else(|| "Never".to_owned(), day)}</td>
            <td class="px-5 py-3">{day(&member.created_at)}</td>
            {can_write.then(|| view! {
                <td class="space-x-2 whitespace-nowrap px-5 py-3 text-right">
                    {pending.then(|| view! {
                        <ActionForm action=resend attr:class="inline">
                            <input type="hidden" name="member" value=resend_id/>
                            <button type="submit" class="text-sm text-brand hover:underline">"Resend"</button>
                        </ActionForm>
                    })}
                    {(!is_you).then(|| view! {
                        <ActionForm action=remove attr:class="inline">
                            <input type="hidden" name="member" value=remove_id/>
                            <button type="submit" data-testid="remove-member" class="text-sm text-red-700 hover:underline dark:text-red-400">
                                {if pending { "Revoke" } else { "Remove" }}
                            </button>
                        </ActionForm>
                    })}
                </td>
            })}
        </tr>
    }
}
