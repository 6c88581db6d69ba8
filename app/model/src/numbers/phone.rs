//! North American phone numbers: the only numbers the built-in carrier sells. The NANP
//! rules are few and fixed (NPA and NXX start 2–9; toll-free NPAs are a short list), so
//! they are written out here rather than pulling a world-wide numbering database into
//! the browser bundle.

use std::fmt;

use serde::{Deserialize, Serialize};

/// The toll-free area codes in service.
pub const TOLL_FREE_NPAS: [&str; 7] = ["800", "833", "844", "855", "866", "877", "888"];

/// E.164: `+1` and the 10-digit national number (`+13035550142`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PhoneNumber(String);

impl PhoneNumber {
    /// Accepts `+1 (303) 555-0142`, `303.555.0142`, `13035550142`…
    pub fn parse(input: &str) -> Result<Self, String> {
        let digits: String = input.chars().filter(char::is_ascii_digit).collect();
        let national = match digits.len() {
            10 => digits.as_str(),
            11 if digits.starts_with('1') => &digits[1..],
            _ => {
                return Err(format!(
                    "\"{}\" is not a North American number: use 10 digits, like (303) 555-0142.",
                    input.trim()
                ));
            }
        };
        let bytes = national.as_bytes();
        if !(b'2'..=b'9').contains(&bytes[0]) || !(b'2'..=b'9').contains(&bytes[3]) {
            return Err(format!(
                "\"{}\" is not a valid number: the area code and exchange cannot start with 0 or 1.",
                input.trim()
            ));
        }
        Ok(Self(format!("+1{national}")))
    }

    pub fn e164(&self) -> &str {
        &self.0
    }

    /// The area code.
    pub fn npa(&self) -> &str {
        &self.0[2..5]
    }

    pub fn nxx(&self) -> &str {
        &self.0[5..8]
    }

    pub fn is_toll_free(&self) -> bool {
        TOLL_FREE_NPAS.contains(&self.npa())
    }

    /// `(303) 555-0142`.
    pub fn national(&self) -> String {
        format!("({}) {}-{}", self.npa(), self.nxx(), &self.0[8..])
    }
}

impl fmt::Display for PhoneNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.national())
    }
}

impl TryFrom<String> for PhoneNumber {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        Self::parse(&s)
    }
}

impl From<PhoneNumber> for String {
    fn from(p: PhoneNumber) -> String {
        p.0
    }
}

/// The phone keypad: letters in a vanity pattern stand for these digits.
pub fn keypad_digit(c: char) -> Option<char> {
    Some(match c.to_ascii_uppercase() {
        'A' | 'B' | 'C' => '2',
        'D' | 'E' | 'F' => '3',
        'G' | 'H' | 'I' => '4',
        'J' | 'K' | 'L' => '5',
        'M' | 'N' | 'O' => '6',
        'P' | 'Q' | 'R' | 'S' => '7',
        'T' | 'U' | 'V' => '8',
        'W' | 'X' | 'Y' | 'Z' => '9',
        d if d.is_ascii_digit() => d,
        _ => return None,
    })
}

/// A toll-free vanity pattern as 10 characters of digits and `X` (any digit):
/// `8XX-OUR-FOOD` → `8XX6873663`. `X` is the wildcard, so it never maps to 9; the first
/// three must make a toll-free area code (or stand for one with `X`s).
pub fn vanity_pattern(input: &str) -> Result<String, String> {
    let mut out = String::new();
    for c in input.chars() {
        match c {
            '-' | ' ' | '(' | ')' | '.' => {}
            'x' | 'X' | '*' => out.push('X'),
            c => match keypad_digit(c) {
                Some(d) => out.push(d),
                None => {
                    return Err(format!(
                        "\"{c}\" cannot be dialled: use letters, digits and X."
                    ));
                }
            },
        }
    }
    let out = out
        .strip_prefix('1')
        .filter(|rest| rest.len() == 10)
        .map_or(out.clone(), str::to_owned);
    if out.len() != 10 {
        return Err("A toll-free pattern has 10 characters, like 8XX-OUR-FOOD.".into());
    }
    let npa = &out[..3];
    let fits = TOLL_FREE_NPAS
        .iter()
        .any(|tf| tf.chars().zip(npa.chars()).all(|(a, b)| b == 'X' || a == b));
    if !fits {
        return Err(format!(
            "Toll-free numbers start with {}; \"{}\" cannot.",
            TOLL_FREE_NPAS.join(", "),
            &out[..3]
        ));
    }
    Ok(out)
}

/// Whether a national number (10 digits) fits a pattern from [`vanity_pattern`].
pub fn matches_pattern(national: &str, pattern: &str) -> bool {
    national.len() == pattern.len()
        && national
            .chars()
            .zip(pattern.chars())
            .all(|(d, p)| p == 'X' || d == p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_normalised_to_e164_and_shown_nationally() {
        for input in [
            "+1 (303) 555-0142",
            "303.555.0142",
            "13035550142",
            "303 5550142",
        ] {
            let n = PhoneNumber::parse(input).unwrap();
            assert_eq!(n.e164(), "+13035550142", "{input}");
            assert_eq!(n.to_string(), "(303) 555-0142");
        }
        assert!(PhoneNumber::parse("+44 20 7946 0958").is_err());
        assert!(PhoneNumber::parse("103 555 0142").is_err());
        assert!(PhoneNumber::parse("303 155 0142").is_err());
        assert!(PhoneNumber::parse("+18005550142").unwrap().is_toll_free());
    }

    #[test]
    fn vanity_letters_map_to_the_keypad_and_x_stays_a_wildcard() {
        assert_eq!(vanity_pattern("8XX-OUR-FOOD").unwrap(), "8XX6873663");
        assert_eq!(vanity_pattern("1-800-FLOWERS").unwrap(), "8003569377");
        assert!(matches_pattern("8556873663", "8XX6873663"));
        assert!(!matches_pattern("8556873664", "8XX6873663"));
        assert!(
            vanity_pattern("303-OUR-FOOD")
                .unwrap_err()
                .contains("Toll-free numbers start")
        );
        assert!(vanity_pattern("8XX-FOOD").is_err());
        assert!(vanity_pattern("8XX-OUR-F#OD").is_err());
    }
}
