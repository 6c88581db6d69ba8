//! The partner's logo: what may be uploaded, checked in the browser before upload and
//! again on the server. PNG and JPEG are checked by their headers (type, pixel size);
//! an SVG is parsed and rewritten through an allow-list, so what is stored and served can
//! carry no script, event handler, external reference or entity, whatever was uploaded.
//! Files that try to (script, `on…` handlers, `javascript:` links, foreign objects) are
//! refused outright with a message, rather than silently "cleaned", so the partner knows.

use quick_xml::{
    Reader, Writer,
    events::{BytesStart, Event, attributes::Attribute},
};
use serde::{Deserialize, Serialize};

/// Logos are shown about 32 px tall; 256 KiB is generous for that.
pub const MAX_BYTES: usize = 256 * 1024;
/// Smallest and largest side, in pixels, for PNG and JPEG.
pub const MIN_SIDE: usize = 16;
pub const MAX_SIDE: usize = 2048;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum LogoKind {
    Svg,
    Png,
    Jpeg,
}

impl LogoKind {
    pub fn content_type(self) -> &'static str {
        match self {
            Self::Svg => "image/svg+xml",
            Self::Png => "image/png",
            Self::Jpeg => "image/jpeg",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Self::Svg => "svg",
            Self::Png => "png",
            Self::Jpeg => "jpg",
        }
    }

    pub fn from_extension(ext: &str) -> Option<Self> {
        match ext {
            "svg" => Some(Self::Svg),
            "png" => Some(Self::Png),
            "jpg" => Some(Self::Jpeg),
            _ => None,
        }
    }
}

/// A logo that passed every check, ready to store (an SVG already rewritten).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Logo {
    pub kind: LogoKind,
    pub bytes: Vec<u8>,
}

/// Checks an uploaded file; the error is the message shown under the logo field.
pub fn check(bytes: &[u8]) -> Result<Logo, String> {
    if bytes.is_empty() {
        return Err("Choose an image file.".into());
    }
    if bytes.len() > MAX_BYTES {
        return Err(format!(
            "The file is {} KB; logos can be at most {} KB.",
            bytes.len().div_ceil(1024),
            MAX_BYTES / 1024
        ));
    }
    match imagesize::image_type(bytes) {
        Ok(imagesize::ImageType::Png) => raster(bytes, LogoKind::Png),
        Ok(imagesize::ImageType::Jpeg) => raster(bytes, LogoKind::Jpeg),
        _ if looks_like_svg(bytes) => Ok(Logo {
            kind: LogoKind::Svg,
            bytes: sanitise_svg(bytes)?,
        }),
        _ => Err("Upload an SVG, PNG or JPG file.".into()),
    }
}

fn raster(bytes: &[u8], kind: LogoKind) -> Result<Logo, String> {
    let size = imagesize::blob_size(bytes)
        .map_err(|_| format!("This {} file is damaged.", kind.extension().to_uppercase()))?;
    let fits = |side: usize| (MIN_SIDE..=MAX_SIDE).contains(&side);
    if !fits(size.width) || !fits(size.height) {
        return Err(format!(
            "The image is {}×{} px; each side must be between {MIN_SIDE} and {MAX_SIDE} px.",
            size.width, size.height
        ));
    }
    Ok(Logo {
        kind,
        bytes: bytes.to_vec(),
    })
}

fn looks_like_svg(bytes: &[u8]) -> bool {
    std::str::from_utf8(bytes).is_ok_and(|text| text.contains("<svg"))
}

/// Elements a logo may use. Anything else (editor metadata, `<image>`, animation) is
/// dropped with everything inside it.
const ELEMENTS: &[&str] = &[
    "svg",
    "g",
    "path",
    "rect",
    "circle",
    "ellipse",
    "line",
    "polyline",
    "polygon",
    "text",
    "tspan",
    "defs",
    "linearGradient",
    "radialGradient",
    "stop",
    "clipPath",
    "mask",
    "pattern",
    "symbol",
    "use",
    "title",
    "desc",
    "style",
    "filter",
    "feGaussianBlur",
    "feOffset",
    "feBlend",
    "feColorMatrix",
    "feFlood",
    "feComposite",
    "feMerge",
    "feMergeNode",
    "feDropShadow",
];

/// Elements whose only purpose in a logo would be to run or embed something.
const REFUSED: &[&str] = &[
    "script",
    "foreignObject",
    "iframe",
    "embed",
    "object",
    "handler",
    "listener",
];

const UNSAFE: &str = "This SVG contains script or links to other content, which logos cannot carry. Export it again as a plain drawing, or upload a PNG.";

/// Parses the SVG and writes back only allowed elements and attributes.
pub fn sanitise_svg(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let text = std::str::from_utf8(bytes).map_err(|_| invalid())?;
    let mut reader = Reader::from_str(text);
    let mut writer = Writer::new(Vec::with_capacity(bytes.len()));
    // How deep inside an element being dropped we are (0 = writing).
    let mut skipping = 0usize;
    let mut depth = 0usize;
    let mut saw_root = false;
    let mut in_style = false;
    loop {
        let event = reader.read_event().map_err(|_| invalid())?;
        let written = match event {
            Event::Eof => break,
            // Entities are how XML files reach outside themselves (and blow up parsers).
            Event::DocType(_) => return Err(UNSAFE.into()),
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) => continue,
            Event::Start(ref e) | Event::Empty(ref e) => {
                // Even inside dropped elements, an attack is refused, not ignored.
                refuse_dangerous(e)?;
                let is_start = matches!(event, Event::Start(_));
                if skipping > 0 {
                    skipping += usize::from(is_start);
                    continue;
                }
                let name = local_name(e)?;
                if depth == 0 {
                    if name != "svg" || saw_root {
                        return Err(invalid());
                    }
                    saw_root = true;
                }
                if !ELEMENTS.contains(&name.as_str()) {
                    skipping = usize::from(is_start);
                    continue;
                }
                let kept = clean_element(e)?;
                if is_start {
                    depth += 1;
                    in_style = name == "style";
                    writer.write_event(Event::Start(kept))
                } else {
                    writer.write_event(Event::Empty(kept))
                }
            }
            Event::End(_) if skipping > 0 => {
                skipping -= 1;
                continue;
            }
            Event::End(e) => {
                depth = depth.saturating_sub(1);
                in_style = false;
                writer.write_event(Event::End(e))
            }
            _ if skipping > 0 => continue,
            Event::Text(t) => {
                if in_style {
                    let css = t.decode().map_err(|_| invalid())?;
                    check_css(&css)?;
                }
                writer.write_event(Event::Text(t))
            }
            Event::CData(t) => {
                if in_style {
                    check_css(&String::from_utf8_lossy(&t))?;
                }
                writer.write_event(Event::CData(t))
            }
            Event::GeneralRef(r) => writer.write_event(Event::GeneralRef(r)),
        };
        written.map_err(|_| invalid())?;
    }
    if !saw_root || depth != 0 {
        return Err(invalid());
    }
    Ok(writer.into_inner())
}

fn check_css(css: &str) -> Result<(), String> {
    if css_is_safe(&squash(css)) {
        Ok(())
    } else {
        Err(UNSAFE.into())
    }
}

/// Lower case without whitespace, so `java script:` tricks and `URL (` spacing match.
fn squash(value: &str) -> String {
    value
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase()
}

fn invalid() -> String {
    "This file is not a valid SVG image.".into()
}

fn local_name(e: &BytesStart<'_>) -> Result<String, String> {
    std::str::from_utf8(e.name().as_ref())
        .map(str::to_owned)
        .map_err(|_| invalid())
}

/// Refuses what only an attack needs: scripting elements, event handlers, script URLs.
fn refuse_dangerous(e: &BytesStart<'_>) -> Result<(), String> {
    let name = local_name(e)?;
    let local = name.rsplit(':').next().unwrap_or(&name);
    if REFUSED.iter().any(|r| r.eq_ignore_ascii_case(local)) {
        return Err(UNSAFE.into());
    }
    for attr in e.attributes() {
        let attr = attr.map_err(|_| invalid())?;
        let key = String::from_utf8_lossy(attr.key.as_ref()).to_ascii_lowercase();
        let value = attr.unescape_value().map_err(|_| invalid())?;
        let squashed = squash(&value);
        let local_key = key.rsplit(':').next().unwrap_or(&key);
        if local_key.starts_with("on")
            || squashed.contains("javascript:")
            || squashed.contains("vbscript:")
            || (local_key == "href" && !value.trim_start().starts_with('#'))
            || !css_is_safe(&squashed)
        {
            return Err(UNSAFE.into());
        }
    }
    Ok(())
}

/// CSS may only refer to things inside the same file.
fn css_is_safe(squashed_lowercase: &str) -> bool {
    if squashed_lowercase.contains("@import") || squashed_lowercase.contains("expression(") {
        return false;
    }
    squashed_lowercase.match_indices("url(").all(|(at, _)| {
        let rest = squashed_lowercase[at + 4..].trim_start_matches(['\'', '"']);
        rest.starts_with('#')
    })
}

/// Keeps plain presentation attributes, `xlink:href` to a fragment, and the two
/// namespace declarations an SVG needs; drops editor attributes (`inkscape:…`).
fn clean_element(e: &BytesStart<'_>) -> Result<BytesStart<'static>, String> {
    let name = local_name(e)?;
    let mut kept = BytesStart::new(name);
    for attr in e.attributes() {
        let attr = attr.map_err(|_| invalid())?;
        let key = String::from_utf8_lossy(attr.key.as_ref()).into_owned();
        let allowed = matches!(
            key.split_once(':'),
            None | Some(("xlink", "href") | ("xml", "space") | ("xmlns", "xlink"))
        );
        if allowed {
            let value = attr.unescape_value().map_err(|_| invalid())?;
            kept.push_attribute(Attribute::from((key.as_str(), value.as_ref())));
        }
    }
    Ok(kept)
}

#[cfg(test)]
mod tests;
