//! Settings → Brand: the name, colour and addresses the partner's customers see, with a
//! live preview of the dashboard chrome and the sign-in card that follows every
//! keystroke and colour pick before anything is saved.

mod domains;
mod golive;
mod logo;

pub use domains::DomainSettingsPage;
pub use golive::GoLivePage;

use leptos::prelude::*;
use leptos_meta::Title;
use model::branding::{
    BrandInfo, HexColor,
    form::{BrandForm, BrandSettings, contrast_warnings, parse_brand_name},
};

use crate::{
    auth::Protected,
    context::use_viewer,
    error::{ErrorAlert, FnError, split_errors},
    ui::{Card, Skeleton, TextField},
};

#[server(prefix = "/api", endpoint = "get_brand")]
pub async fn get_brand() -> Result<BrandSettings, FnError> {
    let (db, meta) = (
        crate::context::services()?.db,
        crate::context::request_meta(),
    );
    Ok(domain::branding::settings::get(&db, meta.viewer.as_ref()).await?)
}

#[server(prefix = "/api", endpoint = "save_brand")]
pub async fn save_brand(form: BrandForm) -> Result<BrandInfo, FnError> {
    let (db, meta) = (
        crate::context::services()?.db,
        crate::context::request_meta(),
    );
    Ok(
        domain::branding::settings::save(&db, meta.viewer.as_ref(), &form, chrono::Utc::now())
            .await?,
    )
}

#[component]
pub fn BrandPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_brand());
    view! {
        <Title text="Brand"/>
        <Protected>
            <h1 class="text-2xl font-bold tracking-tight">"Brand"</h1>
            <p class="mt-1 text-sm text-slate-600 dark:text-slate-400">"What your customers see: on their portal, in every email, on your own domain. They never see the platform's name."</p>
            <div class="mt-6">
                <Transition fallback=|| view! { <Skeleton lines=6/> }>
                    {move || Suspend::new(async move {
                        match data.await {
                            Ok(s) => view! { <Editor settings=s/> }.into_any(),
                            Err(error) => view! { <ErrorAlert error/> }.into_any(),
                        }
                    })}
                </Transition>
            </div>
        </Protected>
    }
}

#[component]
fn Editor(settings: BrandSettings) -> impl IntoView {
    let can_write = use_viewer().is_some_and(|v| v.can_write());
    let save = ServerAction::<SaveBrand>::new();
    let (fields, other) = split_errors(move || save.value().get());
    let saved = move || matches!(save.value().get(), Some(Ok(_)));
    let name = RwSignal::new(settings.form.brand_name.clone());
    let color = RwSignal::new(settings.form.primary_color.clone());
    let company = settings.company_name.clone();
    let shown_name = Signal::derive(move || {
        parse_brand_name(&name.get())
            .ok()
            .flatten()
            .unwrap_or_else(|| company.clone())
    });
    // The last valid colour, so a half-typed hex does not blank the preview.
    let valid_color = Memo::new(move |previous: Option<&HexColor>| {
        HexColor::parse(&color.get())
            .ok()
            .or(previous.copied())
            .unwrap_or(HexColor::rgb(0x1d, 0x4e, 0xd8))
    });
    let warnings = move || contrast_warnings(valid_color.get());
    let saved_logo = RwSignal::new(settings.logo_url.clone());
    let logo_preview = RwSignal::new(settings.logo_url.clone());
    view! {
        <div class="grid gap-6 lg:grid-cols-2">
            <Card title="Your brand">
                <ActionForm action=save attr:class="space-y-4" attr:novalidate=true attr:data-testid="brand-form">
                    <fieldset disabled=!can_write class="space-y-4">
                        <TextField name="brand_name" input_name="form[brand_name]" label="Brand name" errors=fields value=name
                            on_input=Callback::new(move |v| name.set(v))
                            hint=format!("Empty uses your company name, {}.", settings.company_name)
                            check=|v| parse_brand_name(v).map(|_| ())/>
                        <div class="flex items-end gap-3">
                            <div class="grow">
                                <TextField name="primary_color" input_name="form[primary_color]" label="Primary colour (hex)" errors=fields value=color
                                    on_input=Callback::new(move |v| color.set(v))
                                    check=|v| HexColor::parse(v).map(|_| ())/>
                            </div>
                            <input type="color" aria-label="Pick the primary colour" class="mb-7 h-10 w-12 cursor-pointer rounded border border-slate-300 dark:border-slate-700"
                                prop:value=move || valid_color.get().to_string()
                                on:input=move |ev| color.set(event_target_value(&ev))/>
                        </div>
                        <ul class="space-y-1 text-sm text-amber-800 dark:text-amber-300" data-testid="contrast-warnings" aria-live="polite">
                            {move || warnings().into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}
                        </ul>
                        <TextField name="from_email" input_name="form[from_email]" label="Send email from" input_type="email" errors=fields
                            value=settings.form.from_email.clone() hint="Empty sends from the platform's address, still under your brand's name."/>
                        <TextField name="support_email" input_name="form[support_email]" label="Support email" input_type="email" errors=fields
                            value=settings.form.support_email.clone() hint="Shown to your customers in emails and the help center."/>
                    </fieldset>
                    {can_write.then(|| view! {
                        <div class="space-y-2">
                            {move || other.get().map(|error| view! { <ErrorAlert error/> })}
                            <button type="submit" class="rounded-md bg-brand px-4 py-2 text-sm font-medium text-white hover:opacity-90">"Save brand"</button>
                            <p role="status" class="text-sm text-green-700 dark:text-green-400">{move || saved().then_some("Saved. Your customers see it from their next page.")}</p>
                        </div>
                    })}
                </ActionForm>
            </Card>
            <div class="space-y-6">
                <Preview name=shown_name color=valid_color logo=logo_preview/>
                <logo::LogoCard saved=saved_logo preview=logo_preview can_write/>
            </div>
        </div>
    }
}

/// The dashboard header and the sign-in card in the brand being edited.
#[component]
fn Preview(
    name: Signal<String>,
    color: Memo<HexColor>,
    logo: RwSignal<Option<String>>,
) -> impl IntoView {
    let accent = move || format!("background-color: {}", color.get());
    view! {
        <Card title="Preview">
            <div data-testid="brand-preview" class="space-y-4" aria-label="Preview of your brand">
                <div class="flex items-center gap-2 rounded-md border border-slate-200 bg-white px-3 py-2 text-slate-900 dark:border-slate-700">
                    {move || match logo.get() {
                        Some(src) => view! { <img src=src alt="" class="h-8 w-auto max-w-40 object-contain" data-testid="preview-logo"/> }.into_any(),
                        None => view! { <span class="inline-block h-5 w-5 rounded" style=accent aria-hidden="true"></span> }.into_any(),
                    }}
                    <span class="font-semibold" data-testid="preview-name">{move || name.get()}</span>
                    <span class="ml-auto text-xs text-slate-500">"Dashboard · Extensions · Users"</span>
                </div>
                <div class="mx-auto max-w-xs rounded-lg border border-slate-200 bg-slate-50 p-4 text-slate-900 dark:border-slate-700">
                    {move || logo.get().map(|src| view! { <img src=src alt="" class="mx-auto mb-2 h-8 w-auto max-w-40 object-contain"/> })}
                    <p class="text-center font-semibold">{move || format!("Sign in to {}", name.get())}</p>
                    <div class="mt-3 h-8 rounded border border-slate-300 bg-white"></div>
                    <div class="mt-2 h-8 rounded border border-slate-300 bg-white"></div>
                    <div class="mt-3 rounded py-2 text-center text-sm font-medium text-white" style=accent data-testid="preview-button">"Sign in"</div>
                </div>
            </div>
        </Card>
    }
}
