//! Invoices over HTTP: the PDF from `/v1` and from the signed-in pages' route (the
//! partner's team and the tenant's own users, nobody else), and sending through `/v1`.

mod support;

use axum::{
    body::Body,
    http::{Request, header},
};
use domain::invoicing::entity::invoice;
use sea_orm::EntityTrait;
use support::{api_key, app, call, json, send, send_bytes};

fn with_session(path: &str, session: Option<&str>) -> Request<Body> {
    let mut builder = Request::get(path);
    if let Some(s) = session {
        builder = builder.header(
            header::COOKIE,
            format!("{}={s}", domain::auth::session::COOKIE),
        );
    }
    builder.body(Body::empty()).unwrap()
}

#[tokio::test]
async fn the_pdf_and_sending_work_through_the_api_and_the_pdf_opens_only_for_who_may_see_it() {
    let (app, db) = app().await;
    let (owner, owner_session) = domain::testing::partner_owner(&db, "acme").await;
    domain::testing::set_brand(&db, "acme", "Acme Voice", "#0e7490").await;
    let now = chrono::Utc::now();
    let tenant = domain::tenants::create(
        &db,
        Some(&owner),
        &domain::testing::tenant_form("Bluebird Bakery", "bluebird"),
        now,
    )
    .await
    .unwrap()
    .id;
    let all = api_key(&db, &owner, &["all"], &[]).await;
    let profiles = json(&send(&app, call("GET", "/v1/billing-profiles", &all, None)).await);
    let profile = profiles["data"][0]["id"].as_str().unwrap().to_owned();
    let billing = format!(r#"{{"billing":{{"profile_id":"{profile}","period":"daily"}}}}"#);
    let patched = send(
        &app,
        call(
            "PATCH",
            &format!("/v1/tenants/{tenant}"),
            &all,
            Some(&billing),
        ),
    )
    .await;
    assert_eq!(patched.status, 200, "{}", patched.body);
    // Drafts only: the partner sends them itself here.
    domain::partners::partner::Entity::update_many()
        .col_expr(
            domain::partners::partner::Column::AutoSendInvoices,
            sea_orm::sea_query::Expr::value(false),
        )
        .exec(&*db)
        .await
        .unwrap();
    let portal = domain::invoicing::document::Portal {
        base_url: "http://localhost:3000",
        platform_domain: "localhost",
    };
    let gateway = domain::testing::gateway();
    domain::invoicing::cycle::run(&db, portal, &gateway, now + chrono::Duration::days(2))
        .await
        .unwrap();
    let row = invoice::Entity::find().one(&*db).await.unwrap().unwrap();
    let id = row.public_id.to_string();

    let (status, headers, bytes) = send_bytes(
        &app,
        call("GET", &format!("/v1/invoices/{id}/pdf"), &all, None),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(headers[header::CONTENT_TYPE], "application/pdf");
    assert_eq!(
        headers[header::CONTENT_DISPOSITION],
        format!("attachment; filename=\"{}.pdf\"", row.number)
    );
    let text = domain::testing::pdf_text(&bytes);
    assert!(
        text.contains("Acme Voice") && text.contains(&row.number),
        "{text}"
    );
    assert!(text.contains("Bluebird Bakery"), "{text}");

    let sent = send(
        &app,
        call("POST", &format!("/v1/invoices/{id}/send"), &all, None),
    )
    .await;
    assert_eq!(sent.status, 200, "{}", sent.body);
    assert_eq!(json(&sent)["status"], "sent");
    let mail = domain::mail::latest_to(&*db, "ap@bluebird.test")
        .await
        .unwrap()
        .unwrap();
    assert!(mail.attachment.is_some());

    // The pages' route: the partner's team, the tenant's own admin; not a stranger.
    let page = format!("/invoices/{id}/pdf");
    let (status, headers, _) = send_bytes(&app, with_session(&page, Some(&owner_session))).await;
    assert_eq!(status, 200);
    assert!(
        headers[header::CONTENT_DISPOSITION]
            .to_str()
            .unwrap()
            .starts_with("inline")
    );
    domain::testing::tenant_member(&db, &owner, &tenant, "ann@bluebird.test", "tenant_admin").await;
    let (_, ann) =
        domain::testing::sign_in(&db, "ann@bluebird.test", domain::testing::PASSWORD).await;
    let (status, _, _) = send_bytes(&app, with_session(&page, Some(&ann))).await;
    assert_eq!(status, 200);
    let (_, stranger) = domain::testing::partner_owner(&db, "other").await;
    let (status, _, _) = send_bytes(&app, with_session(&page, Some(&stranger))).await;
    assert_eq!(status, 404);
    let (status, _, _) = send_bytes(&app, with_session(&page, None)).await;
    assert_eq!(status, 401);
}
