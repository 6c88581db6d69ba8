//! Invoice arithmetic: proration, allowances, overage, sub-cent minutes, tax rounding,
//! monthly prices over shorter periods, the forms' field errors, and over random
//! profiles and usage the invariants every invoice keeps.

use chrono::NaiveDate;
use proptest::prelude::*;

use super::{
    Included,
    PeriodKind::{self, *},
    Prices, ProfileForm, TaxRateForm,
    compute::{AppliedRate, Usage, compute, div_round},
    format_percent, parse_percent, period_containing,
};

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn flat() -> (Prices, Included) {
    (
        Prices {
            extension_cents: 500,
            local_number_cents: 200,
            toll_free_number_cents: 300,
            local_minute_micros: 12_500,
            toll_free_minute_micros: 30_000,
        },
        Included {
            extensions: 10,
            local_numbers: 2,
            toll_free_numbers: 0,
            minutes: 1_000,
        },
    )
}

#[test]
fn a_full_month_within_the_allowance_costs_the_base_fee() {
    let (prices, included) = flat();
    let p = period_containing(Monthly, d("2026-01-01"), d("2026-03-05"));
    let usage = Usage {
        extension_days: 10 * 31,
        local_number_days: 2 * 31,
        local_minutes: 600,
        toll_free_minutes: 400,
        ..Usage::default()
    };
    let c = compute(4_900, &prices, &included, &p, &usage, &[]);
    assert_eq!(c.lines.len(), 1);
    assert_eq!(c.total_cents, 4_900);
}

#[test]
fn partial_first_period_prorates_the_base_fee_by_whole_days() {
    let (prices, included) = flat();
    // Billing starts March 17th: 15 of 31 days.
    let p = period_containing(Monthly, d("2026-03-17"), d("2026-03-17"));
    let c = compute(3_100, &prices, &included, &p, &Usage::default(), &[]);
    assert_eq!(c.lines[0].amount_cents, 1_500);
    assert_eq!(c.lines[0].description, "Base fee, 15 of 31 days");
}

#[test]
fn overage_is_charged_beyond_the_allowance() {
    let (prices, included) = flat();
    let p = period_containing(Monthly, d("2026-01-01"), d("2026-04-02")); // 30 days
    let usage = Usage {
        // 12 extensions all month (2 beyond 10), one more for 15 days.
        extension_days: 12 * 30 + 15,
        // 3 local numbers all month: 1 beyond 2.
        local_number_days: 3 * 30,
        toll_free_number_days: 30,
        local_minutes: 900,
        // 100 of the allowance are left for toll-free: 250 − 100 = 150 billable.
        toll_free_minutes: 250,
    };
    let c = compute(0, &prices, &included, &p, &usage, &[]);
    let amounts: Vec<(&str, i64)> = c
        .lines
        .iter()
        .map(|l| (l.kind.as_str(), l.amount_cents))
        .collect();
    assert_eq!(
        amounts,
        vec![
            ("extension", 1_250),  // 75 item-days × $5 / 30
            ("local_number", 200), // 30 item-days × $2 / 30
            ("toll_free_number", 300),
            ("toll_free_minutes", 450), // 150 × $0.03
        ]
    );
    assert_eq!(c.lines[0].quantity, "2.50");
}

#[test]
fn sub_cent_minute_prices_round_once_per_line() {
    let prices = Prices {
        local_minute_micros: 12_345,
        ..Prices::default()
    };
    let p = period_containing(Monthly, d("2026-01-01"), d("2026-01-01"));
    let usage = Usage {
        local_minutes: 7,
        ..Usage::default()
    };
    // 7 × $0.012345 = $0.086415 → 9 cents (once, not 7 × 1 cent).
    let c = compute(0, &prices, &Included::default(), &p, &usage, &[]);
    assert_eq!(c.total_cents, 9);
    assert_eq!(c.lines[0].unit_price, "0.012345");
}

#[test]
fn tax_is_rounded_once_per_rate_on_the_subtotal() {
    let prices = Prices {
        extension_cents: 333,
        ..Prices::default()
    };
    let p = period_containing(Monthly, d("2026-01-01"), d("2026-01-01"));
    let usage = Usage {
        extension_days: 3 * 31,
        ..Usage::default()
    };
    let rates = [
        AppliedRate {
            tax_rate_id: 1,
            name: "State".into(),
            ppm: 29_000,
        },
        AppliedRate {
            tax_rate_id: 2,
            name: "City".into(),
            ppm: 41_500,
        },
    ];
    let c = compute(0, &prices, &Included::default(), &p, &usage, &rates);
    assert_eq!(c.subtotal_cents, 999);
    // 999 × 2.9 % = 28.971 → 29; 999 × 4.15 % = 41.4585 → 41.
    let taxes: Vec<i64> = c.taxes.iter().map(|t| t.amount_cents).collect();
    assert_eq!(taxes, vec![29, 41]);
    assert_eq!(c.total_cents, 999 + 70);
}

#[test]
fn rounding_is_half_away_from_zero() {
    assert_eq!(div_round(5, 10), 1);
    assert_eq!(div_round(-5, 10), -1);
    assert_eq!(div_round(4, 10), 0);
    assert_eq!(div_round(15, 10), 2);
}

#[test]
fn percentages_parse_to_parts_per_million_and_back() {
    assert_eq!(parse_percent("8.25"), Ok(82_500));
    assert_eq!(parse_percent("0"), Ok(0));
    assert_eq!(parse_percent("7.0625%"), Ok(70_625));
    assert!(parse_percent("100").is_err());
    assert!(parse_percent("8.123456").is_err());
    assert!(parse_percent("-1").is_err());
    assert_eq!(format_percent(82_500), "8.25");
    assert_eq!(format_percent(70_625), "7.0625");
    assert_eq!(format_percent(0), "0.00");
}

#[test]
fn forms_name_every_bad_field() {
    let errors = ProfileForm {
        name: " ".into(),
        kind: "monthly".into(),
        base_fee: "abc".into(),
        local_minute: "0.1234567".into(),
        included_minutes: "-3".into(),
        trial_days: "14".into(),
        ..ProfileForm::default()
    }
    .validate()
    .unwrap_err();
    for field in [
        "name",
        "kind",
        "base_fee",
        "local_minute",
        "included_minutes",
        "converts_to",
    ] {
        assert!(errors.get(field).is_some(), "{field}: {errors:?}");
    }
    let ok = ProfileForm {
        name: "Office".into(),
        kind: "flat_rate".into(),
        base_fee: "49".into(),
        extension: "5".into(),
        local_minute: "0.0125".into(),
        included_extensions: "10".into(),
        ..ProfileForm::default()
    }
    .validate()
    .unwrap();
    assert_eq!(
        (
            ok.base_fee_cents,
            ok.prices.local_minute_micros,
            ok.included.extensions
        ),
        (4_900, 12_500, 10)
    );
    assert_eq!(ok.currency, "USD");
    let tax = TaxRateForm {
        name: "".into(),
        code: "a b".into(),
        rate: "x".into(),
        enabled: true,
    }
    .validate()
    .unwrap_err();
    for field in ["name", "code", "rate"] {
        assert!(tax.get(field).is_some(), "{field}");
    }
}

proptest! {
    /// Over random prices, allowances, periods and usage: Σ lines = subtotal,
    /// total = subtotal + Σ tax, no line negative, and a whole period's base fee is its
    /// share of a month exactly.
    #[test]
    fn invoices_add_up(
        base in 0i64..100_000,
        ext in 0i64..5_000, local in 0i64..5_000, tf in 0i64..5_000,
        lmin in 0i64..100_000, tmin in 0i64..100_000,
        inc in (0u32..50, 0u32..20, 0u32..20, 0u64..10_000),
        used in (0i64..3_000, 0i64..1_000, 0i64..1_000, 0i64..200_000, 0i64..200_000),
        kind_index in 0usize..6, offset in 0i64..400, day in 0i64..60,
        ppm in proptest::collection::vec(0i64..250_000, 0..3),
    ) {
        let prices = Prices { extension_cents: ext, local_number_cents: local, toll_free_number_cents: tf, local_minute_micros: lmin, toll_free_minute_micros: tmin };
        let included = Included { extensions: inc.0, local_numbers: inc.1, toll_free_numbers: inc.2, minutes: inc.3 };
        let anchor = d("2026-01-01") + chrono::Duration::days(offset);
        let p = period_containing(PeriodKind::ALL[kind_index], anchor, anchor + chrono::Duration::days(day));
        let usage = Usage { extension_days: used.0, local_number_days: used.1, toll_free_number_days: used.2, local_minutes: used.3, toll_free_minutes: used.4 };
        let rates: Vec<AppliedRate> = ppm.iter().enumerate().map(|(i, ppm)| AppliedRate { tax_rate_id: i as i32, name: format!("t{i}"), ppm: *ppm }).collect();
        let c = compute(base, &prices, &included, &p, &usage, &rates);
        prop_assert_eq!(c.lines.iter().map(|l| l.amount_cents).sum::<i64>(), c.subtotal_cents);
        prop_assert_eq!(c.subtotal_cents + c.tax_cents, c.total_cents);
        prop_assert_eq!(c.taxes.iter().map(|t| t.amount_cents).sum::<i64>(), c.tax_cents);
        prop_assert!(c.lines.iter().all(|l| l.amount_cents >= 0));
        if !p.is_partial()
            && let Some(fee) = c.lines.iter().find(|l| l.kind == super::LineKind::BaseFee)
        {
            let (share, of) = p.kind.month_share();
            prop_assert_eq!(fee.amount_cents, div_round(i128::from(base * share), i128::from(of)));
        }
    }
}

#[test]
fn monthly_prices_scale_to_shorter_periods() {
    let (prices, included) = flat();
    let anchor = d("2026-01-01");
    let amount = |kind| {
        let p = period_containing(kind, anchor, d("2026-06-10"));
        compute(36_500, &prices, &included, &p, &Usage::default(), &[]).total_cents
    };
    assert_eq!(amount(Monthly), 36_500);
    assert_eq!(amount(Anniversary), 36_500);
    assert_eq!(amount(ThirtyDays), 36_500);
    assert_eq!(amount(Semimonthly), 18_250);
    // A week: 7 × 12 / 365 of $365 = $84; a day: $12.
    assert_eq!(amount(Weekly), 8_400);
    assert_eq!(amount(Daily), 1_200);
}
