//! The go-live check's report: every tenant-facing surface it rendered for the partner,
//! and every place the platform's name or domain showed up in one.

use serde::{Deserialize, Serialize};

/// One place a customer could see: a page, an email, a help chapter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Surface {
    /// "Sign-in page", "Email: invitation", …
    pub place: String,
    /// The page's path, when it is a page.
    pub path: Option<String>,
    pub leaks: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Leak {
    pub place: String,
    pub path: Option<String>,
    /// What was found: the platform's name or its domain.
    pub found: String,
    /// The text around it.
    pub excerpt: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoLiveReport {
    /// The host the pages were rendered for (the partner's custom domain, else its
    /// subdomain).
    pub host: String,
    pub surfaces: Vec<Surface>,
    pub leaks: Vec<Leak>,
    /// Surfaces that could not be rendered (the check is not green then either).
    pub failures: Vec<String>,
    /// Advice that is not a leak (for example: no custom domain yet).
    pub notices: Vec<String>,
    pub checked_at: String,
}

impl GoLiveReport {
    pub fn is_green(&self) -> bool {
        self.leaks.is_empty() && self.failures.is_empty()
    }
}
