//! Phone numbers (DIDs): what the partner searches for, buys, assigns and keeps
//! compliant. Wire types and every rule the forms check.

pub mod compliance;
mod phone;
pub mod ports;

pub use compliance::{BulkForm, BulkOutcome, E911Form, E911Summary, parse_cnam};

pub use phone::{PhoneNumber, TOLL_FREE_NPAS, keypad_digit, matches_pattern, vanity_pattern};

use serde::{Deserialize, Serialize};

use crate::{
    FieldErrors,
    tenants::{E911Address, STATES},
};

/// Most results one search returns.
pub const MAX_RESULTS: usize = 50;

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NumberKind {
    Local,
    TollFree,
}

/// Search → buy: local numbers by place, or toll-free (regular or a vanity pattern).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SearchForm {
    /// `local` (default) or `toll_free`.
    pub kind: String,
    pub state: String,
    pub area_code: String,
    pub nxx: String,
    pub rate_center: String,
    pub city: String,
    /// Toll-free vanity pattern (`8XX-OUR-FOOD`); empty for regular numbers.
    pub pattern: String,
    pub limit: String,
}

/// A checked search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Search {
    Local {
        state: String,
        area_code: Option<String>,
        nxx: Option<String>,
        rate_center: Option<String>,
        city: Option<String>,
        limit: usize,
    },
    TollFree {
        /// 10 characters of digits and `X`.
        pattern: Option<String>,
        limit: usize,
    },
}

fn three_digits(value: &str, what: &str) -> Result<Option<String>, String> {
    let v = value.trim();
    if v.is_empty() {
        return Ok(None);
    }
    let ok = v.len() == 3
        && v.chars().all(|c| c.is_ascii_digit())
        && !v.starts_with('0')
        && !v.starts_with('1');
    if ok {
        Ok(Some(v.to_owned()))
    } else {
        Err(format!("{what} is 3 digits and starts with 2–9."))
    }
}

fn optional_text(value: &str) -> Option<String> {
    let v = value.trim();
    (!v.is_empty()).then(|| v.to_owned())
}

pub fn parse_state(value: &str) -> Result<String, String> {
    let v = value.trim().to_ascii_uppercase();
    if v.is_empty() {
        return Err("Choose a state.".into());
    }
    if STATES.contains(&v.as_str()) {
        Ok(v)
    } else {
        Err(format!("\"{}\" is not a US state code.", value.trim()))
    }
}

pub fn parse_limit(value: &str) -> Result<usize, String> {
    let v = value.trim();
    if v.is_empty() {
        return Ok(20);
    }
    match v.parse::<usize>() {
        Ok(n) if (1..=MAX_RESULTS).contains(&n) => Ok(n),
        _ => Err(format!("Show between 1 and {MAX_RESULTS} numbers.")),
    }
}

impl SearchForm {
    pub fn validate(&self) -> Result<Search, FieldErrors> {
        let mut errors = FieldErrors::new();
        let limit = errors.check("limit", parse_limit(&self.limit));
        let search = if self.kind == "toll_free" {
            let pattern = optional_text(&self.pattern)
                .map(|p| vanity_pattern(&p))
                .transpose();
            errors
                .check("pattern", pattern)
                .map(|pattern| Search::TollFree {
                    pattern,
                    limit: limit.unwrap_or(20),
                })
        } else {
            let state = errors.check("state", parse_state(&self.state));
            let area_code =
                errors.check("area_code", three_digits(&self.area_code, "An area code"));
            let nxx = errors.check("nxx", three_digits(&self.nxx, "An exchange (NXX)"));
            match (state, area_code, nxx) {
                (Some(state), Some(area_code), Some(nxx)) => Some(Search::Local {
                    state,
                    area_code,
                    nxx,
                    rate_center: optional_text(&self.rate_center).map(|r| r.to_ascii_uppercase()),
                    city: optional_text(&self.city),
                    limit: limit.unwrap_or(20),
                }),
                _ => None,
            }
        };
        match search {
            Some(s) if errors.is_empty() => Ok(s),
            _ => Err(errors),
        }
    }
}

/// A number the carrier offers, with what it costs this partner (its tier's prices).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AvailableNumber {
    pub number: PhoneNumber,
    pub kind: NumberKind,
    /// "Denver, CO" (local) or "Toll-free".
    pub region: String,
    pub rate_center: Option<String>,
    pub monthly_cents: i64,
    pub setup_cents: i64,
    /// Per-minute rate in micro-dollars.
    pub minute_micros: i64,
    /// What buying it charges today: the setup fee and the rest of this month.
    pub first_charge_cents: i64,
}

/// Inventory filters (the query string of `/numbers`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct InventoryFilter {
    /// A tenant's id, or `unassigned`.
    pub tenant: String,
    /// An E911 status wire name.
    pub e911: String,
    /// A number status wire name; empty shows every number not released.
    pub status: String,
    /// Part of a number, or of a tenant's name.
    pub q: String,
}

/// ACTIVE (in service), PENDING (the carrier is provisioning it), RELEASED (given back).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum NumberStatus {
    Pending,
    Active,
    Released,
}

impl NumberStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "PENDING",
            Self::Active => "ACTIVE",
            Self::Released => "RELEASED",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Pending, Self::Active, Self::Released]
            .into_iter()
            .find(|x| x.as_str() == s)
    }
}

/// CNAM sync with the carrier.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum CnamStatus {
    Pending,
    Synced,
    Failed,
}

/// Emergency-address registration with the carrier.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum E911Status {
    NotSet,
    Pending,
    Registered,
    Failed,
}

impl E911Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::NotSet => "NOT_SET",
            Self::Pending => "PENDING",
            Self::Registered => "REGISTERED",
            Self::Failed => "FAILED",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::NotSet, Self::Pending, Self::Registered, Self::Failed]
            .into_iter()
            .find(|x| x.as_str() == s)
    }
}

/// The tenant a number is assigned to, as the inventory shows it.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NumberTenant {
    pub id: String,
    pub name: String,
    pub sip_prefix: String,
}

/// One row of the inventory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnedNumber {
    pub id: String,
    pub number: PhoneNumber,
    pub kind: NumberKind,
    pub region: String,
    pub rate_center: Option<String>,
    pub tenant: Option<NumberTenant>,
    pub status: NumberStatus,
    pub call_flow: Option<String>,
    pub cnam: Option<String>,
    pub cnam_status: Option<CnamStatus>,
    /// Why the carrier refused the name, when it did.
    pub cnam_reason: Option<String>,
    pub e911_address: Option<E911Address>,
    pub e911_status: E911Status,
    pub e911_reason: Option<String>,
    pub monthly_cents: i64,
    pub purchased_at: String,
}

/// What a purchase did: the numbers (PENDING until the carrier brings them into
/// service) and what the wallet was charged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Purchase {
    pub numbers: Vec<OwnedNumber>,
    pub charged_cents: i64,
    pub balance_cents: i64,
}

/// Most numbers one purchase may take.
pub const MAX_PURCHASE: usize = 100;

/// The numbers ticked for purchase, each checked.
pub fn parse_selection(numbers: &[String]) -> Result<Vec<PhoneNumber>, String> {
    if numbers.is_empty() {
        return Err("Choose at least one number.".into());
    }
    if numbers.len() > MAX_PURCHASE {
        return Err(format!("Buy at most {MAX_PURCHASE} numbers at a time."));
    }
    let mut out: Vec<PhoneNumber> = Vec::with_capacity(numbers.len());
    for n in numbers {
        let parsed = PhoneNumber::parse(n)?;
        if !out.contains(&parsed) {
            out.push(parsed);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests;
