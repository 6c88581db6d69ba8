use std::fmt;

use serde::{Deserialize, Serialize};

/// A colour as `#rrggbb` (a `#rgb` input is expanded), lower-case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct HexColor([u8; 3]);

impl HexColor {
    pub const fn rgb(r: u8, g: u8, b: u8) -> Self {
        Self([r, g, b])
    }

    pub fn parse(input: &str) -> Result<Self, String> {
        let trimmed = input.trim();
        let hex = trimmed.strip_prefix('#').unwrap_or(trimmed);
        let invalid = || format!("\"{trimmed}\" is not a colour; use a hex value like #1d4ed8.");
        if !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(invalid());
        }
        let expanded: String = match hex.len() {
            3 => hex.chars().flat_map(|c| [c, c]).collect(),
            6 => hex.to_owned(),
            _ => return Err(invalid()),
        };
        let byte = |i: usize| u8::from_str_radix(&expanded[i..i + 2], 16).map_err(|_| invalid());
        Ok(Self([byte(0)?, byte(2)?, byte(4)?]))
    }

    pub fn channels(self) -> [u8; 3] {
        self.0
    }
}

impl fmt::Display for HexColor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let [r, g, b] = self.0;
        write!(f, "#{r:02x}{g:02x}{b:02x}")
    }
}

impl TryFrom<String> for HexColor {
    type Error = String;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<HexColor> for String {
    fn from(value: HexColor) -> Self {
        value.to_string()
    }
}
