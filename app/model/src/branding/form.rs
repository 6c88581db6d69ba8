//! Settings → Brand: the fields a partner's customers see, with the checks that run as
//! the partner types (browser) and again on save (server). A colour that reads poorly
//! on white or light grey is allowed but warned about (WCAG AA asks 4.5:1 for text).

use serde::{Deserialize, Serialize};

use super::HexColor;
use crate::{FieldErrors, auth::Email};

/// White and the light grey of page backgrounds.
pub const BACKGROUNDS: [(&str, HexColor); 2] = [
    ("white", HexColor::rgb(0xff, 0xff, 0xff)),
    ("light grey", HexColor::rgb(0xf1, 0xf5, 0xf9)),
];

/// WCAG AA for normal text.
pub const AA: f64 = 4.5;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BrandForm {
    /// Empty falls back to the company name.
    pub brand_name: String,
    /// `#rrggbb`.
    pub primary_color: String,
    /// Empty uses the platform's sender address (with the brand's name).
    pub from_email: String,
    pub support_email: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidBrand {
    pub brand_name: Option<String>,
    pub primary_color: HexColor,
    pub from_email: Option<String>,
    pub support_email: Option<String>,
}

fn channel(c: u8) -> f64 {
    let c = f64::from(c) / 255.0;
    if c <= 0.039_28 {
        c / 12.92
    } else {
        ((c + 0.055) / 1.055).powf(2.4)
    }
}

fn luminance(color: HexColor) -> f64 {
    let [r, g, b] = color.channels();
    0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
}

/// The WCAG contrast ratio of two colours, from 1 to 21.
pub fn contrast(a: HexColor, b: HexColor) -> f64 {
    let (x, y) = (luminance(a), luminance(b));
    let (hi, lo) = if x > y { (x, y) } else { (y, x) };
    (hi + 0.05) / (lo + 0.05)
}

/// Warnings for a colour that fails AA against the page backgrounds (not errors).
pub fn contrast_warnings(color: HexColor) -> Vec<String> {
    BACKGROUNDS
        .iter()
        .filter_map(|(name, bg)| {
            let ratio = contrast(color, *bg);
            (ratio < AA).then(|| {
                format!("Text in this colour on {name} has a contrast of {ratio:.1}:1; WCAG AA asks for 4.5:1, so some people will struggle to read it.")
            })
        })
        .collect()
}

pub fn parse_brand_name(input: &str) -> Result<Option<String>, String> {
    let name = input.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.chars().count() > 60 {
        return Err("Keep the brand name to 60 characters.".into());
    }
    Ok((!name.is_empty()).then_some(name))
}

fn optional_email(input: &str) -> Result<Option<String>, String> {
    if input.trim().is_empty() {
        Ok(None)
    } else {
        Email::parse(input).map(|e| Some(e.to_string()))
    }
}

impl BrandForm {
    pub fn validate(&self) -> Result<ValidBrand, FieldErrors> {
        let mut errors = FieldErrors::new();
        let brand_name = errors.check("brand_name", parse_brand_name(&self.brand_name));
        let primary_color = errors.check("primary_color", HexColor::parse(&self.primary_color));
        let from_email = errors.check("from_email", optional_email(&self.from_email));
        let support_email = errors.check("support_email", optional_email(&self.support_email));
        match (brand_name, primary_color, from_email, support_email) {
            (Some(brand_name), Some(primary_color), Some(from_email), Some(support_email)) => {
                Ok(ValidBrand {
                    brand_name,
                    primary_color,
                    from_email,
                    support_email,
                })
            }
            _ => Err(errors),
        }
    }
}

/// The settings page's data: the saved values and the company name the brand name falls
/// back to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BrandSettings {
    pub form: BrandForm,
    pub company_name: String,
    /// Where the current logo is served, if there is one.
    pub logo_url: Option<String>,
}
