//! Mail leaves through SMTP when `SWITCHBOARD_SMTP_URL` is set: the serve-time worker
//! delivers what a request put in the outbox, to a local fake SMTP server.

mod support;

use std::time::Duration;

use axum::{
    body::Body,
    http::{Request, StatusCode, header},
};
use domain::testing::smtp::FakeSmtp;
use server::{Config, workers::Workers};
use support::*;

#[tokio::test]
async fn a_password_reset_mail_reaches_the_smtp_server_in_the_partners_brand() {
    let smtp = FakeSmtp::start().await;
    let url = smtp.url();
    let (app, db) = app_with(&[
        ("SWITCHBOARD_SMTP_URL", url.as_str()),
        ("SWITCHBOARD_MAIL_FROM", "mail@platform.test"),
    ])
    .await;
    domain::testing::partner(&db, "acme").await;
    let config = Config::from_pairs([
        ("SWITCHBOARD_SECRET_KEY", KEY),
        ("DATABASE_URL", db.url.as_str()),
        ("SWITCHBOARD_SMTP_URL", url.as_str()),
        ("SWITCHBOARD_MAIL_FROM", "mail@platform.test"),
    ])
    .unwrap();
    let state = server::AppState::new(config, db.connection());
    let workers = Workers::start(&state).unwrap();

    let reply = send(
        &app,
        Request::post("/api/request_password_reset")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from("email=owner%40acme.test"))
            .unwrap(),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);

    let mut received = Vec::new();
    for _ in 0..100 {
        received = smtp.received();
        if !received.is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // The SMTP server has the message a moment before the worker records it as sent:
    // let the worker finish before stopping it.
    for _ in 0..100 {
        let row = domain::mail::latest_to(&*db, "owner@acme.test")
            .await
            .unwrap();
        if row.is_some_and(|r| r.sent_at.is_some()) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    workers.stop();
    assert_eq!(received.len(), 1, "the worker delivered the reset mail");
    let data = &received[0].data;
    assert!(data.contains("From: Acme <mail@platform.test>"), "{data}");
    assert!(
        data.contains("Subject: Acme: reset your password"),
        "{data}"
    );
    let row = domain::mail::latest_to(&*db, "owner@acme.test")
        .await
        .unwrap()
        .unwrap();
    assert!(row.sent_at.is_some());
}

#[test]
fn an_unusable_mail_sender_is_a_configuration_error() {
    let problems = Config::from_pairs([
        ("SWITCHBOARD_SECRET_KEY", KEY),
        ("SWITCHBOARD_SMTP_URL", "http://mail.test"),
        ("SWITCHBOARD_MAIL_FROM", "not an address"),
    ])
    .unwrap_err()
    .to_string();
    assert!(problems.contains("SWITCHBOARD_SMTP_URL"), "{problems}");
    assert!(problems.contains("SWITCHBOARD_MAIL_FROM"), "{problems}");
}
