//! What a closed period costs: the pure arithmetic of an invoice, separate from where
//! its inputs come from so it can be tested over random profiles and usage.
//!
//! Rules (PRODUCT §5, written down once):
//! - Prices are monthly. A whole period costs its share of a month
//!   (`PeriodKind::month_share`: a month, half a month, a week or a day of a year's
//!   twelve months); a partial period (a first one that starts mid-way) costs
//!   `days / full_days` of that, by whole days, rounded once.
//! - Extensions and numbers are charged by the days held: a month-priced item held for
//!   `d` days of a `D`-day period costs `price × d / D`. The profile's allowance covers
//!   `included × days` item-days first; only what is beyond it is charged.
//! - Minutes are whole minutes as metered (each answered call rounded up). The included
//!   minutes cover local minutes first, then toll-free ones.
//! - Each line is rounded once to the cent, half away from zero; tax is computed per
//!   rate on the subtotal and rounded once per rate; total = subtotal + Σ tax.

use super::{Included, Prices, period::Period};
use crate::usage::MICROS_PER_CENT;

/// What the tenant held and used in the period.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Usage {
    pub extension_days: i64,
    pub local_number_days: i64,
    pub toll_free_number_days: i64,
    pub local_minutes: i64,
    pub toll_free_minutes: i64,
}

/// A tax rate as applied: parts per million of the subtotal (8.25 % = 82,500).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppliedRate {
    pub tax_rate_id: i32,
    pub name: String,
    pub ppm: i64,
}

/// One line before it is stored. `quantity` and `unit_price` are what the invoice
/// shows; `amount_cents` is what it charges.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub kind: super::LineKind,
    pub description: String,
    pub quantity: String,
    pub unit_price: String,
    pub amount_cents: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaxLine {
    pub tax_rate_id: i32,
    pub name: String,
    pub ppm: i64,
    pub amount_cents: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Computed {
    pub lines: Vec<Line>,
    pub subtotal_cents: i64,
    pub taxes: Vec<TaxLine>,
    pub tax_cents: i64,
    pub total_cents: i64,
}

/// `numerator / denominator`, rounded half away from zero. `denominator` > 0.
pub fn div_round(numerator: i128, denominator: i128) -> i64 {
    let half = denominator / 2;
    let rounded = if numerator >= 0 {
        (numerator + half) / denominator
    } else {
        (numerator - half) / denominator
    };
    i64::try_from(rounded).unwrap_or(if rounded > 0 { i64::MAX } else { i64::MIN })
}

/// The invoice for `period` at `base_fee_cents` with `prices` and `included`.
pub fn compute(
    base_fee_cents: i64,
    prices: &Prices,
    included: &Included,
    period: &Period,
    usage: &Usage,
    rates: &[AppliedRate],
) -> Computed {
    let days = period.days().max(0);
    let full_days = period.full_days().max(1);
    let (share, of) = period.kind.month_share();
    // price × item-days, over the period's days, times its share of a month.
    let prorate = |price: i64, item_days: i64| {
        div_round(
            i128::from(price) * i128::from(item_days) * i128::from(share),
            i128::from(full_days) * i128::from(of),
        )
    };
    let mut lines = Vec::new();

    if base_fee_cents > 0 && days > 0 {
        let amount = prorate(base_fee_cents, days);
        let description = if period.is_partial() {
            format!("Base fee, {days} of {full_days} days")
        } else {
            "Base fee".to_owned()
        };
        lines.push(Line {
            kind: super::LineKind::BaseFee,
            description,
            quantity: quantity_of_days(days, full_days),
            unit_price: crate::api::numbers::decimal(base_fee_cents),
            amount_cents: amount,
        });
    }

    for (kind, held_days, allowance, price, what) in [
        (
            super::LineKind::Extension,
            usage.extension_days,
            included.extensions,
            prices.extension_cents,
            "Extensions",
        ),
        (
            super::LineKind::LocalNumber,
            usage.local_number_days,
            included.local_numbers,
            prices.local_number_cents,
            "Local numbers",
        ),
        (
            super::LineKind::TollFreeNumber,
            usage.toll_free_number_days,
            included.toll_free_numbers,
            prices.toll_free_number_cents,
            "Toll-free numbers",
        ),
    ] {
        let covered = i64::from(allowance) * days;
        let billable = (held_days - covered).max(0);
        if billable == 0 || price == 0 {
            continue;
        }
        let amount = prorate(price, billable);
        let beyond = if allowance > 0 {
            format!(" beyond the {allowance} included")
        } else {
            String::new()
        };
        lines.push(Line {
            kind,
            description: format!("{what}{beyond}, {billable} item-days"),
            quantity: quantity_of_days(billable, full_days),
            unit_price: crate::api::numbers::decimal(price),
            amount_cents: amount,
        });
    }

    let included_minutes = i64::try_from(included.minutes).unwrap_or(i64::MAX);
    let local_billable = (usage.local_minutes - included_minutes).max(0);
    let left = (included_minutes - usage.local_minutes).max(0);
    let toll_free_billable = (usage.toll_free_minutes - left).max(0);
    for (kind, minutes, micros, what) in [
        (
            super::LineKind::LocalMinutes,
            local_billable,
            prices.local_minute_micros,
            "Local minutes",
        ),
        (
            super::LineKind::TollFreeMinutes,
            toll_free_billable,
            prices.toll_free_minute_micros,
            "Toll-free minutes",
        ),
    ] {
        if minutes == 0 || micros == 0 {
            continue;
        }
        let beyond = if included_minutes > 0 {
            " beyond the included minutes"
        } else {
            ""
        };
        lines.push(Line {
            kind,
            description: format!("{what}{beyond}"),
            quantity: minutes.to_string(),
            unit_price: crate::api::numbers::decimal_micros(micros),
            amount_cents: div_round(
                i128::from(minutes) * i128::from(micros),
                i128::from(MICROS_PER_CENT),
            ),
        });
    }

    finish(lines, rates)
}

/// Subtotal, tax per rate (rounded once each) and total for `lines`.
pub fn finish(lines: Vec<Line>, rates: &[AppliedRate]) -> Computed {
    let subtotal: i64 = lines.iter().map(|l| l.amount_cents).sum();
    let taxes: Vec<TaxLine> = rates
        .iter()
        .map(|r| TaxLine {
            tax_rate_id: r.tax_rate_id,
            name: r.name.clone(),
            ppm: r.ppm,
            amount_cents: div_round(i128::from(subtotal) * i128::from(r.ppm), 1_000_000),
        })
        .collect();
    let tax: i64 = taxes.iter().map(|t| t.amount_cents).sum();
    Computed {
        lines,
        subtotal_cents: subtotal,
        taxes,
        tax_cents: tax,
        total_cents: subtotal + tax,
    }
}

/// Item-days as a count of whole periods, two decimals: 62 of 31 days → `"2.00"`.
fn quantity_of_days(item_days: i64, full_days: i64) -> String {
    let hundredths = div_round(i128::from(item_days) * 100, i128::from(full_days));
    format!("{}.{:02}", hundredths / 100, hundredths % 100)
}
