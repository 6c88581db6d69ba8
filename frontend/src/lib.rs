//! The browser entry point: take over the server-rendered page.

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    // Log the panic as before, then tell the visitor the page needs a reload: with
    // `panic = "abort"` nothing runs after a panic (a page chunk that failed to download
    // is the usual one).
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        app::error::show_reload_notice();
    }));
    // Lazy routes: the page's chunk loads (in parallel with this one, the server
    // preloads it) before its part of the page is hydrated. This is `hydrate_lazy` with
    // one step more: `data-hydrated` goes on `<body>` only once the whole page, the lazy
    // part included, is live (an effect in the app would fire while the chunk is still
    // on its way, and a click in between would go to the server as a plain form post).
    wasm_bindgen_futures::spawn_local(async {
        let page = leptos::mount::hydrate_from_async(leptos::tachys::dom::body(), app::App).await;
        page.forget();
        app::context::mark_hydrated();
    });
}
