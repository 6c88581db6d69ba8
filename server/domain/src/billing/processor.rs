//! The payment adapter: how the platform saves a partner's card and charges it. The
//! built-in processor works offline with documented test cards (and refuses every other
//! card, so nobody mistakes it for real payments); a Stripe adapter plugs in behind the
//! same trait.

use async_trait::async_trait;
use model::billing::payments::NewCard;
use uuid::Uuid;

/// A card as the processor keeps it; only the token is used to charge it later.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedCard {
    pub token: String,
    pub brand: String,
    pub last4: String,
    pub exp_month: u32,
    pub exp_year: i32,
}

/// Why a charge did not go through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChargeError {
    Declined,
    InsufficientFunds,
    Expired,
    /// The card cannot be saved or used at all (the reason is shown as is).
    Refused(String),
    /// The processor did not answer; nothing was charged.
    Unavailable(String),
}

impl ChargeError {
    /// What the partner reads, naming the card.
    /// (`last4` is empty for a card Stripe's own form collected: we never saw it.)
    pub fn message(&self, last4: &str) -> String {
        let card = if last4.is_empty() {
            "The card".to_owned()
        } else {
            format!("The card ending {last4}")
        };
        match self {
            Self::Declined => {
                format!("{card} was declined. Try another card or call your bank.")
            }
            Self::InsufficientFunds => {
                format!("{card} was declined for insufficient funds.")
            }
            Self::Expired => format!("{card} has expired. Add a current card."),
            Self::Refused(reason) => reason.clone(),
            Self::Unavailable(reason) => {
                format!(
                    "The payment processor is not answering ({reason}). Nothing was charged; try again shortly."
                )
            }
        }
    }
}

#[async_trait]
pub trait PaymentProcessor: Send + Sync {
    /// `builtin` or `stripe`: stored with each card.
    fn name(&self) -> &'static str;
    /// Saves a card typed into our form (test cards) or collected by Stripe's card form.
    async fn save_card(&self, card: &NewCard) -> Result<SavedCard, ChargeError>;
    /// Charges `amount_cents`; the same `idempotency_key` never charges twice. Returns
    /// the processor's charge id.
    async fn charge(
        &self,
        token: &str,
        amount_cents: i64,
        idempotency_key: &str,
    ) -> Result<String, ChargeError>;
    /// Gives back `amount_cents` of charge `charge_id`; the same `idempotency_key` never
    /// refunds twice. Returns the processor's refund id.
    async fn refund(
        &self,
        charge_id: &str,
        amount_cents: i64,
        idempotency_key: &str,
    ) -> Result<String, ChargeError>;
}

/// Offline processor for trials, demos and tests: the test cards of
/// `model::billing::payments::TEST_CARDS` behave as documented; other cards are refused.
#[derive(Debug, Default, Clone)]
pub struct BuiltinProcessor;

const OUTCOMES: [(&str, &str); 4] = [
    ("4242424242424242", "ok"),
    ("4000000000000002", "declined"),
    ("4000000000009995", "insufficient"),
    ("4000000000000069", "expired"),
];

#[async_trait]
impl PaymentProcessor for BuiltinProcessor {
    fn name(&self) -> &'static str {
        "builtin"
    }

    async fn save_card(&self, card: &NewCard) -> Result<SavedCard, ChargeError> {
        let NewCard::Typed(card) = card else {
            return Err(ChargeError::Refused(
                "This installation takes cards typed into its own form; reload the page and enter the card again."
                    .into(),
            ));
        };
        let outcome = OUTCOMES
            .iter()
            .find(|(number, _)| *number == card.number)
            .map(|(_, outcome)| *outcome)
            .ok_or_else(|| {
                ChargeError::Refused(
                    "This installation takes test cards only (like 4242 4242 4242 4242); the operator can connect Stripe for real cards."
                        .into(),
                )
            })?;
        Ok(SavedCard {
            token: format!("builtin_{outcome}_{}", Uuid::now_v7().simple()),
            brand: card.brand().to_owned(),
            last4: card.last4().to_owned(),
            exp_month: card.exp_month,
            exp_year: card.exp_year,
        })
    }

    async fn charge(
        &self,
        token: &str,
        amount_cents: i64,
        idempotency_key: &str,
    ) -> Result<String, ChargeError> {
        if amount_cents <= 0 {
            return Err(ChargeError::Refused("Nothing to charge.".into()));
        }
        let outcome = token
            .strip_prefix("builtin_")
            .and_then(|rest| rest.split('_').next())
            .unwrap_or_default();
        match outcome {
            // Deterministic per key: retrying the same charge names the same charge.
            "ok" => Ok(format!("ch_builtin_{idempotency_key}")),
            "declined" => Err(ChargeError::Declined),
            "insufficient" => Err(ChargeError::InsufficientFunds),
            "expired" => Err(ChargeError::Expired),
            _ => Err(ChargeError::Refused(
                "This card cannot be charged here.".into(),
            )),
        }
    }

    async fn refund(
        &self,
        charge_id: &str,
        amount_cents: i64,
        idempotency_key: &str,
    ) -> Result<String, ChargeError> {
        if amount_cents <= 0 || !charge_id.starts_with("ch_builtin_") {
            return Err(ChargeError::Refused(
                "This charge cannot be refunded here.".into(),
            ));
        }
        Ok(format!("re_builtin_{idempotency_key}"))
    }
}
