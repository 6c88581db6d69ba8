//! The messages the product sends, in the recipient's brand, each with a plain-text
//! part. Every value interpolated into HTML is escaped.

use super::Message;

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// A simple branded HTML body: a heading, one paragraph, one button, a footnote.
fn html(
    brand: &str,
    heading: &str,
    paragraph: &str,
    button: &str,
    link: &str,
    footnote: &str,
) -> String {
    format!(
        "<!DOCTYPE html><html><body style=\"font-family:system-ui,sans-serif;color:#0f172a;max-width:560px;margin:0 auto;padding:24px\">\
         <p style=\"font-weight:600;font-size:18px\">{brand}</p>\
         <h1 style=\"font-size:22px\">{heading}</h1><p>{paragraph}</p>\
         <p><a href=\"{link}\" style=\"display:inline-block;background:#1d4ed8;color:#fff;padding:10px 18px;border-radius:6px;text-decoration:none\">{button}</a></p>\
         <p style=\"font-size:13px;color:#64748b\">{footnote}<br>{link}</p></body></html>",
        brand = escape(brand),
        heading = escape(heading),
        paragraph = escape(paragraph),
        button = escape(button),
        link = escape(link),
        footnote = escape(footnote),
    )
}

pub fn verify_email(brand: &str, to: &str, link: &str, partner_id: Option<i32>) -> Message {
    let heading = "Confirm your email address";
    let paragraph = "You're almost set. Confirm that this address is yours so we can reach you about your account.";
    let footnote = "The link works for 48 hours. If you didn't sign up, ignore this message.";
    Message {
        to: to.to_owned(),
        from_name: brand.to_owned(),
        subject: format!("{brand}: confirm your email address"),
        text: format!("{heading}\n\n{paragraph}\n\n{link}\n\n{footnote}\n\n— {brand}\n"),
        html: html(brand, heading, paragraph, "Confirm email", link, footnote),
        partner_id,
    }
}

pub fn reset_password(brand: &str, to: &str, link: &str, partner_id: Option<i32>) -> Message {
    let heading = "Reset your password";
    let paragraph = "Someone asked to reset the password for this address. Choose a new one with the link below.";
    let footnote = "The link works once, for one hour. If you didn't ask, ignore this message: your password stays as it is.";
    Message {
        to: to.to_owned(),
        from_name: brand.to_owned(),
        subject: format!("{brand}: reset your password"),
        text: format!("{heading}\n\n{paragraph}\n\n{link}\n\n{footnote}\n\n— {brand}\n"),
        html: html(
            brand,
            heading,
            paragraph,
            "Choose a new password",
            link,
            footnote,
        ),
        partner_id,
    }
}

pub fn invite(
    brand: &str,
    inviter: &str,
    to: &str,
    link: &str,
    partner_id: Option<i32>,
) -> Message {
    let heading = format!("{inviter} invited you to {brand}");
    let paragraph = "Accept the invitation to choose your password and join the team.";
    let footnote = "The invitation is valid for 7 days.";
    Message {
        to: to.to_owned(),
        from_name: brand.to_owned(),
        subject: format!("You're invited to {brand}"),
        text: format!("{heading}\n\n{paragraph}\n\n{link}\n\n{footnote}\n\n— {brand}\n"),
        html: html(
            brand,
            &heading,
            paragraph,
            "Accept the invitation",
            link,
            footnote,
        ),
        partner_id,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verification_mail_has_both_parts_and_escapes_the_brand() {
        let m = verify_email(
            "Acme <Voice>",
            "a@b.co",
            "https://x.test/verify?token=abc",
            Some(1),
        );
        assert!(m.text.contains("https://x.test/verify?token=abc"));
        assert!(m.html.contains("Acme &lt;Voice&gt;"));
        assert!(!m.html.contains("<Voice>"));
        assert_eq!(m.subject, "Acme <Voice>: confirm your email address");
    }
}
