//! The countdown every page shows while a partner is on trial, and the notice once a
//! lapsed trial has paused service (only activation lifts it, so that partner may still
//! sign in to activate).

use leptos::prelude::*;
use model::partners::PartnerStatus;

use crate::context::use_viewer;

#[component]
pub fn TrialBanner() -> impl IntoView {
    let partner = use_viewer().and_then(|v| v.partner)?;
    let (text, class) = match (partner.status, partner.trial_days_left) {
        (PartnerStatus::Trial, Some(days)) => (
            match days {
                0 => "Your trial ends today.".to_owned(),
                1 => "Your trial ends within a day.".to_owned(),
                n => format!("{n} days left in your trial."),
            },
            "border-amber-200 bg-amber-50 text-amber-900 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-100",
        ),
        (PartnerStatus::Suspended, _) => (
            "Your trial has ended and service is paused.".to_owned(),
            "border-red-200 bg-red-50 text-red-900 dark:border-red-900 dark:bg-red-950 dark:text-red-100",
        ),
        _ => return None,
    };
    Some(view! {
        <div role="status" data-testid="trial-banner" class=format!("border-b px-4 py-2 text-center text-sm {class}")>
            {text}" "
            <a href="/settings/billing" class="font-medium underline">"Choose a plan to keep your service running."</a>
        </div>
    })
}
