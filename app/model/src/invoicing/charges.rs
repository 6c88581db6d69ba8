//! One-time charges and credits a partner adds to a tenant's next invoice (a setup fee,
//! a goodwill credit). A credit never makes an invoice negative: it covers at most what
//! the invoice's other lines come to, and what is left of it waits for the next one.

use serde::{Deserialize, Serialize};

use super::LineKind;
use crate::{FieldErrors, billing::parse_dollars};

/// The largest single charge or credit: $100,000.
pub const MAX_CHARGE_CENTS: i64 = 10_000_000;

/// A charge or credit as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ChargeForm {
    /// `one_time` or `credit`.
    pub kind: String,
    pub description: String,
    /// Dollars, above zero (a credit is typed as a positive amount).
    pub amount: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidCharge {
    pub kind: LineKind,
    pub description: String,
    pub amount_cents: i64,
}

impl ChargeForm {
    pub fn validate(&self) -> Result<ValidCharge, FieldErrors> {
        let mut errors = FieldErrors::new();
        let kind = match self.kind.trim() {
            "one_time" => Some(LineKind::OneTime),
            "credit" => Some(LineKind::Credit),
            _ => {
                errors.add("kind", "Choose a one-time charge or a credit.");
                None
            }
        };
        let description = self.description.trim();
        if description.is_empty() {
            errors.add(
                "description",
                "Say what it is for: the invoice shows it as the line's name.",
            );
        } else if description.chars().count() > 120 {
            errors.add("description", "Keep it to 120 characters.");
        }
        let amount = errors.check(
            "amount",
            parse_dollars(&self.amount).and_then(|c| {
                if c > MAX_CHARGE_CENTS {
                    Err("Keep a single charge or credit to $100,000 or less.".into())
                } else {
                    Ok(c)
                }
            }),
        );
        match (kind, amount) {
            (Some(kind), Some(amount_cents)) if errors.is_empty() => Ok(ValidCharge {
                kind,
                description: description.to_owned(),
                amount_cents,
            }),
            _ => Err(errors),
        }
    }
}

/// A charge or credit as pages show it; `invoice_number` once an invoice took it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Charge {
    pub id: String,
    pub kind: LineKind,
    pub description: String,
    /// Positive for both kinds; a credit is subtracted.
    pub amount_cents: i64,
    pub created_at: String,
    pub invoice_number: Option<String>,
}

/// How much of each credit (in order) an invoice whose other lines come to `charged`
/// uses: each up to what is still uncovered, never below zero.
pub fn apply_credits(charged: i64, credits: &[i64]) -> Vec<i64> {
    let mut left = charged.max(0);
    credits
        .iter()
        .map(|&c| {
            let used = c.min(left).max(0);
            left -= used;
            used
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credits_cover_at_most_what_is_charged_in_order() {
        assert_eq!(apply_credits(1_000, &[300, 500]), vec![300, 500]);
        assert_eq!(apply_credits(1_000, &[800, 500]), vec![800, 200]);
        assert_eq!(apply_credits(0, &[800]), vec![0]);
        assert_eq!(apply_credits(-50, &[800]), vec![0]);
    }

    #[test]
    fn a_charge_needs_a_kind_a_name_and_a_positive_amount() {
        let ok = ChargeForm {
            kind: "credit".into(),
            description: " Outage in March ".into(),
            amount: "25".into(),
        }
        .validate()
        .unwrap();
        assert_eq!(
            ok,
            ValidCharge {
                kind: LineKind::Credit,
                description: "Outage in March".into(),
                amount_cents: 2_500
            }
        );
        let bad = ChargeForm {
            kind: "refund".into(),
            description: String::new(),
            amount: "-3".into(),
        }
        .validate()
        .unwrap_err();
        for field in ["kind", "description", "amount"] {
            assert!(bad.first(field).is_some(), "{field}");
        }
        let huge = ChargeForm {
            kind: "one_time".into(),
            description: "Setup".into(),
            amount: "100000.01".into(),
        }
        .validate()
        .unwrap_err();
        assert!(huge.first("amount").is_some());
    }
}
