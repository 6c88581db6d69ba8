//! The smaller `/v1` resources over the real router: a tenant's extensions (create with
//! the SIP password shown once, read, change, delete, refusals by field and scope), its
//! usage this cycle after the call engine reported calls, and the rated call records in
//! cursor pages, limited to a key's tenants.

mod support;

use axum::http::StatusCode;
use model::usage::{CdrBatch, CdrInput, Direction};
use support::{api_key, app, call, json, send};

fn cdr(
    id: &str,
    tenant: &str,
    to: &str,
    answered: Option<String>,
    started: &str,
    ended: &str,
) -> CdrInput {
    CdrInput {
        id: id.into(),
        tenant_id: tenant.into(),
        direction: Direction::Outbound,
        from: "+15125550100".into(),
        to: to.into(),
        started_at: started.into(),
        answered_at: answered,
        ended_at: ended.into(),
        hangup_cause: "normal_clearing".into(),
    }
}

#[tokio::test]
async fn extensions_usage_and_calls_through_the_api() {
    let (app, db) = app().await;
    let (owner, _) = domain::testing::partner_owner(&db, "acme").await;
    let now = chrono::Utc::now();
    let tenant = |name: &'static str, prefix: &'static str| {
        let (db, owner) = (&db, &owner);
        async move {
            domain::tenants::create(
                db,
                Some(owner),
                &domain::testing::tenant_form(name, prefix),
                now,
            )
            .await
            .unwrap()
            .id
        }
    };
    let (alpha, beta) = (tenant("Alpha", "alpha").await, tenant("Beta", "beta").await);
    let all = api_key(&db, &owner, &["all"], &[]).await;
    let numbers_only = api_key(&db, &owner, &["numbers:read"], &[]).await;
    let alpha_calls = api_key(
        &db,
        &owner,
        &["calls:read", "usage:read"],
        std::slice::from_ref(&alpha),
    )
    .await;

    // Extensions.
    let base = format!("/v1/tenants/{alpha}/extensions");
    let bad = send(
        &app,
        call(
            "POST",
            &base,
            &all,
            Some(r#"{"number":"1","display_name":""}"#),
        ),
    )
    .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(json(&bad)["errors"]["number"].is_array(), "{}", bad.body);
    let made = send(
        &app,
        call(
            "POST",
            &base,
            &all,
            Some(r#"{"number":"101","display_name":"Front desk","voicemail":true}"#),
        ),
    )
    .await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
    let made = json(&made);
    assert!(made["sip_password"].as_str().is_some_and(|p| p.len() >= 12));
    let ext = made["id"].as_str().unwrap().to_owned();
    assert_eq!(made["voicemail"], true);
    let listed = json(&send(&app, call("GET", &base, &all, None)).await);
    assert_eq!(listed["data"].as_array().unwrap().len(), 1);
    assert!(
        !listed
            .to_string()
            .contains(made["sip_password"].as_str().unwrap())
    );
    let path = format!("{base}/{ext}");
    let changed = json(
        &send(
            &app,
            call(
                "PATCH",
                &path,
                &all,
                Some(r#"{"display_name":"Reception"}"#),
            ),
        )
        .await,
    );
    assert_eq!(
        (
            changed["display_name"].as_str(),
            changed["number"].as_str(),
            changed["voicemail"].as_bool()
        ),
        (Some("Reception"), Some("101"), Some(true))
    );
    assert_eq!(
        send(&app, call("GET", &base, &numbers_only, None))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        send(
            &app,
            call(
                "GET",
                &format!("/v1/tenants/{beta}/extensions"),
                &alpha_calls,
                None
            )
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        send(&app, call("DELETE", &path, &all, None)).await.status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        send(&app, call("GET", &path, &all, None)).await.status,
        StatusCode::NOT_FOUND
    );

    // Usage this cycle, after the call engine reports three calls (one to Beta).
    let start = now.format("%Y-%m-%dT%H:00:00Z").to_string();
    let (answer, end) = (
        (now.format("%Y-%m-%dT%H:00:05Z")).to_string(),
        (now.format("%Y-%m-%dT%H:01:06Z")).to_string(),
    );
    let batch = CdrBatch {
        records: vec![
            cdr(
                "c1",
                &alpha,
                "+15125550111",
                Some(answer.clone()),
                &start,
                &end,
            ),
            cdr(
                "c2",
                &alpha,
                "+18005550199",
                Some(answer.clone()),
                &start,
                &end,
            ),
            cdr("c3", &beta, "+15125550112", Some(answer), &start, &end),
        ],
    };
    domain::usage::ingest::ingest(&db, &batch, now)
        .await
        .unwrap();
    let usage = json(
        &send(
            &app,
            call(
                "GET",
                &format!("/v1/tenants/{alpha}/usage"),
                &alpha_calls,
                None,
            ),
        )
        .await,
    );
    assert_eq!(usage["minutes"]["local"], 2);
    assert_eq!(usage["minutes"]["toll_free"], 2);
    assert_eq!(
        (usage["extensions"].as_u64(), usage["numbers"].as_u64()),
        (Some(0), Some(0))
    );
    assert_eq!(usage["currency"], "USD");
    assert!(usage["cycle_start"].as_str().unwrap().ends_with("-01"));
    assert!(
        usage["wholesale_cost"]
            .as_str()
            .unwrap()
            .parse::<f64>()
            .unwrap()
            > 0.0
    );
    assert_eq!(
        send(
            &app,
            call(
                "GET",
                &format!("/v1/tenants/{beta}/usage"),
                &alpha_calls,
                None
            )
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );

    // Calls: newest first in cursor pages; a key limited to Alpha sees only Alpha's.
    let page = json(&send(&app, call("GET", "/v1/calls?limit=2", &all, None)).await);
    let ids: Vec<&str> = page["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["cdr_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["c3", "c2"]);
    assert!(uuid::Uuid::parse_str(page["data"][0]["id"].as_str().unwrap()).is_ok());
    let next = page["next_cursor"].as_str().unwrap();
    let rest = json(
        &send(
            &app,
            call(
                "GET",
                &format!("/v1/calls?limit=2&cursor={next}"),
                &all,
                None,
            ),
        )
        .await,
    );
    assert_eq!(rest["data"][0]["cdr_id"], "c1");
    let c1 = rest["data"][0]["id"].as_str().unwrap().to_owned();
    assert!(rest["next_cursor"].is_null());
    assert_eq!(rest["data"][0]["minutes"], 2);
    assert_eq!(rest["data"][0]["tenant_id"], alpha.as_str());
    let limited = json(&send(&app, call("GET", "/v1/calls", &alpha_calls, None)).await);
    assert_eq!(limited["data"].as_array().unwrap().len(), 2);
    assert_eq!(
        send(&app, call("GET", "/v1/calls/c3", &alpha_calls, None))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        json(
            &send(
                &app,
                call("GET", &format!("/v1/calls/{c1}"), &alpha_calls, None)
            )
            .await
        )["to"],
        "+15125550111"
    );
    // The call engine's id still finds it.
    assert_eq!(
        json(&send(&app, call("GET", "/v1/calls/c1", &alpha_calls, None)).await)["id"],
        c1.as_str()
    );
    assert_eq!(
        send(&app, call("GET", "/v1/calls/nope", &all, None))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        send(&app, call("GET", "/v1/calls", &numbers_only, None))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn a_port_request_is_filed_read_and_cancelled_through_the_api() {
    let (app, db) = app().await;
    let (owner, _) = domain::testing::partner_owner(&db, "acme").await;
    let now = chrono::Utc::now();
    let make = |name: &'static str, prefix: &'static str| {
        let (db, owner) = (&db, &owner);
        async move {
            domain::tenants::create(
                db,
                Some(owner),
                &domain::testing::tenant_form(name, prefix),
                now,
            )
            .await
            .unwrap()
            .id
        }
    };
    let (alpha, beta) = (make("Alpha", "alpha").await, make("Beta", "beta").await);
    let all = api_key(&db, &owner, &["ports:write"], &[]).await;
    let beta_only = api_key(&db, &owner, &["ports:write"], std::slice::from_ref(&beta)).await;
    let pdf = "JVBERi0xLjQKJcTl8uXrCg=="; // "%PDF-1.4\n%…\n"
    let desired = (now + chrono::Duration::days(10)).format("%Y-%m-%d");
    let body = |loa: &str, bill: Option<&str>| {
        let bill = bill.map_or_else(String::new, |b| {
            format!(r#","bill":{{"file_name":"bill.pdf","content_base64":"{b}"}}"#)
        });
        format!(
            r#"{{"numbers":["(303) 555-0142","720-555-0199"],"losing_carrier":"Lumen","account_holder":"Alpha LLC","account_number":"8812-4410","pin":"4321","service_address":{{"street":"1600 Glenarm Pl","city":"Denver","state":"CO","zip":"80202"}},"tenant_id":"{alpha}","desired_date":"{desired}","loa":{{"file_name":"loa.pdf","content_base64":"{loa}"}}{bill}}}"#
        )
    };
    let bad = send(
        &app,
        call(
            "POST",
            "/v1/ports",
            &all,
            Some(&body("not base64!", Some(pdf))),
        ),
    )
    .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(json(&bad)["errors"]["loa"].is_array(), "{}", bad.body);
    let no_bill = send(
        &app,
        call("POST", "/v1/ports", &all, Some(&body(pdf, None))),
    )
    .await;
    assert_eq!(no_bill.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        json(&no_bill)["errors"]["bill"].is_array(),
        "{}",
        no_bill.body
    );
    assert_eq!(
        send(
            &app,
            call("POST", "/v1/ports", &beta_only, Some(&body(pdf, Some(pdf))))
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );

    let filed = send(
        &app,
        call("POST", "/v1/ports", &all, Some(&body(pdf, Some(pdf)))),
    )
    .await;
    assert_eq!(filed.status, StatusCode::CREATED, "{}", filed.body);
    let filed = json(&filed);
    assert_eq!(
        (filed["status"].as_str(), filed["has_pin"].as_bool()),
        (Some("PENDING"), Some(true))
    );
    assert!(
        !filed.to_string().contains("4321"),
        "the PIN never comes back"
    );
    assert_eq!(filed["documents"].as_array().unwrap().len(), 2);
    let id = filed["id"].as_str().unwrap();
    let listed = json(&send(&app, call("GET", "/v1/ports?status=open", &all, None)).await);
    assert_eq!(listed["data"][0]["id"], id);
    assert!(
        json(&send(&app, call("GET", "/v1/ports", &beta_only, None)).await)["data"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    let path = format!("/v1/ports/{id}");
    assert_eq!(
        send(&app, call("GET", &path, &beta_only, None))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        json(&send(&app, call("GET", &path, &all, None)).await)["tenant"]["id"],
        alpha.as_str()
    );
    let odd = send(
        &app,
        call("PATCH", &path, &all, Some(r#"{"status":"DONE"}"#)),
    )
    .await;
    assert_eq!(odd.status, StatusCode::UNPROCESSABLE_ENTITY);
    let cancelled = send(
        &app,
        call("PATCH", &path, &all, Some(r#"{"status":"CANCELLED"}"#)),
    )
    .await;
    assert_eq!(
        json(&cancelled)["status"],
        "CANCELLED",
        "{}",
        cancelled.body
    );
}
