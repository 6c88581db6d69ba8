use chrono::Utc;
use model::{
    AppError,
    usage::{CdrBatch, CdrInput, Direction, IngestResult},
};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use super::{entity::counter, ingest, keys};
use crate::{billing::wallet, partners::partner, tenants, testing};

fn call(id: &str, tenant: &str, to: &str, answered: Option<&str>, ended: &str) -> CdrInput {
    CdrInput {
        id: id.into(),
        tenant_id: tenant.into(),
        direction: Direction::Outbound,
        from: "+15125550100".into(),
        to: to.into(),
        started_at: "2026-11-23T15:00:00Z".into(),
        answered_at: answered.map(str::to_owned),
        ended_at: ended.into(),
        hangup_cause: "normal_clearing".into(),
    }
}

#[tokio::test]
async fn records_are_rated_debited_counted_once_and_replays_change_nothing() {
    let db = testing::fresh_db().await;
    let (owner, _) = testing::partner_owner(&db, "acme").await;
    let partner_id = testing::partner_id(&db, "acme").await;
    let t = tenants::create(
        &db,
        Some(&owner),
        &testing::tenant_form("Alpha", "alpha"),
        Utc::now(),
    )
    .await
    .unwrap();
    let now = Utc::now();

    let key = keys::create(&db, "call engine", now).await.unwrap();
    assert!(key.key.starts_with(keys::PREFIX));
    assert!(keys::verify(&db, &key.key, now).await.is_ok());
    assert!(matches!(
        keys::verify(&db, "sbk_ingest_nope", now).await,
        Err(AppError::Unauthorized)
    ));

    let batch = CdrBatch {
        records: vec![
            // 61 s local: 2 minutes × $0.020 = 4 cents.
            call(
                "c1",
                &t.id,
                "+15125550111",
                Some("2026-11-23T15:00:05Z"),
                "2026-11-23T15:01:06Z",
            ),
            // 30 s to a toll-free number: 1 minute × $0.022 = 2.2 cents.
            call(
                "c2",
                &t.id,
                "+18005550199",
                Some("2026-11-23T15:00:00Z"),
                "2026-11-23T15:00:30Z",
            ),
            // Never answered: free.
            call("c3", &t.id, "+15125550112", None, "2026-11-23T15:00:20Z"),
        ],
    };
    let first = ingest::ingest(&db, &batch, now).await.unwrap();
    assert_eq!(
        first,
        IngestResult {
            accepted: 3,
            duplicates: 0
        }
    );
    let balance = wallet::balance(&*db, partner_id).await.unwrap();
    assert_eq!(
        balance, -6,
        "4 + 2 cents, the 0.2 cent carried; usage may take the wallet below zero"
    );
    let p = partner::Entity::find_by_id(partner_id)
        .one(&*db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(p.usage_carry_micros, 2_000);
    let c = counter::Entity::find()
        .filter(counter::Column::TenantId.is_not_null())
        .one(&*db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (
            c.cycle_start.as_str(),
            c.local_minutes,
            c.toll_free_minutes,
            c.cost_micros
        ),
        ("2026-11-01", 2, 1, 62_000)
    );

    let replay = ingest::ingest(&db, &batch, now).await.unwrap();
    assert_eq!(
        replay,
        IngestResult {
            accepted: 0,
            duplicates: 3
        }
    );
    assert_eq!(wallet::balance(&*db, partner_id).await.unwrap(), -6);

    // Four more toll-free minutes' fractions add up to a cent.
    let more = CdrBatch {
        records: (0..4)
            .map(|i| {
                call(
                    &format!("d{i}"),
                    &t.id,
                    "+18885550100",
                    Some("2026-11-23T15:00:00Z"),
                    "2026-11-23T15:00:40Z",
                )
            })
            .collect(),
    };
    ingest::ingest(&db, &more, now).await.unwrap();
    // 0.2 carried + 4 × 2.2 = 9.0 cents: 9 more debited, nothing carried.
    assert_eq!(wallet::balance(&*db, partner_id).await.unwrap(), -15);

    let unknown = CdrBatch {
        records: vec![call(
            "x1",
            "01a20927-cc5f-75f2-bdd6-69fe5f9879d8",
            "+15125550111",
            None,
            "2026-11-23T15:00:20Z",
        )],
    };
    let err = ingest::ingest(&db, &unknown, now).await.unwrap_err();
    assert!(
        err.field_errors()
            .unwrap()
            .first("records[0].tenant_id")
            .is_some()
    );
}

#[tokio::test]
async fn finished_calls_become_events_only_where_an_endpoint_listens() {
    let db = testing::fresh_db().await;
    let (owner, _) = testing::partner_owner(&db, "acme").await;
    let partner_id = testing::partner_id(&db, "acme").await;
    let now = Utc::now();
    let t = tenants::create(
        &db,
        Some(&owner),
        &testing::tenant_form("Alpha", "alpha"),
        now,
    )
    .await
    .unwrap();
    let form = model::webhooks::EndpointForm {
        url: "https://hooks.example.com/calls".into(),
        description: String::new(),
        events: vec!["call.failed".into(), "inbound_call.abandoned".into()],
    };
    let secrets = crate::crypto::SecretBox::new(&[3; 32]);
    crate::webhooks::endpoints::create(&db, &secrets, Some(&owner), &form, false, now)
        .await
        .unwrap();
    let mut inbound = call("in1", &t.id, "+15125550111", None, "2026-11-23T15:00:20Z");
    inbound.direction = Direction::Inbound;
    let batch = CdrBatch {
        records: vec![
            call(
                "ok1",
                &t.id,
                "+15125550111",
                Some("2026-11-23T15:00:05Z"),
                "2026-11-23T15:01:06Z",
            ),
            call("no1", &t.id, "+18005550199", None, "2026-11-23T15:00:30Z"),
            inbound,
        ],
    };
    ingest::ingest(&db, &batch, now).await.unwrap();
    let events: Vec<_> = crate::events::for_partner(&*db, partner_id)
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.event_type.contains("call"))
        .collect();
    // call.completed was not asked for, so it was never recorded.
    let kinds: Vec<&str> = events.iter().map(|e| e.event_type.as_str()).collect();
    assert_eq!(kinds, ["call.failed", "inbound_call.abandoned"]);
    let failed: model::webhooks::CallEventData = serde_json::from_str(&events[0].data).unwrap();
    assert_eq!(
        (failed.cdr_id.as_str(), failed.tenant_id.as_str()),
        ("no1", t.id.as_str())
    );
    assert!(uuid::Uuid::parse_str(&failed.id).is_ok(), "{}", failed.id);
    assert!(failed.toll_free && failed.answered_at.is_none() && failed.billable_minutes == 0);
    assert_eq!(failed.started_at, "2026-11-23T15:00:00Z");
    // A replayed batch adds no events.
    ingest::ingest(&db, &batch, now).await.unwrap();
    assert_eq!(
        crate::events::for_partner(&*db, partner_id)
            .await
            .unwrap()
            .iter()
            .filter(|e| e.event_type.contains("call"))
            .count(),
        2
    );
}
