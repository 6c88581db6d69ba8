use super::*;

#[test]
fn every_chapter_has_a_title_a_summary_and_anchored_sections() {
    for manual in [Manual::Partner, Manual::Tenant] {
        let view = view(manual, None, None, "Acme").unwrap();
        assert!(view.toc.len() >= 6, "{manual:?}");
        for entry in &view.toc {
            assert!(!entry.title.is_empty(), "{}", entry.slug);
            assert!(!entry.summary.is_empty(), "{}", entry.slug);
            assert!(!entry.sections.is_empty(), "{}", entry.slug);
            let chapter = super::view(manual, Some(&entry.slug), None, "Acme")
                .unwrap()
                .chapter
                .unwrap();
            for section in &entry.sections {
                assert!(
                    chapter.html.contains(&format!("id=\"{}\"", section.id)),
                    "{} #{}",
                    entry.slug,
                    section.id
                );
            }
            assert!(!chapter.html.contains("<h1"), "the page prints the title");
        }
    }
}

#[test]
fn the_brand_is_filled_in_and_escaped_and_the_platform_is_never_named() {
    let name = "Acme <Voice>";
    for manual in [Manual::Partner, Manual::Tenant] {
        for (page, text) in all_text(manual, name) {
            assert!(!text.contains(BRAND), "{page}");
            let lower = text.to_lowercase();
            assert!(!lower.contains("switchboard"), "{page}");
            if manual == Manual::Tenant {
                for word in ["partner", "reseller", "platform", "wholesale"] {
                    assert!(!lower.contains(word), "{page} says {word}");
                }
            }
        }
    }
    let chapter = view(Manual::Tenant, Some("getting-started"), None, name)
        .unwrap()
        .chapter
        .unwrap();
    assert!(chapter.html.contains("Acme &lt;Voice&gt;"));
    assert!(!chapter.html.contains("<Voice>"));
}

#[test]
fn search_finds_sections_and_links_to_their_anchors() {
    let view = view(Manual::Tenant, None, Some("two-factor recovery"), "Acme").unwrap();
    let hits = view.results.unwrap();
    assert!(!hits.is_empty());
    let first = &hits[0];
    assert!(first.href.starts_with("/help/tenant/"), "{}", first.href);
    assert!(first.href.contains('#'), "{}", first.href);
    assert!(
        first.excerpt.to_lowercase().contains("recovery")
            || first.excerpt.to_lowercase().contains("two-factor")
    );
    assert!(
        super::view(Manual::Tenant, None, Some("zzzqqq"), "Acme")
            .unwrap()
            .results
            .unwrap()
            .is_empty()
    );
    assert!(
        super::view(Manual::Partner, None, Some("   "), "Acme")
            .unwrap()
            .results
            .is_none()
    );
}

#[test]
fn unknown_chapters_are_not_found_and_slugs_are_stable() {
    assert!(view(Manual::Partner, Some("nope"), None, "Acme").is_none());
    assert_eq!(
        render::slugify("Add a custom domain"),
        "add-a-custom-domain"
    );
    assert_eq!(
        render::slugify("E911 — the address rules!"),
        "e911-the-address-rules"
    );
}
