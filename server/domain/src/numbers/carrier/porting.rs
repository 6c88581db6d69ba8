//! How the embedded carrier answers port-in orders. Losing carriers differ; these are
//! the rules the partner guide's appendix describes, applied the same way every time so
//! the rejection path can be walked on purpose:
//! - the big wireless and incumbent carriers refuse an order without the account PIN;
//! - otherwise the order is accepted at once, and the numbers move on the desired date
//!   (or the submission day, if that is later).

use super::{PortAnswer, PortOrder, mix};

/// Carriers that refuse a port without the account PIN (passcode), by how partners
/// usually write their names.
const PIN_REQUIRED: [&str; 6] = ["at&t", "att", "verizon", "t-mobile", "tmobile", "sprint"];

pub(super) fn requires_pin(carrier: &str) -> bool {
    let name = carrier.to_ascii_lowercase();
    name.split(|c: char| c.is_whitespace() || c == ',' || c == '.')
        .any(|word| PIN_REQUIRED.contains(&word))
}

pub(super) fn review(order: &PortOrder) -> PortAnswer {
    if order.pin.is_none() && requires_pin(&order.losing_carrier) {
        return PortAnswer::Rejected(format!(
            "{} requires the account PIN (passcode) to release numbers. Ask the customer for it, add it to the request and resubmit.",
            order.losing_carrier
        ));
    }
    PortAnswer::Foc(order.desired_date.max(order.submitted_on))
}

/// A stable order reference (the same order submitted the same day gets the same one).
pub(super) fn reference(order: &PortOrder) -> String {
    let day = order.submitted_on.to_string();
    let mut parts: Vec<&str> = order.numbers.iter().map(|n| n.e164()).collect();
    parts.push(&day);
    format!("PO-{:010X}", mix(&parts) & 0xff_ffff_ffff)
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use model::numbers::PhoneNumber;

    use super::*;

    fn order(carrier: &str, pin: Option<&str>) -> PortOrder {
        PortOrder {
            numbers: vec![PhoneNumber::parse("3035550142").unwrap()],
            losing_carrier: carrier.into(),
            account_holder: "Bluebird Bakery LLC".into(),
            account_number: "8812".into(),
            pin: pin.map(str::to_owned),
            service_address: "1600 Glenarm Pl, Denver, CO 80202".into(),
            desired_date: NaiveDate::from_ymd_opt(2026, 12, 7).unwrap(),
            submitted_on: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
        }
    }

    #[test]
    fn pin_carriers_refuse_without_one_and_accept_with_it() {
        assert!(
            matches!(review(&order("AT&T", None)), PortAnswer::Rejected(r) if r.contains("PIN"))
        );
        assert!(matches!(
            review(&order("Verizon Wireless", None)),
            PortAnswer::Rejected(_)
        ));
        assert_eq!(
            review(&order("AT&T", Some("4821"))),
            PortAnswer::Foc(NaiveDate::from_ymd_opt(2026, 12, 7).unwrap())
        );
        assert!(!requires_pin("Mountain Telecom"));
        assert!(!requires_pin("Attic Networks"));
    }

    #[test]
    fn the_foc_date_is_never_before_the_submission() {
        let mut late = order("Lumen", None);
        late.desired_date = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
        assert_eq!(review(&late), PortAnswer::Foc(late.submitted_on));
        assert_eq!(reference(&late), reference(&late.clone()));
        assert!(reference(&late).starts_with("PO-"));
    }
}
