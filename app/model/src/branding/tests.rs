use proptest::prelude::*;

use super::*;

#[test]
fn hex_color_normalises() {
    assert_eq!(HexColor::parse("#1D4ED8").unwrap().to_string(), "#1d4ed8");
    assert_eq!(HexColor::parse("abc").unwrap().to_string(), "#aabbcc");
    assert_eq!(HexColor::parse(" #0f0 ").unwrap().channels(), [0, 255, 0]);
}

#[test]
fn hex_color_rejects_non_colours() {
    for bad in [
        "", "#", "#12", "#12345", "#1234567", "#ggg", "blue", "#12 456",
    ] {
        assert!(HexColor::parse(bad).is_err(), "{bad:?}");
    }
}

#[test]
fn page_title_is_brand_dash_page() {
    let brand = BrandInfo {
        name: "Acme Voice".into(),
        primary_color: HexColor::rgb(0, 0, 0),
        logo_url: None,
        support_email: None,
    };
    assert_eq!(brand.page_title("Dashboard"), "Acme Voice — Dashboard");
    assert_eq!(brand.page_title(""), "Acme Voice");
}

#[test]
fn theme_cookie_parsing() {
    assert_eq!(
        Theme::from_cookie_header("a=1; sb_theme=dark; b=2"),
        Theme::Dark
    );
    assert_eq!(Theme::from_cookie_header("sb_theme=light"), Theme::Light);
    assert_eq!(Theme::from_cookie_header("sb_theme=purple"), Theme::Light);
    assert_eq!(Theme::from_cookie_header(""), Theme::Light);
    assert_eq!(Theme::Dark.toggled(), Theme::Light);
}

proptest! {
    #[test]
    fn hex_color_display_round_trips(r: u8, g: u8, b: u8) {
        let c = HexColor::rgb(r, g, b);
        prop_assert_eq!(HexColor::parse(&c.to_string()).unwrap(), c);
    }
}

#[test]
fn brand_forms_check_fields_and_warn_on_poor_contrast() {
    use form::*;
    let white = HexColor::rgb(255, 255, 255);
    assert!((contrast(HexColor::rgb(0, 0, 0), white) - 21.0).abs() < 0.01);
    assert!((contrast(white, white) - 1.0).abs() < 0.01);
    assert!(
        contrast_warnings(HexColor::rgb(0x1d, 0x4e, 0xd8)).is_empty(),
        "the default accent passes AA"
    );
    assert_eq!(
        contrast_warnings(HexColor::rgb(0xfa, 0xcc, 0x15)).len(),
        2,
        "yellow fails on both"
    );
    let ok = BrandForm {
        brand_name: "  Acme   Voice ".into(),
        primary_color: "#0F766E".into(),
        from_email: String::new(),
        support_email: "help@acme.test".into(),
    }
    .validate()
    .unwrap();
    assert_eq!(ok.brand_name.as_deref(), Some("Acme Voice"));
    assert_eq!(ok.from_email, None);
    let bad = BrandForm {
        primary_color: "teal".into(),
        support_email: "nope".into(),
        ..Default::default()
    }
    .validate()
    .unwrap_err();
    assert!(bad.first("primary_color").is_some() && bad.first("support_email").is_some());
}
