//! `/v1/numbers` over the real router: search with prices as decimal strings, buying
//! refused while the wallet is short (nothing bought) then done, the inventory in
//! cursor pages, CNAM and E911 by PATCH with `can_call_911` turning true once the
//! carrier registers the address, assign within a tenant-limited key's reach, release,
//! and the routes documented in the OpenAPI document.

mod support;

use axum::http::StatusCode;
use support::{api_key as key, app, call, json, send};

#[tokio::test]
async fn a_key_searches_buys_and_manages_numbers() {
    let (app, db) = app().await;
    let (owner, _) = domain::testing::partner_owner(&db, "acme").await;
    let now = chrono::Utc::now();
    let tenant = domain::tenants::create(
        &db,
        Some(&owner),
        &domain::testing::tenant_form("Bluebird", "bluebird"),
        now,
    )
    .await
    .unwrap();
    let other = domain::tenants::create(
        &db,
        Some(&owner),
        &domain::testing::tenant_form("Cedar", "cedar"),
        now,
    )
    .await
    .unwrap();
    let all = key(&db, &owner, &["numbers:write"], &[]).await;

    let offers = json(
        &send(
            &app,
            call("GET", "/v1/numbers/available?state=CO&limit=3", &all, None),
        )
        .await,
    );
    let offers = offers["data"].as_array().unwrap().clone();
    assert_eq!(offers.len(), 3);
    assert_eq!(offers[0]["monthly_price"], "1.75");
    assert_eq!(offers[0]["currency"], "USD");
    assert!(offers[0]["number"].as_str().unwrap().starts_with("+1"));
    let missing_state = send(&app, call("GET", "/v1/numbers/available", &all, None)).await;
    assert_eq!(missing_state.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(json(&missing_state)["errors"]["state"].is_array());

    // The wallet is empty: 409 with the shortfall, and nothing is bought.
    let picks: Vec<&str> = offers
        .iter()
        .map(|o| o["number"].as_str().unwrap())
        .collect();
    let body = serde_json::json!({"numbers": picks}).to_string();
    let short = send(&app, call("POST", "/v1/numbers", &all, Some(&body))).await;
    assert_eq!(short.status, StatusCode::CONFLICT);
    assert!(json(&short)["detail"].as_str().unwrap().contains("top up"));
    assert!(
        json(&send(&app, call("GET", "/v1/numbers", &all, None)).await)["data"]
            .as_array()
            .unwrap()
            .is_empty()
    );

    let partner_id = domain::testing::partner_id(&db, "acme").await;
    domain::billing::wallet::post(
        &*db,
        domain::billing::wallet::Posting {
            partner_id,
            kind: model::billing::LedgerKind::TopUp,
            amount_cents: 5_000,
            description: "test".into(),
            reference: None,
            overdraw: false,
        },
        now,
    )
    .await
    .unwrap();
    let bought = send(&app, call("POST", "/v1/numbers", &all, Some(&body))).await;
    assert_eq!(bought.status, StatusCode::CREATED, "{}", bought.body);
    let bought = json(&bought);
    assert_eq!(bought["numbers"].as_array().unwrap().len(), 3);
    assert_eq!(bought["numbers"][0]["status"], "PENDING");
    assert_eq!(bought["numbers"][0]["can_call_911"], false);

    // Two at a time with the cursor.
    let page1 = json(&send(&app, call("GET", "/v1/numbers?limit=2", &all, None)).await);
    assert_eq!(page1["data"].as_array().unwrap().len(), 2);
    let cursor = page1["next_cursor"].as_str().unwrap();
    let page2 = json(
        &send(
            &app,
            call(
                "GET",
                &format!("/v1/numbers?limit=2&cursor={cursor}"),
                &all,
                None,
            ),
        )
        .await,
    );
    assert_eq!(page2["data"].as_array().unwrap().len(), 1);
    assert!(page2["next_cursor"].is_null());

    // Assign, then CNAM and E911 by PATCH; a PO box is a field error.
    let id = bought["numbers"][0]["id"].as_str().unwrap();
    let assign = format!(r#"{{"tenant_id":"{}"}}"#, tenant.id);
    let assigned = send(
        &app,
        call(
            "POST",
            &format!("/v1/numbers/{id}/assign"),
            &all,
            Some(&assign),
        ),
    )
    .await;
    assert_eq!(assigned.status, StatusCode::OK, "{}", assigned.body);
    assert_eq!(json(&assigned)["tenant_id"], tenant.id.as_str());
    let po_box = r#"{"e911":{"street":"PO Box 9","city":"Denver","state":"CO","zip":"80202"}}"#;
    let refused = send(
        &app,
        call("PATCH", &format!("/v1/numbers/{id}"), &all, Some(po_box)),
    )
    .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(json(&refused)["errors"]["e911_street"].is_array());
    let patch = r#"{"cnam":"BLUEBIRD","e911":{"street":"1600 Glenarm Pl","city":"Denver","state":"CO","zip":"80202"}}"#;
    let patched = json(
        &send(
            &app,
            call("PATCH", &format!("/v1/numbers/{id}"), &all, Some(patch)),
        )
        .await,
    );
    assert_eq!(patched["cnam"], "BLUEBIRD");
    assert_eq!(patched["e911_status"], "PENDING");
    assert_eq!(patched["can_call_911"], false);
    let carrier = domain::numbers::carrier::EmbeddedCarrier::new();
    domain::numbers::jobs::run_due(&db, &carrier, "test", chrono::Utc::now())
        .await
        .unwrap();
    let registered = json(&send(&app, call("GET", &format!("/v1/numbers/{id}"), &all, None)).await);
    assert_eq!(registered["e911_status"], "REGISTERED");
    assert_eq!(registered["can_call_911"], true);

    // A key limited to Cedar: Bluebird's number is out of reach, an unassigned one can
    // be given to Cedar, and it cannot buy.
    let cedar_only = key(
        &db,
        &owner,
        &["numbers:write"],
        std::slice::from_ref(&other.id),
    )
    .await;
    assert_eq!(
        send(
            &app,
            call("GET", &format!("/v1/numbers/{id}"), &cedar_only, None)
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        send(&app, call("POST", "/v1/numbers", &cedar_only, Some(&body)))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let free = bought["numbers"][1]["id"].as_str().unwrap();
    let to_cedar = format!(r#"{{"tenant_id":"{}"}}"#, other.id);
    assert_eq!(
        send(
            &app,
            call(
                "POST",
                &format!("/v1/numbers/{free}/assign"),
                &cedar_only,
                Some(&to_cedar)
            )
        )
        .await
        .status,
        StatusCode::OK
    );
    let theirs = json(&send(&app, call("GET", "/v1/numbers", &cedar_only, None)).await);
    assert_eq!(theirs["data"].as_array().unwrap().len(), 1);

    // Release: the charge stops; a read-only scope cannot.
    let reader = key(&db, &owner, &["numbers:read"], &[]).await;
    assert_eq!(
        send(
            &app,
            call(
                "POST",
                &format!("/v1/numbers/{free}/release"),
                &reader,
                None
            )
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
    let released = json(
        &send(
            &app,
            call("POST", &format!("/v1/numbers/{free}/release"), &all, None),
        )
        .await,
    );
    assert_eq!(released["status"], "RELEASED");

    // Documented, every one.
    let spec = json(&support::get(&app, "/v1/openapi.json").await);
    for path in [
        "/v1/numbers/available",
        "/v1/numbers",
        "/v1/numbers/{id}",
        "/v1/numbers/{id}/assign",
        "/v1/numbers/{id}/release",
    ] {
        assert!(spec["paths"][path].is_object(), "{path}");
    }
}
