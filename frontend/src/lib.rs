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
    // preloads it) before hydration starts.
    leptos::mount::hydrate_lazy(app::App);
}
