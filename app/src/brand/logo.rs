//! The logo field of Settings → Brand. Choosing a file runs the same `model` check the
//! server runs (type, 256 KB, 16–2048 px, SVG allow-list) in the browser, shows the file
//! in the preview at once, and *Upload logo* sends the raw bytes to
//! `PUT /settings/brand/logo` (a plain route: a server function would have to encode the
//! bytes as text).

use leptos::{lazy, prelude::*};

use crate::ui::Card;

/// A file chosen but not uploaded yet: its bytes and an object URL for the preview.
#[derive(Clone)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
struct Chosen {
    bytes: Vec<u8>,
    content_type: &'static str,
}

#[component]
pub fn LogoCard(
    /// The saved logo's URL; set again after an upload or removal.
    saved: RwSignal<Option<String>>,
    /// What the preview shows: the chosen file, else the saved logo.
    preview: RwSignal<Option<String>>,
    can_write: bool,
) -> impl IntoView {
    let error = RwSignal::new(None::<String>);
    let status = RwSignal::new(None::<&'static str>);
    let chosen = RwSignal::new(None::<Chosen>);
    let busy = RwSignal::new(false);
    let on_file = move |ev: leptos::ev::Event| {
        status.set(None);
        read_chosen(ev, move |result| match result {
            Ok((bytes, url)) => leptos::task::spawn_local(async move {
                match check_logo(bytes.clone()).await {
                    Ok(content_type) => {
                        error.set(None);
                        preview.set(Some(url));
                        chosen.set(Some(Chosen {
                            bytes,
                            content_type,
                        }));
                    }
                    Err(message) => {
                        error.set(Some(message));
                        chosen.set(None);
                        preview.set(saved.get_untracked());
                    }
                }
            }),
            Err(message) => error.set(Some(message)),
        });
    };
    let upload = move |_| {
        let Some(file) = chosen.get_untracked() else {
            return;
        };
        busy.set(true);
        leptos::task::spawn_local(async move {
            match send("PUT", Some(file)).await {
                Ok(url) => {
                    saved.set(url.clone());
                    preview.set(url);
                    chosen.set(None);
                    error.set(None);
                    status.set(Some("Logo saved. It shows from your customers' next page."));
                }
                Err(message) => error.set(Some(message)),
            }
            busy.set(false);
        });
    };
    let remove = move |_| {
        busy.set(true);
        leptos::task::spawn_local(async move {
            match send("DELETE", None).await {
                Ok(_) => {
                    saved.set(None);
                    preview.set(None);
                    chosen.set(None);
                    status.set(Some("Logo removed."));
                }
                Err(message) => error.set(Some(message)),
            }
            busy.set(false);
        });
    };
    let described = move || {
        if error.get().is_some() {
            "logo-hint logo-error"
        } else {
            "logo-hint"
        }
    };
    view! {
        <Card title="Logo">
            <div class="space-y-3" data-testid="logo-card">
                <label for="field-logo" class="block text-sm font-medium text-slate-700 dark:text-slate-200">"Logo file"</label>
                <input id="field-logo" type="file" accept=".svg,.png,.jpg,.jpeg,image/svg+xml,image/png,image/jpeg"
                    disabled=!can_write on:change=on_file
                    aria-invalid=move || error.get().is_some().to_string()
                    aria-describedby=described
                    class="block w-full text-sm file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-2 file:text-sm file:font-medium dark:file:bg-slate-800"/>
                <p id="logo-hint" class="text-xs text-slate-500 dark:text-slate-400">"SVG, PNG or JPG, up to 256 KB, 16–2048 px on each side. Shown about 32 px tall."</p>
                <p id="logo-error" class="min-h-5 text-sm text-red-700 dark:text-red-400" data-testid="logo-error" role="alert">{move || error.get()}</p>
                {can_write.then(|| view! {
                    <div class="flex flex-wrap items-center gap-2">
                        <button type="button" on:click=upload disabled=move || busy.get() || chosen.with(Option::is_none)
                            class="rounded-md bg-brand px-4 py-2 text-sm font-medium text-white hover:opacity-90 disabled:opacity-50">
                            {move || if busy.get() { "Saving…" } else { "Upload logo" }}
                        </button>
                        <Show when=move || saved.with(Option::is_some)>
                            <button type="button" on:click=remove disabled=move || busy.get()
                                class="rounded-md border border-slate-300 px-4 py-2 text-sm font-medium hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-800">
                                "Remove logo"
                            </button>
                        </Show>
                    </div>
                })}
                <p role="status" class="text-sm text-green-700 dark:text-green-400">{move || status.get()}</p>
            </div>
        </Card>
    }
}

/// The server's own logo check (type, size, dimensions, the SVG allow-list), run in the
/// browser for an answer before uploading. Its XML and image parsers are a WASM chunk of
/// their own, fetched the first time a file is chosen. The content type on success.
#[lazy]
fn check_logo(bytes: Vec<u8>) -> Result<&'static str, String> {
    model::branding::logo::check(&bytes).map(|logo| logo.kind.content_type())
}

/// Reads the chosen file's bytes and makes an object URL for the preview.
#[cfg(feature = "hydrate")]
fn read_chosen(
    ev: leptos::ev::Event,
    done: impl FnOnce(Result<(Vec<u8>, String), String>) + 'static,
) {
    use wasm_bindgen::JsCast;
    let file = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        .and_then(|input| input.files())
        .and_then(|files| files.get(0));
    let Some(file) = file else {
        return;
    };
    leptos::task::spawn_local(async move {
        let read = wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await;
        let result = read
            .map(|buffer| js_sys::Uint8Array::new(&buffer).to_vec())
            .map_err(|_| "The file could not be read.".to_owned())
            .and_then(|bytes| {
                web_sys::Url::create_object_url_with_blob(&file)
                    .map(|url| (bytes, url))
                    .map_err(|_| "The file could not be read.".to_owned())
            });
        done(result);
    });
}

#[cfg(not(feature = "hydrate"))]
fn read_chosen(_: leptos::ev::Event, _: impl FnOnce(Result<(Vec<u8>, String), String>) + 'static) {}

/// Uploads (`PUT` with the file) or removes (`DELETE`) the logo; the new logo URL, or
/// the message for the field.
#[cfg(feature = "hydrate")]
async fn send(method: &str, file: Option<Chosen>) -> Result<Option<String>, String> {
    use gloo_net::http::RequestBuilder;
    let builder = RequestBuilder::new("/settings/brand/logo").method(match method {
        "PUT" => gloo_net::http::Method::PUT,
        _ => gloo_net::http::Method::DELETE,
    });
    let request = match file {
        Some(file) => builder
            .header("content-type", file.content_type)
            .body(js_sys::Uint8Array::from(file.bytes.as_slice())),
        None => builder.build(),
    }
    .map_err(|e| e.to_string())?;
    let response = request
        .send()
        .await
        .map_err(|_| "Could not reach the server; try again.".to_owned())?;
    if response.ok() {
        let brand: model::branding::BrandInfo = response.json().await.map_err(|e| e.to_string())?;
        return Ok(brand.logo_url);
    }
    let problem: model::Problem = response.json().await.map_err(|e| e.to_string())?;
    Err(problem
        .errors
        .as_ref()
        .and_then(|e| e.first("logo").map(str::to_owned))
        .unwrap_or(problem.detail))
}

#[cfg(not(feature = "hydrate"))]
async fn send(_: &str, _: Option<Chosen>) -> Result<Option<String>, String> {
    Err("Uploading needs the page's script; reload and try again.".into())
}
