//! Finding the platform's name and domain in rendered text. The name matches as a
//! whole word in any case; the domain matches anywhere except inside the host the
//! partner's customers use (which, on a partner subdomain, ends in the platform's domain
//! by necessity; the report says so separately).

use model::branding::golive::Leak;

pub struct Needles<'a> {
    pub name: &'a str,
    pub domain: &'a str,
    /// The partner's own host: occurrences inside it are not leaks.
    pub allowed_host: &'a str,
}

const AROUND: usize = 50;

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || c == '_'
}

/// Byte offsets of `needle` in `haystack` (both already lower case) standing alone.
fn whole_matches(haystack: &str, needle: &str) -> Vec<usize> {
    if needle.is_empty() {
        return Vec::new();
    }
    haystack
        .match_indices(needle)
        .filter(|(at, _)| {
            let before = haystack[..*at].chars().next_back();
            let after = haystack[at + needle.len()..].chars().next();
            !before.is_some_and(is_word) && !after.is_some_and(is_word)
        })
        .map(|(at, _)| at)
        .collect()
}

/// The text around `at` without markup, for the report.
fn excerpt(text: &str, at: usize, len: usize) -> String {
    let start = text[..at]
        .char_indices()
        .rev()
        .nth(AROUND)
        .map_or(0, |(i, _)| i);
    let end = text[at + len..]
        .char_indices()
        .nth(AROUND)
        .map_or(text.len(), |(i, _)| at + len + i);
    let mut out = String::new();
    let mut in_tag = false;
    for c in text[start..end].chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    let squashed = out.split_whitespace().collect::<Vec<_>>().join(" ");
    format!("…{squashed}…")
}

/// Every leak in one surface's text.
pub fn scan(place: &str, path: Option<&str>, text: &str, needles: &Needles<'_>) -> Vec<Leak> {
    // Lower-casing ASCII keeps byte offsets, so excerpts can be cut from `text`.
    let lower = text.to_ascii_lowercase();
    let name = needles.name.trim().to_ascii_lowercase();
    let domain = needles.domain.trim().to_ascii_lowercase();
    let allowed = needles.allowed_host.to_ascii_lowercase();
    let mut leaks = Vec::new();
    let mut report = |at: usize, len: usize, found: &str| {
        leaks.push(Leak {
            place: place.to_owned(),
            path: path.map(str::to_owned),
            found: found.to_owned(),
            excerpt: excerpt(text, at, len),
        });
    };
    for at in whole_matches(&lower, &name) {
        report(at, name.len(), needles.name);
    }
    if domain != name {
        let allowed_spans: Vec<(usize, usize)> = lower
            .match_indices(allowed.as_str())
            .filter(|_| !allowed.is_empty())
            .map(|(at, _)| (at, at + allowed.len()))
            .collect();
        for at in whole_matches(&lower, &domain) {
            let inside_allowed = allowed_spans
                .iter()
                .any(|(from, to)| *from <= at && at + domain.len() <= *to);
            if !inside_allowed {
                report(at, domain.len(), needles.domain);
            }
        }
    }
    leaks
}

#[cfg(test)]
mod tests {
    use super::*;

    const NEEDLES: Needles<'static> = Needles {
        name: "Switchboard",
        domain: "voice.example",
        allowed_host: "acme.voice.example",
    };

    #[test]
    fn the_name_is_found_as_a_word_in_any_case() {
        let leaks = scan(
            "Page",
            Some("/"),
            "<p>Powered by SWITCHBOARD.</p>",
            &NEEDLES,
        );
        assert_eq!(leaks.len(), 1);
        assert_eq!(leaks[0].excerpt, "…Powered by SWITCHBOARD.…");
        assert!(scan("Page", None, "switchboards and switchboard-x", &NEEDLES).is_empty());
    }

    #[test]
    fn the_domain_is_a_leak_except_inside_the_partners_own_host() {
        let ok = "Visit https://acme.voice.example/login";
        assert!(scan("Email", None, ok, &NEEDLES).is_empty());
        let leaks = scan(
            "Email",
            None,
            "Mail noreply@voice.example or see other.voice.example",
            &NEEDLES,
        );
        assert_eq!(leaks.len(), 2);
        assert!(leaks.iter().all(|l| l.found == "voice.example"));
    }
}
