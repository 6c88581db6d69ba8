//! How a partner's invoices go out and are chased: the number prefix, whether new
//! invoices are mailed at once or wait as drafts for review, and the days after issue
//! at which an unpaid invoice suspends the tenant (partner-wide; a profile may set its
//! own). Every rule once, for the settings page (browser and server) and for profiles.

use serde::{Deserialize, Serialize};

use crate::FieldErrors;

/// The partner-wide default of days to suspension.
pub const DEFAULT_SUSPEND_AFTER_DAYS: u32 = 14;
/// The most days a suspension may wait.
pub const MAX_SUSPEND_AFTER_DAYS: u32 = 365;

/// `14` → 14 days; `0` → never suspend. Empty is refused here (callers that allow
/// "use the default" check for it first).
pub fn parse_suspend_days(input: &str) -> Result<u32, String> {
    input
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|d| *d <= MAX_SUSPEND_AFTER_DAYS)
        .ok_or_else(|| {
            format!("Use a whole number of days from 0 (never) to {MAX_SUSPEND_AFTER_DAYS}.")
        })
}

/// A profile's own number of days, or empty for the partner's.
pub fn parse_profile_suspend_days(input: &str) -> Result<Option<u32>, String> {
    if input.trim().is_empty() {
        Ok(None)
    } else {
        parse_suspend_days(input).map(Some)
    }
}

/// `INV-`, `ACME2027-`: 1 to 12 letters, digits and dashes, kept upper-case.
pub fn parse_prefix(input: &str) -> Result<String, String> {
    let prefix = input.trim().to_ascii_uppercase();
    let allowed = |c: char| c.is_ascii_alphanumeric() || c == '-';
    if prefix.is_empty() || prefix.len() > 12 || !prefix.chars().all(allowed) {
        Err("Use 1 to 12 letters, digits and dashes, like INV-.".into())
    } else {
        Ok(prefix)
    }
}

/// The partner's invoice settings as pages show them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoiceSettings {
    pub prefix: String,
    pub auto_send: bool,
    pub suspend_after_days: u32,
    /// The number the next invoice gets, as printed (so the partner sees the effect).
    pub next_number: String,
}

/// The settings as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct InvoiceSettingsForm {
    pub prefix: String,
    /// A checkbox: present (any value) when ticked.
    pub auto_send: Option<String>,
    pub suspend_after_days: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidInvoiceSettings {
    pub prefix: String,
    pub auto_send: bool,
    pub suspend_after_days: u32,
}

impl InvoiceSettingsForm {
    pub fn of(s: &InvoiceSettings) -> Self {
        Self {
            prefix: s.prefix.clone(),
            auto_send: s.auto_send.then(|| "on".to_owned()),
            suspend_after_days: s.suspend_after_days.to_string(),
        }
    }

    pub fn validate(&self) -> Result<ValidInvoiceSettings, FieldErrors> {
        let mut errors = FieldErrors::new();
        let prefix = errors.check("prefix", parse_prefix(&self.prefix));
        let days = errors.check(
            "suspend_after_days",
            parse_suspend_days(&self.suspend_after_days),
        );
        match (prefix, days) {
            (Some(prefix), Some(suspend_after_days)) => Ok(ValidInvoiceSettings {
                prefix,
                auto_send: self.auto_send.is_some(),
                suspend_after_days,
            }),
            _ => Err(errors),
        }
    }
}

/// The invoice number `seq` gets under `prefix`.
pub fn number(prefix: &str, seq: i64) -> String {
    format!("{prefix}{seq:06}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_take_a_clean_prefix_and_bounded_days() {
        let form = InvoiceSettingsForm {
            prefix: " acme- ".into(),
            auto_send: None,
            suspend_after_days: "0".into(),
        };
        let valid = form.validate().unwrap();
        assert_eq!(valid.prefix, "ACME-");
        assert!(!valid.auto_send);
        assert_eq!(valid.suspend_after_days, 0);

        let bad = InvoiceSettingsForm {
            prefix: "INV 2027/".into(),
            auto_send: Some("on".into()),
            suspend_after_days: "366".into(),
        };
        let errors = bad.validate().unwrap_err();
        assert!(errors.first("prefix").is_some());
        assert!(errors.first("suspend_after_days").is_some());
        assert_eq!(
            parse_prefix(""),
            Err("Use 1 to 12 letters, digits and dashes, like INV-.".into())
        );
        assert!(parse_prefix("ABCDEFGHIJKLM").is_err());
        assert_eq!(parse_profile_suspend_days(" "), Ok(None));
        assert_eq!(parse_profile_suspend_days("21"), Ok(Some(21)));
        assert!(parse_profile_suspend_days("-1").is_err());
        assert_eq!(number("INV-", 42), "INV-000042");
    }
}
