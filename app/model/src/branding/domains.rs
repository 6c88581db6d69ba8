//! Custom domains: a partner serves its customers on its own hostname
//! (`portal.acme.com`) once a DNS record points it at the partner's subdomain. The
//! hostname rules live here so the form checks them as the partner types.

use serde::{Deserialize, Serialize};

/// PENDING (waiting for the DNS record) → VERIFYING (being looked up) → ACTIVE (serves
/// the brand and may get a certificate); a failed lookup goes back to PENDING with the
/// reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum DomainStatus {
    Pending,
    Verifying,
    Active,
}

impl DomainStatus {
    pub fn wire(self) -> &'static str {
        match self {
            Self::Pending => "PENDING",
            Self::Verifying => "VERIFYING",
            Self::Active => "ACTIVE",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Pending, Self::Verifying, Self::Active]
            .into_iter()
            .find(|st| st.wire() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Pending => "Pending",
            Self::Verifying => "Verifying",
            Self::Active => "Active",
        }
    }
}

/// A partner's custom domain as its Domains page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomDomain {
    pub id: String,
    pub hostname: String,
    pub status: DomainStatus,
    /// Why it is not ACTIVE (yet), in words the partner can act on.
    pub reason: Option<String>,
    /// What the CNAME record must point at: the partner's own subdomain.
    pub target: String,
    pub checked_at: Option<String>,
    pub activated_at: Option<String>,
}

/// The Domains page: the partner's domains and the subdomain they point at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DomainsPage {
    pub subdomain: String,
    pub domains: Vec<CustomDomain>,
}

/// How many custom domains a partner may add.
pub const MAX_DOMAINS: usize = 5;

/// `Portal.Acme.com.` → `portal.acme.com`; refuses what cannot be a public hostname
/// (one label, IP addresses, wildcards, bad characters, over-long labels).
pub fn parse_hostname(input: &str) -> Result<String, String> {
    let host = input.trim().trim_end_matches('.').to_ascii_lowercase();
    if host.is_empty() {
        return Err("Enter a hostname, like portal.example.com.".into());
    }
    if host.contains("://") || host.contains('/') {
        return Err("Enter just the hostname, without https:// or a path.".into());
    }
    if host.len() > 253 {
        return Err("A hostname can be at most 253 characters.".into());
    }
    let labels: Vec<&str> = host.split('.').collect();
    if labels.len() < 2 {
        return Err("Use a full hostname with a dot, like portal.example.com.".into());
    }
    for label in &labels {
        let ok = !label.is_empty()
            && label.len() <= 63
            && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            && !label.starts_with('-')
            && !label.ends_with('-');
        if !ok {
            return Err(format!(
                "\"{label}\" is not a valid part of a hostname: use letters, digits and hyphens (not at either end)."
            ));
        }
    }
    if labels
        .last()
        .is_some_and(|tld| tld.chars().all(|c| c.is_ascii_digit()))
    {
        return Err("Enter a hostname, not an IP address.".into());
    }
    Ok(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostnames_are_normalised_and_checked() {
        assert_eq!(
            parse_hostname(" Portal.Acme.COM. ").unwrap(),
            "portal.acme.com"
        );
        assert_eq!(
            parse_hostname("acme-voice.co.uk").unwrap(),
            "acme-voice.co.uk"
        );
        for bad in [
            "",
            "localhost",
            "https://portal.acme.com",
            "portal.acme.com/login",
            "*.acme.com",
            "-a.acme.com",
            "a..acme.com",
            "10.0.0.1",
            "port al.acme.com",
        ] {
            assert!(parse_hostname(bad).is_err(), "{bad}");
        }
        assert!(parse_hostname(&format!("{}.com", "a".repeat(64))).is_err());
    }

    #[test]
    fn statuses_round_trip_their_wire_names() {
        for s in [
            DomainStatus::Pending,
            DomainStatus::Verifying,
            DomainStatus::Active,
        ] {
            assert_eq!(DomainStatus::parse(s.wire()), Some(s));
        }
    }
}
