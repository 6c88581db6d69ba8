//! Billing periods (PRODUCT §5): which local dates an invoice covers. Every period is a
//! half-open range of local dates `[start, end)` in the tenant's billing time zone, and
//! is a pure function of the period kind, the billing anchor (the local date billing
//! began) and a day inside it: never derived from the previous period, so a clamped
//! month cannot drift later ones.
//!
//! The anniversary rule, as written: a tenant whose anchor is the Nth runs from the Nth
//! to the day before the Nth of the next month. An anchor on the 29th–31st runs first
//! to the 28th of the following month (exclusive: the 27th is its last day), then from
//! the 28th to the 28th for good. So every anniversary day is at most 28 and no month is
//! ever short of it.

use chrono::{Datelike, Duration, NaiveDate};
use serde::{Deserialize, Serialize};

/// How often a tenant is invoiced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PeriodKind {
    Daily,
    /// Monday through Sunday.
    Weekly,
    /// The 1st to the 15th, the 16th to the month's last day.
    Semimonthly,
    /// The calendar month.
    Monthly,
    /// From the anchor's day of the month to the day before it next month.
    Anniversary,
    /// Thirty days at a time from the anchor.
    ThirtyDays,
}

impl PeriodKind {
    pub const ALL: [PeriodKind; 6] = [
        Self::Daily,
        Self::Weekly,
        Self::Semimonthly,
        Self::Monthly,
        Self::Anniversary,
        Self::ThirtyDays,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Daily => "daily",
            Self::Weekly => "weekly",
            Self::Semimonthly => "semimonthly",
            Self::Monthly => "monthly",
            Self::Anniversary => "anniversary",
            Self::ThirtyDays => "thirty_days",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Daily => "Daily",
            Self::Weekly => "Weekly (Monday to Sunday)",
            Self::Semimonthly => "Twice a month (1st–15th, 16th–end)",
            Self::Monthly => "Monthly (calendar month)",
            Self::Anniversary => "Monthly from the start date",
            Self::ThirtyDays => "Every 30 days",
        }
    }

    /// The share of a month one whole period is, as a fraction: profile prices are
    /// monthly, so a whole monthly, anniversary or thirty-day period costs the price, a
    /// half month half, a week 7 × 12 / 365 of it and a day 12 / 365.
    pub fn month_share(self) -> (i64, i64) {
        match self {
            Self::Monthly | Self::Anniversary | Self::ThirtyDays => (1, 1),
            Self::Semimonthly => (1, 2),
            Self::Weekly => (84, 365),
            Self::Daily => (12, 365),
        }
    }

    pub fn parse(text: &str) -> Result<Self, String> {
        Self::ALL
            .into_iter()
            .find(|k| k.as_str() == text.trim())
            .ok_or_else(|| {
                "Choose daily, weekly, semimonthly, monthly, anniversary or thirty_days.".into()
            })
    }
}

/// One billing period: local dates `[start, end)`. `full_start` is where the period
/// would have begun had billing started earlier; it differs from `start` only for a
/// first period that begins mid-way, and sets the denominator of proration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub full_start: NaiveDate,
    pub kind: PeriodKind,
}

impl Period {
    /// Days billed in this period.
    pub fn days(&self) -> i64 {
        (self.end - self.start).num_days()
    }

    /// Days of the whole period (the denominator of proration).
    pub fn full_days(&self) -> i64 {
        (self.end - self.full_start).num_days()
    }

    /// The last day covered (inclusive), as invoices show it.
    pub fn last_day(&self) -> NaiveDate {
        self.end - Duration::days(1)
    }

    pub fn is_partial(&self) -> bool {
        self.start != self.full_start
    }
}

/// The period of `kind` containing local date `day`, for billing anchored at `anchor`.
/// Days before the anchor belong to the first period (callers never ask for them).
pub fn period_containing(kind: PeriodKind, anchor: NaiveDate, day: NaiveDate) -> Period {
    let day = day.max(anchor);
    let (full_start, end) = match kind {
        PeriodKind::Daily => (day, day + Duration::days(1)),
        PeriodKind::Weekly => {
            let monday = week_start(day);
            (monday, monday + Duration::days(7))
        }
        PeriodKind::Semimonthly => {
            if day.day() <= 15 {
                (
                    ymd(day.year(), day.month(), 1),
                    ymd(day.year(), day.month(), 16),
                )
            } else {
                (ymd(day.year(), day.month(), 16), first_of_next_month(day))
            }
        }
        PeriodKind::Monthly => (ymd(day.year(), day.month(), 1), first_of_next_month(day)),
        PeriodKind::Anniversary => {
            let n = anniversary_day(anchor);
            let this_month = ymd(day.year(), day.month(), n);
            let start = if day >= this_month {
                this_month
            } else {
                shift_months(this_month, -1)
            };
            (start, shift_months(start, 1))
        }
        PeriodKind::ThirtyDays => {
            let index = (day - anchor).num_days() / 30;
            let start = anchor + Duration::days(index * 30);
            (start, start + Duration::days(30))
        }
    };
    Period {
        start: full_start.max(anchor),
        end,
        full_start,
        kind,
    }
}

/// The period right after `period`.
pub fn next_period(kind: PeriodKind, anchor: NaiveDate, period: &Period) -> Period {
    period_containing(kind, anchor, period.end)
}

/// The day of the month anniversary periods start on: the anchor's, or the 28th for an
/// anchor on the 29th–31st.
pub fn anniversary_day(anchor: NaiveDate) -> u32 {
    anchor.day().min(28)
}

/// The Monday of the week `day` falls in (the weekly period's first day).
pub fn week_start(day: NaiveDate) -> NaiveDate {
    day - Duration::days(i64::from(day.weekday().num_days_from_monday()))
}

fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
    // Every caller passes a day ≤ 28 or a 1st/16th, which every month has.
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or(NaiveDate::MIN)
}

fn first_of_next_month(day: NaiveDate) -> NaiveDate {
    if day.month() == 12 {
        ymd(day.year() + 1, 1, 1)
    } else {
        ymd(day.year(), day.month() + 1, 1)
    }
}

/// `date` moved by whole months; only called with days ≤ 28.
fn shift_months(date: NaiveDate, months: i32) -> NaiveDate {
    let index = date.year() * 12 + date.month0() as i32 + months;
    ymd(
        index.div_euclid(12),
        index.rem_euclid(12) as u32 + 1,
        date.day(),
    )
}
