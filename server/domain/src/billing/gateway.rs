//! Which processor a partner's tenants pay through, from the partner's payment mode:
//! Platform uses the platform's own processor (and the money reaches the partner's
//! wallet); Connect uses the platform's Stripe key acting for the partner's connected
//! account (`Stripe-Account`); Custom keys uses the partner's own Stripe secret, sealed
//! at rest. A saved card belongs to the gateway it was saved through (`Collector::name`),
//! so a partner who changes mode asks its tenants for their card again rather than
//! charging a token another account cannot use.

use std::sync::Arc;

use model::{AppError, billing::payments::StripeElements, invoicing::collection::PaymentMode};
use sha2::{Digest, Sha256};

use super::{processor::PaymentProcessor, stripe::StripeProcessor};
use crate::{crypto::SecretBox, partners::partner};

#[derive(Clone)]
pub struct Gateway {
    /// The platform's processor (built-in test cards, or Stripe with the platform key).
    pub platform: Arc<dyn PaymentProcessor>,
    /// The platform's Stripe secret key: Connect charges are made with it.
    pub stripe_secret_key: Option<String>,
    /// Stripe's address (`None`), or a local fake's in tests.
    pub stripe_api_base: Option<String>,
    /// The platform's publishable key: with it, browsers collect live cards with
    /// Stripe's card form (for the partner's own cards, and Platform and Connect
    /// tenants).
    pub stripe_publishable_key: Option<String>,
    /// Where browsers load Stripe.js from (Stripe's address, or a stand-in in tests).
    pub stripe_js: String,
    pub secrets: SecretBox,
}

/// Stripe's own address for Stripe.js: card data must be collected by the script Stripe
/// serves, never a copy.
pub const STRIPE_JS: &str = "https://js.stripe.com/v3/";

/// The processor for one partner's tenants.
pub struct Collector {
    pub processor: Arc<dyn PaymentProcessor>,
    /// Names the account a saved card lives in: `platform`, `connect:acct_…`,
    /// `custom:<key fingerprint>`.
    pub name: String,
    /// Platform mode: the money is the platform's to pass on, through the wallet.
    pub into_wallet: bool,
    /// How browsers collect a live card for this account (`None`: typed test cards).
    pub card_form: Option<StripeElements>,
}

impl Gateway {
    /// The built-in processor alone (tests, and installations without Stripe).
    pub fn builtin(secrets: SecretBox) -> Self {
        Self {
            platform: Arc::new(super::processor::BuiltinProcessor),
            stripe_secret_key: None,
            stripe_api_base: None,
            stripe_publishable_key: None,
            stripe_js: STRIPE_JS.into(),
            secrets,
        }
    }

    /// Stripe's card form for cards the platform charges (a partner's own cards, and
    /// Platform-mode tenants), when the platform charges through Stripe.
    pub fn platform_card_form(&self) -> Option<StripeElements> {
        self.elements(self.stripe_publishable_key.as_deref()?, None)
            .filter(|_| self.platform.name() == "stripe")
    }

    fn elements(&self, publishable_key: &str, account: Option<&str>) -> Option<StripeElements> {
        Some(StripeElements {
            publishable_key: publishable_key.to_owned(),
            account: account.map(str::to_owned),
            script: self.stripe_js.clone(),
        })
    }

    pub fn for_partner(&self, p: &partner::Model) -> Result<Collector, AppError> {
        let mode = PaymentMode::parse(&p.payment_mode).unwrap_or_default();
        let descriptor = p.statement_descriptor.as_deref();
        let stripe = |key: &str, account: Option<&str>| {
            StripeProcessor::build(key, self.stripe_api_base.as_deref(), account, descriptor)
                .map(|s| Arc::new(s) as Arc<dyn PaymentProcessor>)
                .map_err(|e| AppError::conflict(format!("Card payments cannot start: {e}")))
        };
        match mode {
            PaymentMode::Platform => Ok(Collector {
                processor: self.platform.clone(),
                name: "platform".into(),
                into_wallet: true,
                card_form: self.platform_card_form(),
            }),
            PaymentMode::Connect => {
                let account = p.connect_account_id.as_deref().ok_or_else(unset)?;
                let key = self.stripe_secret_key.as_deref().ok_or_else(|| {
                    AppError::conflict(
                        "Card payments through a connected account need Stripe set up by the operator.",
                    )
                })?;
                Ok(Collector {
                    processor: stripe(key, Some(account))?,
                    name: format!("connect:{account}"),
                    into_wallet: false,
                    card_form: self
                        .stripe_publishable_key
                        .as_deref()
                        .and_then(|pk| self.elements(pk, Some(account))),
                })
            }
            PaymentMode::CustomKeys => {
                let sealed = p.stripe_secret_sealed.as_deref().ok_or_else(unset)?;
                let key = String::from_utf8(self.secrets.open(sealed)?)
                    .map_err(crate::error::internal)?;
                Ok(Collector {
                    processor: stripe(&key, None)?,
                    name: format!("custom:{}", fingerprint(&key)),
                    into_wallet: false,
                    card_form: p
                        .stripe_publishable_key
                        .as_deref()
                        .and_then(|pk| self.elements(pk, None)),
                })
            }
        }
    }

    /// Checks a partner's own secret key with Stripe before it is saved.
    pub async fn check_key(&self, key: &str) -> Result<(), String> {
        let stripe = StripeProcessor::new(key, self.stripe_api_base.as_deref())?;
        stripe.check_key().await.map_err(|e| match e {
            super::processor::ChargeError::Unavailable(reason) => {
                format!("Stripe did not answer ({reason}); nothing was saved, try again.")
            }
            _ => "Stripe refused this key; copy the secret key again from your Stripe dashboard."
                .into(),
        })
    }
}

fn unset() -> AppError {
    AppError::conflict("Card payments are not set up for this account yet; contact your provider.")
}

/// A short, stable name for a key or card token that does not reveal it.
pub(crate) fn fingerprint(key: &str) -> String {
    let digest = Sha256::digest(key.as_bytes());
    digest[..6].iter().map(|b| format!("{b:02x}")).collect()
}
