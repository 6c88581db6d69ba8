//! A fresh, migrated database per test: a temporary SQLite file by default, or a new
//! PostgreSQL database when `SWITCHBOARD_TEST_POSTGRES_URL` names a server (CI sets it
//! to a throw-away cluster, so the same tests run on both backends).

use std::ops::Deref;

pub mod receiver;
pub mod smtp;
pub mod stripe;

use crate::{Backend, Db, db, migration};

pub const POSTGRES_ENV: &str = "SWITCHBOARD_TEST_POSTGRES_URL";

/// A test database; the SQLite file lives as long as this value.
pub struct TestDb {
    db: Db,
    pub url: String,
    _dir: Option<tempfile::TempDir>,
}

impl Deref for TestDb {
    type Target = Db;
    fn deref(&self) -> &Db {
        &self.db
    }
}

impl TestDb {
    pub fn connection(&self) -> Db {
        self.db.clone()
    }
}

pub fn backend_under_test() -> Backend {
    if std::env::var(POSTGRES_ENV).is_ok_and(|v| !v.is_empty()) {
        Backend::Postgres
    } else {
        Backend::Sqlite
    }
}

pub async fn fresh_db() -> TestDb {
    let (url, dir) = match std::env::var(POSTGRES_ENV) {
        Ok(admin) if !admin.is_empty() => (create_postgres_database(&admin).await, None),
        _ => {
            let dir = tempfile::tempdir().expect("temporary directory");
            (
                format!("sqlite://{}?mode=rwc", dir.path().join("test.db").display()),
                Some(dir),
            )
        }
    };
    let db = db::connect(&url)
        .await
        .expect("connect to the test database");
    migration::run(&db).await.expect("migrations apply");
    TestDb { db, url, _dir: dir }
}

/// Creates an empty database named after a fresh UUID on the server at `admin_url` and
/// returns its URL. The cluster is thrown away after the run, so nothing is dropped.
async fn create_postgres_database(admin_url: &str) -> String {
    use sea_orm::ConnectionTrait;
    let name = format!("sb_test_{}", uuid::Uuid::now_v7().simple());
    let admin = db::connect(admin_url)
        .await
        .expect("connect to the PostgreSQL test server");
    admin
        .execute_unprepared(&format!("CREATE DATABASE {name}"))
        .await
        .expect("create test database");
    admin.close().await.ok();
    let (base, query) = admin_url
        .split_once('?')
        .map_or((admin_url, None), |(b, q)| (b, Some(q)));
    let server = base.rsplit_once('/').map_or(base, |(server, _)| server);
    match query {
        Some(q) => format!("{server}/{name}?{q}"),
        None => format!("{server}/{name}"),
    }
}

/// The password of every owner [`partner`] creates.
pub const PASSWORD: &str = "Correct-horse1";

/// An ACTIVE partner `slug` (named "Acme" for "acme") owned by `owner@{slug}.test`, a
/// verified Partner Admin with [`PASSWORD`].
pub async fn partner(db: &Db, slug: &str) -> crate::partners::Created {
    let name: String = slug
        .chars()
        .take(1)
        .flat_map(char::to_uppercase)
        .chain(slug.chars().skip(1))
        .collect();
    let email = format!("owner@{slug}.test");
    let input = crate::partners::NewPartner {
        name: &name,
        slug,
        owner_email: &email,
        owner_password: PASSWORD,
    };
    crate::partners::create_by_operator(db, input, chrono::Utc::now())
        .await
        .expect("test partner")
}

/// A password sign-in (no second factor): the viewer and the session id.
pub async fn sign_in(db: &Db, email: &str, password: &str) -> (model::auth::Viewer, String) {
    use crate::auth::{login, viewer};
    let creds = login::Credentials {
        email,
        password,
        ip: "10.0.0.1",
        user_agent: None,
    };
    let session = login::sign_in(db, creds, chrono::Utc::now())
        .await
        .and_then(login::Outcome::into_signed_in)
        .expect("test sign-in")
        .session;
    let viewer = viewer::resolve(db, &session, chrono::Utc::now())
        .await
        .expect("resolve")
        .expect("live session")
        .viewer;
    (viewer, session)
}

/// [`partner`] with its owner signed in.
pub async fn partner_owner(db: &Db, slug: &str) -> (model::auth::Viewer, String) {
    let created = partner(db, slug).await;
    sign_in(db, &created.owner.email, PASSWORD).await
}

/// A Partner User of `owner`'s partner, invited, joined and signed in.
pub async fn partner_user(
    db: &Db,
    owner: &model::auth::Viewer,
    email: &str,
) -> model::auth::Viewer {
    let now = chrono::Utc::now();
    crate::team::invite(
        db,
        Some(owner),
        email,
        "partner_user",
        "https://p.test",
        now,
    )
    .await
    .expect("invite");
    let mail = crate::mail::latest_to(db, email)
        .await
        .expect("outbox")
        .expect("invite mail");
    let token = mail
        .text_body
        .split("token=")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .expect("invite link");
    crate::team::accept(db, token, "Reader", PASSWORD, PASSWORD, now)
        .await
        .expect("accept");
    sign_in(db, email, PASSWORD).await.0
}

/// `n` tenants for `partner_id` named "Customer 00001"…, in a few big inserts (benchmarks
/// and scale tests; product code creates tenants one at a time through the service).
/// Counts vary so that sorting by them means something.
pub async fn bulk_tenants(db: &Db, partner_id: i32, prefix: &str, n: usize) {
    use sea_orm::{EntityTrait, Set};

    use crate::tenants::entity::tenant;
    let now = chrono::Utc::now();
    let rows: Vec<tenant::ActiveModel> = (0..n)
        .map(|i| {
            let name = format!("Customer {i:05}");
            tenant::ActiveModel {
                public_id: Set(uuid::Uuid::now_v7()),
                partner_id: Set(partner_id),
                name_lower: Set(name.to_lowercase()),
                name: Set(name),
                sip_prefix: Set(format!("{prefix}{i:05}")),
                billing_email: Set(format!("billing{i}@customer.test")),
                default_cnam: Set(None),
                timezone: Set("America/New_York".into()),
                status: Set(["TRIAL", "ACTIVE", "SUSPENDED"][i % 3].into()),
                e911_address: Set(None),
                max_extensions: Set(None),
                max_numbers: Set(None),
                user_count: Set((i % 7) as i32),
                number_count: Set((i % 11) as i32),
                extension_count: Set((i % 13) as i32),
                cancelled_at: Set(None),
                purge_after: Set(None),
                created_at: Set(now - chrono::Duration::seconds(i as i64)),
                updated_at: Set(now),
                ..Default::default()
            }
        })
        .collect();
    for chunk in rows.chunks(500) {
        tenant::Entity::insert_many(chunk.to_vec())
            .exec(db)
            .await
            .expect("bulk tenants");
    }
}

/// Every tenant of `partner_id` on its Flat Rate starter profile, billed by calendar
/// month from January 2027, with invoices left as drafts (scale tests and benchmarks of
/// making invoices; mailing them is measured on its own).
pub async fn bill_all_monthly_as_drafts(db: &Db, partner_id: i32) {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};

    use crate::{partners::partner, tenants::entity::tenant};
    let flat = crate::invoicing::profiles::list_for(db, partner_id)
        .await
        .expect("profiles")
        .into_iter()
        .find(|p| p.name == "Flat Rate")
        .expect("starter profile");
    tenant::Entity::update_many()
        .col_expr(
            tenant::Column::BillingProfileId,
            Expr::value(uuid::Uuid::parse_str(&flat.id).expect("profile id")),
        )
        .col_expr(tenant::Column::BillingPeriod, Expr::value("monthly"))
        .col_expr(tenant::Column::BillingAnchor, Expr::value("2027-01-01"))
        .col_expr(tenant::Column::BillingNextStart, Expr::value("2027-01-01"))
        .filter(tenant::Column::PartnerId.eq(partner_id))
        .exec(db)
        .await
        .expect("tenants on the flat rate");
    partner::Entity::update_many()
        .col_expr(partner::Column::AutoSendInvoices, Expr::value(false))
        .filter(partner::Column::Id.eq(partner_id))
        .exec(db)
        .await
        .expect("drafts");
}

/// The text a PDF reader shows of `pdf` (Debian `poppler-utils`' `pdftotext`).
pub fn pdf_text(pdf: &[u8]) -> String {
    let path = std::env::temp_dir().join(format!("switchboard-{}.pdf", uuid::Uuid::now_v7()));
    std::fs::write(&path, pdf).expect("write the PDF");
    let out = std::process::Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (Debian poppler-utils) must be installed");
    std::fs::remove_file(&path).ok();
    String::from_utf8(out.stdout).expect("UTF-8 text")
}

/// A valid tenant form: `name`, SIP prefix `prefix`, billing `ap@{prefix}.test`, UTC.
pub fn tenant_form(name: &str, prefix: &str) -> model::tenants::TenantForm {
    model::tenants::TenantForm {
        name: name.into(),
        sip_prefix: prefix.into(),
        billing_email: format!("ap@{prefix}.test"),
        timezone: "UTC".into(),
        ..Default::default()
    }
}

/// Invites `email` into `tenant` as `role` (`tenant_admin`/`tenant_user`) on behalf of
/// `by`, accepts the emailed link and signs in.
pub async fn tenant_member(
    db: &Db,
    by: &model::auth::Viewer,
    tenant: &str,
    email: &str,
    role: &str,
) -> model::auth::Viewer {
    let now = chrono::Utc::now();
    crate::tenants::users::invite(db, Some(by), tenant, email, role, "https://p.test", now)
        .await
        .expect("invite");
    let mail = crate::mail::latest_to(db, email)
        .await
        .expect("read mail")
        .expect("invitation sent");
    let token = mail
        .text_body
        .split("token=")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .expect("link in the invitation")
        .to_owned();
    crate::team::accept(db, &token, "Tess Tenant", PASSWORD, PASSWORD, now)
        .await
        .expect("accept");
    sign_in(db, email, PASSWORD).await.0
}

/// The row id of the partner with `slug`.
pub async fn partner_id(db: &Db, slug: &str) -> i32 {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    crate::partners::partner::Entity::find()
        .filter(crate::partners::partner::Column::Slug.eq(slug))
        .one(db)
        .await
        .expect("read partner")
        .expect("partner exists")
        .id
}

/// A signed-in platform admin (`ops@platform.test`).
pub async fn operator(db: &Db) -> model::auth::Viewer {
    crate::auth::platform_admin::create(db, "ops@platform.test", PASSWORD)
        .await
        .expect("platform admin");
    sign_in(db, "ops@platform.test", PASSWORD).await.0
}

/// Sets a partner's brand name and colour directly (the settings page comes later).
pub async fn set_brand(db: &Db, slug: &str, name: &str, color: &str) {
    use crate::partners::partner;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};
    partner::Entity::update_many()
        .col_expr(partner::Column::BrandName, Expr::value(name))
        .col_expr(partner::Column::PrimaryColor, Expr::value(color))
        .filter(partner::Column::Slug.eq(slug))
        .exec(db)
        .await
        .expect("set brand");
}

/// A card form for `number` with a far expiry (the processors' test cards behave as
/// documented).
pub fn card_form(number: &str) -> model::billing::payments::CardForm {
    model::billing::payments::CardForm {
        name: "Pat Partner".into(),
        number: number.into(),
        expiry: "12/39".into(),
        cvc: "123".into(),
        payment_method: String::new(),
    }
}

/// The built-in test processor as every partner's gateway (Platform mode).
pub fn gateway() -> crate::billing::gateway::Gateway {
    crate::billing::gateway::Gateway::builtin(crate::crypto::SecretBox::new(&[7; 32]))
}
