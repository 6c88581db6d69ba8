//! Choosing a plan on the Subscription tab: pick a tier, read exactly what happens
//! (new monthly fee, the prorated charge for the rest of the month, the amount charged
//! now, and from when), then confirm.

use leptos::prelude::*;
use model::billing::{
    Subscription, TierCode, dollars,
    plan::{PlanChange, PlanQuote},
};

use crate::{
    error::{ErrorAlert, FnError, split_errors},
    ui::{Card, Fact, Skeleton},
};

#[server(prefix = "/api", endpoint = "quote_plan")]
pub async fn quote_plan(tier: String) -> Result<PlanQuote, FnError> {
    let (db, meta) = (
        crate::context::services()?.db,
        crate::context::request_meta(),
    );
    Ok(domain::billing::plan::quote(&db, meta.viewer.as_ref(), &tier, chrono::Utc::now()).await?)
}

#[server(prefix = "/api", endpoint = "choose_plan")]
pub async fn choose_plan(tier: String) -> Result<(), FnError> {
    let (services, meta) = (crate::context::services()?, crate::context::request_meta());
    domain::billing::plan::choose(
        &services.db,
        services.payments.as_ref(),
        meta.viewer.as_ref(),
        &tier,
        chrono::Utc::now(),
    )
    .await?;
    // A full page load: the banner and navigation follow the new status.
    leptos_axum::redirect("/settings/billing");
    Ok(())
}

#[component]
pub fn PlanChooser(sub: Subscription) -> impl IntoView {
    let activating = sub.status != "ACTIVE";
    let options: Vec<(String, String)> = sub
        .tiers
        .iter()
        .filter(|t| t.monthly_fee_cents.is_some())
        .filter(|t| activating || t.code != sub.tier.code)
        .map(|t| (t.code.as_str().to_owned(), t.name.clone()))
        .collect();
    let first = options.first().map(|(c, _)| c.clone()).unwrap_or_default();
    let chosen = RwSignal::new(if activating {
        sub.tier.code.as_str().to_owned()
    } else {
        first
    });
    let quote = Resource::new(move || chosen.get(), quote_plan);
    let confirm = ServerAction::<ChoosePlan>::new();
    let (_, other) = split_errors(move || confirm.value().get());
    let title = if activating {
        "Activate your account"
    } else {
        "Change plan"
    };
    view! {
        <Card title=title>
            <label for="field-tier" class="block text-sm font-medium">"Plan"</label>
            <select id="field-tier" class="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-900"
                on:change=move |ev| chosen.set(event_target_value(&ev))>
                {options.into_iter().map(|(code, name)| {
                    let selected = chosen.get_untracked() == code;
                    view! { <option value=code selected=selected>{name}</option> }
                }).collect_view()}
            </select>
            <p class="mt-1 text-xs text-slate-500">"Enterprise is arranged with the platform directly."</p>
            <div class="mt-4" data-testid="plan-quote" aria-live="polite">
                <Transition fallback=|| view! { <Skeleton lines=3/> }>
                    {move || Suspend::new(async move {
                        match quote.await {
                            Ok(q) => view! { <Quote q confirm/> }.into_any(),
                            Err(error) => view! { <ErrorAlert error/> }.into_any(),
                        }
                    })}
                </Transition>
            </div>
            {move || other.get().map(|error| view! { <div class="mt-3"><ErrorAlert error/></div> })}
        </Card>
    }
}

#[component]
fn Quote(q: PlanQuote, confirm: ServerAction<ChoosePlan>) -> impl IntoView {
    let days = format!("{} of {} days", q.days_left, q.days_in_month);
    let (what, button) = match q.change {
        PlanChange::Activate => ("Prorated first month", format!("Activate {}", q.to.name)),
        PlanChange::Upgrade => ("Prorated difference", format!("Upgrade to {}", q.to.name)),
        PlanChange::Downgrade => ("Charged now", format!("Downgrade to {}", q.to.name)),
    };
    let when = match q.change {
        PlanChange::Downgrade => format!(
            "From {} (your current plan runs to the end of this cycle)",
            q.effective_on
        ),
        _ => format!("At once ({})", q.effective_on),
    };
    let code: TierCode = q.to.code;
    view! {
        <dl>
            <Fact label="New monthly fee">{dollars(q.new_fee_cents)}</Fact>
            {(q.change != PlanChange::Downgrade).then(|| view! {
                <Fact label=format!("{what}, {days}")>{dollars(q.prorated_cents)}</Fact>
            })}
            <Fact label="Charged to your card now">{dollars(q.charge_now_cents)}</Fact>
            <Fact label="Applies">{when}</Fact>
        </dl>
        <ActionForm action=confirm attr:class="mt-3">
            <input type="hidden" name="tier" value=code.as_str()/>
            <button type="submit" class="rounded-md bg-brand px-4 py-2 text-sm font-medium text-white hover:opacity-90 disabled:opacity-60" disabled=move || confirm.pending().get()>
                {move || if confirm.pending().get() { "Confirming…".to_owned() } else { button.clone() }}
            </button>
        </ActionForm>
    }
}
