//! The card fields every card form shares (the partner's cards, a tenant paying its
//! invoice): name, number, expiry, security code, each checked as it is typed with the
//! rules the server applies again.

use leptos::prelude::*;
use model::{
    FieldErrors,
    billing::payments::{parse_card_number, parse_cvc, parse_expiry},
};

use crate::ui::TextField;

/// `names`: the form keys of name, number, expiry and security code (errors are looked
/// up by the plain field names `name`, `number`, `expiry`, `cvc`).
#[component]
pub fn CardFields(
    names: [&'static str; 4],
    #[prop(into)] errors: Signal<Option<FieldErrors>>,
) -> impl IntoView {
    let [name, number, expiry, cvc] = names;
    view! {
        <div class="sm:col-span-2">
            <TextField name="name" input_name=name label="Name on card" autocomplete="cc-name" errors/>
        </div>
        <div class="sm:col-span-2">
            <TextField name="number" input_name=number label="Card number" autocomplete="cc-number" errors
                check=|v| parse_card_number(v).map(|_| ())/>
        </div>
        <TextField name="expiry" input_name=expiry label="Expiry (MM/YY)" autocomplete="cc-exp" errors
            check=|v| parse_expiry(v).map(|_| ())/>
        <TextField name="cvc" input_name=cvc label="Security code" autocomplete="cc-csc" errors
            check=|v| parse_cvc(v).map(|_| ())/>
    }
}
