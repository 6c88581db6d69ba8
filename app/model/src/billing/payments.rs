//! Cards for paying the platform: the form's rules (run in the browser and again on the
//! server), the documented test cards of the built-in processor, and saved cards as the
//! page shows them. Card numbers never leave the processor adapter: only the brand, the
//! last four digits and the expiry are kept.

use serde::{Deserialize, Serialize};

use crate::FieldErrors;

/// The built-in processor's documented test cards (any future expiry, any CVC).
pub const TEST_CARDS: [(&str, &str); 4] = [
    ("4242424242424242", "succeeds"),
    ("4000000000000002", "is declined"),
    ("4000000000009995", "is declined for insufficient funds"),
    ("4000000000000069", "is declined as expired"),
];

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CardForm {
    pub name: String,
    pub number: String,
    /// `MM/YY` or `MM/YYYY`.
    pub expiry: String,
    pub cvc: String,
    /// A card Stripe's own card form collected in the browser (`pm_…`): the number,
    /// expiry and code then never reach this server, and the three fields above are
    /// ignored.
    pub payment_method: String,
}

/// A card to save: typed into our form (test cards, the built-in processor), or
/// collected by Stripe's card form in the browser (live cards).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NewCard {
    Typed(ValidCard),
    Collected {
        name: String,
        payment_method: String,
    },
}

impl NewCard {
    pub fn name(&self) -> &str {
        match self {
            Self::Typed(card) => &card.name,
            Self::Collected { name, .. } => name,
        }
    }

    /// The last four digits when we saw them ("" for a card Stripe collected).
    pub fn last4(&self) -> &str {
        match self {
            Self::Typed(card) => card.last4(),
            Self::Collected { .. } => "",
        }
    }
}

/// How the browser collects a live card: Stripe's card form (Stripe Elements), loaded
/// from `script`, with the publishable key of the account the card will be charged
/// through (and the connected account it acts for, in Connect mode).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StripeElements {
    pub publishable_key: String,
    pub account: Option<String>,
    pub script: String,
}

/// A PaymentMethod id from Stripe's card form: `pm_` and letters, digits or `_`.
pub fn parse_payment_method(input: &str) -> Result<String, String> {
    let id = input.trim();
    let rest = id.strip_prefix("pm_").unwrap_or_default();
    if !rest.is_empty()
        && rest.len() <= 250
        && rest.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    {
        Ok(id.to_owned())
    } else {
        Err("The card form did not finish; enter the card again.".into())
    }
}

/// A Stripe publishable key: `pk_test_…` or `pk_live_…`.
pub fn parse_publishable_key(input: &str) -> Result<String, String> {
    let key = input.trim();
    let shaped = ["pk_test_", "pk_live_"]
        .iter()
        .any(|p| key.strip_prefix(p).is_some_and(|rest| rest.len() >= 8));
    if shaped && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        Ok(key.to_owned())
    } else if key.starts_with("sk_") || key.starts_with("rk_") {
        Err("That is a secret key; paste the publishable key (pk_…).".into())
    } else {
        Err("Paste a Stripe publishable key; it starts with pk_live_ or pk_test_.".into())
    }
}

/// A secret and a publishable key must both be test keys or both live keys: a card
/// collected with one account's test key cannot be charged with a live key.
pub fn keys_match(secret: &str, publishable: &str) -> Result<(), String> {
    let live = |key: &str| key.contains("_live_");
    if live(secret) == live(publishable) {
        Ok(())
    } else {
        Err(
            "Use the publishable key from the same Stripe mode (test or live) as the secret key."
                .into(),
        )
    }
}

/// A card that passed the form's rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidCard {
    pub name: String,
    /// Digits only.
    pub number: String,
    pub exp_month: u32,
    pub exp_year: i32,
    pub cvc: String,
}

impl ValidCard {
    pub fn last4(&self) -> &str {
        &self.number[self.number.len().saturating_sub(4)..]
    }

    /// Visa, Mastercard, American Express, Discover, or "Card".
    pub fn brand(&self) -> &'static str {
        brand_of(&self.number)
    }
}

pub fn brand_of(digits: &str) -> &'static str {
    let two: u32 = digits.get(..2).and_then(|d| d.parse().ok()).unwrap_or(0);
    let four: u32 = digits.get(..4).and_then(|d| d.parse().ok()).unwrap_or(0);
    match () {
        _ if digits.starts_with('4') => "Visa",
        _ if (51..=55).contains(&two) || (2221..=2720).contains(&four) => "Mastercard",
        _ if two == 34 || two == 37 => "American Express",
        _ if digits.starts_with("6011") || two == 65 => "Discover",
        _ => "Card",
    }
}

/// The card number: 12–19 digits (spaces and dashes allowed) passing the Luhn check.
pub fn parse_card_number(input: &str) -> Result<String, String> {
    let digits: String = input.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
    if digits.is_empty() {
        return Err("Enter the card number.".into());
    }
    if !digits.chars().all(|c| c.is_ascii_digit()) || !(12..=19).contains(&digits.len()) {
        return Err("A card number is 12 to 19 digits.".into());
    }
    let sum: u32 = digits
        .chars()
        .rev()
        .filter_map(|c| c.to_digit(10))
        .enumerate()
        .map(|(i, d)| {
            if i % 2 == 1 {
                let twice = d * 2;
                if twice > 9 { twice - 9 } else { twice }
            } else {
                d
            }
        })
        .sum();
    if !sum.is_multiple_of(10) {
        return Err("This card number has a typo (its check digit does not match).".into());
    }
    Ok(digits)
}

/// `MM/YY` or `MM/YYYY` → (month, four-digit year); the shape only.
pub fn parse_expiry(input: &str) -> Result<(u32, i32), String> {
    let bad = || "Use the expiry printed on the card, like 08/29.".to_owned();
    let (m, y) = input.trim().split_once('/').ok_or_else(bad)?;
    let month: u32 = m.trim().parse().map_err(|_| bad())?;
    let year: i32 = y.trim().parse().map_err(|_| bad())?;
    let year = match y.trim().len() {
        2 => 2000 + year,
        4 => year,
        _ => return Err(bad()),
    };
    if !(1..=12).contains(&month) {
        return Err(bad());
    }
    Ok((month, year))
}

pub fn parse_cvc(input: &str) -> Result<String, String> {
    let value = input.trim();
    if (3..=4).contains(&value.len()) && value.chars().all(|c| c.is_ascii_digit()) {
        Ok(value.to_owned())
    } else {
        Err("The security code is the 3 or 4 digits on the card.".into())
    }
}

impl CardForm {
    /// Every rule at once; `today` is (year, month), so a card that ran out is refused.
    /// A card Stripe collected needs only the name and the PaymentMethod id (its
    /// problems are shown under the card form, which is where `number` errors sit).
    pub fn validate(&self, today: (i32, u32)) -> Result<NewCard, FieldErrors> {
        let mut errors = FieldErrors::new();
        let name = self.name.split_whitespace().collect::<Vec<_>>().join(" ");
        if name.is_empty() {
            errors.add("name", "Enter the name on the card.");
        }
        if !self.payment_method.trim().is_empty() {
            let payment_method = errors.check("number", parse_payment_method(&self.payment_method));
            return match payment_method {
                Some(payment_method) if errors.is_empty() => Ok(NewCard::Collected {
                    name,
                    payment_method,
                }),
                _ => Err(errors),
            };
        }
        let number = errors.check("number", parse_card_number(&self.number));
        let expiry = errors.check(
            "expiry",
            parse_expiry(&self.expiry).and_then(|(m, y)| {
                if (y, m) < today {
                    Err("This card has expired.".into())
                } else {
                    Ok((m, y))
                }
            }),
        );
        let cvc = errors.check("cvc", parse_cvc(&self.cvc));
        match (number, expiry, cvc) {
            (Some(number), Some((exp_month, exp_year)), Some(cvc)) if errors.is_empty() => {
                Ok(NewCard::Typed(ValidCard {
                    name,
                    number,
                    exp_month,
                    exp_year,
                    cvc,
                }))
            }
            _ => Err(errors),
        }
    }
}

/// A saved card as the Payment Methods tab shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentMethod {
    pub id: String,
    pub brand: String,
    pub last4: String,
    pub exp_month: u32,
    pub exp_year: i32,
    pub is_default: bool,
}
