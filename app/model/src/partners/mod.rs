//! Partners: the resellers who run their phone business on the platform.

use std::fmt;

pub mod admin;

use serde::{Deserialize, Serialize};

/// A partner's URL name: `SLUG.<platform domain>`. 3–40 lowercase letters, digits and
/// inner hyphens; a few names are kept for the platform itself.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Slug(String);

impl Slug {
    pub const RESERVED: &'static [&'static str] = &[
        "www", "api", "app", "admin", "mail", "smtp", "help", "status", "static", "assets",
        "internal", "platform",
    ];

    pub fn parse(input: &str) -> Result<Self, String> {
        let value = input.trim().to_ascii_lowercase();
        if !(3..=40).contains(&value.len()) {
            return Err("Use 3 to 40 characters.".into());
        }
        if !value
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            || value.starts_with('-')
            || value.ends_with('-')
            || value.contains("--")
        {
            return Err(
                "Use lowercase letters, digits and single hyphens inside (like acme-voice).".into(),
            );
        }
        if Self::RESERVED.contains(&value.as_str()) {
            return Err(format!("\"{value}\" is reserved; choose another."));
        }
        Ok(Self(value))
    }

    /// A valid slug derived from a company name ("Acme Voice, Inc." → "acme-voice-inc"),
    /// when one can be made.
    pub fn suggest(name: &str) -> Option<Self> {
        let mut out = String::new();
        for c in name.chars().flat_map(char::to_lowercase) {
            if c.is_ascii_alphanumeric() {
                out.push(c);
            } else if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
        }
        let trimmed: String = out.trim_matches('-').chars().take(40).collect();
        Self::parse(trimmed.trim_end_matches('-')).ok()
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for Slug {
    type Error = String;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Slug> for String {
    fn from(value: Slug) -> Self {
        value.0
    }
}

/// A company or person name as people type it: trimmed, 2–120 characters, no control
/// characters.
pub fn parse_name(input: &str, what: &str) -> Result<String, String> {
    let value = input.trim();
    let len = value.chars().count();
    if len < 2 {
        return Err(format!("Enter the {what}."));
    }
    if len > 120 {
        return Err(format!("The {what} has at most 120 characters."));
    }
    if value.chars().any(char::is_control) {
        return Err(format!(
            "The {what} cannot contain line breaks or control characters."
        ));
    }
    Ok(value.to_owned())
}

/// A sign-up form that passed every rule (browser and server run the same checks).
#[derive(Debug, Clone)]
pub struct ValidSignUp {
    pub company: String,
    pub name: String,
    pub email: crate::auth::Email,
    pub password: crate::auth::Password,
}

/// Checks every field of the sign-up form and reports all problems at once.
pub fn validate_sign_up(
    company: &str,
    name: &str,
    email: &str,
    password: &str,
) -> Result<ValidSignUp, crate::FieldErrors> {
    let mut errors = crate::FieldErrors::new();
    let company = errors.check("company", parse_name(company, "company name"));
    let name = errors.check("name", parse_name(name, "your name"));
    let email = errors.check("email", crate::auth::Email::parse(email));
    let password = errors.check("password", crate::auth::Password::parse(password));
    match (company, name, email, password) {
        (Some(company), Some(name), Some(email), Some(password)) => Ok(ValidSignUp {
            company,
            name,
            email,
            password,
        }),
        _ => Err(errors),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum PartnerStatus {
    /// Works for 14 days without a payment method.
    Trial,
    Active,
    /// Stopped by the platform (or an expired trial): nobody can sign in to change things.
    Suspended,
}

impl PartnerStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Trial => "TRIAL",
            Self::Active => "ACTIVE",
            Self::Suspended => "SUSPENDED",
        }
    }

    pub fn parse(value: &str) -> Result<Self, String> {
        [Self::Trial, Self::Active, Self::Suspended]
            .into_iter()
            .find(|s| s.as_str() == value)
            .ok_or_else(|| format!("\"{value}\" is not a partner status."))
    }
}

#[cfg(test)]
mod tests;
