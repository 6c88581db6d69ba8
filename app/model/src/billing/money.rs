//! Showing money: cents as dollars, micro-dollar rates as dollars per minute.

/// `24900` → `"$249.00"`, `-150` → `"-$1.50"`.
pub fn dollars(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.unsigned_abs();
    let whole = abs / 100;
    let mut grouped = String::new();
    let digits = whole.to_string();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{sign}${grouped}.{:02}", abs % 100)
}

/// `16000` → `"$0.016"`: at least three decimals, more only when the rate has them.
pub fn rate_per_minute(micros: i64) -> String {
    let sign = if micros < 0 { "-" } else { "" };
    let abs = micros.unsigned_abs();
    let fraction = format!("{:06}", abs % 1_000_000);
    let trimmed = fraction.trim_end_matches('0');
    let shown = if trimmed.len() < 3 {
        &fraction[..3]
    } else {
        trimmed
    };
    format!("{sign}${}.{shown}", abs / 1_000_000)
}

/// What people type for an amount: `50`, `50.5`, `$1,250.00` → cents. Positive, at most
/// two decimals.
pub fn parse_dollars(input: &str) -> Result<i64, String> {
    let bad = || "Enter an amount in dollars, like 50 or 125.50.".to_owned();
    let cleaned: String = input
        .trim()
        .trim_start_matches('$')
        .chars()
        .filter(|c| *c != ',')
        .collect();
    if cleaned.is_empty() {
        return Err("Enter an amount.".into());
    }
    let (whole, fraction) = cleaned.split_once('.').unwrap_or((&cleaned, ""));
    if whole.is_empty() && fraction.is_empty()
        || !whole.chars().all(|c| c.is_ascii_digit())
        || !fraction.chars().all(|c| c.is_ascii_digit())
        || fraction.len() > 2
        || whole.len() > 9
    {
        return Err(bad());
    }
    let whole: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().map_err(|_| bad())?
    };
    let cents: i64 = format!("{fraction:0<2}").parse().map_err(|_| bad())?;
    let total = whole * 100 + cents;
    if total <= 0 {
        return Err("Enter an amount above zero.".into());
    }
    Ok(total)
}
