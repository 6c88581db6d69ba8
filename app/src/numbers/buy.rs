//! Numbers → Buy: search local numbers by place (state required) or toll-free numbers
//! (regular, or a vanity pattern such as 8XX-OUR-FOOD), tick the ones to buy, review the
//! total, buy. The wallet pays the rest of this month now; the numbers come into service
//! a moment later (PENDING → ACTIVE).

use leptos::prelude::*;
use leptos_meta::Title;
use model::{
    billing::{dollars, rate_per_minute},
    numbers::{AvailableNumber, parse_state},
    tenants::STATES,
};

use super::actions::{BuyNumbers, SearchNumbers, number_places};
use crate::{
    auth::Protected,
    context::use_viewer,
    error::{ErrorAlert, split_errors},
    ui::{Card, TextField},
};

#[component]
pub fn BuyNumbersPage() -> impl IntoView {
    let search = ServerAction::<SearchNumbers>::new();
    let buy = ServerAction::<BuyNumbers>::new();
    let kind = RwSignal::new("local".to_owned());
    let state = RwSignal::new(String::new());
    let places = Resource::new(
        move || state.get(),
        |s| async move {
            if parse_state(&s).is_ok() {
                number_places(s).await.ok()
            } else {
                None
            }
        },
    );
    let (fields, other) = split_errors(move || search.value().get());
    let selected = RwSignal::new(Vec::<AvailableNumber>::new());
    let reviewing = RwSignal::new(false);
    // A new search clears what was ticked in the last one.
    Effect::new(move |_| {
        search.version().track();
        selected.set(Vec::new());
        reviewing.set(false);
    });
    let field_class = "w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-900";
    view! {
        <Title text="Buy numbers"/>
        <Protected>
            <h1 class="text-2xl font-bold tracking-tight">"Buy numbers"</h1>
            <p class="mt-1 text-sm text-slate-600 dark:text-slate-400">"Search, tick the numbers you want, review the total, buy. Your wallet pays the rest of this month today."</p>
            <div class="mt-6 grid gap-6 lg:grid-cols-3">
                <Card title="Search">
                    <ActionForm action=search attr:novalidate=true attr:class="space-y-4" attr:data-testid="number-search">
                        <fieldset class="flex gap-4 text-sm">
                            <legend class="sr-only">"Kind of number"</legend>
                            <label class="flex items-center gap-2"><input type="radio" name="form[kind]" value="local" checked=true on:change=move |_| kind.set("local".into())/>"Local"</label>
                            <label class="flex items-center gap-2"><input type="radio" name="form[kind]" value="toll_free" on:change=move |_| kind.set("toll_free".into())/>"Toll-free"</label>
                        </fieldset>
                        <Show when=move || kind.get() == "local" fallback=move || view! {
                            <TextField name="pattern" input_name="form[pattern]" label="Vanity pattern (optional)" errors=fields
                                hint="Letters become keypad digits; X is any digit. Example: 8XX-OUR-FOOD."
                                check=|v| if v.trim().is_empty() { Ok(()) } else { model::numbers::vanity_pattern(v).map(|_| ()) }/>
                        }>
                            <div class="space-y-1">
                                <label for="field-state" class="block text-sm font-medium text-slate-700 dark:text-slate-200">"State"<span class="text-red-600" aria-hidden="true">" *"</span></label>
                                <select id="field-state" name="form[state]" class=field_class on:change=move |ev| state.set(event_target_value(&ev))
                                    aria-describedby="field-state-error">
                                    <option value="">"Choose a state"</option>
                                    {STATES.iter().map(|s| view! { <option value=*s>{*s}</option> }).collect_view()}
                                </select>
                                <p id="field-state-error" class="min-h-5 text-sm text-red-700 dark:text-red-400">{move || fields.get().and_then(|f| f.first("state").map(str::to_owned))}</p>
                            </div>
                            <div class="grid grid-cols-2 gap-3">
                                <TextField name="area_code" input_name="form[area_code]" label="Area code" errors=fields/>
                                <TextField name="nxx" input_name="form[nxx]" label="Exchange (NXX)" errors=fields/>
                            </div>
                            <TextField name="city" input_name="form[city]" label="City" errors=fields list="number-cities"/>
                            <TextField name="rate_center" input_name="form[rate_center]" label="Rate center" errors=fields list="number-centers"/>
                            <Transition>
                                {move || places.get().flatten().map(|(cities, centers)| view! {
                                    <datalist id="number-cities">{cities.into_iter().map(|c| view! { <option value=c/> }).collect_view()}</datalist>
                                    <datalist id="number-centers">{centers.into_iter().map(|c| view! { <option value=c/> }).collect_view()}</datalist>
                                })}
                            </Transition>
                        </Show>
                        <TextField name="limit" input_name="form[limit]" label="How many" value="20".to_owned() errors=fields/>
                        {move || other.get().map(|error| view! { <ErrorAlert error/> })}
                        <button type="submit" class="rounded-md bg-brand px-4 py-2 text-sm font-medium text-white hover:opacity-90 disabled:opacity-60" disabled=move || search.pending().get()>
                            {move || if search.pending().get() { "Searching…" } else { "Search" }}
                        </button>
                    </ActionForm>
                </Card>
                <div class="space-y-6 lg:col-span-2">
                    <Results search selected/>
                    <Review selected reviewing buy/>
                </div>
            </div>
        </Protected>
    }
}

#[component]
fn Results(
    search: ServerAction<SearchNumbers>,
    selected: RwSignal<Vec<AvailableNumber>>,
) -> impl IntoView {
    let toggle = move |n: AvailableNumber| {
        selected.update(|list| {
            if let Some(at) = list.iter().position(|x| x.number == n.number) {
                list.remove(at);
            } else {
                list.push(n);
            }
        });
    };
    view! {
        <Card title="Available numbers">
            {move || match search.value().get() {
                None => view! { <p class="text-sm text-slate-600 dark:text-slate-400">"Choose a state (or toll-free) and search."</p> }.into_any(),
                Some(Err(_)) => view! { <p class="text-sm text-slate-600 dark:text-slate-400">"Fix the search to see numbers."</p> }.into_any(),
                Some(Ok(list)) if list.is_empty() => view! { <p class="text-sm" data-testid="no-numbers">"No numbers match. Try fewer filters or another area code."</p> }.into_any(),
                Some(Ok(list)) => view! {
                    <div class="relative overflow-x-auto">
                        <table class="w-full text-left text-sm" data-testid="available">
                            <thead class="text-slate-500"><tr>
                                <th class="py-2 pr-3"><span class="sr-only">"Select"</span></th>
                                <th class="py-2 pr-3 font-medium">"Number"</th>
                                <th class="py-2 pr-3 font-medium">"Region"</th>
                                <th class="hidden py-2 pr-3 font-medium sm:table-cell">"Rate center"</th>
                                <th class="py-2 pr-3 font-medium">"Monthly"</th>
                                <th class="hidden py-2 pr-3 font-medium md:table-cell">"Setup"</th>
                                <th class="hidden py-2 font-medium md:table-cell">"Per minute"</th>
                            </tr></thead>
                            <tbody class="divide-y divide-slate-200 dark:divide-slate-800">
                                {list.into_iter().map(|n| {
                                    let label = format!("Select {}", n.number);
                                    let key = n.number.clone();
                                    let checked = move || selected.with(|s| s.iter().any(|x| x.number == key));
                                    let row = n.clone();
                                    view! {
                                        <tr data-testid="available-row" data-number=n.number.e164().to_owned()>
                                            <td class="py-2 pr-3"><input type="checkbox" aria-label=label prop:checked=checked on:change=move |_| toggle(row.clone())/></td>
                                            <td class="py-2 pr-3 font-mono">{n.number.to_string()}</td>
                                            <td class="py-2 pr-3">{n.region.clone()}</td>
                                            <td class="hidden py-2 pr-3 sm:table-cell">{n.rate_center.clone().unwrap_or_default()}</td>
                                            <td class="py-2 pr-3">{dollars(n.monthly_cents)}</td>
                                            <td class="hidden py-2 pr-3 md:table-cell">{dollars(n.setup_cents)}</td>
                                            <td class="hidden py-2 md:table-cell">{rate_per_minute(n.minute_micros)}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any(),
            }}
        </Card>
    }
    .into_any()
}

#[component]
fn Review(
    selected: RwSignal<Vec<AvailableNumber>>,
    reviewing: RwSignal<bool>,
    buy: ServerAction<BuyNumbers>,
) -> impl IntoView {
    let can_write = use_viewer().is_some_and(|v| v.can_write());
    let count = move || selected.with(Vec::len);
    let today = move || selected.with(|s| s.iter().map(|n| n.first_charge_cents).sum::<i64>());
    let monthly = move || selected.with(|s| s.iter().map(|n| n.monthly_cents).sum::<i64>());
    let confirm = move |_| {
        let numbers =
            selected.with_untracked(|s| s.iter().map(|n| n.number.e164().to_owned()).collect());
        buy.dispatch(BuyNumbers { numbers });
    };
    Effect::new(move |_| {
        if matches!(buy.value().get(), Some(Ok(_))) {
            selected.set(Vec::new());
            reviewing.set(false);
        }
    });
    view! {
        <div aria-live="polite">
            {move || (count() > 0 && can_write).then(|| view! {
                <div class="flex flex-wrap items-center gap-3 rounded-md border border-slate-200 p-3 dark:border-slate-800" data-testid="selection">
                    <span class="text-sm">{format!("{} selected · {} a month", count(), dollars(monthly()))}</span>
                    <button type="button" class="ml-auto rounded-md bg-brand px-4 py-2 text-sm font-medium text-white hover:opacity-90" on:click=move |_| reviewing.set(true)>"Review purchase"</button>
                </div>
            })}
            {move || reviewing.get().then(|| view! {
                <Card title="Confirm purchase">
                    <div data-testid="confirm-purchase" class="space-y-3">
                        <ul class="text-sm">{selected.get().into_iter().map(|n| view! { <li class="font-mono">{n.number.to_string()}" · "{n.region}</li> }).collect_view()}</ul>
                        <p class="text-sm">{format!("{} a month from next month. Charged to your wallet today, for the rest of this month: ", dollars(monthly()))}<strong data-testid="total-today">{dollars(today())}</strong>"."</p>
                        <div class="flex gap-2">
                            <button type="button" on:click=confirm disabled=move || buy.pending().get()
                                class="rounded-md bg-brand px-4 py-2 text-sm font-medium text-white hover:opacity-90 disabled:opacity-60">
                                {move || if buy.pending().get() { "Buying…" } else { "Buy now" }}
                            </button>
                            <button type="button" on:click=move |_| reviewing.set(false) class="rounded-md border border-slate-300 px-4 py-2 text-sm dark:border-slate-700">"Back"</button>
                        </div>
                    </div>
                </Card>
            })}
            {move || match buy.value().get() {
                Some(Ok(done)) => view! {
                    <p role="status" class="rounded-md border border-green-300 bg-green-50 p-3 text-sm text-green-900 dark:border-green-800 dark:bg-green-950 dark:text-green-100" data-testid="bought">
                        {format!("Bought {} number{} for {}. Wallet: {}. They are being activated now; ", done.numbers.len(), if done.numbers.len() == 1 { "" } else { "s" }, dollars(done.charged_cents), dollars(done.balance_cents))}
                        <a class="underline" href="/numbers">"see them in your inventory"</a>"."
                    </p>
                }.into_any(),
                Some(Err(error)) => view! { <ErrorAlert error/> }.into_any(),
                None => ().into_any(),
            }}
        </div>
    }
    .into_any()
}
