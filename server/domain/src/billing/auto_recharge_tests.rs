use chrono::{Duration, Utc};
use model::billing::{AutoRechargeForm, LedgerKind};

use super::{
    auto_recharge::{self, Round},
    cards,
    processor::BuiltinProcessor,
    wallet::{self, Posting},
};
use crate::{mail, testing};

use testing::card_form as card;

fn form(on: bool) -> AutoRechargeForm {
    AutoRechargeForm {
        enabled: if on { "on".into() } else { String::new() },
        threshold: "20".into(),
        amount: "50".into(),
    }
}

async fn spend(db: &crate::Db, partner_id: i32, cents: i64) {
    let posting = Posting {
        partner_id,
        kind: LedgerKind::UsageLocal,
        amount_cents: -cents,
        description: "Calls".into(),
        reference: None,
        overdraw: false,
    };
    wallet::post(db, posting, Utc::now()).await.unwrap();
}

#[tokio::test]
async fn auto_recharge_fires_at_most_once_an_hour_and_turns_off_when_a_charge_fails() {
    let db = testing::fresh_db().await;
    let p = BuiltinProcessor;
    let (owner, _) = testing::partner_owner(&db, "acme").await;
    let partner_id = testing::partner_id(&db, "acme").await;
    let t0 = Utc::now();
    let run = |at| auto_recharge::run_due(&db, &p, "Switchboard", "https://p.test", at);

    let no_card = auto_recharge::save(&db, Some(&owner), &form(true), t0)
        .await
        .unwrap_err();
    assert!(no_card.field_errors().unwrap().first("enabled").is_some());
    let bad = AutoRechargeForm {
        amount: "5".into(),
        ..form(true)
    };
    assert!(
        auto_recharge::save(&db, Some(&owner), &bad, t0)
            .await
            .unwrap_err()
            .field_errors()
            .unwrap()
            .first("amount")
            .is_some()
    );

    let declining = cards::add(&db, &p, Some(&owner), &card("4000000000000002"), t0)
        .await
        .unwrap();
    let good = cards::add(&db, &p, Some(&owner), &card("4242424242424242"), t0)
        .await
        .unwrap();
    cards::make_default(&db, Some(&owner), &good.id, t0)
        .await
        .unwrap();
    auto_recharge::save(&db, Some(&owner), &form(true), t0)
        .await
        .unwrap();

    // Below the threshold ($0 < $20): one charge of $50, and a rerun changes nothing.
    assert_eq!(
        run(t0).await.unwrap(),
        Round {
            charged: 1,
            failed: 0
        }
    );
    assert_eq!(run(t0).await.unwrap(), Round::default());
    assert_eq!(wallet::balance(&*db, partner_id).await.unwrap(), 5_000);

    // Back under the threshold within the hour: it waits for the hour to pass.
    spend(&db, partner_id, 4_500).await;
    assert_eq!(
        run(t0 + Duration::minutes(30)).await.unwrap(),
        Round::default()
    );
    // Two instances at once after the hour: exactly one charge.
    let later = t0 + Duration::minutes(61);
    let (a, b) = tokio::join!(run(later), run(later));
    assert_eq!(a.unwrap().charged + b.unwrap().charged, 1);
    assert_eq!(wallet::balance(&*db, partner_id).await.unwrap(), 5_500);

    // A failing card: auto-recharge goes off, the admins get an email, nothing is charged.
    cards::make_default(&db, Some(&owner), &declining.id, t0)
        .await
        .unwrap();
    spend(&db, partner_id, 5_000).await;
    let much_later = t0 + Duration::hours(3);
    assert_eq!(
        run(much_later).await.unwrap(),
        Round {
            charged: 0,
            failed: 1
        }
    );
    let now_off = auto_recharge::settings(&db, Some(&owner)).await.unwrap();
    assert!(!now_off.enabled);
    assert_eq!(wallet::balance(&*db, partner_id).await.unwrap(), 500);
    let mail = mail::latest_to(&*db, &owner.email).await.unwrap().unwrap();
    assert!(
        mail.subject.contains("auto-recharge failed"),
        "{}",
        mail.subject
    );
    assert!(
        mail.text_body.contains("ending 0002 was declined"),
        "{}",
        mail.text_body
    );
    assert_eq!(
        run(much_later + Duration::hours(2)).await.unwrap(),
        Round::default()
    );
    // One payment.failed event, for the charge that turned it off.
    let failed: Vec<_> = crate::events::for_partner(&*db, partner_id)
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.event_type == "payment.failed")
        .collect();
    assert_eq!(failed.len(), 1);
    assert!(
        failed[0].data.contains(r#""purpose":"auto_recharge""#),
        "{}",
        failed[0].data
    );
}
