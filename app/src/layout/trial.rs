//! The countdown every page shows while a partner is on trial.

use leptos::prelude::*;
use model::partners::PartnerStatus;

use crate::context::use_viewer;

#[component]
pub fn TrialBanner() -> impl IntoView {
    let days = use_viewer()
        .and_then(|v| v.partner)
        .filter(|p| p.status == PartnerStatus::Trial)
        .and_then(|p| p.trial_days_left);
    days.map(|days| {
        let text = match days {
            0 => "Your trial has ended.".to_owned(),
            1 => "Your trial ends within a day.".to_owned(),
            n => format!("{n} days left in your trial."),
        };
        view! {
            <div role="status" data-testid="trial-banner" class="border-b border-amber-200 bg-amber-50 px-4 py-2 text-center text-sm text-amber-900 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-100">
                {text}" Add a payment method before it ends to keep your service running."
            </div>
        }
    })
}
