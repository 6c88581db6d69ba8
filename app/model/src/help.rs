//! The help center's wire types: the two manuals, their table of contents, a chapter
//! rendered to HTML in the requesting brand, and search hits that deep-link to a section.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Manual {
    Partner,
    Tenant,
}

impl Manual {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "partner" => Some(Self::Partner),
            "tenant" => Some(Self::Tenant),
            _ => None,
        }
    }

    pub fn slug(self) -> &'static str {
        match self {
            Self::Partner => "partner",
            Self::Tenant => "tenant",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Self::Partner => "Partner guide",
            Self::Tenant => "Customer guide",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    /// The heading's anchor (`#id`).
    pub id: String,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChapterEntry {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub sections: Vec<Section>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Chapter {
    pub slug: String,
    pub title: String,
    /// Rendered from the repository's Markdown (no user input), brand filled in and
    /// escaped.
    pub html: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchHit {
    /// `/help/{manual}/{chapter}#{section}`.
    pub href: String,
    pub chapter: String,
    pub section: String,
    /// A plain-text excerpt around the first match.
    pub excerpt: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HelpView {
    pub manual: Manual,
    pub toc: Vec<ChapterEntry>,
    /// The open chapter; `None` on the manual's front page.
    pub chapter: Option<Chapter>,
    /// Present when a search was asked for (possibly empty).
    pub results: Option<Vec<SearchHit>>,
}
