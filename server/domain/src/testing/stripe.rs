//! A small fake of Stripe's HTTP API for the adapter's tests: customers (created and
//! listed, which is how a key is checked), attaching and reading Stripe's test
//! PaymentMethods, PaymentIntents that succeed or decline as the real test mode does
//! (`pm_card_chargeDeclined…`), and refunds. A key containing `_revoked` gets 401. It records every request (path,
//! form body, idempotency key) and answers a repeated idempotency key with the first
//! answer, like Stripe.

use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
};

use tokio::{
    io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader},
    net::{TcpListener, TcpStream},
};

/// One request as the fake received it.
#[derive(Debug, Clone)]
pub struct Seen {
    pub method: String,
    pub path: String,
    pub body: String,
    pub idempotency_key: Option<String>,
    pub authorization: Option<String>,
    /// The connected account the request acts for (`Stripe-Account`).
    pub account: Option<String>,
}

#[derive(Default)]
struct State {
    seen: Vec<Seen>,
    replies: HashMap<String, (u16, String)>,
    next: u32,
}

pub struct FakeStripe {
    pub port: u16,
    state: Arc<Mutex<State>>,
}

impl FakeStripe {
    pub async fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind fake stripe");
        let port = listener.local_addr().expect("local addr").port();
        let state = Arc::new(Mutex::new(State::default()));
        let shared = state.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(serve(stream, shared.clone()));
            }
        });
        Self { port, state }
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    pub fn seen(&self) -> Vec<Seen> {
        self.state.lock().expect("fake stripe lock").seen.clone()
    }
}

async fn serve(stream: TcpStream, state: Arc<Mutex<State>>) {
    let (read, mut write) = stream.into_split();
    let mut reader = BufReader::new(read);
    let mut line = String::new();
    if reader.read_line(&mut line).await.unwrap_or(0) == 0 {
        return;
    }
    let mut parts = line.split_whitespace();
    let (method, target) = (
        parts.next().unwrap_or_default().to_owned(),
        parts.next().unwrap_or_default().to_owned(),
    );
    let mut headers = HashMap::new();
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).await.unwrap_or(0) == 0 || header.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            headers.insert(name.trim().to_ascii_lowercase(), value.trim().to_owned());
        }
    }
    let length: usize = headers
        .get("content-length")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let mut body = vec![0; length];
    if reader.read_exact(&mut body).await.is_err() {
        return;
    }
    let body = String::from_utf8_lossy(&body).into_owned();
    let path = target.split('?').next().unwrap_or_default().to_owned();
    let (status, json) = {
        let mut s = state.lock().expect("fake stripe lock");
        let key = headers.get("idempotency-key").cloned();
        s.seen.push(Seen {
            method: method.clone(),
            path: path.clone(),
            body: body.clone(),
            idempotency_key: key.clone(),
            authorization: headers.get("authorization").cloned(),
            account: headers.get("stripe-account").cloned(),
        });
        match key.as_ref().and_then(|k| s.replies.get(k)).cloned() {
            Some(first) => first,
            None => {
                s.next += 1;
                // A key the fake does not know is refused, as Stripe does.
                let known = headers
                    .get("authorization")
                    .is_some_and(|a| !a.contains("_revoked"));
                let answer = if known {
                    answer(&method, &path, &form(&body), s.next)
                } else {
                    (
                        401,
                        r#"{"error":{"type":"invalid_request_error","message":"Invalid API Key provided."}}"#
                            .to_owned(),
                    )
                };
                if let Some(k) = key {
                    s.replies.insert(k, answer.clone());
                }
                answer
            }
        }
    };
    let reason = match status {
        200 => "OK",
        401 => "Unauthorized",
        402 => "Payment Required",
        _ => "Not Found",
    };
    let response = format!(
        "HTTP/1.1 {status} {reason}\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{json}",
        json.len()
    );
    let _ = write.write_all(response.as_bytes()).await;
}

fn form(body: &str) -> HashMap<String, String> {
    body.split('&')
        .filter_map(|pair| pair.split_once('='))
        .map(|(k, v)| (k.to_owned(), v.replace("%40", "@").replace('+', " ")))
        .collect()
}

/// The card a Stripe test PaymentMethod stands for: (last4, decline code if it declines).
fn test_card(pm: &str) -> (&'static str, Option<&'static str>) {
    match pm {
        "pm_card_chargeDeclined" => ("0002", Some("generic_decline")),
        "pm_card_chargeDeclinedInsufficientFunds" => ("9995", Some("insufficient_funds")),
        "pm_card_chargeDeclinedExpiredCard" => ("0069", Some("expired_card")),
        _ => ("4242", None),
    }
}

fn payment_method(pm: &str, customer: Option<&str>) -> String {
    let (last4, _) = test_card(pm);
    let customer = customer.map_or("null".to_owned(), |c| format!("\"{c}\""));
    format!(
        r#"{{"id":"{pm}","object":"payment_method","created":1700000000,"livemode":false,"type":"card","billing_details":{{}},"customer":{customer},"card":{{"brand":"visa","last4":"{last4}","exp_month":12,"exp_year":2039,"funding":"credit"}}}}"#
    )
}

fn answer(method: &str, path: &str, form: &HashMap<String, String>, n: u32) -> (u16, String) {
    let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    match (method, segments.as_slice()) {
        ("POST", ["v1", "customers"]) => (
            200,
            format!(
                r#"{{"id":"cus_{n}","object":"customer","created":1700000000,"livemode":false}}"#
            ),
        ),
        ("POST", ["v1", "payment_methods", pm, "attach"]) => (
            200,
            payment_method(pm, form.get("customer").map(String::as_str)),
        ),
        ("GET", ["v1", "payment_methods", pm]) => (200, payment_method(pm, None)),
        ("POST", ["v1", "payment_intents"]) => {
            let pm = form
                .get("payment_method")
                .map(String::as_str)
                .unwrap_or_default();
            match test_card(pm).1 {
                Some(code) => (
                    402,
                    format!(
                        r#"{{"error":{{"type":"card_error","code":"{}","decline_code":"{code}","message":"Your card was declined.","charge":"ch_{n}"}}}}"#,
                        if code == "expired_card" {
                            "expired_card"
                        } else {
                            "card_declined"
                        }
                    ),
                ),
                None => (
                    200,
                    format!(
                        r#"{{"id":"pi_{n}","object":"payment_intent","amount":{amount},"amount_capturable":0,"amount_received":{amount},"capture_method":"automatic","confirmation_method":"automatic","created":1700000000,"currency":"usd","livemode":false,"metadata":{{}},"payment_method_types":["card"],"status":"succeeded","customer":"{customer}","payment_method":"{pm}"}}"#,
                        amount = form.get("amount").map(String::as_str).unwrap_or("0"),
                        customer = form.get("customer").map(String::as_str).unwrap_or_default(),
                    ),
                ),
            }
        }
        ("GET", ["v1", "customers"]) => (
            200,
            r#"{"object":"list","data":[],"has_more":false,"url":"/v1/customers"}"#.to_owned(),
        ),
        ("POST", ["v1", "refunds"]) => (
            200,
            format!(
                r#"{{"id":"re_{n}","object":"refund","amount":{amount},"created":1700000000,"currency":"usd","status":"succeeded","payment_intent":"{pi}"}}"#,
                amount = form.get("amount").map(String::as_str).unwrap_or("0"),
                pi = form
                    .get("payment_intent")
                    .map(String::as_str)
                    .unwrap_or_default(),
            ),
        ),
        _ => (
            404,
            r#"{"error":{"type":"invalid_request_error","message":"Unrecognized request URL."}}"#
                .to_owned(),
        ),
    }
}
