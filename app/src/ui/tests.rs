//! The UI kit rendered to HTML on the server, as a browser without JavaScript gets it.

use leptos::prelude::*;
use model::FieldErrors;

use super::TextField;

fn render<V: RenderHtml>(view: impl FnOnce() -> V) -> String {
    let owner = Owner::new();
    owner.set();
    view().to_html()
}

#[test]
fn a_field_error_is_shown_under_its_input_and_announced() {
    let errors = FieldErrors::single("sip_prefix", "Use 3 to 12 lowercase letters or digits.");
    let html =
        render(|| view! { <TextField name="sip_prefix" label="SIP prefix" errors=Some(errors)/> });
    assert!(
        html.contains("Use 3 to 12 lowercase letters or digits."),
        "{html}"
    );
    assert!(html.contains(r#"aria-invalid="true""#), "{html}");
    assert!(
        html.contains(r#"aria-describedby="field-sip_prefix-error""#),
        "{html}"
    );
    assert!(html.contains(r#"<label for="field-sip_prefix""#), "{html}");
}

#[test]
fn a_valid_field_has_no_message() {
    let other = FieldErrors::single("email", "Enter an email address.");
    let html = render(
        || view! { <TextField name="name" label="Name" hint="As customers see it" errors=Some(other)/> },
    );
    assert!(html.contains(r#"aria-invalid="false""#), "{html}");
    assert!(
        !html.contains("Enter an email address."),
        "another field's message stays with that field"
    );
    assert!(
        html.contains(r#"aria-describedby="field-name-hint""#),
        "{html}"
    );
}

#[test]
fn an_alert_lists_validation_messages_rather_than_a_summary() {
    use crate::error::{ErrorAlert, FnError};
    let error = FnError(model::AppError::invalid(
        "token",
        "This link has expired or was already used.",
    ));
    let html = render(|| view! { <ErrorAlert error/> });
    assert!(
        html.contains("This link has expired or was already used."),
        "{html}"
    );
    assert!(html.contains(r#"role="alert""#));
}
