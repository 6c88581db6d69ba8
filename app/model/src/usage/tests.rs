use proptest::prelude::*;

use super::*;

#[test]
fn toll_free_and_minutes() {
    assert!(is_toll_free("+18005550100"));
    assert!(is_toll_free("+18885550100"));
    assert!(!is_toll_free("+15125550100"));
    assert!(!is_toll_free("+448005550100"));
    assert_eq!(billable_minutes(0), 0);
    assert_eq!(billable_minutes(1), 1);
    assert_eq!(billable_minutes(60), 1);
    assert_eq!(billable_minutes(61), 2);
}

fn record(i: usize) -> CdrInput {
    CdrInput {
        id: format!("call-{i}"),
        tenant_id: "01a20927-cc5f-75f2-bdd6-69fe5f9879d8".into(),
        direction: Direction::Outbound,
        from: "+15125550100".into(),
        to: "+18005550199".into(),
        started_at: "2026-11-23T15:00:00Z".into(),
        answered_at: Some("2026-11-23T15:00:05Z".into()),
        ended_at: "2026-11-23T15:01:06Z".into(),
        hangup_cause: "normal_clearing".into(),
    }
}

#[test]
fn a_batch_is_checked_record_by_record() {
    let ok = CdrBatch {
        records: vec![record(0)],
    }
    .validate()
    .unwrap();
    assert_eq!(ok[0].billable_seconds(), 61);
    let mut bad = record(1);
    bad.to = "5125550100".into();
    bad.answered_at = Some("2026-11-23T16:00:00Z".into());
    let errors = CdrBatch {
        records: vec![record(0), bad],
    }
    .validate()
    .unwrap_err();
    assert!(errors.first("records[1].to").is_some());
    assert!(errors.first("records[1].ended_at").is_some());
    assert!(CdrBatch { records: vec![] }.validate().is_err());
    let too_many = CdrBatch {
        records: (0..=MAX_BATCH).map(record).collect(),
    };
    assert!(too_many.validate().unwrap_err().first("records").is_some());
}

/// A tiny deterministic generator, so the 100,000-record check is the same every run.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % below
    }
}

/// The oracle: exact rational arithmetic on the whole run, in u128, no carrying.
fn oracle(calls: &[(i64, i64)]) -> (u128, u128) {
    let exact: u128 = calls
        .iter()
        .map(|&(secs, rate)| {
            let minutes = if secs == 0 {
                0
            } else {
                (secs as u128).div_ceil(60)
            };
            minutes * rate as u128
        })
        .sum();
    (
        exact / MICROS_PER_CENT as u128,
        exact % MICROS_PER_CENT as u128,
    )
}

#[test]
fn rating_100_000_generated_calls_matches_the_exact_oracle() {
    let rates = [20_000, 22_000, 16_000, 19_000, 14_000, 17_000, 16_500, 1];
    let mut rng = Lcg(20_261_123);
    let calls: Vec<(i64, i64)> = (0..100_000)
        .map(|_| {
            let secs = if rng.next(10) == 0 {
                0
            } else {
                rng.next(7_200) as i64
            };
            (secs, rates[rng.next(rates.len() as u64) as usize])
        })
        .collect();
    let mut carry = Carry::default();
    let debited: i64 = calls
        .iter()
        .map(|&(secs, rate)| carry.add(billable_minutes(secs) * rate))
        .sum();
    let (cents, rest) = oracle(&calls);
    assert_eq!(debited as u128, cents);
    assert_eq!(carry.0 as u128, rest);
}

proptest! {
    #[test]
    fn any_run_of_calls_debits_the_exact_total_rounded_down(
        calls in proptest::collection::vec((0i64..20_000, 1i64..100_000), 1..300)
    ) {
        let mut carry = Carry::default();
        let debited: i64 = calls.iter().map(|&(s, r)| carry.add(billable_minutes(s) * r)).sum();
        let (cents, rest) = oracle(&calls);
        prop_assert_eq!(debited as u128, cents);
        prop_assert_eq!(carry.0 as u128, rest);
        prop_assert!((0..MICROS_PER_CENT).contains(&carry.0));
    }
}
