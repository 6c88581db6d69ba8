//! Branded invoice PDFs. The layout is a Typst template (`invoice.typ`) compiled with
//! fonts built into the binary, so rendering needs no network and no system fonts, and
//! the same input always gives the same bytes (no creation date is written).
//!
//! The caller formats every amount and date (it knows the currency and the tenant's
//! time zone); this crate only lays them out: a header in the partner's colour and
//! logo, who is billed and by whom, a line table whose header repeats on every page,
//! totals, and a note with the link to pay.

use std::sync::OnceLock;

use serde::Serialize;
use typst::foundations::{Bytes, Dict, IntoValue, Smart};
use typst_as_lib::{TypstEngine, TypstTemplateMainFile};
use typst_layout::PagedDocument;

static TEMPLATE: &str = include_str!("invoice.typ");
static REGULAR: &[u8] = include_bytes!("../fonts/DejaVuSans.ttf");
static BOLD: &[u8] = include_bytes!("../fonts/DejaVuSans-Bold.ttf");

/// The partner whose invoice this is: never the platform.
#[derive(Debug, Clone, Serialize)]
pub struct Brand {
    pub name: String,
    /// `#rrggbb`.
    pub color: String,
    pub support_email: Option<String>,
}

/// Who is billed: a name and the lines under it (billing email, address).
#[derive(Debug, Clone, Serialize)]
pub struct BillTo {
    pub name: String,
    pub lines: Vec<String>,
}

/// A label and its value beside the addresses (issued, due, period, status).
#[derive(Debug, Clone, Serialize)]
pub struct Fact {
    pub label: String,
    pub value: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Line {
    pub description: String,
    pub quantity: String,
    pub unit_price: String,
    pub amount: String,
}

/// One row under the lines (subtotal, each tax, total, paid, due); `strong` rows are
/// ruled and bold.
#[derive(Debug, Clone, Serialize)]
pub struct Total {
    pub label: String,
    pub amount: String,
    pub strong: bool,
}

/// Everything one invoice PDF shows, formatted.
#[derive(Debug, Clone, Serialize)]
pub struct InvoiceDocument {
    pub brand: Brand,
    pub number: String,
    pub bill_to: BillTo,
    pub facts: Vec<Fact>,
    pub lines: Vec<Line>,
    pub totals: Vec<Total>,
    /// A closing sentence (how to pay), with `pay_link` under it.
    pub note: Option<String>,
    pub pay_link: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderError(pub String);

impl std::fmt::Display for RenderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "invoice PDF: {}", self.0)
    }
}

impl std::error::Error for RenderError {}

/// The template with its fonts, parsed once per process (Typst then memoises layout
/// work across renders).
fn engine() -> &'static TypstEngine<TypstTemplateMainFile> {
    static ENGINE: OnceLock<TypstEngine<TypstTemplateMainFile>> = OnceLock::new();
    ENGINE.get_or_init(|| {
        TypstEngine::builder()
            .main_file(TEMPLATE)
            .fonts([REGULAR, BOLD])
            .build()
    })
}

fn compile(doc: &InvoiceDocument, logo: Option<&[u8]>) -> Result<Vec<u8>, RenderError> {
    let data = serde_json::to_vec(doc).map_err(|e| RenderError(e.to_string()))?;
    let mut inputs = Dict::new();
    inputs.insert("data".into(), Bytes::new(data).into_value());
    if let Some(logo) = logo {
        inputs.insert("logo".into(), Bytes::new(logo.to_vec()).into_value());
    }
    let laid_out: PagedDocument = engine()
        .compile_with_input(inputs)
        .output
        .map_err(|e| RenderError(format!("{e:?}")))?;
    let options = typst_pdf::PdfOptions {
        ident: Smart::Custom(format!("invoice {}", doc.number)),
        // No producer line: the file names the partner and nothing else.
        creator: Smart::Custom(None),
        ..Default::default()
    };
    typst_pdf::pdf(&laid_out, &options).map_err(|e| RenderError(format!("{e:?}")))
}

/// The invoice as PDF bytes. A logo Typst cannot decode is left out (the brand name
/// shows in its place) rather than failing the invoice.
pub fn render(doc: &InvoiceDocument, logo: Option<&[u8]>) -> Result<Vec<u8>, RenderError> {
    match (logo, compile(doc, logo)) {
        (Some(_), Err(_)) => compile(doc, None),
        (_, result) => result,
    }
}

#[cfg(test)]
mod tests;
