use async_trait::async_trait;
use chrono::{Duration, Utc};

use super::{
    OutboxEmail,
    delivery::{self, Mailer, SmtpMailer},
    templates,
};
use crate::{branding, mail, testing};

async fn enqueue_invite(db: &crate::Db, to: &str, partner_id: Option<i32>) {
    let sender = branding::sender_for(db, partner_id, "Switchboard")
        .await
        .unwrap();
    let message = templates::invite(&sender, "Ann", to, "https://acme.test/accept?token=t");
    mail::enqueue(db, message, Utc::now()).await.unwrap();
}

async fn row(db: &crate::Db, to: &str) -> OutboxEmail {
    mail::latest_to(db, to).await.unwrap().unwrap()
}

#[tokio::test]
async fn smtp_delivers_both_parts_in_the_partners_brand_and_marks_the_row_sent() {
    let db = testing::fresh_db().await;
    let created = testing::partner(&db, "acme").await;
    enqueue_invite(&db, "new@acme.test", Some(created.partner.id)).await;
    let smtp = testing::smtp::FakeSmtp::start().await;
    let mailer = SmtpMailer::from_url(&smtp.url(), "no-reply@platform.test").unwrap();

    let round = delivery::deliver_due(&db, &mailer, "one", Utc::now())
        .await
        .unwrap();
    assert_eq!(round, delivery::Round { sent: 1, failed: 0 });

    let got = smtp.received();
    assert_eq!(got.len(), 1);
    assert!(got[0].to[0].contains("new@acme.test"));
    assert!(got[0].from.contains("no-reply@platform.test"));
    let data = &got[0].data;
    assert!(
        data.contains("From: Acme <no-reply@platform.test>"),
        "{data}"
    );
    assert!(data.contains("multipart/alternative"));
    assert!(data.contains("text/plain"));
    assert!(data.contains("text/html"));
    let sent = row(&db, "new@acme.test").await;
    assert!(sent.sent_at.is_some());
    assert_eq!(sent.attempts, 1);
    assert!(sent.lease_owner.is_none());

    // A sent message is never sent again.
    let again = delivery::deliver_due(&db, &mailer, "one", Utc::now() + Duration::hours(1))
        .await
        .unwrap();
    assert_eq!(again, delivery::Round::default());
    assert_eq!(smtp.received().len(), 1);
}

#[tokio::test]
async fn a_refused_recipient_is_retried_later_then_given_up_with_the_reason_kept() {
    let db = testing::fresh_db().await;
    enqueue_invite(&db, "reject@nowhere.test", None).await;
    let smtp = testing::smtp::FakeSmtp::start().await;
    let mailer = SmtpMailer::from_url(&smtp.url(), "no-reply@platform.test").unwrap();

    let mut now = Utc::now();
    let round = delivery::deliver_due(&db, &mailer, "one", now)
        .await
        .unwrap();
    assert_eq!(round.failed, 1);
    let failed = row(&db, "reject@nowhere.test").await;
    assert!(
        failed.last_error.as_deref().unwrap_or("").contains("550"),
        "{failed:?}"
    );
    assert!(failed.next_attempt_at.unwrap() > now);

    // Not due again until the back-off has passed.
    let early = delivery::deliver_due(&db, &mailer, "one", now + Duration::seconds(30))
        .await
        .unwrap();
    assert_eq!(early, delivery::Round::default());

    for _ in 1..delivery::MAX_ATTEMPTS {
        now += Duration::hours(5);
        delivery::deliver_due(&db, &mailer, "one", now)
            .await
            .unwrap();
    }
    let given_up = row(&db, "reject@nowhere.test").await;
    assert_eq!(given_up.attempts, delivery::MAX_ATTEMPTS);
    assert!(given_up.failed_at.is_some());
    assert!(given_up.sent_at.is_none());
    now += Duration::days(2);
    assert_eq!(
        delivery::deliver_due(&db, &mailer, "one", now)
            .await
            .unwrap(),
        delivery::Round::default()
    );
}

/// Counts sends and takes its time, so two workers overlap.
struct Slow(std::sync::atomic::AtomicU32);

#[async_trait]
impl Mailer for Slow {
    async fn send(&self, _: &OutboxEmail) -> Result<(), String> {
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        self.0.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        Ok(())
    }
}

#[tokio::test]
async fn two_instances_never_send_the_same_message_twice() {
    let db = testing::fresh_db().await;
    for i in 0..12 {
        enqueue_invite(&db, &format!("user{i}@acme.test"), None).await;
    }
    let mailer = Slow(Default::default());
    let now = Utc::now();
    let (a, b) = tokio::join!(
        delivery::deliver_due(&db, &mailer, "instance-a", now),
        delivery::deliver_due(&db, &mailer, "instance-b", now),
    );
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(a.sent + b.sent, 12);
    assert_eq!(mailer.0.load(std::sync::atomic::Ordering::SeqCst), 12);
}

#[tokio::test]
async fn a_lease_held_by_a_crashed_instance_runs_out_and_another_sends_the_message() {
    use sea_orm::{ActiveModelTrait, IntoActiveModel, Set};
    let db = testing::fresh_db().await;
    enqueue_invite(&db, "held@acme.test", None).await;
    let now = Utc::now();
    let mut held = row(&db, "held@acme.test").await.into_active_model();
    held.lease_owner = Set(Some("crashed".into()));
    held.lease_until = Set(Some(now + delivery::LEASE));
    held.update(&*db).await.unwrap();

    let mailer = Slow(Default::default());
    let during = delivery::deliver_due(&db, &mailer, "alive", now)
        .await
        .unwrap();
    assert_eq!(during.sent, 0);
    let after = delivery::deliver_due(
        &db,
        &mailer,
        "alive",
        now + delivery::LEASE + Duration::seconds(1),
    )
    .await
    .unwrap();
    assert_eq!(after.sent, 1);
}

#[tokio::test]
async fn an_attachment_travels_as_its_own_part_beside_the_text_and_html() {
    let db = testing::fresh_db().await;
    let sender = branding::sender_for(&*db, None, "Switchboard")
        .await
        .unwrap();
    let mut message = templates::invite(&sender, "Ann", "ap@lyon.test", "https://acme.test/x");
    message.attachment = Some(mail::Attachment {
        name: "INV-000007.pdf".into(),
        content_type: "application/pdf".into(),
        bytes: b"%PDF-1.7 test".to_vec(),
    });
    mail::enqueue(&*db, message, Utc::now()).await.unwrap();
    let smtp = testing::smtp::FakeSmtp::start().await;
    let mailer = SmtpMailer::from_url(&smtp.url(), "no-reply@platform.test").unwrap();
    delivery::deliver_due(&db, &mailer, "one", Utc::now())
        .await
        .unwrap();
    let data = &smtp.received()[0].data;
    assert!(data.contains("multipart/mixed"), "{data}");
    assert!(data.contains("multipart/alternative"), "{data}");
    assert!(data.contains("Content-Type: application/pdf"), "{data}");
    assert!(
        data.contains("attachment; filename=\"INV-000007.pdf\""),
        "{data}"
    );
}
