use super::*;

/// The first bytes of a PNG: signature and IHDR with the given size (enough for the
/// header checks; the pixels are never decoded).
pub fn png(width: u32, height: u32) -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    bytes.extend(width.to_be_bytes());
    bytes.extend(height.to_be_bytes());
    bytes.extend([8, 6, 0, 0, 0, 0, 0, 0, 0]);
    bytes
}

fn svg(body: &str) -> Vec<u8> {
    format!(r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 32">{body}</svg>"#)
        .into_bytes()
}

#[test]
fn png_within_the_size_limits_is_accepted_as_is() {
    let logo = check(&png(320, 64)).unwrap();
    assert_eq!(logo.kind, LogoKind::Png);
    assert_eq!(logo.bytes, png(320, 64));
}

#[test]
fn png_sides_outside_16_to_2048_px_are_refused_with_the_size() {
    let err = check(&png(4000, 64)).unwrap_err();
    assert!(err.contains("4000×64"), "{err}");
    assert!(check(&png(15, 64)).is_err());
    assert!(check(&png(2048, 16)).is_ok());
}

#[test]
fn files_over_256_kb_and_other_types_are_refused() {
    let mut big = png(100, 100);
    big.resize(MAX_BYTES + 1, 0);
    assert!(check(&big).unwrap_err().contains("at most 256 KB"));
    assert_eq!(
        check(b"GIF89a....").unwrap_err(),
        "Upload an SVG, PNG or JPG file."
    );
    assert_eq!(check(b"").unwrap_err(), "Choose an image file.");
}

#[test]
fn a_plain_svg_keeps_its_drawing_and_loses_editor_metadata() {
    let input = br##"<?xml version="1.0"?>
<!-- made by hand -->
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" viewBox="0 0 10 10" inkscape:version="1.2">
<metadata><rdf>anything</rdf></metadata>
<defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient></defs>
<style>.a{fill:url(#g)}</style>
<g inkscape:label="Layer"><path class="a" d="M0 0h10v10z" fill="url(#g)"/><use xlink:href="#g"/></g>
<text x="1" y="9">A &amp; B</text>
</svg>"##;
    let out = String::from_utf8(sanitise_svg(input).unwrap()).unwrap();
    assert!(
        out.contains(r#"<path class="a" d="M0 0h10v10z" fill="url(#g)"/>"#),
        "{out}"
    );
    assert!(out.contains(r##"<use xlink:href="#g"/>"##), "{out}");
    assert!(out.contains("A &amp; B"), "{out}");
    assert!(out.contains(".a{fill:url(#g)}"), "{out}");
    for gone in ["inkscape", "metadata", "rdf", "made by hand", "<?xml"] {
        assert!(!out.contains(gone), "{gone} survived: {out}");
    }
    assert_eq!(check(input).unwrap().kind, LogoKind::Svg);
}

#[test]
fn svgs_that_could_run_or_load_anything_are_refused() {
    let attacks = [
        r#"<script>alert(1)</script>"#,
        r#"<rect width="5" height="5" onload="alert(1)"/>"#,
        r#"<a href="javascript:alert(1)"><rect width="5" height="5"/></a>"#,
        r#"<use href="https://evil.test/x.svg#a"/>"#,
        r#"<use xlink:href="data:image/svg+xml,&lt;svg/&gt;"/>"#,
        r#"<foreignObject><div>hi</div></foreignObject>"#,
        r#"<style>@import url(https://evil.test/a.css);</style>"#,
        r#"<rect style="fill:url(https://evil.test/x)" width="1" height="1"/>"#,
        r#"<metadata><script>alert(1)</script></metadata>"#,
        r#"<rect width="1" height="1" ONCLICK="x()"/>"#,
    ];
    for attack in attacks {
        assert_eq!(check(&svg(attack)).unwrap_err(), UNSAFE, "{attack}");
    }
    let doctype = br#"<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg xmlns="http://www.w3.org/2000/svg">&x;</svg>"#;
    assert_eq!(check(doctype).unwrap_err(), UNSAFE);
}

#[test]
fn broken_or_non_svg_xml_is_refused() {
    assert_eq!(check(b"<svg><g></svg>").unwrap_err(), invalid());
    assert_eq!(check(b"<html><svg></svg></html>").unwrap_err(), invalid());
    assert_eq!(check(b"<svg></svg><svg></svg>").unwrap_err(), invalid());
}
