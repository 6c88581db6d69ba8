//! Browser side: read back what the server wrote into the document.

use model::branding::{BrandInfo, Theme};

use super::RequestLook;

pub(super) fn read_look() -> Option<RequestLook> {
    let document = web_sys::window()?.document()?;
    let brand: BrandInfo =
        serde_json::from_str(&document.get_element_by_id("sb-brand")?.text_content()?).ok()?;
    let dark = document.document_element()?.class_list().contains("dark");
    let viewer = document
        .get_element_by_id("sb-viewer")
        .and_then(|e| e.text_content())
        .and_then(|text| serde_json::from_str(&text).ok())
        .flatten();
    Some(RequestLook {
        brand,
        theme: if dark { Theme::Dark } else { Theme::Light },
        viewer,
    })
}

pub(super) fn set_document_theme(theme: Theme) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let classes = root.class_list();
        let _ = match theme {
            Theme::Dark => classes.add_1("dark"),
            Theme::Light => classes.remove_1("dark"),
        };
    }
}

pub(super) fn mark_hydrated() {
    if let Some(body) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
    {
        let _ = body.set_attribute("data-hydrated", "true");
    }
}
