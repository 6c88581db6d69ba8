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
