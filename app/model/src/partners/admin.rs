//! The platform admin's view of partners: the list at `/admin/partners`, creating one
//! (its owner gets an invitation) and suspending with a reason.

use serde::{Deserialize, Serialize};

use super::{PartnerStatus, Slug, parse_name};
use crate::{FieldErrors, auth::Email};

/// Rows per page of the partner list.
pub const PAGE_SIZE: u64 = 25;

/// One partner as the platform admin sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartnerRow {
    pub id: String,
    pub name: String,
    pub slug: String,
    pub status: PartnerStatus,
    /// The first Partner Admin (who signed up or was invited at creation).
    pub owner_email: Option<String>,
    pub members: u64,
    /// RFC 3339, UTC.
    pub created_at: String,
    pub trial_ends_at: Option<String>,
    /// Why it is suspended, when it is.
    pub status_reason: Option<String>,
    /// The wholesale tier's code (`starter`…).
    pub tier: String,
    pub balance_cents: i64,
    /// This calendar month's rated minutes and their cost, across its tenants.
    pub minutes_this_month: i64,
    pub usage_cost_cents: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartnerPage {
    pub rows: Vec<PartnerRow>,
    /// Partners matching the search, across all pages.
    pub total: u64,
    /// 1-based.
    pub page: u64,
}

impl PartnerPage {
    pub fn pages(&self) -> u64 {
        self.total.div_ceil(PAGE_SIZE).max(1)
    }
}

/// The create form after every rule passed.
#[derive(Debug, Clone)]
pub struct ValidNewPartner {
    pub name: String,
    pub slug: Slug,
    pub owner_email: Email,
}

/// Checks the create form and reports every problem at once.
pub fn validate_new_partner(
    name: &str,
    slug: &str,
    owner_email: &str,
) -> Result<ValidNewPartner, FieldErrors> {
    let mut errors = FieldErrors::new();
    let name = errors.check("name", parse_name(name, "company name"));
    let slug = errors.check("slug", Slug::parse(slug));
    let owner_email = errors.check("owner_email", Email::parse(owner_email));
    match (name, slug, owner_email) {
        (Some(name), Some(slug), Some(owner_email)) => Ok(ValidNewPartner {
            name,
            slug,
            owner_email,
        }),
        _ => Err(errors),
    }
}

/// A suspension reason: required (the partner's team and other admins will ask why),
/// at most 500 characters.
pub fn parse_reason(input: &str) -> Result<String, String> {
    let value = input.trim();
    if value.is_empty() {
        return Err("Say why: the partner's team and your colleagues will ask.".into());
    }
    if value.chars().count() > 500 {
        return Err("Keep the reason under 500 characters.".into());
    }
    Ok(value.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bad_field_of_the_create_form_is_reported_at_once() {
        let errors = validate_new_partner(" ", "Bad Slug", "nope").unwrap_err();
        for field in ["name", "slug", "owner_email"] {
            assert!(errors.get(field).is_some(), "{field}");
        }
        let ok = validate_new_partner("Acme Voice", "acme", "Owner@Acme.test").unwrap();
        assert_eq!(ok.slug.as_str(), "acme");
        assert_eq!(ok.owner_email.as_str(), "owner@acme.test");
    }

    #[test]
    fn a_suspension_needs_a_reason() {
        assert!(parse_reason("  ").is_err());
        assert!(parse_reason(&"x".repeat(501)).is_err());
        assert_eq!(
            parse_reason(" unpaid invoices ").unwrap(),
            "unpaid invoices"
        );
    }
}
