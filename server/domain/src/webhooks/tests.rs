use chrono::{DateTime, Duration, TimeZone, Utc};
use model::{
    AppError,
    webhooks::{DeliveryStatus, EndpointForm, EndpointPatch},
};
use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel, PaginatorTrait, Set};

use super::{Sender, Worker, endpoints, entity, queue, run_due};
use crate::{
    crypto::SecretBox,
    testing::{
        self,
        receiver::{self, Receiver},
    },
};

// Who may see and change endpoints, and how long their history is kept.
mod ownership;

fn worker() -> Worker {
    Worker {
        sender: Sender::new(true).unwrap(),
        secrets: SecretBox::new(&[7; 32]),
        platform_name: "Switchboard".into(),
        base_url: "https://portal.test".into(),
    }
}

fn form(url: &str, events: &[&str]) -> EndpointForm {
    EndpointForm {
        url: url.into(),
        description: "CRM".into(),
        events: events.iter().map(|e| (*e).to_owned()).collect(),
    }
}

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap()
}

async fn event(db: &crate::Db, partner_id: i32, kind: &str, at: DateTime<Utc>) -> String {
    crate::events::record(db, partner_id, kind, &serde_json::json!({"n": 1}), at)
        .await
        .unwrap()
}

/// Partner "acme" with its owner, a receiver answering `script` (then 200), a worker,
/// and an endpoint for `events` at the receiver, made at `made_at`.
struct Setup {
    db: testing::TestDb,
    owner: model::auth::Viewer,
    partner: i32,
    hook: Receiver,
    w: Worker,
    made: model::webhooks::NewSecret,
}

async fn setup(script: &[u16], events: &[&str], made_at: DateTime<Utc>) -> Setup {
    let db = testing::fresh_db().await;
    let (owner, _) = testing::partner_owner(&db, "acme").await;
    let partner = testing::partner_id(&db, "acme").await;
    let hook = Receiver::start(script).await;
    let w = worker();
    let made = endpoints::create(
        &db,
        &w.secrets,
        Some(&owner),
        &form(&hook.url("/in"), events),
        true,
        made_at,
    )
    .await
    .unwrap();
    Setup {
        db,
        owner,
        partner,
        hook,
        w,
        made,
    }
}

#[tokio::test]
async fn a_tenant_created_reaches_the_endpoint_signed_and_shaped_as_the_contract_says() {
    let Setup {
        db,
        owner,
        partner,
        hook,
        w,
        made,
    } = setup(&[], &["tenant.created"], Utc::now()).await;
    let now = Utc::now();
    assert!(made.secret.starts_with("whsec_"));
    assert!(!made.endpoint.secret_hint.contains(&made.secret[10..]));
    crate::tenants::create(
        &db,
        Some(&owner),
        &testing::tenant_form("Bluebird Dental", "bluebird"),
        now,
    )
    .await
    .unwrap();
    let round = run_due(&db, &w, "one", now).await.unwrap();
    assert_eq!((round.delivered, round.failed), (1, 0));
    let hits = hook.hits();
    assert_eq!(hits.len(), 1);
    assert!(receiver::verify(&made.secret, &hits[0]));
    let body: serde_json::Value = serde_json::from_str(&hits[0].body).unwrap();
    assert_eq!(body["type"], "tenant.created");
    assert!(body["id"].as_str().unwrap().starts_with("evt_"));
    assert_eq!(hits[0].headers["webhook-id"], body["id"].as_str().unwrap());
    assert_eq!(hits[0].headers["content-type"], "application/json");
    assert_eq!(body["data"]["name"], "Bluebird Dental");
    let public = crate::partners::partner::Entity::find_by_id(partner)
        .one(&*db)
        .await
        .unwrap()
        .unwrap()
        .public_id;
    assert_eq!(body["partner_id"], public.to_string());
    assert!(body["created_at"].as_str().unwrap().ends_with('Z'));

    // A second round sends nothing more; an event it did not ask for is not sent.
    event(&db, partner, "extension.created", now).await;
    run_due(&db, &w, "one", now).await.unwrap();
    assert_eq!(hook.hits().len(), 1);

    // Rotating: the old secret stops at once.
    let rotated = endpoints::rotate_secret(&db, &w.secrets, Some(&owner), &made.endpoint.id, now)
        .await
        .unwrap();
    event(&db, partner, "tenant.created", now).await;
    run_due(&db, &w, "one", now).await.unwrap();
    let last = hook.hits().pop().unwrap();
    assert!(receiver::verify(&rotated.secret, &last));
    assert!(!receiver::verify(&made.secret, &last));

    // Redeliver sends the same event id and the same body again.
    let lines = endpoints::deliveries(&db, Some(&owner), &made.endpoint.id)
        .await
        .unwrap();
    let first = lines.iter().find(|l| l.event_id == body["id"]).unwrap();
    assert_eq!(first.status, DeliveryStatus::Delivered);
    assert_eq!((first.attempt, first.max_attempts), (1, 8));
    assert_eq!(first.response_status, Some(200));
    assert_eq!(first.response_body.as_deref(), Some("thanks"));
    endpoints::redeliver(
        &db,
        Some(&owner),
        &made.endpoint.id,
        &first.delivery_id,
        now,
    )
    .await
    .unwrap();
    run_due(&db, &w, "one", now).await.unwrap();
    let again = hook.hits().pop().unwrap();
    assert_eq!(again.body, hits[0].body);
    assert_eq!(again.headers["webhook-id"], hits[0].headers["webhook-id"]);
    assert!(receiver::verify(&rotated.secret, &again));
}

#[tokio::test]
async fn a_failing_receiver_is_retried_on_the_schedule_and_dies_after_eight() {
    let Setup {
        db,
        owner,
        partner,
        hook,
        w,
        made,
    } = setup(&[500, 503], &["tenant.created"], t0() - Duration::hours(1)).await;
    let start = t0();
    event(&db, partner, "tenant.created", start).await;
    let at = |secs: i64| start + Duration::seconds(secs);
    let mut seen = Vec::new();
    for secs in [0, 29, 30, 119, 120, 121] {
        run_due(&db, &w, "one", at(secs)).await.unwrap();
        seen.push(hook.hits().len());
    }
    // Attempts at 0 (500), 30 s (503) and 2 min (200); nothing in between or after.
    assert_eq!(seen, [1, 1, 2, 2, 3, 3]);
    let lines = endpoints::deliveries(&db, Some(&owner), &made.endpoint.id)
        .await
        .unwrap();
    let times: Vec<_> = lines
        .iter()
        .map(|l| l.attempted_at.clone().unwrap())
        .collect();
    assert_eq!(times, [at(120), at(30), at(0)].map(crate::db::rfc3339));
    assert_eq!(
        lines
            .iter()
            .map(|l| (l.attempt, l.response_status))
            .collect::<Vec<_>>(),
        [(3, Some(200)), (2, Some(503)), (1, Some(500))]
    );
    assert!(lines.iter().all(|l| l.status == DeliveryStatus::Delivered));

    // A receiver that never answers 2xx: eight attempts at 0, 30 s, 2 min, 10 min, 1 h,
    // 4 h, 12 h and 24 h, then DEAD.
    let down = Receiver::start(&[500; 20]).await;
    let dead = endpoints::create(
        &db,
        &w.secrets,
        Some(&owner),
        &form(&down.url("/"), &["tenant.updated"]),
        true,
        start,
    )
    .await
    .unwrap();
    let later = start + Duration::days(3);
    event(&db, partner, "tenant.updated", later).await;
    let mut minute = 0;
    while minute <= 49 * 60 {
        run_due(&db, &w, "one", later + Duration::minutes(minute))
            .await
            .unwrap();
        minute += 1;
        // Skip quiet stretches quickly once past the first hour.
        if minute > 70 {
            minute += 29;
        }
    }
    let lines = endpoints::deliveries(&db, Some(&owner), &dead.endpoint.id)
        .await
        .unwrap();
    assert_eq!(down.hits().len(), 8);
    assert_eq!(lines.len(), 8);
    assert!(
        lines
            .iter()
            .all(|l| l.status == DeliveryStatus::Dead && l.next_attempt_at.is_none())
    );
    let offsets: Vec<i64> = lines
        .iter()
        .rev()
        .map(|l| {
            (DateTime::parse_from_rfc3339(l.attempted_at.as_deref().unwrap())
                .unwrap()
                .with_timezone(&Utc)
                - later)
                .num_minutes()
        })
        .collect();
    // Rounds run a minute apart in the first hour and every 30 minutes after, so each
    // attempt lands on the first round at or after its time.
    assert_eq!(offsets, [0, 1, 2, 10, 60, 250, 730, 1450]);
    assert_eq!(
        endpoints::get(&db, Some(&owner), &dead.endpoint.id)
            .await
            .unwrap()
            .consecutive_failures,
        8
    );
}

#[tokio::test]
async fn a_crashed_instance_and_two_live_ones_send_every_attempt_exactly_once() {
    let Setup {
        db,
        partner,
        hook,
        w,
        ..
    } = setup(&[], &["tenant.created"], t0() - Duration::hours(1)).await;
    let now = t0();
    for _ in 0..40 {
        event(&db, partner, "tenant.created", now).await;
    }
    // Instance A fans out, claims a batch and dies before sending any of it.
    queue::fan_out(&db, now).await.unwrap();
    let lost = queue::claim(&db, "a", now).await.unwrap();
    assert!(!lost.is_empty());
    // B and C run side by side: they share the rest and leave A's claims alone...
    let (b, c) = tokio::join!(run_due(&db, &w, "b", now), run_due(&db, &w, "c", now));
    let (b, c) = (b.unwrap(), c.unwrap());
    assert_eq!(b.delivered + c.delivered, 40 - lost.len());
    // ...until A's claims run out, and then exactly those are sent.
    let after = now + Duration::minutes(6);
    let (b2, c2) = tokio::join!(run_due(&db, &w, "b", after), run_due(&db, &w, "c", after));
    assert_eq!(b2.unwrap().delivered + c2.unwrap().delivered, lost.len());
    let hits = hook.hits();
    let mut ids: Vec<&String> = hits.iter().map(|h| &h.headers["webhook-id"]).collect();
    ids.sort();
    ids.dedup();
    assert_eq!((hits.len(), ids.len()), (40, 40));
    assert_eq!(
        entity::attempt::Entity::find().count(&*db).await.unwrap(),
        40
    );
}

#[tokio::test]
async fn private_targets_are_refused_outside_development_and_redirects_are_not_followed() {
    let db = testing::fresh_db().await;
    let (owner, _) = testing::partner_owner(&db, "acme").await;
    let w = worker();
    let now = Utc::now();
    for url in [
        "http://127.0.0.1:9/x",
        "https://127.0.0.1/x",
        "https://169.254.169.254/",
        "https://localhost/",
    ] {
        let refused = endpoints::create(
            &db,
            &w.secrets,
            Some(&owner),
            &form(url, &["tenant.created"]),
            false,
            now,
        )
        .await;
        assert!(
            matches!(refused, Err(AppError::Validation { ref errors }) if errors.get("url").is_some()),
            "{url}"
        );
    }
    // Checked again when sending, whatever was stored.
    let strict = Sender::new(false).unwrap();
    let sent = strict.post("https://127.0.0.1:9/x", &[], "{}".into()).await;
    assert!(
        !sent.succeeded && sent.outcome.starts_with("Refused"),
        "{}",
        sent.outcome
    );
    let sent = strict.post("http://example.com/x", &[], "{}".into()).await;
    assert!(sent.outcome.starts_with("Refused"), "{}", sent.outcome);

    let hook = Receiver::start(&[302]).await;
    let sent = w.sender.post(&hook.url("/"), &[], "{}".into()).await;
    assert!(!sent.succeeded);
    assert!(sent.outcome.contains("not followed"), "{}", sent.outcome);
    assert_eq!(hook.hits().len(), 1);
    let nobody = w
        .sender
        .post("http://127.0.0.1:9/x", &[], "{}".into())
        .await;
    assert!(
        nobody.outcome.starts_with("Connection failed"),
        "{}",
        nobody.outcome
    );
}

#[tokio::test]
async fn a_hundred_failures_in_a_row_turn_the_endpoint_off_and_tell_the_admins() {
    let Setup {
        db,
        owner,
        partner,
        hook,
        w,
        made,
    } = setup(&[500, 500], &["tenant.created"], t0() - Duration::hours(1)).await;
    let now = t0();
    let row = entity::endpoint::Entity::find()
        .one(&*db)
        .await
        .unwrap()
        .unwrap();
    let mut active = row.into_active_model();
    active.consecutive_failures = Set(99);
    active.update(&*db).await.unwrap();
    event(&db, partner, "tenant.created", now).await;
    event(&db, partner, "tenant.created", now).await;
    run_due(&db, &w, "one", now).await.unwrap();
    let ep = endpoints::get(&db, Some(&owner), &made.endpoint.id)
        .await
        .unwrap();
    assert!(!ep.enabled);
    assert_eq!(ep.disabled_reason.as_deref(), Some("failures"));
    let mail = crate::mail::latest_to(&*db, "owner@acme.test")
        .await
        .unwrap()
        .unwrap();
    assert!(
        mail.subject.contains("webhook endpoint was turned off"),
        "{}",
        mail.subject
    );
    assert!(mail.text_body.contains(&hook.url("/")));
    // Nothing more is sent while it is off; turning it on clears the count and resumes.
    let hits = hook.hits().len();
    run_due(&db, &w, "one", now + Duration::hours(1))
        .await
        .unwrap();
    assert_eq!(hook.hits().len(), hits);
    let on = endpoints::update(
        &db,
        Some(&owner),
        &made.endpoint.id,
        &EndpointPatch {
            enabled: Some(true),
            ..Default::default()
        },
        true,
        now,
    )
    .await
    .unwrap();
    assert!(on.enabled && on.consecutive_failures == 0 && on.disabled_reason.is_none());
    run_due(&db, &w, "one", now + Duration::hours(1))
        .await
        .unwrap();
    assert!(hook.hits().len() > hits);
}
