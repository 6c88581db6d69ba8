//! Calendar arithmetic in one place: the monthly billing cycle (keys, bounds, lengths)
//! and the inclusive day filters of list pages, in UTC; and local days in a time zone.

use chrono::{DateTime, Datelike, Duration, Months, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use model::AppError;

/// The first day of `at`'s month.
pub fn month_start(at: DateTime<Utc>) -> NaiveDate {
    NaiveDate::from_ymd_opt(at.year(), at.month(), 1).unwrap_or_default()
}

/// The first day of the month after `at`'s: when the next cycle starts.
pub fn next_month_start(at: DateTime<Utc>) -> NaiveDate {
    let first = month_start(at);
    first.checked_add_months(Months::new(1)).unwrap_or(first)
}

pub fn days_in_month(at: DateTime<Utc>) -> u32 {
    u32::try_from((next_month_start(at) - month_start(at)).num_days()).unwrap_or(30)
}

/// `YYYY-MM`, how a cycle is named in references and `last_cycle`.
pub fn cycle_key(at: DateTime<Utc>) -> String {
    format!("{:04}-{:02}", at.year(), at.month())
}

/// Midnight UTC at the start of `day`.
pub fn start_of(day: NaiveDate) -> DateTime<Utc> {
    Utc.from_utc_datetime(&day.and_hms_opt(0, 0, 0).unwrap_or_default())
}

/// A `YYYY-MM-DD` filter field; empty means none.
pub fn parse_day(text: &str, field: &str) -> Result<Option<NaiveDate>, AppError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| AppError::invalid(field, "Use a date like 2026-11-23."))
}

/// Either end of a range may be open.
pub type Bounds = (Option<DateTime<Utc>>, Option<DateTime<Utc>>);

/// Inclusive `from`/`to` day filters as a half-open range of instants:
/// `[start of from, start of the day after to)`.
pub fn day_range(from: &str, to: &str) -> Result<Bounds, AppError> {
    let from = parse_day(from, "from")?.map(start_of);
    let to = parse_day(to, "to")?.map(|d| start_of(d.succ_opt().unwrap_or(d)));
    Ok((from, to))
}

/// The instant local `day` begins in `tz`. Where midnight does not exist (a DST change
/// at midnight), the day begins at the first instant that does.
pub fn local_midnight(tz: Tz, day: NaiveDate) -> DateTime<Utc> {
    let mut at = day.and_hms_opt(0, 0, 0).unwrap_or_default();
    for _ in 0..4 {
        if let Some(t) = tz.from_local_datetime(&at).earliest() {
            return t.with_timezone(&Utc);
        }
        at += Duration::minutes(30);
    }
    Utc.from_utc_datetime(&day.and_hms_opt(0, 0, 0).unwrap_or_default())
}

/// The IANA zone `name` (a tenant's, checked when saved); UTC if it is unknown.
pub fn zone(name: &str) -> Tz {
    name.parse().unwrap_or(Tz::UTC)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_and_days() {
        let at = Utc.with_ymd_and_hms(2026, 12, 23, 15, 0, 0).unwrap();
        assert_eq!(month_start(at).to_string(), "2026-12-01");
        assert_eq!(next_month_start(at).to_string(), "2027-01-01");
        assert_eq!(days_in_month(at), 31);
        assert_eq!(cycle_key(at), "2026-12");
        let (from, to) = day_range("2026-11-01", "2026-11-30").unwrap();
        assert_eq!(from.unwrap().to_rfc3339(), "2026-11-01T00:00:00+00:00");
        assert_eq!(to.unwrap().to_rfc3339(), "2026-12-01T00:00:00+00:00");
        assert!(
            day_range("1/11/2026", "")
                .unwrap_err()
                .field_errors()
                .unwrap()
                .first("from")
                .is_some()
        );
    }
}
