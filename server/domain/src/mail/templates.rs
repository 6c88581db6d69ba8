//! The messages the product sends, in the recipient's brand (name, accent colour, support
//! address), each with a plain-text part. Every value interpolated into HTML is escaped.

use super::{Message, Sender};

/// Text safe to put in HTML (elements and attribute values).
pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// What every message says: a heading, one paragraph, one button, a footnote.
struct Body<'a> {
    heading: &'a str,
    paragraph: &'a str,
    button: &'a str,
    link: &'a str,
    footnote: &'a str,
}

/// The support line both parts end with, when the brand has a support address.
fn support_line(sender: &Sender) -> Option<String> {
    sender
        .brand
        .support_email
        .as_deref()
        .map(|a| format!("Questions? Write to {a}."))
}

fn text(sender: &Sender, b: &Body<'_>) -> String {
    let support = support_line(sender).map_or_else(String::new, |s| format!("{s}\n"));
    format!(
        "{}\n\n{}\n\n{}\n\n{}\n\n{support}— {}\n",
        b.heading, b.paragraph, b.link, b.footnote, sender.brand.name
    )
}

/// `https://acme.example.com` from a link in the message: the logo is served by the
/// same host the recipient's link points at (the partner's domain).
fn origin(link: &str) -> &str {
    let after_scheme = link.find("://").map_or(0, |i| i + 3);
    link[after_scheme..]
        .find('/')
        .map_or(link, |i| &link[..after_scheme + i])
}

/// The brand's logo (about 32 px tall), when it has one.
fn logo(sender: &Sender, link: &str) -> String {
    sender
        .brand
        .logo_url
        .as_deref()
        .map_or_else(String::new, |path| {
            let src = if path.starts_with('/') {
                format!("{}{path}", origin(link))
            } else {
                path.to_owned()
            };
            format!(
                "<img src=\"{}\" alt=\"\" height=\"32\" style=\"height:32px;width:auto;vertical-align:middle;margin-right:8px\">",
                escape(&src)
            )
        })
}

fn html(sender: &Sender, b: &Body<'_>) -> String {
    let color = sender.brand.primary_color;
    let logo = logo(sender, b.link);
    let support = support_line(sender).map_or_else(String::new, |s| {
        format!(
            "<p style=\"font-size:13px;color:#64748b\">{}</p>",
            escape(&s)
        )
    });
    format!(
        "<!DOCTYPE html><html><body style=\"font-family:system-ui,sans-serif;color:#0f172a;max-width:560px;margin:0 auto;padding:24px\">\
         <p style=\"font-weight:600;font-size:18px;color:{color};border-bottom:3px solid {color};padding-bottom:8px\">{logo}{brand}</p>\
         <h1 style=\"font-size:22px\">{heading}</h1><p>{paragraph}</p>\
         <p><a href=\"{link}\" style=\"display:inline-block;background:{color};color:#fff;padding:10px 18px;border-radius:6px;text-decoration:none\">{button}</a></p>\
         <p style=\"font-size:13px;color:#64748b\">{footnote}<br>{link}</p>{support}</body></html>",
        brand = escape(&sender.brand.name),
        heading = escape(b.heading),
        paragraph = escape(b.paragraph),
        button = escape(b.button),
        link = escape(b.link),
        footnote = escape(b.footnote),
    )
}

fn message(sender: &Sender, to: &str, subject: String, body: &Body<'_>) -> Message {
    Message {
        to: to.to_owned(),
        from_name: sender.brand.name.clone(),
        from_address: sender.from_email.clone(),
        reply_to: sender.brand.support_email.clone(),
        subject,
        text: text(sender, body),
        html: html(sender, body),
        partner_id: sender.partner_id,
        attachment: None,
    }
}

pub fn verify_email(sender: &Sender, to: &str, link: &str) -> Message {
    let brand = &sender.brand.name;
    message(
        sender,
        to,
        format!("{brand}: confirm your email address"),
        &Body {
            heading: "Confirm your email address",
            paragraph: "You're almost set. Confirm that this address is yours so we can reach you about your account.",
            button: "Confirm email",
            link,
            footnote: "The link works for 48 hours. If you didn't sign up, ignore this message.",
        },
    )
}

pub fn reset_password(sender: &Sender, to: &str, link: &str) -> Message {
    let brand = &sender.brand.name;
    message(
        sender,
        to,
        format!("{brand}: reset your password"),
        &Body {
            heading: "Reset your password",
            paragraph: "Someone asked to reset the password for this address. Choose a new one with the link below.",
            button: "Choose a new password",
            link,
            footnote: "The link works once, for one hour. If you didn't ask, ignore this message: your password stays as it is.",
        },
    )
}

pub fn invite(sender: &Sender, inviter: &str, to: &str, link: &str) -> Message {
    let brand = &sender.brand.name;
    let heading = format!("{inviter} invited you to {brand}");
    message(
        sender,
        to,
        format!("You're invited to {brand}"),
        &Body {
            heading: &heading,
            paragraph: "Accept the invitation to choose your password and join the team.",
            button: "Accept the invitation",
            link,
            footnote: "The invitation is valid for 7 days.",
        },
    )
}

/// To a partner's admins from the platform: auto-recharge could not charge the card.
pub fn auto_recharge_failed(
    sender: &Sender,
    to: &str,
    reason: &str,
    balance: &str,
    link: &str,
) -> Message {
    let brand = &sender.brand.name;
    let paragraph = format!(
        "We tried to top up your wallet and the charge did not go through: {reason} Auto-recharge is now off. Your service keeps running until the wallet (now {balance}) is empty; add or update a card and turn auto-recharge back on."
    );
    message(
        sender,
        to,
        format!("{brand}: auto-recharge failed"),
        &Body {
            heading: "Auto-recharge failed",
            paragraph: &paragraph,
            button: "Update payment methods",
            link,
            footnote: "You can also top up by hand from Settings, Billing.",
        },
    )
}

/// To a partner's team: a port-in request changed status (every change is mailed).
pub fn port_update(
    sender: &Sender,
    to: &str,
    numbers: &str,
    status: &str,
    meaning: &str,
    note: Option<&str>,
    link: &str,
) -> Message {
    let brand = &sender.brand.name;
    let heading = format!("Port request: {status}");
    let paragraph = match note {
        Some(note) => format!("{numbers}: {meaning} {note}"),
        None => format!("{numbers}: {meaning}"),
    };
    message(
        sender,
        to,
        format!("{brand}: port of {numbers} is {}", status.to_lowercase()),
        &Body {
            heading: &heading,
            paragraph: &paragraph,
            button: "Open the request",
            link,
            footnote: "You get this email on every change of the request's status.",
        },
    )
}

/// To a partner's admins: an endpoint failed 100 times in a row and was turned off.
pub fn webhook_disabled(sender: &Sender, to: &str, url: &str, link: &str) -> Message {
    let brand = &sender.brand.name;
    let paragraph = format!(
        "Deliveries to {url} failed 100 times in a row, so we stopped sending to it. Events that happen while it is off are not queued for it. Fix the receiving server, check a delivery with Redeliver, then turn the endpoint back on."
    );
    message(
        sender,
        to,
        format!("{brand}: a webhook endpoint was turned off"),
        &Body {
            heading: "Webhook endpoint turned off",
            paragraph: &paragraph,
            button: "Open webhooks",
            link,
            footnote: "You get this email once each time an endpoint is turned off for failures.",
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use model::branding::{BrandInfo, HexColor};

    fn sender(support: Option<&str>) -> Sender {
        Sender {
            brand: BrandInfo {
                name: "Acme <Voice>".into(),
                primary_color: HexColor::rgb(0x0f, 0x76, 0x6e),
                logo_url: None,
                support_email: support.map(str::to_owned),
            },
            from_email: Some("hello@acme.test".into()),
            partner_id: Some(1),
        }
    }

    #[test]
    fn verification_mail_has_both_parts_and_escapes_the_brand() {
        let m = verify_email(&sender(None), "a@b.co", "https://x.test/verify?token=abc");
        assert!(m.text.contains("https://x.test/verify?token=abc"));
        assert!(m.html.contains("Acme &lt;Voice&gt;"));
        assert!(!m.html.contains("<Voice>"));
        assert_eq!(m.subject, "Acme <Voice>: confirm your email address");
        assert!(!m.text.contains("Questions?"));
    }

    #[test]
    fn mail_carries_the_brand_colour_sender_and_support_address() {
        let m = invite(
            &sender(Some("help@acme.test")),
            "Ann",
            "b@c.co",
            "https://x.test/accept",
        );
        assert!(m.html.contains("background:#0f766e"));
        assert!(m.text.contains("Questions? Write to help@acme.test."));
        assert!(m.html.contains("Questions? Write to help@acme.test."));
        assert_eq!(m.from_address.as_deref(), Some("hello@acme.test"));
        assert_eq!(m.reply_to.as_deref(), Some("help@acme.test"));
        assert_eq!(m.from_name, "Acme <Voice>");
    }

    #[test]
    fn the_logo_is_served_from_the_host_the_link_points_at() {
        let mut with_logo = sender(None);
        with_logo.brand.logo_url = Some("/brand/logo/p/abc.png".into());
        let m = invite(
            &with_logo,
            "Ann",
            "b@c.co",
            "https://acme.example.com:8443/accept?x=1",
        );
        assert!(
            m.html
                .contains(r#"<img src="https://acme.example.com:8443/brand/logo/p/abc.png""#),
            "{}",
            m.html
        );
        assert!(
            !invite(&sender(None), "Ann", "b@c.co", "https://x.test/a")
                .html
                .contains("<img")
        );
    }
}

/// Why an invoice is mailed to a tenant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InvoiceMailKind {
    /// The invoice was issued.
    New,
    /// A partner asked to remind the tenant.
    Reminder,
    /// Past its due date; service may stop on the given day.
    Overdue { suspend_on: Option<String> },
    /// Auto-pay could not charge the card on file (`reason` says why, for the tenant).
    Declined { reason: String },
}

/// The facts an invoice email states, formatted.
pub struct InvoiceMail<'a> {
    pub number: &'a str,
    pub period: &'a str,
    pub total: &'a str,
    pub amount_due: &'a str,
    pub due_date: &'a str,
    /// The portal's billing page.
    pub link: &'a str,
}

/// To a tenant's billing address, in its partner's brand, with the invoice PDF attached
/// by the caller.
pub fn invoice(sender: &Sender, to: &str, kind: &InvoiceMailKind, m: &InvoiceMail<'_>) -> Message {
    let brand = &sender.brand.name;
    let (subject, heading, paragraph) = match kind {
        InvoiceMailKind::New => (
            format!("{brand}: invoice {} for {}", m.number, m.total),
            format!("Invoice {}", m.number),
            format!(
                "Your invoice for {} comes to {} and is due on {}. The PDF is attached; you can pay it by card in your account, where all your invoices are kept.",
                m.period, m.total, m.due_date
            ),
        ),
        InvoiceMailKind::Reminder => (
            format!(
                "{brand}: reminder, invoice {} ({} due)",
                m.number, m.amount_due
            ),
            format!("A reminder about invoice {}", m.number),
            format!(
                "{} is still open on invoice {} (due {}). The PDF is attached; you can pay it by card in your account.",
                m.amount_due, m.number, m.due_date
            ),
        ),
        InvoiceMailKind::Overdue { suspend_on } => {
            let stop = suspend_on.as_deref().map_or_else(String::new, |d| {
                format!(" If it is still unpaid on {d}, your service will be suspended until it is paid.")
            });
            (
                format!("{brand}: invoice {} is overdue", m.number),
                format!("Invoice {} is overdue", m.number),
                format!(
                    "Invoice {} was due on {} and {} is still open.{stop} The PDF is attached; paying it by card in your account settles it at once.",
                    m.number, m.due_date, m.amount_due
                ),
            )
        }
        InvoiceMailKind::Declined { reason } => (
            format!(
                "{brand}: automatic payment of invoice {} did not go through",
                m.number
            ),
            format!("We could not charge invoice {}", m.number),
            format!(
                "Auto-pay tried to charge {} for invoice {} and it did not go through: {reason} The invoice is still open and due on {}; pay it in your account, where you can also change the card auto-pay uses.",
                m.amount_due, m.number, m.due_date
            ),
        ),
    };
    message(
        sender,
        to,
        subject,
        &Body {
            heading: &heading,
            paragraph: &paragraph,
            button: "View and pay",
            link: m.link,
            footnote: "Already paid? Then there is nothing to do; thank you.",
        },
    )
}
