//! Period boundaries for every kind (February, leap years, anniversaries on the 29th,
//! 30th and 31st, thirty-day runs) and, over ten years from any anchor, periods that
//! tile the calendar. The arithmetic's tests are in `compute_tests.rs`.

use chrono::NaiveDate;
use proptest::prelude::*;

use super::{
    PeriodKind::{self, *},
    next_period,
    period::anniversary_day,
    period_containing,
};

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

/// (kind, anchor, a day, expected start, expected end exclusive, expected full start)
const BOUNDARIES: &[(PeriodKind, &str, &str, &str, &str, &str)] = &[
    (
        Daily,
        "2026-01-01",
        "2026-03-01",
        "2026-03-01",
        "2026-03-02",
        "2026-03-01",
    ),
    // Weekly runs Monday to Sunday; a first week starting on a Wednesday is partial.
    (
        Weekly,
        "2026-12-02",
        "2026-12-02",
        "2026-12-02",
        "2026-12-07",
        "2026-11-30",
    ),
    (
        Weekly,
        "2026-12-02",
        "2026-12-13",
        "2026-12-07",
        "2026-12-14",
        "2026-12-07",
    ),
    (
        Weekly,
        "2026-12-02",
        "2026-12-31",
        "2026-12-28",
        "2027-01-04",
        "2026-12-28",
    ),
    // Semimonthly: 1–15 and 16–end, February in a leap year and not.
    (
        Semimonthly,
        "2026-01-01",
        "2026-02-15",
        "2026-02-01",
        "2026-02-16",
        "2026-02-01",
    ),
    (
        Semimonthly,
        "2026-01-01",
        "2026-02-16",
        "2026-02-16",
        "2026-03-01",
        "2026-02-16",
    ),
    (
        Semimonthly,
        "2028-01-01",
        "2028-02-29",
        "2028-02-16",
        "2028-03-01",
        "2028-02-16",
    ),
    (
        Semimonthly,
        "2026-01-10",
        "2026-01-10",
        "2026-01-10",
        "2026-01-16",
        "2026-01-01",
    ),
    // Calendar months.
    (
        Monthly,
        "2026-01-01",
        "2027-02-28",
        "2027-02-01",
        "2027-03-01",
        "2027-02-01",
    ),
    (
        Monthly,
        "2026-01-01",
        "2028-02-29",
        "2028-02-01",
        "2028-03-01",
        "2028-02-01",
    ),
    (
        Monthly,
        "2026-03-17",
        "2026-03-20",
        "2026-03-17",
        "2026-04-01",
        "2026-03-01",
    ),
    (
        Monthly,
        "2026-01-01",
        "2026-12-31",
        "2026-12-01",
        "2027-01-01",
        "2026-12-01",
    ),
    // Anniversary: March 19th → 19th to 18th, for good.
    (
        Anniversary,
        "2026-03-19",
        "2026-03-19",
        "2026-03-19",
        "2026-04-19",
        "2026-03-19",
    ),
    (
        Anniversary,
        "2026-03-19",
        "2026-04-18",
        "2026-03-19",
        "2026-04-19",
        "2026-03-19",
    ),
    (
        Anniversary,
        "2026-03-19",
        "2027-01-05",
        "2026-12-19",
        "2027-01-19",
        "2026-12-19",
    ),
    // Created on the 29th, 30th or 31st: first to the 28th of the next month, then
    // 28th to 28th (every month, February too).
    (
        Anniversary,
        "2026-01-29",
        "2026-01-29",
        "2026-01-29",
        "2026-02-28",
        "2026-01-28",
    ),
    (
        Anniversary,
        "2026-01-30",
        "2026-02-27",
        "2026-01-30",
        "2026-02-28",
        "2026-01-28",
    ),
    (
        Anniversary,
        "2026-01-31",
        "2026-02-28",
        "2026-02-28",
        "2026-03-28",
        "2026-02-28",
    ),
    (
        Anniversary,
        "2027-12-31",
        "2028-02-28",
        "2028-02-28",
        "2028-03-28",
        "2028-02-28",
    ),
    (
        Anniversary,
        "2026-05-31",
        "2026-06-27",
        "2026-05-31",
        "2026-06-28",
        "2026-05-28",
    ),
    // Thirty days: March 20th → March 20th to April 18th, then April 19th to May 18th.
    (
        ThirtyDays,
        "2026-03-20",
        "2026-03-20",
        "2026-03-20",
        "2026-04-19",
        "2026-03-20",
    ),
    (
        ThirtyDays,
        "2026-03-20",
        "2026-04-19",
        "2026-04-19",
        "2026-05-19",
        "2026-04-19",
    ),
    // Leap February: thirty days from February 1st, 2028 end on March 1st.
    (
        ThirtyDays,
        "2028-02-01",
        "2028-03-01",
        "2028-02-01",
        "2028-03-02",
        "2028-02-01",
    ),
    (
        ThirtyDays,
        "2027-02-01",
        "2027-03-03",
        "2027-03-03",
        "2027-04-02",
        "2027-03-03",
    ),
];

#[test]
fn every_kind_has_the_written_boundaries() {
    for &(kind, anchor, day, start, end, full) in BOUNDARIES {
        let p = period_containing(kind, d(anchor), d(day));
        assert_eq!(
            (p.start, p.end, p.full_start),
            (d(start), d(end), d(full)),
            "{kind:?} anchored {anchor}, day {day}"
        );
    }
}

#[test]
fn the_seed_examples_hold() {
    // Thirty days from March 20th: the first invoice covers March 20th–April 18th.
    let first = period_containing(ThirtyDays, d("2026-03-20"), d("2026-03-20"));
    assert_eq!(
        (first.start, first.last_day()),
        (d("2026-03-20"), d("2026-04-18"))
    );
    let second = next_period(ThirtyDays, d("2026-03-20"), &first);
    assert_eq!(
        (second.start, second.last_day()),
        (d("2026-04-19"), d("2026-05-18"))
    );
    // Anniversary on the 19th: 19th to the 18th.
    let p = period_containing(Anniversary, d("2026-03-19"), d("2026-03-25"));
    assert_eq!(p.last_day(), d("2026-04-18"));
    assert_eq!(anniversary_day(d("2026-03-31")), 28);
}

proptest! {
    /// Ten years of periods from any anchor: no gap, no overlap, never empty, and each
    /// period contains exactly the days that map back to it.
    #[test]
    fn periods_tile_the_calendar(kind_index in 0usize..6, offset in 0i64..3650) {
        let kind = PeriodKind::ALL[kind_index];
        let anchor = d("2024-01-01") + chrono::Duration::days(offset);
        let mut p = period_containing(kind, anchor, anchor);
        prop_assert_eq!(p.start, anchor);
        let stop = anchor + chrono::Duration::days(3650);
        while p.start < stop {
            prop_assert!(p.end > p.start);
            prop_assert!(p.full_start <= p.start);
            prop_assert!(p.full_days() <= 31 && p.full_days() >= 1);
            prop_assert_eq!(period_containing(kind, anchor, p.last_day()), p);
            let next = next_period(kind, anchor, &p);
            prop_assert_eq!(next.start, p.end);
            prop_assert!(!next.is_partial());
            p = next;
        }
    }
}
