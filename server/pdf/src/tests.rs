//! Reads rendered PDFs back with poppler's `pdftotext` and `pdfinfo` (Debian
//! `poppler-utils`, installed by `.ci/test`): what a tenant's PDF reader would show.

use std::process::Command;

use super::*;

fn doc(lines: usize) -> InvoiceDocument {
    InvoiceDocument {
        brand: Brand {
            name: "Acme Voice".into(),
            color: "#0e7490".into(),
            support_email: Some("help@acme.example".into()),
        },
        number: "ACME-000042".into(),
        bill_to: BillTo {
            name: "Café Müller GmbH".into(),
            lines: vec!["billing@cafe.example".into()],
        },
        facts: vec![
            Fact {
                label: "Issued".into(),
                value: "Dec 1, 2026".into(),
            },
            Fact {
                label: "Due".into(),
                value: "Dec 8, 2026".into(),
            },
        ],
        lines: (1..=lines)
            .map(|i| Line {
                description: format!("Extension {i} <#strong>"),
                quantity: "30 days".into(),
                unit_price: "$2.00".into(),
                amount: format!("${i}.00"),
            })
            .collect(),
        totals: vec![
            Total {
                label: "Subtotal".into(),
                amount: "$1,234.56".into(),
                strong: false,
            },
            Total {
                label: "Amount due".into(),
                amount: "$1,337.00".into(),
                strong: true,
            },
        ],
        note: Some("Pay online with a card:".into()),
        pay_link: Some("https://portal.acme.example/billing".into()),
    }
}

/// Writes `pdf` to a scratch file and runs a poppler tool on it.
fn poppler(tool: &str, pdf: &[u8]) -> String {
    let path = std::env::temp_dir().join(format!(
        "invoice-pdf-{}-{}.pdf",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    ));
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new(tool)
        .arg(&path)
        .args(if tool == "pdftotext" {
            &["-"][..]
        } else {
            &[][..]
        })
        .output()
        .unwrap_or_else(|e| panic!("{tool} (Debian poppler-utils) must be installed: {e}"));
    std::fs::remove_file(&path).ok();
    assert!(out.status.success(), "{tool} failed");
    String::from_utf8(out.stdout).unwrap()
}

fn pages(pdf: &[u8]) -> usize {
    poppler("pdfinfo", pdf)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pdfinfo prints the page count")
}

#[test]
fn a_short_invoice_shows_brand_customer_lines_totals_and_the_pay_link() {
    let pdf = render(&doc(3), None).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    assert_eq!(pages(&pdf), 1);
    let text = poppler("pdftotext", &pdf);
    for expected in [
        "Acme Voice",
        "ACME-000042",
        "Café Müller GmbH",
        "billing@cafe.example",
        "help@acme.example",
        // Markup-looking values are printed as typed, never evaluated.
        "Extension 2 <#strong>",
        "$1,234.56",
        "$1,337.00",
        "https://portal.acme.example/billing",
        "page 1 of 1",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
    assert!(!text.to_lowercase().contains("typst"), "{text}");
}

#[test]
fn long_invoices_run_across_pages_with_the_column_heads_on_each() {
    let pdf = render(&doc(140), None).unwrap();
    let n = pages(&pdf);
    assert!(n >= 3, "{n} pages");
    let text = poppler("pdftotext", &pdf);
    assert_eq!(text.matches("Unit price").count(), n, "{text}");
    assert!(text.contains("Extension 140"));
    assert!(text.contains(&format!("page {n} of {n}")));
}

#[test]
fn the_same_invoice_renders_to_the_same_bytes() {
    assert_eq!(
        render(&doc(5), None).unwrap(),
        render(&doc(5), None).unwrap()
    );
}

#[test]
fn a_logo_replaces_the_header_name_and_an_unreadable_one_is_left_out() {
    let svg = br##"<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="#0e7490"/></svg>"##;
    let with_logo = render(&doc(1), Some(svg)).unwrap();
    let without = render(&doc(1), None).unwrap();
    assert_ne!(with_logo, without);
    let broken = render(&doc(1), Some(b"\x89PNG\r\n\x1a\nnot really")).unwrap();
    assert_eq!(broken, without);
}
