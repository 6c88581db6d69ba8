//! The arithmetic of rating, kept apart so it can be checked against an exact oracle.

/// Micro-dollars in one cent.
pub const MICROS_PER_CENT: i64 = 10_000;

const TOLL_FREE: [&str; 7] = ["800", "833", "844", "855", "866", "877", "888"];

/// Whether `number` (E.164) is a North American toll-free number.
pub fn is_toll_free(number: &str) -> bool {
    number
        .strip_prefix("+1")
        .and_then(|rest| rest.get(..3))
        .is_some_and(|npa| TOLL_FREE.contains(&npa))
}

/// Whole minutes, rounded up; 0 seconds is 0 minutes.
pub fn billable_minutes(seconds: i64) -> i64 {
    if seconds <= 0 { 0 } else { (seconds + 59) / 60 }
}

/// Turns accrued cost in micro-dollars into whole cents to debit, keeping the fraction
/// for next time (`0 ≤ carry < MICROS_PER_CENT`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Carry(pub i64);

impl Carry {
    /// Adds `cost_micros`; returns the whole cents now due.
    pub fn add(&mut self, cost_micros: i64) -> i64 {
        let total = self.0 + cost_micros;
        self.0 = total.rem_euclid(MICROS_PER_CENT);
        total.div_euclid(MICROS_PER_CENT)
    }
}
