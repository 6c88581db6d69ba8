//! What a number tells the world about its owner: the caller-ID name (CNAM) and the
//! emergency (E911) address, with their rules.

use serde::{Deserialize, Serialize};

use crate::{FieldErrors, tenants::E911Address};

/// Carriers store 15 characters of caller-ID name.
pub const CNAM_MAX: usize = 15;

/// A caller-ID name: up to 15 letters, digits, spaces and `& , . - '`; empty means
/// "use the tenant's default".
pub fn parse_cnam(input: &str) -> Result<Option<String>, String> {
    let name = input.trim();
    if name.is_empty() {
        return Ok(None);
    }
    if name.chars().count() > CNAM_MAX {
        return Err(format!(
            "Caller-ID names can have at most {CNAM_MAX} characters; this one has {}.",
            name.chars().count()
        ));
    }
    if let Some(bad) = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || " &,.-'".contains(*c)))
    {
        return Err(format!(
            "\"{bad}\" cannot be shown in caller ID: use letters, digits, spaces and & , . - '"
        ));
    }
    Ok(Some(name.to_owned()))
}

/// The E911 form of one or many numbers.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct E911Form {
    pub street: String,
    pub city: String,
    pub state: String,
    pub zip: String,
}

impl E911Form {
    /// Errors are reported under `e911_street`, `e911_city`, … (the tenant form's names).
    pub fn validate(&self) -> Result<E911Address, FieldErrors> {
        E911Address::parse(&self.street, &self.city, &self.state, &self.zip, "e911")
    }
}

/// Several numbers at once: assign to a tenant, release, or set one E911 address.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BulkForm {
    /// `assign`, `release` or `e911`.
    pub action: String,
    pub ids: Vec<String>,
    pub tenant: String,
    pub e911: E911Form,
}

/// What a bulk action did, number by number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BulkOutcome {
    pub done: usize,
    /// `(number, why)` for each one that was refused.
    pub refused: Vec<(String, String)>,
}

/// The E911 page: how many numbers are in each state.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct E911Summary {
    pub registered: usize,
    pub pending: usize,
    pub failed: usize,
    pub not_set: usize,
}

impl E911Summary {
    pub fn compliant(&self) -> bool {
        self.pending + self.failed + self.not_set == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caller_id_names_are_at_most_15_plain_characters() {
        assert_eq!(
            parse_cnam("  Acme Dental  ").unwrap().as_deref(),
            Some("Acme Dental")
        );
        assert_eq!(parse_cnam("").unwrap(), None);
        assert!(
            parse_cnam("Acme Dental Care Inc")
                .unwrap_err()
                .contains("at most 15")
        );
        assert!(parse_cnam("Acme <Dental>").unwrap_err().contains("\"<\""));
        assert!(parse_cnam("O'Brien & Sons").is_ok());
    }

    #[test]
    fn e911_form_refuses_po_boxes_by_field() {
        let form = E911Form {
            street: "PO Box 12".into(),
            city: "Denver".into(),
            state: "CO".into(),
            zip: "80202".into(),
        };
        let err = form.validate().unwrap_err();
        assert!(err.first("e911_street").is_some());
        let ok = E911Form {
            street: "1600 Glenarm Pl".into(),
            ..form
        };
        assert_eq!(ok.validate().unwrap().state, "CO");
    }
}
