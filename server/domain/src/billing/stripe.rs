//! The Stripe payment adapter (async-stripe). A saved card is a Stripe customer with an
//! attached PaymentMethod (`token` = `cus_…/pm_…`); a charge is a PaymentIntent
//! confirmed off-session with our idempotency key, so a retried charge never charges
//! twice.
//!
//! Card numbers are never sent to Stripe from the server. Live cards are collected in the
//! browser by Stripe's card form (Stripe Elements, with the account's publishable key),
//! which hands us a PaymentMethod id (`pm_…`) to attach. Without a publishable key the
//! documented test cards map to Stripe's own test PaymentMethods (`pm_card_visa`, …) and
//! other numbers are refused with that explanation.

use async_trait::async_trait;
use model::billing::payments::NewCard;
use stripe::{
    ApiErrorsCode, ApiErrorsType, Client, ClientBuilder, IdempotencyKey, RequestStrategy,
    StripeError, StripeRequest,
};
use stripe_core::{
    PaymentIntentStatus,
    customer::{CreateCustomer, ListCustomer},
    payment_intent::{CreatePaymentIntent, CreatePaymentIntentOffSession},
    refund::CreateRefund,
};
use stripe_payment::payment_method::{AttachPaymentMethod, RetrievePaymentMethod};
use stripe_types::Currency;

use super::processor::{ChargeError, PaymentProcessor, SavedCard};

/// Stripe's test PaymentMethods for the documented test cards.
const TEST_METHODS: [(&str, &str); 4] = [
    ("4242424242424242", "pm_card_visa"),
    ("4000000000000002", "pm_card_chargeDeclined"),
    (
        "4000000000009995",
        "pm_card_chargeDeclinedInsufficientFunds",
    ),
    ("4000000000000069", "pm_card_chargeDeclinedExpiredCard"),
];

pub struct StripeProcessor {
    client: Client,
    /// What tenants' card statements show (a suffix to the account's own descriptor).
    descriptor: Option<String>,
}

impl StripeProcessor {
    /// `base_url` is Stripe's (`None`) or a local fake's in tests.
    pub fn new(secret_key: &str, base_url: Option<&str>) -> Result<Self, String> {
        Self::build(secret_key, base_url, None, None)
    }

    /// A processor acting for a connected account (`Stripe-Account` on every request)
    /// and/or with a statement descriptor on its charges.
    pub fn build(
        secret_key: &str,
        base_url: Option<&str>,
        account: Option<&str>,
        descriptor: Option<&str>,
    ) -> Result<Self, String> {
        // async-stripe builds its TLS configuration at once; name the crypto provider so
        // a dependency graph with two providers cannot make it panic.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let mut builder =
            ClientBuilder::new(secret_key).timeout(std::time::Duration::from_secs(20));
        if let Some(url) = base_url {
            builder = builder.url(url);
        }
        if let Some(account) = account {
            builder = builder.account_id(stripe::AccountId::from(account.to_owned()));
        }
        Ok(Self {
            client: builder.build().map_err(|e| e.to_string())?,
            descriptor: descriptor.map(str::to_owned),
        })
    }

    /// Whether the key works: one cheap read (Stripe answers 401 to a bad key).
    pub async fn check_key(&self) -> Result<(), ChargeError> {
        ListCustomer::new()
            .limit(1)
            .send(&self.client)
            .await
            .map(|_| ())
            .map_err(refused)
    }
}

fn refused(error: StripeError) -> ChargeError {
    match error {
        StripeError::Stripe(e, _) if e.type_ == ApiErrorsType::CardError => {
            match (e.code, e.decline_code.as_deref()) {
                (_, Some("insufficient_funds")) => ChargeError::InsufficientFunds,
                (Some(ApiErrorsCode::ExpiredCard), _) | (_, Some("expired_card")) => {
                    ChargeError::Expired
                }
                _ => ChargeError::Declined,
            }
        }
        StripeError::Stripe(e, status) => {
            ChargeError::Refused(e.message.unwrap_or_else(|| {
                format!("The payment processor refused the request ({status}).")
            }))
        }
        other => ChargeError::Unavailable(other.to_string()),
    }
}

#[async_trait]
impl PaymentProcessor for StripeProcessor {
    fn name(&self) -> &'static str {
        "stripe"
    }

    async fn save_card(&self, card: &NewCard) -> Result<SavedCard, ChargeError> {
        let method = match card {
            NewCard::Collected { payment_method, .. } => payment_method.as_str(),
            NewCard::Typed(card) => TEST_METHODS
                .iter()
                .find(|(number, _)| *number == card.number)
                .map(|(_, pm)| *pm)
                .ok_or_else(|| {
                    ChargeError::Refused(
                        "Live cards are entered in Stripe's own card form, which needs the account's publishable key; until the operator sets it, use a Stripe test card."
                            .into(),
                    )
                })?,
        };
        let customer = CreateCustomer::new()
            .name(card.name())
            .send(&self.client)
            .await
            .map_err(refused)?;
        let attached = AttachPaymentMethod::new(method)
            .customer(customer.id.as_str())
            .send(&self.client)
            .await
            .map_err(refused)?;
        let pm = RetrievePaymentMethod::new(attached.id.as_str())
            .send(&self.client)
            .await
            .map_err(refused)?;
        let details = pm.card.ok_or_else(|| {
            ChargeError::Refused("Stripe returned a payment method without a card.".into())
        })?;
        Ok(SavedCard {
            token: format!("{}/{}", customer.id.as_str(), pm.id.as_str()),
            brand: capitalise(&details.brand),
            last4: details.last4,
            exp_month: u32::try_from(details.exp_month).unwrap_or(1),
            exp_year: i32::try_from(details.exp_year).unwrap_or(0),
        })
    }

    async fn charge(
        &self,
        token: &str,
        amount_cents: i64,
        idempotency_key: &str,
    ) -> Result<String, ChargeError> {
        let (customer, method) = token
            .split_once('/')
            .ok_or_else(|| ChargeError::Refused("This card was not saved with Stripe.".into()))?;
        let key = IdempotencyKey::new(idempotency_key)
            .map_err(|e| ChargeError::Refused(e.to_string()))?;
        let mut create = CreatePaymentIntent::new(amount_cents, Currency::USD)
            .customer(customer)
            .payment_method(method)
            .confirm(true)
            .off_session(CreatePaymentIntentOffSession::Bool(true));
        if let Some(descriptor) = &self.descriptor {
            create = create.statement_descriptor_suffix(descriptor.as_str());
        }
        let intent = create
            .customize()
            .request_strategy(RequestStrategy::Idempotent(key))
            .send(&self.client)
            .await
            .map_err(refused)?;
        if intent.status == PaymentIntentStatus::Succeeded {
            Ok(intent.id.as_str().to_owned())
        } else {
            Err(ChargeError::Declined)
        }
    }

    async fn refund(
        &self,
        charge_id: &str,
        amount_cents: i64,
        idempotency_key: &str,
    ) -> Result<String, ChargeError> {
        self.give_back(charge_id, amount_cents, idempotency_key)
            .await
    }
}

impl StripeProcessor {
    async fn give_back(
        &self,
        charge_id: &str,
        amount_cents: i64,
        idempotency_key: &str,
    ) -> Result<String, ChargeError> {
        let key = IdempotencyKey::new(idempotency_key)
            .map_err(|e| ChargeError::Refused(e.to_string()))?;
        let refund = CreateRefund::new()
            .payment_intent(charge_id)
            .amount(amount_cents)
            .customize()
            .request_strategy(RequestStrategy::Idempotent(key))
            .send(&self.client)
            .await
            .map_err(refused)?;
        Ok(refund.id.as_str().to_owned())
    }
}

/// `visa` → `Visa`, as cards are shown everywhere else.
fn capitalise(brand: &str) -> String {
    match brand {
        "amex" => "American Express".into(),
        "mastercard" => "Mastercard".into(),
        other => {
            let mut chars = other.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect())
                .unwrap_or_default()
        }
    }
}
