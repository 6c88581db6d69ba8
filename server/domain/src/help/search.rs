//! Searching a manual: every word of the query must appear in a section (its heading
//! counts more); hits link to the section's anchor, with an excerpt around the first
//! match.

use model::help::{Manual, SearchHit};

use super::{BRAND, render::Parsed};

const MAX_HITS: usize = 20;
const EXCERPT: usize = 160;

pub fn run(manual: Manual, chapters: &[Parsed], query: &str, brand_name: &str) -> Vec<SearchHit> {
    let words: Vec<String> = query
        .split_whitespace()
        .map(str::to_lowercase)
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .collect();
    if words.is_empty() {
        return Vec::new();
    }
    let mut hits: Vec<(usize, SearchHit)> = Vec::new();
    for chapter in chapters {
        for (section, text) in &chapter.texts {
            let heading = section
                .as_ref()
                .map_or(chapter.title.as_str(), |s| &s.title);
            let body = text.replace(BRAND, brand_name);
            let (heading_l, body_l) = (heading.to_lowercase(), body.to_lowercase());
            let title_l = chapter.title.to_lowercase();
            if !words
                .iter()
                .all(|w| heading_l.contains(w) || body_l.contains(w) || title_l.contains(w))
            {
                continue;
            }
            let score = words
                .iter()
                .map(|w| {
                    5 * heading_l.matches(w.as_str()).count() + body_l.matches(w.as_str()).count()
                })
                .sum();
            let anchor = section
                .as_ref()
                .map_or(String::new(), |s| format!("#{}", s.id));
            hits.push((
                score,
                SearchHit {
                    href: format!("/help/{}/{}{anchor}", manual.slug(), chapter.slug),
                    chapter: chapter.title.replace(BRAND, brand_name),
                    section: heading.replace(BRAND, brand_name),
                    excerpt: excerpt(&body, &body_l, &words),
                },
            ));
        }
    }
    hits.sort_by_key(|hit| std::cmp::Reverse(hit.0));
    hits.into_iter()
        .take(MAX_HITS)
        .map(|(_, hit)| hit)
        .collect()
}

/// About [`EXCERPT`] characters around the first matching word, cut at word edges.
fn excerpt(body: &str, lower: &str, words: &[String]) -> String {
    let at = words
        .iter()
        .filter_map(|w| lower.find(w.as_str()))
        .min()
        .unwrap_or(0);
    // Lower-casing can change byte lengths; map the position through characters.
    let char_at = lower[..at].chars().count();
    let chars: Vec<char> = body.chars().collect();
    let start = char_at.saturating_sub(EXCERPT / 3);
    let end = (start + EXCERPT).min(chars.len());
    let mut text: String = chars[start..end].iter().collect();
    if start > 0 {
        text = format!(
            "…{}",
            text.split_once(' ').map_or(text.as_str(), |(_, rest)| rest)
        );
    }
    if end < chars.len() {
        text = format!(
            "{}…",
            text.rsplit_once(' ')
                .map_or(text.as_str(), |(head, _)| head)
        );
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
