//! Money on the wire: a decimal string in dollars (`"12.50"`), held as integer cents.
//! For `#[serde(with = …)]` on cents fields, so pages keep integers and the API shows
//! what CONTRACT.md promises.

use serde::{Deserialize, Deserializer, Serializer};

use super::numbers::decimal;

/// `"12.50"`, `"-3"`, `"0.5"` → cents; at most two decimals.
pub fn parse_cents(text: &str) -> Result<i64, String> {
    let bad = || format!("`{text}` is not an amount like \"12.50\".");
    let (negative, digits) = match text.trim().strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.trim()),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    if whole.is_empty()
        || whole.len() > 12
        || fraction.len() > 2
        || !whole.chars().all(|c| c.is_ascii_digit())
        || !fraction.chars().all(|c| c.is_ascii_digit())
    {
        return Err(bad());
    }
    let cents = whole.parse::<i64>().map_err(|_| bad())? * 100
        + format!("{fraction:0<2}")
            .parse::<i64>()
            .map_err(|_| bad())?;
    Ok(if negative { -cents } else { cents })
}

pub mod cents {
    use super::*;

    pub fn serialize<S: Serializer>(value: &i64, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&decimal(*value))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
        let text = String::deserialize(d)?;
        parse_cents(&text).map_err(serde::de::Error::custom)
    }
}

pub mod optional {
    use super::*;

    pub fn serialize<S: Serializer>(value: &Option<i64>, s: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(v) => s.serialize_str(&decimal(*v)),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
        match Option::<String>::deserialize(d)? {
            None => Ok(None),
            Some(text) => parse_cents(&text)
                .map(Some)
                .map_err(serde::de::Error::custom),
        }
    }
}
