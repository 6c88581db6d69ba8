//! An emergency (E911) service address: where responders go when someone dials 911.
//! Carriers reject addresses they cannot dispatch to, so the rules are strict: a building
//! number, no PO boxes, a city without punctuation, a real state and ZIP.

use serde::{Deserialize, Serialize};

use crate::FieldErrors;

/// US states, DC and territories with 911 service.
pub const STATES: &[&str] = &[
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA",
    "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM",
    "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA",
    "WV", "WI", "WY", "PR", "GU", "VI", "AS", "MP",
];

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct E911Address {
    pub street: String,
    pub city: String,
    pub state: String,
    pub zip: String,
    pub country: String,
}

impl E911Address {
    /// Checks every part and reports each problem under `prefix_<part>` (`e911_street`…).
    pub fn parse(
        street: &str,
        city: &str,
        state: &str,
        zip: &str,
        prefix: &str,
    ) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let key = |part: &str| format!("{prefix}_{part}");
        let street = errors.check(&key("street"), parse_street(street));
        let city = errors.check(&key("city"), parse_city(city));
        let state = errors.check(&key("state"), parse_state(state));
        let zip = errors.check(&key("zip"), parse_zip(zip));
        match (street, city, state, zip) {
            (Some(street), Some(city), Some(state), Some(zip)) => Ok(Self {
                street,
                city,
                state,
                zip,
                country: "US".into(),
            }),
            _ => Err(errors),
        }
    }

    /// One line, as lists show it.
    pub fn one_line(&self) -> String {
        format!(
            "{}, {}, {} {}",
            self.street, self.city, self.state, self.zip
        )
    }
}

fn parse_street(input: &str) -> Result<String, String> {
    let value = input.split_whitespace().collect::<Vec<_>>().join(" ");
    if value.is_empty() {
        return Err("Enter the street address.".into());
    }
    let squashed: String = value
        .to_ascii_lowercase()
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    if squashed.starts_with("pobox") || squashed.starts_with("postofficebox") {
        return Err("Emergency services cannot go to a PO box; use the street address.".into());
    }
    if !value.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        return Err("Start with the building number (like 100 Main St).".into());
    }
    if value.len() > 120 {
        return Err("Keep the street under 120 characters.".into());
    }
    Ok(value)
}

fn parse_city(input: &str) -> Result<String, String> {
    let value = input.split_whitespace().collect::<Vec<_>>().join(" ");
    if value.len() < 2 {
        return Err("Enter the city.".into());
    }
    if !value.chars().all(|c| c.is_ascii_alphabetic() || c == ' ') {
        return Err(
            "Use letters and spaces only (no punctuation: St Louis, not St. Louis).".into(),
        );
    }
    Ok(value)
}

fn parse_state(input: &str) -> Result<String, String> {
    let value = input.trim().to_ascii_uppercase();
    if STATES.contains(&value.as_str()) {
        Ok(value)
    } else {
        Err("Choose a US state (two letters, like NY).".into())
    }
}

fn parse_zip(input: &str) -> Result<String, String> {
    let value = input.trim();
    let digits = |s: &str, n: usize| s.len() == n && s.chars().all(|c| c.is_ascii_digit());
    let ok = match value.split_once('-') {
        None => digits(value, 5),
        Some((five, four)) => digits(five, 5) && digits(four, 4),
    };
    if ok {
        Ok(value.to_owned())
    } else {
        Err("Use a 5-digit ZIP (or ZIP+4 like 10001-1234).".into())
    }
}
