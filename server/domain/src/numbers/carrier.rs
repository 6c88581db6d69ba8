//! The carrier behind a trait: where numbers come from and where CNAM and E911 records
//! go. The built-in [`EmbeddedCarrier`] sells from a deterministic inventory over real
//! North American area codes (`data/area_codes.csv`: area code, state, city, rate
//! center) and the toll-free codes, so everything works offline and the same search
//! gives the same numbers on every install. It can be told to fail requests, so the
//! failure paths are real code paths, not mocks.

use std::{
    collections::HashMap,
    sync::{LazyLock, Mutex},
};

use chrono::NaiveDate;
use model::numbers::{NumberKind, PhoneNumber, Search, TOLL_FREE_NPAS, matches_pattern};

mod porting;

/// One row of the area-code data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub npa: String,
    pub state: String,
    pub city: String,
    pub rate_center: String,
}

static PLACES: LazyLock<Vec<Place>> = LazyLock::new(|| {
    include_str!("../../data/area_codes.csv")
        .lines()
        .skip(1)
        .filter_map(|line| {
            let mut parts = line.split(',');
            Some(Place {
                npa: parts.next()?.to_owned(),
                state: parts.next()?.to_owned(),
                city: parts.next()?.to_owned(),
                rate_center: parts.next()?.to_owned(),
            })
        })
        .collect()
});

/// Every place the carrier has numbers in.
pub fn places() -> &'static [Place] {
    &PLACES
}

/// A number the carrier offers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Offer {
    pub number: PhoneNumber,
    pub kind: NumberKind,
    pub place: Option<Place>,
}

/// What the carrier said when it refused (shown to the partner as the reason).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CarrierError(pub String);

impl std::fmt::Display for CarrierError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// What the carrier is asked to do (failures can be injected per operation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Operation {
    Search,
    Order,
    Activate,
    Release,
    Cnam,
    E911,
    Port,
}

#[async_trait::async_trait]
pub trait Carrier: Send + Sync {
    /// Candidates for `search` in a stable order, starting at `offset` (the caller
    /// skips the ones it already holds and asks for the next page).
    async fn search(
        &self,
        search: &Search,
        offset: usize,
        count: usize,
    ) -> Result<Vec<Offer>, CarrierError>;
    /// The offer for one number, if the carrier sells it (whoever holds it now).
    async fn offer(&self, number: &PhoneNumber) -> Result<Option<Offer>, CarrierError>;
    /// Reserves the numbers; they come into service with [`Carrier::activate`].
    async fn order(&self, numbers: &[PhoneNumber]) -> Result<(), CarrierError>;
    /// Brings an ordered number into service (the provisioning job calls it).
    async fn activate(&self, number: &PhoneNumber) -> Result<(), CarrierError>;
    async fn release(&self, number: &PhoneNumber) -> Result<(), CarrierError>;
    /// Publishes the caller-ID name.
    async fn set_cnam(&self, number: &PhoneNumber, name: &str) -> Result<(), CarrierError>;
    /// Registers the emergency address (already validated).
    async fn register_e911(&self, number: &PhoneNumber, address: &str) -> Result<(), CarrierError>;
    /// Sends a port-in order to the losing carrier; the answer is the order's reference.
    async fn submit_port(&self, order: &PortOrder) -> Result<String, CarrierError>;
    /// The losing carrier's answer to a submitted order, as of `today`.
    async fn port_status(
        &self,
        reference: &str,
        order: &PortOrder,
        today: NaiveDate,
    ) -> Result<PortAnswer, CarrierError>;
    /// Moves the numbers over on (or after) the FOC date: as the gaining carrier, we
    /// activate them.
    async fn activate_port(&self, reference: &str, order: &PortOrder) -> Result<(), CarrierError>;
    /// Withdraws a submitted order.
    async fn cancel_port(&self, reference: &str) -> Result<(), CarrierError>;
}

/// What a port-in order tells the losing carrier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortOrder {
    pub numbers: Vec<PhoneNumber>,
    pub losing_carrier: String,
    pub account_holder: String,
    pub account_number: String,
    pub pin: Option<String>,
    /// One line, as on the customer's bill.
    pub service_address: String,
    pub desired_date: NaiveDate,
    /// The day it was (last) submitted.
    pub submitted_on: NaiveDate,
}

/// The losing carrier's answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PortAnswer {
    /// Still reviewing.
    Waiting,
    /// Accepted: the numbers move on this date (the Firm Order Commitment).
    Foc(NaiveDate),
    /// Refused, with the carrier's reason.
    Rejected(String),
}

/// The built-in carrier.
#[derive(Default)]
pub struct EmbeddedCarrier {
    /// Failures still to inject, per operation: (how many, the carrier's reason).
    failures: Mutex<HashMap<Operation, (u32, String)>>,
}

impl EmbeddedCarrier {
    pub fn new() -> Self {
        Self::default()
    }

    /// The next `times` requests of `op` fail with `reason`.
    pub fn fail_next(&self, op: Operation, times: u32, reason: &str) {
        let mut failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        failures.insert(op, (times, reason.to_owned()));
    }

    fn check(&self, op: Operation) -> Result<(), CarrierError> {
        let mut failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        match failures.get_mut(&op) {
            Some((left, reason)) if *left > 0 => {
                *left -= 1;
                Err(CarrierError(reason.clone()))
            }
            _ => Ok(()),
        }
    }
}

/// A stable 64-bit mix (FNV-1a), so inventories never change between builds.
fn mix(parts: &[&str]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in part.bytes().chain([0xff]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash
}

/// NXX codes a place has numbers in: three per place, never N11, 555 or 950/958/959/976.
fn exchanges(place: &Place) -> Vec<String> {
    let mut out = Vec::new();
    let mut seed = mix(&[&place.npa, &place.rate_center]);
    while out.len() < 3 {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let nxx = 200 + (seed >> 33) % 800;
        let s = nxx.to_string();
        let reserved = s.ends_with("11") || matches!(nxx, 555 | 950 | 958 | 959 | 976);
        if !reserved && !out.contains(&s) {
            out.push(s);
        }
    }
    out
}

/// The `i`th line number of an exchange: a fixed permutation of 0000–9999 (7,919 is
/// prime to 10,000), so lines spread out and never repeat.
fn line(npa: &str, nxx: &str, i: u64) -> String {
    let offset = mix(&[npa, nxx]) % 10_000;
    format!("{:04}", (i * 7_919 + offset) % 10_000)
}

fn local_candidates(
    state: &str,
    area_code: Option<&str>,
    nxx: Option<&str>,
    rate_center: Option<&str>,
    city: Option<&str>,
    offset: usize,
    count: usize,
) -> Vec<Offer> {
    let lanes: Vec<(Place, String)> = PLACES
        .iter()
        .filter(|p| p.state == state)
        .filter(|p| area_code.is_none_or(|a| p.npa == a))
        .filter(|p| rate_center.is_none_or(|r| p.rate_center.eq_ignore_ascii_case(r)))
        .filter(|p| city.is_none_or(|c| p.city.eq_ignore_ascii_case(c)))
        .flat_map(|p| {
            exchanges(p)
                .into_iter()
                .filter(|x| nxx.is_none_or(|n| n == x))
                .map(move |x| (p.clone(), x))
        })
        .collect();
    if lanes.is_empty() {
        return Vec::new();
    }
    // Round-robin across places and exchanges, so one page shows several.
    (offset..offset + count)
        .filter_map(|k| {
            let (place, nxx) = &lanes[k % lanes.len()];
            let i = (k / lanes.len()) as u64;
            if i >= 10_000 {
                return None;
            }
            let number =
                PhoneNumber::parse(&format!("{}{nxx}{}", place.npa, line(&place.npa, nxx, i)))
                    .ok()?;
            Some(Offer {
                number,
                kind: NumberKind::Local,
                place: Some(place.clone()),
            })
        })
        .collect()
}

/// Up to `want` toll-free numbers fitting a pattern whose area code is concrete: a fixed
/// walk through the fillings of its wildcards, bounded so an unfillable pattern answers
/// quickly.
fn fill(pattern: &str, want: usize) -> Vec<PhoneNumber> {
    let wild: Vec<usize> = pattern
        .char_indices()
        .filter(|(_, c)| *c == 'X')
        .map(|(i, _)| i)
        .collect();
    let space = 10u64.pow(u32::try_from(wild.len()).unwrap_or(7));
    let mut out = Vec::new();
    for step in 0..space.min(200_000) {
        let mut rest = if space > 1 {
            (step * 7_919 + 17) % space
        } else {
            0
        };
        let mut digits: Vec<u8> = pattern.bytes().collect();
        for &at in wild.iter().rev() {
            digits[at] = b'0' + u8::try_from(rest % 10).unwrap_or(0);
            rest /= 10;
        }
        // The exchange (4th digit) cannot start with 0 or 1.
        if digits[3] < b'2' {
            continue;
        }
        if let Ok(number) = PhoneNumber::parse(&String::from_utf8_lossy(&digits)) {
            out.push(number);
        }
        if out.len() == want || space == 1 {
            break;
        }
    }
    out
}

/// Toll-free numbers fitting `pattern` (digits and `X`), or any when `None`; spread
/// over the toll-free area codes the pattern allows.
fn toll_free_candidates(pattern: Option<&str>, offset: usize, count: usize) -> Vec<Offer> {
    // No pattern: every digit is a wildcard.
    let any = "X".repeat(10);
    let pattern = pattern.unwrap_or(&any);
    let streams: Vec<Vec<PhoneNumber>> = TOLL_FREE_NPAS
        .iter()
        .filter(|npa| matches_pattern(npa, &pattern[..3]))
        .map(|npa| fill(&format!("{npa}{}", &pattern[3..]), offset + count))
        .collect();
    let longest = streams.iter().map(Vec::len).max().unwrap_or(0);
    (0..longest)
        .flat_map(|i| streams.iter().filter_map(move |s| s.get(i)))
        .skip(offset)
        .take(count)
        .map(|number| Offer {
            number: number.clone(),
            kind: NumberKind::TollFree,
            place: None,
        })
        .collect()
}

#[async_trait::async_trait]
impl Carrier for EmbeddedCarrier {
    async fn search(
        &self,
        search: &Search,
        offset: usize,
        count: usize,
    ) -> Result<Vec<Offer>, CarrierError> {
        self.check(Operation::Search)?;
        Ok(match search {
            Search::Local {
                state,
                area_code,
                nxx,
                rate_center,
                city,
                ..
            } => local_candidates(
                state,
                area_code.as_deref(),
                nxx.as_deref(),
                rate_center.as_deref(),
                city.as_deref(),
                offset,
                count,
            ),
            Search::TollFree { pattern, .. } => {
                toll_free_candidates(pattern.as_deref(), offset, count)
            }
        })
    }

    async fn offer(&self, number: &PhoneNumber) -> Result<Option<Offer>, CarrierError> {
        self.check(Operation::Search)?;
        if number.is_toll_free() {
            return Ok(Some(Offer {
                number: number.clone(),
                kind: NumberKind::TollFree,
                place: None,
            }));
        }
        let place = PLACES
            .iter()
            .filter(|p| p.npa == number.npa())
            .find(|p| exchanges(p).iter().any(|x| x == number.nxx()));
        Ok(place.map(|p| Offer {
            number: number.clone(),
            kind: NumberKind::Local,
            place: Some(p.clone()),
        }))
    }

    async fn order(&self, _: &[PhoneNumber]) -> Result<(), CarrierError> {
        self.check(Operation::Order)
    }

    async fn activate(&self, _: &PhoneNumber) -> Result<(), CarrierError> {
        self.check(Operation::Activate)
    }

    async fn release(&self, _: &PhoneNumber) -> Result<(), CarrierError> {
        self.check(Operation::Release)
    }

    async fn set_cnam(&self, _: &PhoneNumber, _: &str) -> Result<(), CarrierError> {
        self.check(Operation::Cnam)
    }

    async fn register_e911(&self, _: &PhoneNumber, _: &str) -> Result<(), CarrierError> {
        self.check(Operation::E911)
    }

    async fn submit_port(&self, order: &PortOrder) -> Result<String, CarrierError> {
        self.check(Operation::Port)?;
        Ok(porting::reference(order))
    }

    async fn port_status(
        &self,
        _: &str,
        order: &PortOrder,
        _today: NaiveDate,
    ) -> Result<PortAnswer, CarrierError> {
        self.check(Operation::Port)?;
        Ok(porting::review(order))
    }

    async fn activate_port(&self, _: &str, _: &PortOrder) -> Result<(), CarrierError> {
        self.check(Operation::Port)
    }

    async fn cancel_port(&self, _: &str) -> Result<(), CarrierError> {
        self.check(Operation::Port)
    }
}

#[cfg(test)]
mod tests;
