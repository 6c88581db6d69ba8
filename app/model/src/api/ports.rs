//! `POST /v1/ports` and `PATCH /v1/ports/{id}`: a port-in request as JSON, its two
//! documents inline in base64, checked by the same rules as the Port In form.

use serde::{Deserialize, Serialize};

use super::AddressInput;
use crate::numbers::ports::{PortForm, PortRequest};

/// A document sent inline.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FileInput {
    /// `loa.pdf`, `bill.png`, …: PDF, PNG or JPG.
    pub file_name: String,
    /// The file's bytes in base64 (up to 10 MB before encoding).
    pub content_base64: String,
}

/// A new port-in request.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PortInput {
    /// The numbers to bring over (up to 100), any common format.
    pub numbers: Vec<String>,
    pub losing_carrier: String,
    pub account_holder: String,
    pub account_number: String,
    /// The account PIN or passcode, when the losing carrier has one.
    pub pin: Option<String>,
    /// Where the numbers are used; it becomes their emergency address.
    pub service_address: AddressInput,
    /// The tenant the numbers are assigned to when they arrive.
    pub tenant_id: String,
    /// `YYYY-MM-DD`, today to a year ahead.
    pub desired_date: String,
    /// The signed letter of authorization.
    #[serde(deserialize_with = "super::object")]
    pub loa: Option<FileInput>,
    /// A recent bill from the losing carrier.
    #[serde(deserialize_with = "super::object")]
    pub bill: Option<FileInput>,
}

impl PortInput {
    pub fn form(&self) -> PortForm {
        PortForm {
            numbers: self.numbers.join("\n"),
            losing_carrier: self.losing_carrier.clone(),
            account_holder: self.account_holder.clone(),
            account_number: self.account_number.clone(),
            pin: self.pin.clone().unwrap_or_default(),
            service_street: self.service_address.street.clone(),
            service_city: self.service_address.city.clone(),
            service_state: self.service_address.state.clone(),
            service_zip: self.service_address.zip.clone(),
            tenant: self.tenant_id.clone(),
            desired_date: self.desired_date.clone(),
        }
    }
}

/// `PATCH /v1/ports/{id}`: `{"status": "CANCELLED"}` cancels an open request; otherwise
/// the fields sent correct a rejected request, which is resubmitted (documents sent
/// replace the ones on file).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PortPatch {
    /// Only `CANCELLED`.
    pub status: Option<String>,
    pub numbers: Option<Vec<String>>,
    pub losing_carrier: Option<String>,
    pub account_holder: Option<String>,
    pub account_number: Option<String>,
    pub pin: Option<String>,
    #[serde(deserialize_with = "super::object")]
    pub service_address: Option<AddressInput>,
    pub desired_date: Option<String>,
    #[serde(deserialize_with = "super::object")]
    pub loa: Option<FileInput>,
    #[serde(deserialize_with = "super::object")]
    pub bill: Option<FileInput>,
}

impl PortPatch {
    /// The corrected form: these fields over the request as it stands (its PIN is never
    /// read back, so a resubmission without `pin` sends none).
    pub fn over(&self, current: &PortRequest) -> PortForm {
        let mut form = current.to_form();
        if let Some(numbers) = &self.numbers {
            form.numbers = numbers.join("\n");
        }
        let set = |slot: &mut String, value: &Option<String>| {
            if let Some(v) = value {
                slot.clone_from(v);
            }
        };
        set(&mut form.losing_carrier, &self.losing_carrier);
        set(&mut form.account_holder, &self.account_holder);
        set(&mut form.account_number, &self.account_number);
        set(&mut form.pin, &self.pin);
        set(&mut form.desired_date, &self.desired_date);
        if let Some(a) = &self.service_address {
            form.service_street.clone_from(&a.street);
            form.service_city.clone_from(&a.city);
            form.service_state.clone_from(&a.state);
            form.service_zip.clone_from(&a.zip);
        }
        form
    }
}
