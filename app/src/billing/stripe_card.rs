//! Live cards through Stripe's own card form (Stripe Elements): the card number, expiry
//! and code are typed into Stripe's field, go straight from the browser to Stripe, and
//! come back as a PaymentMethod id (`pm_…`) that the form sends instead. This server
//! never sees a live card number, which keeps it out of PCI scope.
//!
//! The form stays an ordinary `ActionForm`: a submit listener in the capture phase
//! (which runs before the form's own) holds the first submission back, asks Stripe for
//! the PaymentMethod, writes its id into a hidden field and submits again.

use leptos::prelude::*;
use model::{FieldErrors, billing::payments::StripeElements};

use crate::ui::TextField;

/// `names`: the form keys of the name on the card and of the PaymentMethod id. Errors
/// about the card (Stripe's, or the server's on `number`) show under Stripe's field.
#[component]
pub fn StripeCardFields(
    elements: StripeElements,
    names: [&'static str; 2],
    #[prop(into)] errors: Signal<Option<FieldErrors>>,
) -> impl IntoView {
    let [name, payment_method] = names;
    let mount = NodeRef::<leptos::html::Div>::new();
    let id_field = NodeRef::<leptos::html::Input>::new();
    // What Stripe says about the card as it is typed, or why it could not be read.
    let problem = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    #[cfg(feature = "hydrate")]
    Effect::new(move || {
        if let (Some(div), Some(input)) = (mount.get(), id_field.get()) {
            client::start(div, input, elements.clone(), name, problem, busy);
        }
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = (&elements, mount, id_field);
    let message = move || {
        problem.get().or_else(|| {
            errors
                .get()
                .and_then(|e| e.first("number").map(str::to_owned))
        })
    };
    view! {
        <div class="sm:col-span-2">
            <TextField name="name" input_name=name label="Name on card" autocomplete="cc-name" errors/>
        </div>
        <div class="sm:col-span-2">
            <span id="stripe-card-label" class="block text-sm font-medium">"Card"</span>
            <div node_ref=mount id="field-number" role="group" aria-labelledby="stripe-card-label" aria-describedby="field-number-error"
                class="mt-1 min-h-[2.5rem] rounded-md border border-slate-300 bg-white px-3 py-2.5 text-slate-900 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
                data-testid="stripe-card">
                <noscript>"Card payments need JavaScript: Stripe's card form runs in your browser."</noscript>
            </div>
            <input type="hidden" name=payment_method node_ref=id_field/>
            <p id="field-number-error" class="mt-1 text-sm text-red-700 dark:text-red-400" aria-live="polite">{message}</p>
            <p role="status" class="mt-1 text-sm text-slate-600 dark:text-slate-400">
                {move || busy.get().then_some("Checking the card with the payment processor…")}
            </p>
            <p class="mt-1 text-xs text-slate-500 dark:text-slate-400">"Card details go straight to the payment processor; they never reach this site."</p>
        </div>
    }
}

#[cfg(feature = "hydrate")]
mod client {
    //! Stripe.js through `js_sys` calls (no JavaScript of our own to ship): load the
    //! script once, mount a card field, and turn it into a PaymentMethod on submit.

    use std::{
        cell::{Cell, RefCell},
        rc::Rc,
    };

    use js_sys::{Array, Function, Object, Promise, Reflect};
    use leptos::prelude::*;
    use model::billing::payments::StripeElements;
    use send_wrapper::SendWrapper;
    use wasm_bindgen::{JsCast, JsValue, closure::Closure};
    use wasm_bindgen_futures::JsFuture;

    fn get(target: &JsValue, key: &str) -> JsValue {
        Reflect::get(target, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
    }

    fn call(target: &JsValue, method: &str, args: &[JsValue]) -> Result<JsValue, JsValue> {
        let f: Function = get(target, method).dyn_into()?;
        f.apply(target, &args.iter().collect::<Array>())
    }

    fn object(pairs: &[(&str, JsValue)]) -> JsValue {
        let o = Object::new();
        for (key, value) in pairs {
            let _ = Reflect::set(&o, &JsValue::from_str(key), value);
        }
        o.into()
    }

    fn text(error: &JsValue) -> String {
        get(error, "message")
            .as_string()
            .unwrap_or_else(|| "The card form could not be loaded; reload the page.".into())
    }

    /// `window.Stripe`, loading Stripe.js first if no earlier form did.
    async fn stripe_js(src: &str) -> Result<Function, String> {
        let window = window();
        if let Ok(f) = get(&window, "Stripe").dyn_into::<Function>() {
            return Ok(f);
        }
        let failed = || {
            "The card form could not be loaded; check the connection and reload the page."
                .to_owned()
        };
        let document = document();
        let tag = document.create_element("script").map_err(|_| failed())?;
        tag.set_attribute("src", src).map_err(|_| failed())?;
        let loaded = Promise::new(&mut |resolve, reject| {
            let _ = tag.add_event_listener_with_callback("load", &resolve);
            let _ = tag.add_event_listener_with_callback("error", &reject);
        });
        document
            .body()
            .ok_or_else(failed)?
            .append_child(&tag)
            .map_err(|_| failed())?;
        JsFuture::from(loaded).await.map_err(|_| failed())?;
        get(&window, "Stripe").dyn_into().map_err(|_| failed())
    }

    /// Stripe's card field mounted in `div`, in the page's text colour (the field lives
    /// in Stripe's frame and cannot read our styles, so dark mode is passed on).
    fn mount(stripe: &JsValue, div: &web_sys::HtmlDivElement) -> Result<JsValue, JsValue> {
        // A node of Stripe's own inside ours: the page's nodes stay as rendered.
        let slot = document().create_element("div")?;
        div.append_child(&slot)?;
        let color = call(&window(), "getComputedStyle", &[div.into()])
            .map(|style| get(&style, "color"))
            .unwrap_or_else(|_| JsValue::from_str("#0f172a"));
        let base = object(&[("color", color), ("fontSize", "16px".into())]);
        let options = object(&[
            ("style", object(&[("base", base)])),
            ("hidePostalCode", true.into()),
        ]);
        let elements = call(stripe, "elements", &[])?;
        let card = call(&elements, "create", &["card".into(), options])?;
        call(&card, "mount", &[slot.into()])?;
        Ok(card)
    }

    /// The PaymentMethod id for what was typed, or Stripe's message about it.
    async fn payment_method(
        stripe: &JsValue,
        card: &JsValue,
        name: String,
    ) -> Result<String, String> {
        let request = object(&[
            ("type", "card".into()),
            ("card", card.clone()),
            (
                "billing_details",
                object(&[("name", JsValue::from_str(&name))]),
            ),
        ]);
        let promise: Promise = call(stripe, "createPaymentMethod", &[request])
            .and_then(JsCast::dyn_into)
            .map_err(|e| text(&e))?;
        let answer = JsFuture::from(promise).await.map_err(|e| text(&e))?;
        let error = get(&answer, "error");
        if !error.is_undefined() && !error.is_null() {
            return Err(text(&error));
        }
        get(&get(&answer, "paymentMethod"), "id")
            .as_string()
            .ok_or_else(|| "The payment processor did not accept the card; try again.".into())
    }

    pub fn start(
        div: web_sys::HtmlDivElement,
        id_field: web_sys::HtmlInputElement,
        config: StripeElements,
        name_key: &'static str,
        problem: RwSignal<Option<String>>,
        busy: RwSignal<bool>,
    ) {
        let Some(form) = div
            .closest("form")
            .ok()
            .flatten()
            .and_then(|f| f.dyn_into::<web_sys::HtmlFormElement>().ok())
        else {
            return;
        };
        // The listener is added before Stripe.js loads, so an early submit is held too.
        let state: Rc<RefCell<Option<(JsValue, JsValue)>>> = Rc::new(RefCell::new(None));
        let resubmit = Rc::new(Cell::new(false));
        let (held_state, held_form) = (state.clone(), form.clone());
        let on_submit = Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
            if resubmit.replace(false) {
                return; // our own submission, with the PaymentMethod id: the form sends it
            }
            ev.prevent_default(); // ActionForm skips a submission already prevented
            if busy.get_untracked() {
                return;
            }
            let Some((stripe, card)) = held_state.borrow().clone() else {
                problem.set(Some(
                    "The card form is still loading; try again in a moment.".into(),
                ));
                return;
            };
            let name = held_form
                .query_selector(&format!("[name=\"{name_key}\"]"))
                .ok()
                .flatten()
                .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
                .map(|i| i.value())
                .unwrap_or_default();
            let (form, id_field, resubmit) =
                (held_form.clone(), id_field.clone(), resubmit.clone());
            busy.set(true);
            problem.set(None);
            leptos::task::spawn_local(async move {
                let answer = payment_method(&stripe, &card, name).await;
                busy.set(false);
                match answer {
                    Ok(id) => {
                        id_field.set_value(&id);
                        resubmit.set(true);
                        let _ = form.request_submit();
                    }
                    Err(message) => problem.set(Some(message)),
                }
            });
        });
        let listener: Function = on_submit.as_ref().unchecked_ref::<Function>().clone();
        let _ = form.add_event_listener_with_callback_and_bool("submit", &listener, true);
        let kept = SendWrapper::new((form, listener, on_submit, state.clone()));
        on_cleanup(move || {
            let (form, listener, _closure, state) = kept.take();
            let _ = form.remove_event_listener_with_callback_and_bool("submit", &listener, true);
            if let Some((_, card)) = state.take() {
                let _ = call(&card, "destroy", &[]);
            }
        });

        leptos::task::spawn_local(async move {
            let loaded = async {
                let factory = stripe_js(&config.script).await?;
                let options = match &config.account {
                    Some(account) => object(&[("stripeAccount", JsValue::from_str(account))]),
                    None => object(&[]),
                };
                let stripe = factory
                    .call2(
                        &JsValue::NULL,
                        &JsValue::from_str(&config.publishable_key),
                        &options,
                    )
                    .map_err(|e| text(&e))?;
                let card = mount(&stripe, &div).map_err(|e| text(&e))?;
                let on_change = Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
                    let error = get(&event, "error");
                    problem.set((!error.is_undefined() && !error.is_null()).then(|| text(&error)));
                });
                let _ = call(&card, "on", &["change".into(), on_change.as_ref().clone()]);
                // Lives as long as Stripe's field, which keeps calling it.
                on_change.forget();
                Ok::<_, String>((stripe, card))
            };
            match loaded.await {
                Ok(ready) => *state.borrow_mut() = Some(ready),
                Err(message) => problem.set(Some(message)),
            }
        });
    }
}
