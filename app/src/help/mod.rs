//! The help center at `/help/partner` and `/help/tenant`: the manuals' contents, a
//! chapter with its sections, and search (a plain GET form, so it works before the
//! script loads and a search can be linked to). Everything renders in the requesting
//! domain's brand, with its support address in the footer. No sign-in needed: a
//! customer locked out of their account should still be able to read how to get back in.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use model::{
    branding::BrandInfo,
    help::{ChapterEntry, HelpView, SearchHit},
};

use crate::{
    error::{ErrorAlert, FnError},
    ui::Skeleton,
};

#[server(prefix = "/api", endpoint = "help_page")]
pub async fn help_page(
    manual: String,
    chapter: Option<String>,
    q: Option<String>,
) -> Result<HelpView, FnError> {
    let brand = crate::context::request_brand()
        .map(|b| b.name)
        .unwrap_or_default();
    let manual =
        model::help::Manual::parse(&manual).ok_or_else(|| model::AppError::not_found("Manual"))?;
    domain::help::view(manual, chapter.as_deref(), q.as_deref(), &brand)
        .ok_or_else(|| model::AppError::not_found("Help page").into())
}

#[component]
pub fn HelpPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let key = move || {
        (
            params.with(|p| p.get("manual").unwrap_or_default()),
            params.with(|p| p.get("chapter")),
            query.with(|q| q.get("q")),
        )
    };
    let data = Resource::new(key, |(manual, chapter, q)| help_page(manual, chapter, q));
    view! {
        <Transition fallback=|| view! { <Skeleton lines=8/> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(view) => view! { <Help view/> }.into_any(),
                    Err(error) => view! { <Title text="Help"/><ErrorAlert error/> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Help(view: HelpView) -> impl IntoView {
    let brand = expect_context::<BrandInfo>();
    let manual = view.manual;
    let base = format!("/help/{}", manual.slug());
    let open_slug = view.chapter.as_ref().map(|c| c.slug.clone());
    let title = view.chapter.as_ref().map_or_else(
        || manual.title().to_owned(),
        |c| format!("{} · Help", c.title),
    );
    let query = view
        .results
        .is_some()
        .then(|| use_query_map().with_untracked(|q| q.get("q").unwrap_or_default()));
    let body = match (view.results, view.chapter) {
        (Some(hits), _) => {
            view! { <Results hits query=query.clone().unwrap_or_default()/> }.into_any()
        }
        (None, Some(chapter)) => view! {
            <article class="help-prose max-w-3xl" data-testid="help-chapter">
                <h1 class="text-3xl font-bold tracking-tight">{chapter.title.clone()}</h1>
                <div inner_html=chapter.html></div>
            </article>
        }
        .into_any(),
        (None, None) => view! { <FrontPage toc=view.toc.clone() base=base.clone()/> }.into_any(),
    };
    view! {
        <Title text=title/>
        <div class="grid grid-cols-1 gap-8 lg:grid-cols-[16rem_1fr]">
            <Sidebar manual base=base.clone() query=query.clone() toc=view.toc open_slug/>
            <div>
                {body}
                <footer class="mt-12 border-t border-slate-200 pt-4 text-sm text-slate-600 dark:border-slate-800 dark:text-slate-400" data-testid="help-footer">
                    {match brand.support_email.clone() {
                        Some(email) => view! { <p>"Still stuck? Write to "{brand.name.clone()}" at "<a class="text-brand underline" href=format!("mailto:{email}")>{email.clone()}</a>"."</p> }.into_any(),
                        None => view! { <p>{format!("{} help center", brand.name)}</p> }.into_any(),
                    }}
                </footer>
            </div>
        </div>
    }
}

/// The search box and the table of contents (the open chapter lists its sections).
#[component]
fn Sidebar(
    manual: model::help::Manual,
    base: String,
    query: Option<String>,
    toc: Vec<ChapterEntry>,
    open_slug: Option<String>,
) -> impl IntoView {
    view! {
            <aside class="space-y-4 lg:sticky lg:top-20 lg:self-start">
                <form method="get" action=base.clone() role="search" class="flex gap-2">
                    <label for="help-q" class="sr-only">"Search the guide"</label>
                    <input id="help-q" name="q" type="search" placeholder="Search the guide" value=query.clone()
                        class="w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-900"/>
                    <button type="submit" class="rounded-md bg-brand px-3 py-2 text-sm font-medium text-white">"Search"</button>
                </form>
                <nav aria-label="Contents">
                    <p class="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500"><a href=base.clone()>{manual.title()}</a></p>
                    <ol class="space-y-1 text-sm" data-testid="help-toc">
                        {toc.into_iter().map(|c| {
                            let open = open_slug.as_deref() == Some(c.slug.as_str());
                            let href = format!("{base}/{}", c.slug);
                            view! {
                                <li>
                                    <a href=href.clone() aria-current=open.then_some("page")
                                        class="block rounded px-2 py-1 hover:bg-slate-100 aria-[current=page]:font-semibold aria-[current=page]:text-brand dark:hover:bg-slate-800">
                                        {c.title.clone()}
                                    </a>
                                    {open.then(|| view! {
                                        <ol class="ml-3 border-l border-slate-200 pl-2 text-xs dark:border-slate-700">
                                            {c.sections.iter().map(|s| view! {
                                                <li><a class="block py-0.5 text-slate-600 hover:text-brand dark:text-slate-400" href=format!("{href}#{}", s.id)>{s.title.clone()}</a></li>
                                            }).collect_view()}
                                        </ol>
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                </nav>
            </aside>
    }
    .into_any()
}

#[component]
fn FrontPage(toc: Vec<ChapterEntry>, base: String) -> impl IntoView {
    view! {
        <h1 class="text-3xl font-bold tracking-tight">"How can we help?"</h1>
        <p class="mt-2 text-slate-600 dark:text-slate-400">"Pick a topic, or search above."</p>
        <ul class="mt-6 grid gap-4 sm:grid-cols-2">
            {toc.into_iter().map(|c| view! {
                <li>
                    <a href=format!("{base}/{}", c.slug) class="block h-full rounded-lg border border-slate-200 p-4 hover:border-brand focus-visible:ring-2 focus-visible:ring-brand dark:border-slate-800">
                        <span class="font-semibold">{c.title}</span>
                        <span class="mt-1 block text-sm text-slate-600 dark:text-slate-400">{c.summary}</span>
                    </a>
                </li>
            }).collect_view()}
        </ul>
    }
}

#[component]
fn Results(hits: Vec<SearchHit>, query: String) -> impl IntoView {
    let count = hits.len();
    view! {
        <h1 class="text-2xl font-bold tracking-tight">{format!("Results for “{query}”")}</h1>
        <p class="mt-1 text-sm text-slate-600 dark:text-slate-400" role="status">
            {match count {
                0 => "Nothing matched. Try fewer or different words.".to_owned(),
                1 => "1 section matched.".to_owned(),
                n => format!("{n} sections matched."),
            }}
        </p>
        <ol class="mt-4 space-y-4" data-testid="help-results">
            {hits.into_iter().map(|h| view! {
                <li>
                    <a href=h.href class="font-semibold text-brand underline">{h.section}</a>
                    <span class="text-sm text-slate-500">" · "{h.chapter}</span>
                    <p class="text-sm text-slate-700 dark:text-slate-300">{h.excerpt}</p>
                </li>
            }).collect_view()}
        </ol>
    }
}
