//! Phone numbers as the API shows them: E.164 numbers, money as decimal strings with
//! a currency, and whether the number may call 911.

use serde::{Deserialize, Serialize};

use super::AddressInput;
use crate::{
    numbers::{AvailableNumber, CnamStatus, E911Status, NumberKind, NumberStatus, OwnedNumber},
    tenants::E911Address,
};

/// `1250` → `"12.50"`, `-5` → `"-0.05"`.
pub fn decimal(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

/// Micro-dollars as dollars with six decimals: `16000` → `"0.016000"`.
pub fn decimal_micros(micros: i64) -> String {
    let sign = if micros < 0 { "-" } else { "" };
    let abs = micros.unsigned_abs();
    format!("{sign}{}.{:06}", abs / 1_000_000, abs % 1_000_000)
}

/// A number the carrier offers, with this partner's prices.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AvailableJson {
    /// E.164, e.g. `+13035550142`.
    pub number: String,
    pub kind: NumberKind,
    pub region: String,
    pub rate_center: Option<String>,
    pub monthly_price: String,
    pub setup_fee: String,
    pub per_minute: String,
    /// What buying it charges today (the setup fee and the rest of this month).
    pub due_today: String,
    pub currency: String,
}

impl From<&AvailableNumber> for AvailableJson {
    fn from(a: &AvailableNumber) -> Self {
        Self {
            number: a.number.e164().to_owned(),
            kind: a.kind,
            region: a.region.clone(),
            rate_center: a.rate_center.clone(),
            monthly_price: decimal(a.monthly_cents),
            setup_fee: decimal(a.setup_cents),
            per_minute: decimal_micros(a.minute_micros),
            due_today: decimal(a.first_charge_cents),
            currency: "USD".into(),
        }
    }
}

/// A number of the partner's inventory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NumberJson {
    pub id: String,
    /// E.164.
    pub number: String,
    pub kind: NumberKind,
    pub region: String,
    pub rate_center: Option<String>,
    /// The tenant it is assigned to; `null` when unassigned.
    pub tenant_id: Option<String>,
    pub status: NumberStatus,
    /// Its own caller-ID name; `null` uses the tenant's default.
    pub cnam: Option<String>,
    pub cnam_status: Option<CnamStatus>,
    pub e911_address: Option<E911Address>,
    pub e911_status: E911Status,
    /// Whether a 911 call from it is let through: only a live number with a
    /// registered emergency address.
    pub can_call_911: bool,
    pub monthly_price: String,
    pub currency: String,
    pub purchased_at: String,
}

impl From<&OwnedNumber> for NumberJson {
    fn from(n: &OwnedNumber) -> Self {
        Self {
            id: n.id.clone(),
            number: n.number.e164().to_owned(),
            kind: n.kind,
            region: n.region.clone(),
            rate_center: n.rate_center.clone(),
            tenant_id: n.tenant.as_ref().map(|t| t.id.clone()),
            status: n.status,
            cnam: n.cnam.clone(),
            cnam_status: n.cnam_status,
            e911_address: n.e911_address.clone(),
            e911_status: n.e911_status,
            can_call_911: n.status != NumberStatus::Released
                && n.e911_status == E911Status::Registered,
            monthly_price: decimal(n.monthly_cents),
            currency: "USD".into(),
            purchased_at: n.purchased_at.clone(),
        }
    }
}

/// `POST /v1/numbers`: the numbers to buy (E.164), as `GET /v1/numbers/available` gave.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PurchaseInput {
    pub numbers: Vec<String>,
}

/// What a purchase did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PurchaseJson {
    pub numbers: Vec<NumberJson>,
    pub charged: String,
    pub balance: String,
    pub currency: String,
}

/// `PATCH /v1/numbers/{id}`: a new caller-ID name (empty for the tenant's default)
/// and/or a new emergency address.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NumberPatch {
    pub cnam: Option<String>,
    #[serde(deserialize_with = "super::object")]
    pub e911: Option<AddressInput>,
}

/// `POST /v1/numbers/{id}/assign`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AssignInput {
    pub tenant_id: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_is_a_plain_decimal_string() {
        assert_eq!(decimal(1250), "12.50");
        assert_eq!(decimal(-5), "-0.05");
        assert_eq!(decimal(0), "0.00");
        assert_eq!(decimal_micros(16_000), "0.016000");
        assert_eq!(decimal_micros(2_500_000), "2.500000");
    }
}
