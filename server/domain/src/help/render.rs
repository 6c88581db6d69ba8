//! Markdown → the pieces a help page shows: title, summary, sections with anchors, the
//! chapter's HTML, and each section's plain text for search.

use model::help::Section;
use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};

pub struct Parsed {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub sections: Vec<Section>,
    pub html: String,
    /// Each section's text (the part before the first heading is the chapter's own).
    pub texts: Vec<(Option<Section>, String)>,
}

pub use crate::mail::templates::escape as escape_html;

/// `Add a custom domain` → `add-a-custom-domain`.
pub fn slugify(title: &str) -> String {
    let mut slug = String::new();
    for c in title.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if (c.is_whitespace() || c == '-') && !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_owned()
}

pub fn parse(slug: &str, markdown: &str) -> Parsed {
    let events: Vec<Event<'_>> = Parser::new_ext(markdown, Options::ENABLE_TABLES).collect();
    let mut title = String::new();
    let mut summary = String::new();
    let mut sections = Vec::new();
    let mut texts: Vec<(Option<Section>, String)> = vec![(None, String::new())];
    let mut out: Vec<Event<'_>> = Vec::with_capacity(events.len());
    let mut i = 0;
    while i < events.len() {
        match &events[i] {
            Event::Start(Tag::Heading { level, .. }) => {
                let level = *level;
                let end = events[i..]
                    .iter()
                    .position(|e| matches!(e, Event::End(TagEnd::Heading(_))))
                    .map_or(events.len(), |p| i + p);
                let text = plain(&events[i + 1..end]);
                if level == HeadingLevel::H1 {
                    // The page prints the title itself.
                    title = text;
                    i = end + 1;
                    continue;
                }
                let mut id = slugify(&text);
                let base = id.clone();
                let mut n = 2;
                while sections.iter().any(|s: &Section| s.id == id) {
                    id = format!("{base}-{n}");
                    n += 1;
                }
                let section = Section {
                    id: id.clone(),
                    title: text,
                };
                sections.push(section.clone());
                texts.push((Some(section), String::new()));
                out.push(Event::Start(Tag::Heading {
                    level,
                    id: Some(CowStr::from(id.clone())),
                    classes: Vec::new(),
                    attrs: Vec::new(),
                }));
                out.extend(events[i + 1..end].iter().cloned());
                out.push(Event::Html(CowStr::from(format!(
                    " <a class=\"help-anchor\" href=\"#{id}\" aria-label=\"Link to this section\">#</a>"
                ))));
                out.push(Event::End(TagEnd::Heading(level)));
                i = end + 1;
            }
            Event::Start(Tag::Paragraph) if summary.is_empty() && sections.is_empty() => {
                let end = events[i..]
                    .iter()
                    .position(|e| matches!(e, Event::End(TagEnd::Paragraph)))
                    .map_or(events.len(), |p| i + p);
                summary = plain(&events[i + 1..end]);
                if let Some(last) = texts.last_mut() {
                    last.1.push_str(&summary);
                    last.1.push(' ');
                }
                out.extend(events[i..=end.min(events.len() - 1)].iter().cloned());
                i = end + 1;
            }
            event => {
                if let Some(last) = texts.last_mut() {
                    push_plain(&mut last.1, event);
                }
                out.push(event.clone());
                i += 1;
            }
        }
    }
    let mut rendered = String::new();
    html::push_html(&mut rendered, out.into_iter());
    Parsed {
        slug: slug.to_owned(),
        title,
        summary,
        sections,
        html: rendered,
        texts,
    }
}

fn push_plain(into: &mut String, event: &Event<'_>) {
    match event {
        Event::Text(t) | Event::Code(t) => into.push_str(t),
        Event::SoftBreak
        | Event::HardBreak
        | Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell) => into.push(' '),
        _ => {}
    }
}

fn plain(events: &[Event<'_>]) -> String {
    let mut text = String::new();
    for e in events {
        push_plain(&mut text, e);
    }
    text.trim().to_owned()
}
