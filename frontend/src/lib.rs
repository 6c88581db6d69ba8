//! The browser entry point: take over the server-rendered page.

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    // Log the panic as before, then tell the visitor the page needs a reload: with
    // `panic = "abort"` nothing runs after a panic.
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        app::error::show_reload_notice();
    }));
    leptos::mount::hydrate_body(app::App);
}
