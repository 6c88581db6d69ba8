use serde::{Deserialize, Serialize};

/// Light or dark. Kept in a cookie so the server renders the right one on the first
/// byte (no flash of the wrong theme before hydration).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    #[default]
    Light,
    Dark,
}

impl Theme {
    pub const COOKIE: &'static str = "sb_theme";

    /// Reads a cookie value; anything unknown is the default, never an error.
    pub fn from_cookie_value(value: &str) -> Self {
        match value.trim() {
            "dark" => Self::Dark,
            _ => Self::Light,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Light => "light",
            Self::Dark => "dark",
        }
    }

    pub fn toggled(self) -> Self {
        match self {
            Self::Light => Self::Dark,
            Self::Dark => Self::Light,
        }
    }

    /// Finds the theme in a `Cookie:` header value.
    pub fn from_cookie_header(header: &str) -> Self {
        header
            .split(';')
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(name, _)| *name == Self::COOKIE)
            .map(|(_, value)| Self::from_cookie_value(value))
            .unwrap_or_default()
    }
}
