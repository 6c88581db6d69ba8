//! The "reload to continue" notice. The browser bundle is built with `panic = "abort"`,
//! so a panic ends the WASM app for good; the usual cause is a page chunk that failed to
//! download (a new release replaced it, or the connection dropped), which the split
//! loader turns into a panic. The page the server rendered stays readable, but nothing
//! on it would respond any more: say so, and offer a reload that works without the app
//! (a plain link to the same address).

/// The notice's element id (tests look for it; shown once however often it is asked).
pub const NOTICE_ID: &str = "sb-reload-notice";

/// Puts the notice at the bottom of the page. Plain DOM calls: the reactive runtime
/// cannot be trusted once a panic has started.
pub fn show_reload_notice() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if document.get_element_by_id(NOTICE_ID).is_some() {
        return;
    }
    let (Ok(notice), Some(body)) = (document.create_element("div"), document.body()) else {
        return;
    };
    notice.set_id(NOTICE_ID);
    let _ = notice.set_attribute("role", "alert");
    let _ = notice.set_attribute(
        "class",
        "fixed inset-x-2 bottom-2 z-50 mx-auto flex max-w-xl flex-wrap items-center gap-3 \
         rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950 shadow-lg \
         dark:border-amber-700 dark:bg-amber-950 dark:text-amber-50",
    );
    let text = document.create_element("p").ok();
    if let Some(text) = &text {
        text.set_text_content(Some(
            "This page stopped responding: part of it could not be loaded \
             (a newer version may be out, or the connection dropped).",
        ));
        let _ = text.set_attribute("class", "min-w-0 flex-1");
        let _ = notice.append_child(text);
    }
    if let (Ok(link), Ok(href)) = (
        document.create_element("a"),
        web_sys::window().map_or(Ok(String::from("/")), |w| w.location().href()),
    ) {
        let _ = link.set_attribute("href", &href);
        // The router's click handler is WASM, which is dead now: keep the click from
        // reaching it (plain JavaScript, no call into the app), so the browser simply
        // loads the page afresh.
        let _ = link.set_attribute("onclick", "event.stopPropagation()");
        let _ = link.set_attribute("rel", "external");
        let _ = link.set_attribute(
            "class",
            "rounded-md bg-brand px-4 py-2 font-medium text-white hover:opacity-90",
        );
        link.set_text_content(Some("Reload to continue"));
        let _ = notice.append_child(&link);
    }
    let _ = body.append_child(&notice);
}
