//! The help center: Switchboard's own manuals, Markdown files in `server/domain/help/`
//! compiled into the binary, rendered to HTML once (heading anchors for deep links),
//! with `{{brand}}` filled in per request so each partner's customers read their
//! provider's name and nothing else. Search runs over sections and links straight to
//! the matching heading.

mod render;
mod search;

use std::sync::LazyLock;

use model::help::{Chapter, ChapterEntry, HelpView, Manual};

use render::Parsed;

/// Chapter files in order (the file name's number orders them; the rest is the slug).
const PARTNER: &[(&str, &str)] = &[
    (
        "getting-started",
        include_str!("../../help/partner/01-getting-started.md"),
    ),
    (
        "team-and-sign-in-security",
        include_str!("../../help/partner/02-team-and-sign-in-security.md"),
    ),
    ("tenants", include_str!("../../help/partner/03-tenants.md")),
    (
        "managing-a-tenant",
        include_str!("../../help/partner/04-managing-a-tenant.md"),
    ),
    (
        "extensions-and-limits",
        include_str!("../../help/partner/05-extensions-and-limits.md"),
    ),
    (
        "phone-numbers",
        include_str!("../../help/partner/06-phone-numbers.md"),
    ),
    (
        "plan-and-subscription",
        include_str!("../../help/partner/07-plan-and-subscription.md"),
    ),
    (
        "wallet-cards-and-history",
        include_str!("../../help/partner/08-wallet-cards-and-history.md"),
    ),
    (
        "call-usage-and-rating",
        include_str!("../../help/partner/09-call-usage-and-rating.md"),
    ),
    (
        "brand-and-domains",
        include_str!("../../help/partner/10-brand-and-domains.md"),
    ),
    (
        "audit-log",
        include_str!("../../help/partner/11-audit-log.md"),
    ),
    ("api", include_str!("../../help/partner/12-api.md")),
    (
        "webhooks",
        include_str!("../../help/partner/13-webhooks.md"),
    ),
    (
        "billing-your-customers",
        include_str!("../../help/partner/14-billing-your-customers.md"),
    ),
];

const TENANT: &[(&str, &str)] = &[
    (
        "getting-started",
        include_str!("../../help/tenant/01-getting-started.md"),
    ),
    (
        "extensions",
        include_str!("../../help/tenant/02-extensions.md"),
    ),
    (
        "phone-numbers",
        include_str!("../../help/tenant/03-phone-numbers.md"),
    ),
    (
        "users-and-roles",
        include_str!("../../help/tenant/04-users-and-roles.md"),
    ),
    (
        "account-settings",
        include_str!("../../help/tenant/05-account-settings.md"),
    ),
    (
        "activity-and-support-visits",
        include_str!("../../help/tenant/06-activity-and-support-visits.md"),
    ),
    (
        "signing-in-securely",
        include_str!("../../help/tenant/07-signing-in-securely.md"),
    ),
    (
        "your-invoices",
        include_str!("../../help/tenant/08-your-invoices.md"),
    ),
];

static PARSED: LazyLock<[Vec<Parsed>; 2]> = LazyLock::new(|| {
    [
        PARTNER
            .iter()
            .map(|(name, text)| render::parse(name, text))
            .collect(),
        TENANT
            .iter()
            .map(|(name, text)| render::parse(name, text))
            .collect(),
    ]
});

fn chapters(manual: Manual) -> &'static [Parsed] {
    match manual {
        Manual::Partner => &PARSED[0],
        Manual::Tenant => &PARSED[1],
    }
}

/// The placeholder the manuals use for the reader's provider.
pub const BRAND: &str = "{{brand}}";

/// A manual's page: its contents, the open chapter (`None` for the front page) and
/// search results when `query` is given, in `brand_name`. `None` for an unknown chapter.
pub fn view(
    manual: Manual,
    chapter: Option<&str>,
    query: Option<&str>,
    brand_name: &str,
) -> Option<HelpView> {
    let all = chapters(manual);
    let fill = |s: &str| s.replace(BRAND, brand_name);
    let toc = all
        .iter()
        .map(|c| ChapterEntry {
            slug: c.slug.clone(),
            title: fill(&c.title),
            summary: fill(&c.summary),
            sections: c.sections.clone(),
        })
        .collect();
    let open = match chapter {
        Some(slug) => {
            let c = all.iter().find(|c| c.slug == slug)?;
            Some(Chapter {
                slug: c.slug.clone(),
                title: fill(&c.title),
                html: c.html.replace(BRAND, &render::escape_html(brand_name)),
            })
        }
        None => None,
    };
    let results = query
        .map(str::trim)
        .filter(|q| !q.is_empty())
        .map(|q| search::run(manual, all, q, brand_name));
    Some(HelpView {
        manual,
        toc,
        chapter: open,
        results,
    })
}

/// Every page of a manual as plain text, brand filled in (the go-live check reads it).
pub fn all_text(manual: Manual, brand_name: &str) -> Vec<(String, String)> {
    chapters(manual)
        .iter()
        .map(|c| {
            (
                format!("/help/{}/{}", manual.slug(), c.slug),
                format!("{}\n{}", c.title, c.html).replace(BRAND, brand_name),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests;
