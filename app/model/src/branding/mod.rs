//! What a page looks like for whoever is asking: the resolved brand and the
//! light/dark preference.

mod color;
pub mod domains;
pub mod form;
pub mod golive;
pub mod logo;
mod theme;

pub use color::HexColor;
pub use theme::Theme;

use serde::{Deserialize, Serialize};

/// The brand a request renders in, resolved once from the Host header. Pages, emails
/// and documents read only this, so nothing can print another brand's name by accident.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BrandInfo {
    /// Shown in the header, the browser title ("Brand — Page") and emails.
    pub name: String,
    pub primary_color: HexColor,
    pub logo_url: Option<String>,
    pub support_email: Option<String>,
}

impl BrandInfo {
    /// "Brand — Page", the browser title of every page.
    pub fn page_title(&self, page: &str) -> String {
        if page.is_empty() {
            self.name.clone()
        } else {
            format!("{} — {}", self.name, page)
        }
    }
}

#[cfg(test)]
mod tests;
