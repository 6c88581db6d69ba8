//! Porting numbers in from another carrier: the request form and its rules, the
//! documents that go with it (a signed letter of authorization and a recent bill), and
//! the statuses a request moves through.

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

use super::PhoneNumber;
use crate::{FieldErrors, tenants::E911Address};

/// Most numbers one request may carry (bigger moves are split by the carrier anyway).
pub const MAX_PORT_NUMBERS: usize = 100;
/// How far ahead a port can be asked for.
pub const MAX_DAYS_AHEAD: i64 = 365;

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum PortStatus {
    /// Received, not yet sent to the losing carrier.
    Pending,
    Submitted,
    /// The carrier committed to a date (the FOC date).
    FocReceived,
    Completed,
    /// Refused with a reason; the partner fixes the request and resubmits it.
    Rejected,
    Cancelled,
}

impl PortStatus {
    pub const ALL: [Self; 6] = [
        Self::Pending,
        Self::Submitted,
        Self::FocReceived,
        Self::Completed,
        Self::Rejected,
        Self::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "PENDING",
            Self::Submitted => "SUBMITTED",
            Self::FocReceived => "FOC_RECEIVED",
            Self::Completed => "COMPLETED",
            Self::Rejected => "REJECTED",
            Self::Cancelled => "CANCELLED",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Pending => "Pending",
            Self::Submitted => "Submitted",
            Self::FocReceived => "FOC received",
            Self::Completed => "Completed",
            Self::Rejected => "Rejected",
            Self::Cancelled => "Cancelled",
        }
    }

    /// What the status means, for the page and the emails.
    pub fn meaning(self) -> &'static str {
        match self {
            Self::Pending => "We have the request; it goes to the current carrier shortly.",
            Self::Submitted => "The current carrier is reviewing the request.",
            Self::FocReceived => "The carrier confirmed the date the numbers move.",
            Self::Completed => "The numbers are in service here and assigned to the customer.",
            Self::Rejected => "The current carrier refused the request. Fix it and resubmit.",
            Self::Cancelled => "The request was withdrawn.",
        }
    }

    /// Still moving: the numbers are not here yet and the request can be withdrawn.
    pub fn is_open(self) -> bool {
        !matches!(self, Self::Completed | Self::Cancelled)
    }
}

/// The request form (a new request, or the fixed one on resubmit). The PIN is optional:
/// some carriers ask for one. On resubmit an empty PIN keeps the one on file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PortForm {
    /// One number per line (or separated by commas).
    pub numbers: String,
    pub losing_carrier: String,
    pub account_holder: String,
    pub account_number: String,
    pub pin: String,
    pub service_street: String,
    pub service_city: String,
    pub service_state: String,
    pub service_zip: String,
    /// The tenant's id: the numbers are assigned to it when they arrive.
    pub tenant: String,
    /// `YYYY-MM-DD`.
    pub desired_date: String,
}

/// A checked form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortDetails {
    pub numbers: Vec<PhoneNumber>,
    pub losing_carrier: String,
    pub account_holder: String,
    pub account_number: String,
    pub pin: Option<String>,
    pub service_address: E911Address,
    pub tenant: String,
    pub desired_date: NaiveDate,
}

impl PortForm {
    /// Every field at once; `today` bounds the desired date.
    pub fn validate(&self, today: NaiveDate) -> Result<PortDetails, FieldErrors> {
        let mut errors = FieldErrors::new();
        let numbers = errors.check("numbers", parse_port_numbers(&self.numbers));
        let losing_carrier = errors.check(
            "losing_carrier",
            text(
                &self.losing_carrier,
                80,
                "Enter the current carrier's name.",
            ),
        );
        let account_holder = errors.check(
            "account_holder",
            text(
                &self.account_holder,
                120,
                "Enter the name on the account, exactly as the bill shows it.",
            ),
        );
        let account_number = errors.check("account_number", parse_account(&self.account_number));
        let pin = errors.check("pin", parse_pin(&self.pin));
        let address = match E911Address::parse(
            &self.service_street,
            &self.service_city,
            &self.service_state,
            &self.service_zip,
            "service",
        ) {
            Ok(a) => Some(a),
            Err(e) => {
                errors.merge(e);
                None
            }
        };
        let tenant = errors.check(
            "tenant",
            if self.tenant.trim().is_empty() {
                Err("Choose the customer the numbers will belong to.".into())
            } else {
                Ok(self.tenant.trim().to_owned())
            },
        );
        let desired_date = errors.check("desired_date", parse_desired(&self.desired_date, today));
        match (
            numbers,
            losing_carrier,
            account_holder,
            account_number,
            pin,
            address,
            tenant,
            desired_date,
        ) {
            (Some(n), Some(c), Some(h), Some(a), Some(pin), Some(s), Some(t), Some(d))
                if errors.is_empty() =>
            {
                Ok(PortDetails {
                    numbers: n,
                    losing_carrier: c,
                    account_holder: h,
                    account_number: a,
                    pin,
                    service_address: s,
                    tenant: t,
                    desired_date: d,
                })
            }
            _ => Err(errors),
        }
    }
}

fn text(input: &str, max: usize, missing: &str) -> Result<String, String> {
    let value = input.split_whitespace().collect::<Vec<_>>().join(" ");
    if value.is_empty() {
        return Err(missing.into());
    }
    if value.chars().count() > max {
        return Err(format!("Use at most {max} characters."));
    }
    Ok(value)
}

/// The numbers to move: one per line or separated by commas, each a North American
/// number, no repeats.
pub fn parse_port_numbers(input: &str) -> Result<Vec<PhoneNumber>, String> {
    let mut out: Vec<PhoneNumber> = Vec::new();
    for part in input
        .split(['\n', ',', ';'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let n = PhoneNumber::parse(part).map_err(|e| format!("{part}: {e}"))?;
        if out.contains(&n) {
            return Err(format!("{n} is listed twice."));
        }
        out.push(n);
    }
    if out.is_empty() {
        return Err("Enter the numbers to bring over, one per line.".into());
    }
    if out.len() > MAX_PORT_NUMBERS {
        return Err(format!(
            "One request can move at most {MAX_PORT_NUMBERS} numbers; split the rest into another."
        ));
    }
    Ok(out)
}

fn parse_account(input: &str) -> Result<String, String> {
    let value = input.trim();
    if value.is_empty() {
        return Err("Enter the account number with the current carrier.".into());
    }
    if value.len() > 40
        || !value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == ' ')
    {
        return Err("Use the account number as printed on the bill: letters, digits, spaces and dashes, at most 40.".into());
    }
    Ok(value.to_owned())
}

/// An account PIN (passcode): optional, 4 to 15 letters or digits.
pub fn parse_pin(input: &str) -> Result<Option<String>, String> {
    let value = input.trim();
    if value.is_empty() {
        return Ok(None);
    }
    if !(4..=15).contains(&value.len()) || !value.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err("A PIN is 4 to 15 letters or digits.".into());
    }
    Ok(Some(value.to_owned()))
}

fn parse_desired(input: &str, today: NaiveDate) -> Result<NaiveDate, String> {
    let date = NaiveDate::parse_from_str(input.trim(), "%Y-%m-%d")
        .map_err(|_| "Choose the date you would like the numbers to move.".to_owned())?;
    if date < today {
        return Err("The date cannot be in the past.".into());
    }
    if date > today + Duration::days(MAX_DAYS_AHEAD) {
        return Err("Choose a date within the next year.".into());
    }
    Ok(date)
}

/// The documents a port needs.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocKind {
    /// The letter of authorization, signed by the account holder.
    Loa,
    /// A recent bill from the current carrier.
    Bill,
}

impl DocKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Loa => "loa",
            Self::Bill => "bill",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Loa, Self::Bill]
            .into_iter()
            .find(|k| k.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Loa => "Letter of authorization",
            Self::Bill => "Recent bill",
        }
    }

    /// The message when a new request comes without it.
    pub fn missing(self) -> &'static str {
        match self {
            Self::Loa => "Attach the letter of authorization the account holder signed.",
            Self::Bill => "Attach a recent bill from the current carrier.",
        }
    }
}

/// Largest document accepted.
pub const MAX_DOC_BYTES: usize = 10 * 1024 * 1024;

/// What the browser can tell before sending a file: its name and size.
pub fn check_document_meta(name: &str, size: usize) -> Result<(), String> {
    let lower = name.to_ascii_lowercase();
    if ![".pdf", ".png", ".jpg", ".jpeg"]
        .iter()
        .any(|ext| lower.ends_with(ext))
    {
        return Err("Upload a PDF, PNG or JPG file.".into());
    }
    if size == 0 {
        return Err("The file is empty.".into());
    }
    if size > MAX_DOC_BYTES {
        return Err(format!(
            "The file is {:.1} MB; the limit is {} MB.",
            size as f64 / 1_048_576.0,
            MAX_DOC_BYTES / 1_048_576
        ));
    }
    Ok(())
}

/// The whole check, on the server: the name and size, then the content itself must be
/// what the name says (a renamed file is refused). Returns the content type to store.
pub fn check_document(name: &str, bytes: &[u8]) -> Result<&'static str, String> {
    check_document_meta(name, bytes.len())?;
    let lower = name.to_ascii_lowercase();
    let (want, magic): (&'static str, &[u8]) = if lower.ends_with(".pdf") {
        ("application/pdf", b"%PDF-")
    } else if lower.ends_with(".png") {
        ("image/png", b"\x89PNG\r\n\x1a\n")
    } else {
        ("image/jpeg", b"\xff\xd8\xff")
    };
    if !bytes.starts_with(magic) {
        return Err(
            "The file's content does not match its name: upload the PDF, PNG or JPG itself.".into(),
        );
    }
    Ok(want)
}

/// A stored document, as the request page lists it.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortDocument {
    pub kind: DocKind,
    pub file_name: String,
    pub size: usize,
    pub uploaded_at: String,
    /// Where the partner downloads it.
    pub url: String,
}

/// One change in a request's history.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortEvent {
    pub at: String,
    pub status: PortStatus,
    pub note: Option<String>,
    /// Who made the change: a person's name, or "Carrier".
    pub by: String,
}

/// One request, whole.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortRequest {
    pub id: String,
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<String>))]
    pub numbers: Vec<PhoneNumber>,
    pub losing_carrier: String,
    pub account_holder: String,
    pub account_number: String,
    /// The PIN itself never leaves the server; the page says whether one is on file.
    pub has_pin: bool,
    pub service_address: E911Address,
    pub tenant: super::NumberTenant,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub desired_date: NaiveDate,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub foc_date: Option<NaiveDate>,
    pub status: PortStatus,
    /// The carrier's reason, while rejected.
    pub reason: Option<String>,
    pub documents: Vec<PortDocument>,
    pub history: Vec<PortEvent>,
    pub created_at: String,
    pub updated_at: String,
}

impl PortRequest {
    /// The form, filled in from the request (for fixing it after a rejection).
    pub fn to_form(&self) -> PortForm {
        PortForm {
            numbers: self
                .numbers
                .iter()
                .map(|n| n.to_string())
                .collect::<Vec<_>>()
                .join("\n"),
            losing_carrier: self.losing_carrier.clone(),
            account_holder: self.account_holder.clone(),
            account_number: self.account_number.clone(),
            pin: String::new(),
            service_street: self.service_address.street.clone(),
            service_city: self.service_address.city.clone(),
            service_state: self.service_address.state.clone(),
            service_zip: self.service_address.zip.clone(),
            tenant: self.tenant.id.clone(),
            desired_date: self.desired_date.format("%Y-%m-%d").to_string(),
        }
    }
}

/// A row of the requests list.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortSummary {
    pub id: String,
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<String>))]
    pub numbers: Vec<PhoneNumber>,
    pub tenant: String,
    pub losing_carrier: String,
    pub status: PortStatus,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub desired_date: NaiveDate,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub foc_date: Option<NaiveDate>,
    pub reason: Option<String>,
    pub updated_at: String,
}

#[cfg(test)]
mod tests;
