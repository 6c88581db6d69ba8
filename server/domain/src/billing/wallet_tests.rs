use chrono::Utc;
use model::{
    AppError,
    billing::{LedgerFilter, LedgerKind},
};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use super::{
    cards,
    entity::ledger_entry,
    history,
    processor::BuiltinProcessor,
    wallet::{self, Posted, Posting},
};
use crate::{partners::partner, testing};

fn posting(partner_id: i32, kind: LedgerKind, cents: i64, reference: Option<String>) -> Posting {
    Posting {
        partner_id,
        kind,
        amount_cents: cents,
        description: kind.label().to_owned(),
        reference,
        overdraw: false,
    }
}

async fn ledger_sum(db: &crate::Db, partner_id: i32) -> i64 {
    ledger_entry::Entity::find()
        .filter(ledger_entry::Column::PartnerId.eq(partner_id))
        .all(db)
        .await
        .unwrap()
        .iter()
        .map(|e| e.amount_cents)
        .sum()
}

#[tokio::test]
async fn a_thousand_concurrent_debits_never_overdraw_or_lose_an_entry() {
    let db = testing::fresh_db().await;
    testing::partner_owner(&db, "acme").await;
    let id = testing::partner_id(&db, "acme").await;
    wallet::post(
        &*db,
        posting(id, LedgerKind::TopUp, 5_000, None),
        Utc::now(),
    )
    .await
    .unwrap();
    let tasks: Vec<_> = (0..1_000)
        .map(|n| {
            let db = db.connection();
            tokio::spawn(async move {
                let txn = crate::db::begin(&db).await?;
                let p = posting(id, LedgerKind::UsageLocal, -7, Some(format!("cdr-{n}")));
                let out = wallet::post(&txn, p, Utc::now()).await?;
                txn.commit().await.map_err(crate::error::db_error)?;
                Ok::<_, AppError>(out)
            })
        })
        .collect();
    let (mut applied, mut refused) = (0, 0);
    for task in tasks {
        match task.await.unwrap() {
            Ok(Posted::Applied(_)) => applied += 1,
            Err(AppError::Conflict { .. }) => refused += 1,
            other => panic!("unexpected {other:?}"),
        }
    }
    assert_eq!((applied, refused), (714, 286));
    let balance = wallet::balance(&*db, id).await.unwrap();
    assert_eq!(balance, 5_000 - 714 * 7);
    assert_eq!(balance, ledger_sum(&db, id).await, "balance = Σ ledger");
    let entries = ledger_entry::Entity::find().all(&*db).await.unwrap();
    assert!(entries.iter().all(|e| e.balance_after_cents >= 0));
}

#[tokio::test]
async fn replaying_a_reference_changes_nothing_and_a_short_wallet_names_the_shortfall() {
    let db = testing::fresh_db().await;
    testing::partner_owner(&db, "acme").await;
    let id = testing::partner_id(&db, "acme").await;
    let now = Utc::now();
    let first = wallet::post(
        &*db,
        posting(id, LedgerKind::TopUp, 1_000, Some("ch_1".into())),
        now,
    )
    .await
    .unwrap();
    let again = wallet::post(
        &*db,
        posting(id, LedgerKind::TopUp, 1_000, Some("ch_1".into())),
        now,
    )
    .await
    .unwrap();
    assert!(matches!(first, Posted::Applied(_)));
    assert_eq!(again, Posted::AlreadyPosted(first.entry().clone()));
    assert_eq!(wallet::balance(&*db, id).await.unwrap(), 1_000);
    let short = wallet::post(
        &*db,
        posting(id, LedgerKind::MonthlyLocalDid, -1_750, None),
        now,
    )
    .await
    .unwrap_err();
    assert!(
        short.to_string().contains("top up at least $7.50"),
        "{short}"
    );
    assert_eq!(ledger_sum(&db, id).await, 1_000);
}

use testing::card_form as card;

#[tokio::test]
async fn cards_top_ups_and_declines() {
    let db = testing::fresh_db().await;
    let processor = BuiltinProcessor;
    let (owner, _) = testing::partner_owner(&db, "acme").await;
    let id = testing::partner_id(&db, "acme").await;
    let now = Utc::now();

    // Without a card there is nothing to charge.
    let none = cards::top_up(&db, &processor, Some(&owner), "50", now)
        .await
        .unwrap_err();
    assert!(none.to_string().contains("payment method"), "{none}");

    // Bad input is refused by field; a real card number is refused by the test processor.
    let mut bad = card("4242 4242 4242 4241");
    bad.expiry = "01/20".into();
    let errors = cards::add(&db, &processor, Some(&owner), &bad, now)
        .await
        .unwrap_err();
    let fields = errors.field_errors().unwrap();
    assert!(fields.first("number").is_some() && fields.first("expiry").is_some());
    let real = cards::add(
        &db,
        &processor,
        Some(&owner),
        &card("5555 5555 5555 4444"),
        now,
    )
    .await
    .unwrap_err();
    assert!(
        real.field_errors()
            .unwrap()
            .first("number")
            .unwrap()
            .contains("test cards")
    );

    let declined = cards::add(
        &db,
        &processor,
        Some(&owner),
        &card("4000000000000002"),
        now,
    )
    .await
    .unwrap();
    assert!(declined.is_default, "the first card is the default");
    let refused = cards::top_up(&db, &processor, Some(&owner), "50", now)
        .await
        .unwrap_err();
    assert!(
        refused.to_string().contains("ending 0002 was declined"),
        "{refused}"
    );
    assert_eq!(
        wallet::balance(&*db, id).await.unwrap(),
        0,
        "a decline changes nothing"
    );

    let good = cards::add(
        &db,
        &processor,
        Some(&owner),
        &card("4242424242424242"),
        now,
    )
    .await
    .unwrap();
    cards::make_default(&db, Some(&owner), &good.id, now)
        .await
        .unwrap();
    let bad_amount = cards::top_up(&db, &processor, Some(&owner), "5", now)
        .await
        .unwrap_err();
    assert!(bad_amount.field_errors().unwrap().first("amount").is_some());
    let entry = cards::top_up(&db, &processor, Some(&owner), "$125.50", now)
        .await
        .unwrap();
    assert_eq!(
        (entry.kind, entry.amount_cents, entry.balance_after_cents),
        (LedgerKind::TopUp, 12_550, 12_550)
    );
    let page = history::list(&db, Some(&owner), &LedgerFilter::default(), 50)
        .await
        .unwrap();
    assert_eq!((page.balance_cents, page.entries.len()), (12_550, 1));
    let csv = history::csv(&db, Some(&owner), &LedgerFilter::default())
        .await
        .unwrap();
    assert!(
        csv.lines().nth(1).unwrap().contains(",125.50,125.50,"),
        "{csv}"
    );

    // Another partner sees none of it.
    let (other, _) = testing::partner_owner(&db, "globex").await;
    assert!(cards::list(&db, Some(&other)).await.unwrap().is_empty());
    assert!(matches!(
        cards::remove(&db, Some(&other), &good.id, now).await,
        Err(AppError::NotFound { .. })
    ));
    assert!(
        history::list(&db, Some(&other), &LedgerFilter::default(), 50)
            .await
            .unwrap()
            .entries
            .is_empty()
    );

    // Removing the last card turns auto-recharge off.
    cards::remove(&db, Some(&owner), &declined.id, now)
        .await
        .unwrap();
    let left = cards::list(&db, Some(&owner)).await.unwrap();
    assert!(left.len() == 1 && left[0].is_default);
    cards::remove(&db, Some(&owner), &good.id, now)
        .await
        .unwrap();
    let p = partner::Entity::find_by_id(id)
        .one(&*db)
        .await
        .unwrap()
        .unwrap();
    assert!(!p.auto_recharge_enabled);
}
