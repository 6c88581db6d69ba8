//! How a partner collects what its tenants owe (PRODUCT §5): the payment mode (through
//! the platform's processor, the partner's connected Stripe account, or the partner's
//! own Stripe keys), the statement descriptor, and what tenants do in the portal (pay
//! an invoice, keep a card for auto-pay, add prepaid funds). Every rule once, for the
//! browser and the server.

use serde::{Deserialize, Serialize};

use crate::FieldErrors;
use crate::billing::payments::{CardForm, StripeElements, keys_match, parse_publishable_key};

/// Where tenants' card payments go.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaymentMode {
    /// The platform's processor takes the money; it reaches the partner's wallet.
    #[default]
    Platform,
    /// The partner's Stripe account connected to the platform's (`Stripe-Account`).
    Connect,
    /// The partner's own Stripe secret key.
    CustomKeys,
}

impl PaymentMode {
    pub const ALL: [Self; 3] = [Self::Platform, Self::Connect, Self::CustomKeys];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Platform => "platform",
            Self::Connect => "connect",
            Self::CustomKeys => "custom_keys",
        }
    }

    pub fn parse(input: &str) -> Result<Self, String> {
        Self::ALL
            .into_iter()
            .find(|m| m.as_str() == input.trim())
            .ok_or_else(|| "Choose Platform, Connect or Custom keys.".into())
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Platform => "Platform (payments reach your wallet)",
            Self::Connect => "Connect (your connected Stripe account)",
            Self::CustomKeys => "Custom keys (your own Stripe account)",
        }
    }
}

/// What card statements show: at most 22 characters of letters, digits, spaces, `-`
/// and `&`, with at least one letter (card networks' rule). Empty means "the default".
pub fn parse_descriptor(input: &str) -> Result<Option<String>, String> {
    let text = input.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let allowed = |c: char| c.is_ascii_alphanumeric() || matches!(c, ' ' | '-' | '&');
    if text.chars().count() > 22 {
        return Err("Use at most 22 characters.".into());
    }
    if !text.chars().all(allowed) {
        return Err("Use only letters, digits, spaces, - and &.".into());
    }
    if !text.chars().any(|c| c.is_ascii_alphabetic()) {
        return Err("Include at least one letter.".into());
    }
    Ok(Some(text.to_owned()))
}

/// A connected account id: `acct_` and letters or digits.
pub fn parse_account_id(input: &str) -> Result<String, String> {
    let id = input.trim();
    let rest = id.strip_prefix("acct_").unwrap_or_default();
    if !rest.is_empty() && rest.len() <= 64 && rest.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Ok(id.to_owned());
    }
    Err("Paste the connected account id from Stripe; it starts with acct_.".into())
}

/// A Stripe secret (or restricted) key: `sk_test_…`, `sk_live_…`, `rk_…`.
pub fn parse_secret_key(input: &str) -> Result<String, String> {
    let key = input.trim();
    let shaped = ["sk_test_", "sk_live_", "rk_test_", "rk_live_"]
        .iter()
        .any(|p| key.strip_prefix(p).is_some_and(|rest| rest.len() >= 8));
    if shaped && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        Ok(key.to_owned())
    } else if key.starts_with("pk_") {
        Err("That is a publishable key; paste the secret key (sk_…).".into())
    } else {
        Err("Paste a Stripe secret key; it starts with sk_live_ or sk_test_.".into())
    }
}

/// The partner's collection settings as pages show them. The secret key itself is never
/// sent back: only its last four characters.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CollectionSettings {
    pub mode: PaymentMode,
    pub connect_account_id: Option<String>,
    pub secret_key_last4: Option<String>,
    /// Custom keys: the publishable key tenants' browsers collect live cards with.
    pub publishable_key: Option<String>,
    pub statement_descriptor: Option<String>,
}

/// The settings as typed. An empty secret key keeps the one saved.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CollectionForm {
    pub mode: String,
    pub connect_account_id: String,
    pub secret_key: String,
    /// Custom keys: empty removes it (then only Stripe's test cards can be taken).
    pub publishable_key: String,
    pub statement_descriptor: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidCollection {
    pub mode: PaymentMode,
    pub connect_account_id: Option<String>,
    /// A new key to validate with Stripe and seal; `None` keeps the saved one.
    pub secret_key: Option<String>,
    pub publishable_key: Option<String>,
    pub statement_descriptor: Option<String>,
}

impl CollectionForm {
    pub fn of(s: &CollectionSettings) -> Self {
        Self {
            mode: s.mode.as_str().to_owned(),
            connect_account_id: s.connect_account_id.clone().unwrap_or_default(),
            secret_key: String::new(),
            publishable_key: s.publishable_key.clone().unwrap_or_default(),
            statement_descriptor: s.statement_descriptor.clone().unwrap_or_default(),
        }
    }

    /// `has_saved_key`: Custom keys may keep the key saved before.
    pub fn validate(&self, has_saved_key: bool) -> Result<ValidCollection, FieldErrors> {
        let mut errors = FieldErrors::new();
        let mode = errors.check("mode", PaymentMode::parse(&self.mode));
        let connect_account_id = match mode {
            Some(PaymentMode::Connect) => errors.check(
                "connect_account_id",
                parse_account_id(&self.connect_account_id),
            ),
            _ => None,
        };
        let wants_key = !self.secret_key.trim().is_empty() || !has_saved_key;
        let secret_key = match mode {
            Some(PaymentMode::CustomKeys) if wants_key => {
                errors.check("secret_key", parse_secret_key(&self.secret_key))
            }
            _ => None,
        };
        let publishable_key = match mode {
            Some(PaymentMode::CustomKeys) if !self.publishable_key.trim().is_empty() => errors
                .check(
                    "publishable_key",
                    parse_publishable_key(&self.publishable_key).and_then(|pk| {
                        // A saved key is checked against it on the server.
                        secret_key
                            .as_deref()
                            .map_or(Ok(()), |sk| keys_match(sk, &pk))
                            .map(|()| pk)
                    }),
                ),
            _ => None,
        };
        let statement_descriptor = errors
            .check(
                "statement_descriptor",
                parse_descriptor(&self.statement_descriptor),
            )
            .flatten();
        match mode {
            Some(mode) if errors.is_empty() => Ok(ValidCollection {
                mode,
                connect_account_id,
                secret_key,
                publishable_key,
                statement_descriptor,
            }),
            _ => Err(errors),
        }
    }
}

/// A tenant's saved card as its portal shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TenantCard {
    pub brand: String,
    pub last4: String,
    pub exp_month: u32,
    pub exp_year: i32,
    pub autopay: bool,
}

/// What the portal's Billing tab needs to take a payment.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortalPayment {
    /// The saved card, if it can still be charged (a card saved before the partner
    /// changed how it collects is not offered).
    pub card: Option<TenantCard>,
    pub prepaid: bool,
    pub balance_cents: i64,
    /// Card payments can be taken at all (the partner's collection is set up).
    pub accepts_cards: bool,
    /// The installation takes only the documented test cards (no live processor).
    pub test_cards_only: bool,
    /// Live cards are collected by Stripe's card form in the browser.
    pub card_form: Option<StripeElements>,
    /// The tenant's user may pay (admins; read-only users see, but cannot pay).
    pub can_pay: bool,
}

/// One movement of money on an invoice, as the partner's invoice page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoicePayment {
    /// `payment` or `refund`.
    pub kind: String,
    /// `card`, `manual` or `balance`.
    pub method: String,
    pub amount_cents: i64,
    pub card_last4: Option<String>,
    /// The processor's charge or refund id, for looking it up there.
    pub reference: Option<String>,
    /// RFC 3339, UTC.
    pub at: String,
}

impl InvoicePayment {
    /// "Card payment, ending 4242", "Refund to prepaid funds", "Payment recorded by hand".
    pub fn label(&self) -> String {
        let card = self
            .card_last4
            .as_deref()
            .map_or_else(String::new, |l| format!(", card ending {l}"));
        match (self.kind.as_str(), self.method.as_str()) {
            ("refund", "card") => format!("Refund to card{card}"),
            ("refund", "balance") => "Refund to prepaid funds".into(),
            ("refund", _) => "Refund recorded by hand".into(),
            (_, "card") => format!("Card payment{card}"),
            (_, "balance") => "Paid from prepaid funds".into(),
            _ => "Payment recorded by hand".into(),
        }
    }
}

/// How a tenant pays: the card typed now, or the card it saved.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PayForm {
    /// Present (any value) to use the saved card; the card fields are then ignored.
    pub saved: Option<String>,
    pub card: CardForm,
    /// A checkbox: keep this card for next time.
    pub remember: Option<String>,
    /// A checkbox (with `remember`): charge new invoices to it when they are issued.
    pub autopay: Option<String>,
    /// Top-ups only: dollars to add.
    pub amount: String,
}

/// Prepaid top-ups: at least $5, at most $10,000 at a time.
pub const TOP_UP_MIN_CENTS: i64 = 500;
pub const TOP_UP_MAX_CENTS: i64 = 1_000_000;

/// A top-up amount as typed: dollars, within the bounds above.
pub fn parse_top_up(input: &str) -> Result<i64, String> {
    let cents = crate::billing::parse_dollars(input)?;
    if (TOP_UP_MIN_CENTS..=TOP_UP_MAX_CENTS).contains(&cents) {
        Ok(cents)
    } else {
        Err(format!(
            "Add from {} to {} at a time.",
            crate::billing::dollars(TOP_UP_MIN_CENTS),
            crate::billing::dollars(TOP_UP_MAX_CENTS)
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptors_follow_the_card_networks_rules() {
        assert_eq!(parse_descriptor("  ").unwrap(), None);
        assert_eq!(
            parse_descriptor("ACME VOICE & DATA-1").unwrap().as_deref(),
            Some("ACME VOICE & DATA-1")
        );
        assert_eq!(
            parse_descriptor("A".repeat(22).as_str())
                .unwrap()
                .unwrap()
                .len(),
            22
        );
        for bad in [
            "A".repeat(23),
            "Acme.com".into(),
            "Acme's".into(),
            "1234".into(),
        ] {
            assert!(parse_descriptor(&bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn account_ids_and_keys_are_checked_by_shape() {
        assert!(parse_account_id("acct_1Nv0FGQ9RKHgCVdK").is_ok());
        for bad in ["", "acct_", "cus_123", "acct_12 3"] {
            assert!(parse_account_id(bad).is_err(), "{bad}");
        }
        assert!(parse_secret_key("sk_test_4eC39HqLyjWDarjtT1zdp7dc").is_ok());
        assert!(
            parse_secret_key("pk_test_4eC39HqLyjWDarjtT1zdp7dc")
                .unwrap_err()
                .contains("publishable")
        );
        assert!(parse_secret_key("sk_test_").is_err());
    }

    #[test]
    fn the_form_asks_only_for_what_the_mode_needs() {
        let form = |mode: &str| CollectionForm {
            mode: mode.into(),
            ..Default::default()
        };
        assert_eq!(
            form("platform").validate(false).unwrap().mode,
            PaymentMode::Platform
        );
        let e = form("connect").validate(false).unwrap_err();
        assert!(e.first("connect_account_id").is_some());
        let e = form("custom_keys").validate(false).unwrap_err();
        assert!(e.first("secret_key").is_some());
        // A saved key is kept when the field is left empty.
        let kept = form("custom_keys").validate(true).unwrap();
        assert_eq!(kept.secret_key, None);
        let e = CollectionForm {
            mode: "bank".into(),
            statement_descriptor: "A.B".into(),
            ..Default::default()
        }
        .validate(false)
        .unwrap_err();
        assert!(e.first("mode").is_some() && e.first("statement_descriptor").is_some());
        // Custom keys may name the publishable key for live cards, in the same mode.
        let keys = |sk: &str, pk: &str| CollectionForm {
            mode: "custom_keys".into(),
            secret_key: sk.into(),
            publishable_key: pk.into(),
            ..Default::default()
        };
        let ok = keys("sk_test_abcdefgh1", "pk_test_abcdefgh2")
            .validate(false)
            .unwrap();
        assert_eq!(ok.publishable_key.as_deref(), Some("pk_test_abcdefgh2"));
        let e = keys("sk_live_abcdefgh1", "pk_test_abcdefgh2")
            .validate(false)
            .unwrap_err();
        assert!(
            e.first("publishable_key")
                .unwrap()
                .contains("same Stripe mode")
        );
        let e = keys("", "sk_test_abcdefgh2").validate(true).unwrap_err();
        assert!(e.first("publishable_key").is_some());
        let platform = CollectionForm {
            publishable_key: "junk".into(),
            ..form("platform")
        };
        assert_eq!(platform.validate(false).unwrap().publishable_key, None);
    }

    #[test]
    fn top_ups_are_bounded() {
        assert_eq!(parse_top_up("25").unwrap(), 2_500);
        assert!(parse_top_up("4.99").is_err());
        assert!(parse_top_up("10000.01").is_err());
        assert!(parse_top_up("abc").is_err());
    }
}
