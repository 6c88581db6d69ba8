//! Extensions: a tenant's phones. The number is what colleagues dial; the SIP username
//! is the tenant's prefix followed by it.

use serde::{Deserialize, Serialize};

use crate::{FieldErrors, partners::parse_name};

/// An extension number: 2–6 digits, not starting with 0 (that reaches the operator on
/// many phones), and never a short service code like 911 or 411.
pub fn parse_number(input: &str) -> Result<String, String> {
    let value = input.trim();
    if !(2..=6).contains(&value.len()) || !value.chars().all(|c| c.is_ascii_digit()) {
        return Err("Use 2 to 6 digits (like 101).".into());
    }
    if value.starts_with('0') {
        return Err("Extensions cannot start with 0.".into());
    }
    if value.len() == 3 && value.ends_with("11") {
        return Err(format!(
            "{value} is a service code (like 911); choose another."
        ));
    }
    Ok(value.to_owned())
}

/// The add/edit form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ExtensionForm {
    pub number: String,
    pub display_name: String,
    /// A checkbox: present (any value) means on.
    pub voicemail: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidExtension {
    pub number: String,
    pub display_name: String,
    pub voicemail: bool,
}

impl ExtensionForm {
    pub fn validate(&self) -> Result<ValidExtension, FieldErrors> {
        let mut errors = FieldErrors::new();
        let number = errors.check("number", parse_number(&self.number));
        let display_name = errors.check(
            "display_name",
            parse_name(&self.display_name, "display name").and_then(|n| {
                if n.chars().count() > 60 {
                    Err("Keep the display name under 60 characters.".into())
                } else {
                    Ok(n)
                }
            }),
        );
        match (number, display_name) {
            (Some(number), Some(display_name)) => Ok(ValidExtension {
                number,
                display_name,
                voicemail: self.voicemail.is_some(),
            }),
            _ => Err(errors),
        }
    }
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Extension {
    pub id: String,
    pub number: String,
    pub display_name: String,
    /// The tenant's SIP prefix followed by the number.
    pub sip_username: String,
    pub voicemail: bool,
    /// `false` while the tenant is cancelled.
    pub registered: bool,
    pub created_at: String,
}

/// An extension right after it was created or its password was reset: the only time the
/// SIP password is shown. On the wire: the extension itself plus `sip_password`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExtensionSecret {
    #[serde(flatten)]
    pub extension: Extension,
    pub sip_password: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extension_numbers() {
        assert_eq!(parse_number(" 101 ").unwrap(), "101");
        for bad in ["1", "0101", "1234567", "12a", "911", "411"] {
            assert!(parse_number(bad).is_err(), "{bad}");
        }
        assert!(parse_number("9110").is_ok());
    }

    #[test]
    fn the_form_needs_a_number_and_a_name() {
        let errors = ExtensionForm::default().validate().unwrap_err();
        assert!(errors.get("number").is_some() && errors.get("display_name").is_some());
        let ok = ExtensionForm {
            number: "101".into(),
            display_name: "Front desk".into(),
            voicemail: Some("on".into()),
        }
        .validate()
        .unwrap();
        assert!(ok.voicemail);
    }
}
