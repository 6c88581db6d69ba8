use chrono::{DateTime, Duration, TimeZone, Utc};
use model::{
    AppError,
    auth::Viewer,
    numbers::{
        E911Status, InventoryFilter, NumberStatus,
        ports::{DocKind, PortForm, PortRequest, PortStatus},
    },
};
use sea_orm::{EntityTrait, PaginatorTrait};

use super::{entity::request, *};
use crate::{
    numbers::carrier::{EmbeddedCarrier, Operation},
    testing,
};

const PDF: &[u8] = b"%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF";
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";

struct Setup {
    db: testing::TestDb,
    owner: Viewer,
    tenant: String,
    files: FileStore,
    secrets: SecretBox,
    carrier: EmbeddedCarrier,
}

impl Setup {
    fn desk(&self) -> Desk<'_> {
        Desk {
            files: &self.files,
            secrets: &self.secrets,
            mailing: MAILING,
        }
    }

    fn worker(&self) -> Worker<'_> {
        Worker {
            carrier: &self.carrier,
            secrets: &self.secrets,
            mailing: MAILING,
        }
    }

    async fn run(&self, instance: &str, now: DateTime<Utc>) -> jobs::Round {
        run_due(&self.db, &self.worker(), instance, now)
            .await
            .unwrap()
    }
}

const MAILING: Mailing<'static> = Mailing {
    platform_name: "Switchboard",
    base_url: "http://acme.localhost:3000",
};

fn monday() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 15, 0, 0).unwrap()
}

async fn setup() -> Setup {
    let db = testing::fresh_db().await;
    let (owner, _) = testing::partner_owner(&db, "acme").await;
    let tenant = crate::tenants::create(
        &db,
        Some(&owner),
        &testing::tenant_form("Bluebird", "bluebird"),
        monday(),
    )
    .await
    .unwrap();
    let root = std::env::temp_dir().join(format!("ports-{}", uuid::Uuid::now_v7()));
    Setup {
        db,
        owner,
        tenant: tenant.id,
        files: FileStore::new(root),
        secrets: SecretBox::new(&[9; 32]),
        carrier: EmbeddedCarrier::new(),
    }
}

fn form(tenant: &str, carrier: &str, desired: &str) -> PortForm {
    PortForm {
        numbers: "(303) 555-0142\n(720) 555-0199".into(),
        losing_carrier: carrier.into(),
        account_holder: "Bluebird Bakery LLC".into(),
        account_number: "8812-4410".into(),
        pin: String::new(),
        service_street: "1600 Glenarm Pl".into(),
        service_city: "Denver".into(),
        service_state: "CO".into(),
        service_zip: "80202".into(),
        tenant: tenant.into(),
        desired_date: desired.into(),
    }
}

impl Setup {
    /// Files `form` as the owner with both documents.
    async fn file(&self, form: &PortForm, now: DateTime<Utc>) -> Result<PortRequest, AppError> {
        create(
            &self.db,
            &self.desk(),
            Some(&self.owner),
            form,
            both_documents(),
            now,
        )
        .await
    }
}

fn both_documents() -> Vec<Upload> {
    vec![
        Upload {
            kind: DocKind::Loa,
            file_name: "signed-loa.pdf".into(),
            bytes: PDF.to_vec(),
        },
        Upload {
            kind: DocKind::Bill,
            file_name: "C:\\scans\\october-bill.png".into(),
            bytes: PNG.to_vec(),
        },
    ]
}

fn field(err: AppError, name: &str) -> String {
    match err {
        AppError::Validation { errors } => errors
            .first(name)
            .unwrap_or_else(|| panic!("no message for {name}: {errors:?}"))
            .to_owned(),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

async fn mails_to(db: &Db, to: &str) -> Vec<String> {
    crate::mail::recent(db, 100)
        .await
        .unwrap()
        .into_iter()
        .filter(|m| m.to_address == to)
        .map(|m| m.subject)
        .collect()
}

#[tokio::test]
async fn a_request_is_rejected_fixed_resubmitted_and_its_numbers_join_the_inventory() {
    let s = setup().await;
    let now = monday();
    let created = s
        .file(&form(&s.tenant, "AT&T", "2026-11-23"), now)
        .await
        .unwrap();
    assert_eq!(created.status, PortStatus::Pending);
    assert_eq!(created.documents.len(), 2);
    assert_eq!(created.documents[1].file_name, "october-bill.png");
    assert!(!created.has_pin);

    // Submitted, then refused: AT&T wants the account PIN.
    assert_eq!(s.run("a", now).await.done, 1);
    assert_eq!(
        get(&s.db, Some(&s.owner), &created.id)
            .await
            .unwrap()
            .status,
        PortStatus::Submitted
    );
    s.run("a", now).await;
    let rejected = get(&s.db, Some(&s.owner), &created.id).await.unwrap();
    assert_eq!(rejected.status, PortStatus::Rejected);
    assert!(rejected.reason.as_deref().unwrap().contains("PIN"));
    // Nothing else happens to a rejected request.
    assert_eq!(
        s.run("a", now + Duration::days(3)).await,
        jobs::Round::default()
    );

    // Fixed and resubmitted with the PIN (kept sealed) and a new LOA.
    let mut fixed = rejected.to_form();
    fixed.pin = "4821".into();
    let again = resubmit(
        &s.db,
        &s.desk(),
        Some(&s.owner),
        &created.id,
        &fixed,
        vec![Upload {
            kind: DocKind::Loa,
            file_name: "loa-v2.pdf".into(),
            bytes: PDF.to_vec(),
        }],
        now,
    )
    .await
    .unwrap();
    assert_eq!(again.status, PortStatus::Pending);
    assert_eq!(again.reason, None);
    assert!(again.has_pin);
    assert_eq!(again.documents[0].file_name, "loa-v2.pdf");
    let row = request::Entity::find().one(&*s.db).await.unwrap().unwrap();
    let sealed = row.pin_sealed.unwrap();
    assert!(!sealed.contains("4821"));
    assert_eq!(s.secrets.open(&sealed).unwrap(), b"4821");

    // Submitted → FOC today → completed on the next round.
    s.run("a", now).await;
    s.run("a", now).await;
    let foc = get(&s.db, Some(&s.owner), &created.id).await.unwrap();
    assert_eq!(foc.status, PortStatus::FocReceived);
    assert_eq!(foc.foc_date, Some(now.date_naive()));
    s.run("a", now).await;
    let done = get(&s.db, Some(&s.owner), &created.id).await.unwrap();
    assert_eq!(done.status, PortStatus::Completed);
    let trail: Vec<PortStatus> = done.history.iter().map(|e| e.status).collect();
    use PortStatus::*;
    assert_eq!(
        trail,
        [
            Pending,
            Submitted,
            Rejected,
            Pending,
            Submitted,
            FocReceived,
            Completed
        ]
    );
    assert_eq!(done.history[2].by, "Carrier");

    // In the inventory, active and assigned, the service address as E911 (registering).
    let numbers = crate::numbers::for_tenant(&s.db, Some(&s.owner), &s.tenant)
        .await
        .unwrap();
    assert_eq!(numbers.len(), 2);
    assert!(numbers.iter().all(|n| n.status == NumberStatus::Active
        && n.e911_status == E911Status::Pending
        && n.tenant.as_ref().is_some_and(|t| t.name == "Bluebird")));
    assert_eq!(
        numbers
            .iter()
            .find(|n| n.number.e164() == "+13035550142")
            .unwrap()
            .region,
        "CO"
    );
    let t = crate::tenants::get(&s.db, Some(&s.owner), &s.tenant)
        .await
        .unwrap();
    assert_eq!(t.numbers, 2);
    // The wallet paid the rest of November (8 of 30 days of $1.75, twice), once.
    s.run("a", now).await;
    let partner_id = testing::partner_id(&s.db, "acme").await;
    assert_eq!(
        crate::billing::wallet::balance(&*s.db, partner_id)
            .await
            .unwrap(),
        -2 * 47
    );

    // The owner got a mail for each of the 7 changes.
    let subjects = mails_to(&s.db, "owner@acme.test").await;
    assert_eq!(
        subjects
            .iter()
            .filter(|m| m.contains("port of (303) 555-0142 and 1 more"))
            .count(),
        7
    );
    assert!(subjects.iter().any(|m| m.ends_with("is rejected")));
    std::fs::remove_dir_all(s.files.root()).ok();
}

#[tokio::test]
async fn a_later_foc_date_waits_for_its_day() {
    let s = setup().await;
    let now = monday();
    let created = s
        .file(&form(&s.tenant, "Mountain Telecom", "2026-12-07"), now)
        .await
        .unwrap();
    s.run("a", now).await;
    s.run("a", now).await;
    let foc = get(&s.db, Some(&s.owner), &created.id).await.unwrap();
    assert_eq!(foc.status, PortStatus::FocReceived);
    assert_eq!(foc.foc_date.unwrap().to_string(), "2026-12-07");
    // Days pass: nothing is due before the date.
    assert_eq!(s.run("a", now + Duration::days(13)).await.done, 0);
    let on_the_day = Utc.with_ymd_and_hms(2026, 12, 7, 0, 5, 0).unwrap();
    // The carrier is down on the day: retried, not lost.
    s.carrier
        .fail_next(Operation::Port, 1, "LNP gateway timeout");
    assert_eq!(s.run("a", on_the_day).await.failed, 1);
    assert_eq!(
        get(&s.db, Some(&s.owner), &created.id)
            .await
            .unwrap()
            .status,
        PortStatus::FocReceived
    );
    s.run("a", on_the_day + Duration::minutes(2)).await;
    assert_eq!(
        get(&s.db, Some(&s.owner), &created.id)
            .await
            .unwrap()
            .status,
        PortStatus::Completed
    );
}

#[tokio::test]
async fn bad_input_is_refused_by_field_and_writes_nothing() {
    let s = setup().await;
    let now = monday();
    let mut bad = form(&s.tenant, "Lumen", "2026-11-23");
    bad.service_street = "PO Box 12".into();
    let err = s.file(&bad, now).await.unwrap_err();
    assert!(field(err, "service_street").contains("PO box"));

    let good = form(&s.tenant, "Lumen", "2026-11-23");
    let err = create(&s.db, &s.desk(), Some(&s.owner), &good, Vec::new(), now)
        .await
        .unwrap_err();
    assert!(field(err.clone(), "loa").contains("letter of authorization"));
    assert!(field(err, "bill").contains("bill"));

    let renamed = vec![
        Upload {
            kind: DocKind::Loa,
            file_name: "loa.pdf".into(),
            bytes: b"MZ\x90\0 not a pdf".to_vec(),
        },
        both_documents().remove(1),
    ];
    let err = create(&s.db, &s.desk(), Some(&s.owner), &good, renamed, now)
        .await
        .unwrap_err();
    assert!(field(err, "loa").contains("does not match"));

    assert_eq!(request::Entity::find().count(&*s.db).await.unwrap(), 0);
    assert!(!s.files.root_has_files().await);
}

#[tokio::test]
async fn numbers_in_service_or_already_moving_cannot_be_ported() {
    let s = setup().await;
    let now = monday();
    s.file(&form(&s.tenant, "Lumen", "2026-11-30"), now)
        .await
        .unwrap();
    // Another partner tries to move one of the same numbers: refused without saying whose.
    let (other, _) = testing::partner_owner(&s.db, "rival").await;
    let theirs = crate::tenants::create(
        &s.db,
        Some(&other),
        &testing::tenant_form("Gull", "gull"),
        now,
    )
    .await
    .unwrap();
    let mut same = form(&theirs.id, "Lumen", "2026-11-30");
    same.numbers = "720-555-0199".into();
    let err = create(&s.db, &s.desk(), Some(&other), &same, both_documents(), now)
        .await
        .unwrap_err();
    assert_eq!(
        field(err, "numbers"),
        "(720) 555-0199 is already in an open port request."
    );
    // A tenant of another partner is not a choice.
    let err = create(
        &s.db,
        &s.desk(),
        Some(&other),
        &form(&s.tenant, "Lumen", "2026-11-30"),
        both_documents(),
        now,
    )
    .await
    .unwrap_err();
    assert!(field(err, "tenant").contains("your customers"));
}

#[tokio::test]
async fn partners_see_only_their_own_requests_and_users_only_read() {
    let s = setup().await;
    let now = monday();
    let created = s
        .file(&form(&s.tenant, "Lumen", "2026-11-30"), now)
        .await
        .unwrap();
    let (other, _) = testing::partner_owner(&s.db, "rival").await;
    assert!(list(&s.db, Some(&other), "").await.unwrap().is_empty());
    assert!(matches!(
        get(&s.db, Some(&other), &created.id).await,
        Err(AppError::NotFound { .. })
    ));
    assert!(matches!(
        document(&s.db, &s.files, Some(&other), &created.id, "loa").await,
        Err(AppError::NotFound { .. })
    ));
    assert!(matches!(
        cancel(&s.db, &MAILING, Some(&other), &created.id, now).await,
        Err(AppError::NotFound { .. })
    ));

    let (kind, name, bytes) = document(&s.db, &s.files, Some(&s.owner), &created.id, "loa")
        .await
        .unwrap();
    assert_eq!(
        (kind.as_str(), name.as_str(), bytes.as_slice()),
        ("application/pdf", "signed-loa.pdf", PDF)
    );

    let reader = testing::partner_user(&s.db, &s.owner, "reader@acme.test").await;
    assert_eq!(list(&s.db, Some(&reader), "open").await.unwrap().len(), 1);
    assert!(matches!(
        cancel(&s.db, &MAILING, Some(&reader), &created.id, now).await,
        Err(AppError::Forbidden { .. })
    ));
    let err = create(
        &s.db,
        &s.desk(),
        Some(&reader),
        &form(&s.tenant, "Lumen", "2026-11-30"),
        both_documents(),
        now,
    )
    .await
    .unwrap_err();
    assert!(matches!(err, AppError::Forbidden { .. }));
}

#[tokio::test]
async fn a_cancelled_order_is_withdrawn_at_the_carrier_and_two_instances_submit_once() {
    let s = setup().await;
    let now = monday();
    let created = s
        .file(&form(&s.tenant, "Lumen", "2026-12-07"), now)
        .await
        .unwrap();
    let (a, b) = tokio::join!(s.run("a", now), s.run("b", now));
    // One submits. The other may also run the review that submission queued for now, if
    // it looks after the submission committed; it never submits a second time.
    assert!((1..=2).contains(&(a.done + b.done)), "one instance submits");
    let submitted = get(&s.db, Some(&s.owner), &created.id).await.unwrap();
    assert_eq!(
        submitted
            .history
            .iter()
            .filter(|e| e.status == PortStatus::Submitted)
            .count(),
        1
    );

    let cancelled = cancel(&s.db, &MAILING, Some(&s.owner), &created.id, now)
        .await
        .unwrap();
    assert_eq!(cancelled.status, PortStatus::Cancelled);
    // The queued review is replaced by the withdrawal; the carrier forgets the order.
    s.run("a", now).await;
    let row = request::Entity::find().one(&*s.db).await.unwrap().unwrap();
    assert_eq!(row.carrier_ref, None);
    assert_eq!(
        get(&s.db, Some(&s.owner), &created.id)
            .await
            .unwrap()
            .status,
        PortStatus::Cancelled
    );
    assert!(
        cancel(&s.db, &MAILING, Some(&s.owner), &created.id, now)
            .await
            .is_err()
    );
    // Its numbers are free to be requested again.
    assert!(
        s.file(&form(&s.tenant, "Lumen", "2026-12-07"), now)
            .await
            .is_ok()
    );
    let inventory = crate::numbers::list(&s.db, Some(&s.owner), &InventoryFilter::default())
        .await
        .unwrap();
    assert!(inventory.is_empty());
}

/// Whether any upload was written (for "nothing changed").
impl FileStore {
    async fn root_has_files(&self) -> bool {
        std::fs::read_dir(self.root().join("ports")).is_ok_and(|mut d| d.next().is_some())
    }
}
