//! The parsing newtypes of a tenant record: SIP prefix, caller-ID name, time zone.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::timezones::TIMEZONES;

/// The tenant's SIP prefix: 3–12 lowercase letters and digits, unique platform-wide and
/// never changed (SIP usernames are prefix + extension number).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct SipPrefix(String);

impl SipPrefix {
    pub fn parse(input: &str) -> Result<Self, String> {
        let value = input.trim();
        if !(3..=12).contains(&value.len()) {
            return Err("Use 3 to 12 characters.".into());
        }
        if !value
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        {
            return Err("Use lowercase letters and digits only (like acme01).".into());
        }
        Ok(Self(value.to_owned()))
    }

    /// A prefix from a company name ("Acme Dental, LLC" → "acmedentalll" cut to 12), when
    /// one can be made. Uniqueness is the server's to check.
    pub fn suggest(name: &str) -> Option<Self> {
        let base: String = name
            .chars()
            .flat_map(char::to_lowercase)
            .filter(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
            .take(12)
            .collect();
        Self::parse(&base).ok()
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for SipPrefix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for SipPrefix {
    type Error = String;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<SipPrefix> for String {
    fn from(value: SipPrefix) -> Self {
        value.0
    }
}

/// A caller-ID name (CNAM): at most 15 characters that carriers pass through unchanged —
/// letters, digits, spaces and `. , & - '`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Cnam(String);

impl Cnam {
    pub const MAX: usize = 15;

    pub fn parse(input: &str) -> Result<Self, String> {
        let value = input.trim();
        if value.is_empty() {
            return Err("Enter a caller-ID name, or leave the field empty.".into());
        }
        if value.chars().count() > Self::MAX {
            return Err(format!("Carriers show at most {} characters.", Self::MAX));
        }
        if let Some(bad) = value
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || " .,&-'".contains(*c)))
        {
            return Err(format!(
                "\"{bad}\" does not survive every carrier; use letters, digits, spaces and . , & - '"
            ));
        }
        Ok(Self(value.to_owned()))
    }

    /// An optional field: empty means "not set".
    pub fn parse_optional(input: &str) -> Result<Option<Self>, String> {
        if input.trim().is_empty() {
            Ok(None)
        } else {
            Self::parse(input).map(Some)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Cnam {
    type Error = String;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Cnam> for String {
    fn from(value: Cnam) -> Self {
        value.0
    }
}

/// An IANA time zone name from [`TIMEZONES`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Timezone(String);

impl Timezone {
    pub fn parse(input: &str) -> Result<Self, String> {
        let value = input.trim();
        TIMEZONES
            .iter()
            .find(|tz| tz.eq_ignore_ascii_case(value))
            .map(|tz| Self((*tz).to_owned()))
            .ok_or_else(|| {
                format!("\"{value}\" is not a time zone; choose one like America/New_York.")
            })
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Default for Timezone {
    fn default() -> Self {
        Self("America/New_York".into())
    }
}

impl TryFrom<String> for Timezone {
    type Error = String;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Timezone> for String {
    fn from(value: Timezone) -> Self {
        value.0
    }
}
