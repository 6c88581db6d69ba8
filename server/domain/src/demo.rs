//! `server seed-demo`: a demo partner with a few dozen tenants in different states and
//! phone numbers bought from the carrier for some of them, to look around a fresh
//! install. Everything goes through the ordinary services (so the
//! audit log and events look real). Never run implicitly; running it twice changes
//! nothing the second time.

use chrono::{DateTime, Utc};
use model::{
    AppError,
    auth::Viewer,
    billing::LedgerKind,
    numbers::{E911Form, SearchForm},
    tenants::TenantForm,
};

use crate::{
    Db,
    auth::{session, token, viewer},
    numbers::{self, carrier::Carrier},
    partners, tenants,
};

pub const SLUG: &str = "demo";
pub const OWNER: &str = "owner@demo.example";

/// What the seeder did; `password` is `None` when the demo partner already existed.
#[derive(Debug, Clone)]
pub struct Seeded {
    pub owner_email: String,
    pub password: Option<String>,
    pub tenants: usize,
    pub numbers: usize,
}

const CUSTOMERS: &[(&str, &str)] = &[
    ("Alder Street Dental", "America/New_York"),
    ("Bluebird Bakery", "America/Chicago"),
    ("Cedar Ridge Realty", "America/Denver"),
    ("Dockside Logistics", "America/Los_Angeles"),
    ("Elm & Oak Law", "America/New_York"),
    ("Foxglove Florists", "America/Phoenix"),
    ("Granite Peak Fitness", "America/Denver"),
    ("Harbor Light Clinic", "America/New_York"),
    ("Ironwood Builders", "America/Chicago"),
    ("Juniper Accounting", "America/Los_Angeles"),
    ("Kestrel Insurance", "America/New_York"),
    ("Lakeside Veterinary", "America/Chicago"),
    ("Maple Leaf Motors", "America/Detroit"),
    ("Northwind Travel", "America/Anchorage"),
    ("Orchard Pediatrics", "America/New_York"),
    ("Pine Hollow Lodge", "America/Denver"),
    ("Quarry Lane Studios", "America/Los_Angeles"),
    ("Riverbend Pharmacy", "America/Chicago"),
    ("Sagebrush Ranch Supply", "America/Boise"),
    ("Tidewater Seafood", "America/New_York"),
    ("Upland Coffee Roasters", "America/Los_Angeles"),
    ("Valley View Schools", "America/Chicago"),
    ("Willow Creek Spa", "America/Denver"),
    ("Yellowstone Outfitters", "America/Denver"),
    ("Zephyr Wind Energy", "America/Chicago"),
    ("Aspen Home Care", "America/Denver"),
    ("Birchwood Architects", "America/New_York"),
    ("Copperline Electric", "America/Phoenix"),
    ("Driftwood Marina", "America/New_York"),
    ("Evergreen Landscaping", "America/Los_Angeles"),
    ("Fairway Golf Club", "America/Chicago"),
    ("Goldenrod Catering", "America/New_York"),
    ("Hillcrest Chiropractic", "America/Denver"),
    ("Indigo Print Shop", "America/Chicago"),
    ("Jasper Family Farms", "America/Chicago"),
    ("Keystone Plumbing", "America/New_York"),
];

pub async fn seed(
    db: &Db,
    carrier: &dyn Carrier,
    portal: crate::invoicing::document::Portal<'_>,
    gateway: &crate::billing::gateway::Gateway,
    now: DateTime<Utc>,
) -> Result<Seeded, AppError> {
    if partners::find_by_slug(db, SLUG).await?.is_some() {
        return Ok(Seeded {
            owner_email: OWNER.into(),
            password: None,
            tenants: 0,
            numbers: 0,
        });
    }
    // A fresh random password each install, printed once: demo data is not a back door.
    let secret = token::new_token().plain;
    let alnum: String = secret
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(10)
        .collect();
    let password = format!("Demo-{alnum}-7");
    let created = partners::create_by_operator(
        db,
        partners::NewPartner {
            name: "Summit Voice",
            slug: SLUG,
            owner_email: OWNER,
            owner_password: &password,
        },
        now,
    )
    .await?;
    let cookie = session::create(db, created.owner.id, None, Some("seed-demo"), now).await?;
    let owner = viewer::resolve(db, &cookie, now)
        .await?
        .ok_or_else(|| crate::error::internal("demo owner has no session"))?
        .viewer;
    let viewer = Some(&owner);
    // A brand that is complete for going live: its own sender and support addresses, so
    // nothing a customer receives names the platform.
    let brand = model::branding::form::BrandForm {
        brand_name: "Summit Voice".into(),
        primary_color: "#0f766e".into(),
        from_email: "hello@summitvoice.example".into(),
        support_email: "support@summitvoice.example".into(),
    };
    crate::branding::settings::save(db, viewer, &brand, now).await?;
    let mut live = Vec::new();
    for (i, (name, timezone)) in CUSTOMERS.iter().enumerate() {
        let prefix: String = name
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .flat_map(char::to_lowercase)
            .take(10)
            .collect();
        let form = TenantForm {
            name: (*name).into(),
            sip_prefix: prefix.clone(),
            billing_email: format!("accounts@{prefix}.example"),
            timezone: (*timezone).into(),
            default_cnam: name.chars().take(15).collect::<String>().trim().to_owned(),
            ..Default::default()
        };
        let t = tenants::create(db, viewer, &form, now).await?;
        // A realistic spread: most active, some still on trial, a few suspended, one gone.
        match i % 9 {
            0 | 1 => {}
            7 => {
                tenants::activate(db, viewer, &t.id, now).await?;
                tenants::suspend(db, viewer, &t.id, now).await?;
            }
            8 if i == 35 => {
                tenants::cancel(db, viewer, &t.id, name, now).await?;
            }
            _ => {
                tenants::activate(db, viewer, &t.id, now).await?;
                live.push((t.id, *timezone));
            }
        }
    }
    let numbers = buy_numbers(db, carrier, viewer, created.partner.id, &live, now).await?;
    invoices(db, viewer, &live, portal, gateway, now).await?;
    session::revoke_all(db, created.owner.id, now).await?;
    Ok(Seeded {
        owner_email: OWNER.into(),
        password: Some(password),
        tenants: CUSTOMERS.len(),
        numbers,
    })
}

/// Where the demo customers in a time zone are: a state, and an office address there.
const OFFICES: &[(&str, &str, &str, &str, &str)] = &[
    ("America/New_York", "NY", "350 5th Ave", "New York", "10118"),
    (
        "America/Chicago",
        "IL",
        "233 S Wacker Dr",
        "Chicago",
        "60606",
    ),
    ("America/Denver", "CO", "1600 Glenarm Pl", "Denver", "80202"),
    (
        "America/Los_Angeles",
        "CA",
        "1 Market St",
        "San Francisco",
        "94105",
    ),
];

/// A demo credit, then two local numbers each for the first active customers in the
/// time zones above (most with their office as the emergency address, two left without
/// one so the E911 page has work to show) and one toll-free number in stock.
async fn buy_numbers(
    db: &Db,
    carrier: &dyn Carrier,
    viewer: Option<&Viewer>,
    partner_id: i32,
    live: &[(String, &str)],
    now: DateTime<Utc>,
) -> Result<usize, AppError> {
    crate::billing::wallet::post(
        db,
        crate::billing::wallet::Posting {
            partner_id,
            kind: LedgerKind::Adjustment,
            amount_cents: 50_000,
            description: "Demo credit".into(),
            reference: Some("demo-credit".into()),
            overdraw: false,
        },
        now,
    )
    .await?;
    let mut bought = 0;
    for (n, (tenant, timezone)) in live.iter().take(12).enumerate() {
        let Some((_, state, street, city, zip)) = OFFICES.iter().find(|o| o.0 == *timezone) else {
            continue;
        };
        let form = SearchForm {
            state: (*state).into(),
            city: (*city).into(),
            limit: "2".into(),
            ..Default::default()
        };
        let offers = numbers::search(db, carrier, viewer, &form, now).await?;
        let picks: Vec<String> = offers.iter().map(|o| o.number.e164().to_owned()).collect();
        let purchase = numbers::purchase(db, carrier, viewer, &picks, now).await?;
        for number in &purchase.numbers {
            numbers::assign(db, viewer, &number.id, tenant, now).await?;
        }
        bought += purchase.numbers.len();
        if n % 5 != 4 {
            let office = E911Form {
                street: (*street).into(),
                city: (*city).into(),
                state: (*state).into(),
                zip: (*zip).into(),
            };
            numbers::apply_e911_to_tenant(db, viewer, tenant, &office, now).await?;
        }
    }
    let toll_free = SearchForm {
        kind: "toll_free".into(),
        limit: "1".into(),
        ..Default::default()
    };
    let offers = numbers::search(db, carrier, viewer, &toll_free, now).await?;
    let picks: Vec<String> = offers.iter().map(|o| o.number.e164().to_owned()).collect();
    bought += numbers::purchase(db, carrier, viewer, &picks, now)
        .await?
        .numbers
        .len();
    Ok(bought)
}

/// Months of invoices to look at: the first live customers on the starter profiles,
/// billed by calendar month from four months back (what they hold, held since then),
/// one billing run, then payments in full and in part, a refund, invoices mailed and
/// waiting (one of them overdue) and a voided draft.
async fn invoices(
    db: &Db,
    viewer: Option<&Viewer>,
    live: &[(String, &str)],
    portal: crate::invoicing::document::Portal<'_>,
    gateway: &crate::billing::gateway::Gateway,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    use chrono::{Datelike, Months};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};

    use crate::invoicing::{
        actions, dunning, engine,
        entity::{holding, invoice},
        invoices, profiles, sending, settings,
    };
    let actor = crate::auth::actor::Actor::partner_member(db, viewer).await?;
    let starters = profiles::list_for(db, actor.partner_id).await?;
    let start = (now.date_naive().with_day(1).unwrap_or_default())
        .checked_sub_months(Months::new(4))
        .unwrap_or_default();
    for (i, (tenant_id, _)) in live.iter().take(8).enumerate() {
        let profile = &starters[i % starters.len()];
        let form = model::invoicing::TenantBillingForm {
            profile_id: profile.id.clone(),
            period: "monthly".into(),
            mode: "postpaid".into(),
            ..Default::default()
        };
        let saved = settings::apply(db, viewer, tenant_id, &form, now).await?;
        let uuid = uuid::Uuid::parse_str(&saved.id).map_err(crate::error::internal)?;
        let day = start.format("%Y-%m-%d").to_string();
        crate::tenants::entity::tenant::Entity::update_many()
            .col_expr(
                crate::tenants::entity::tenant::Column::BillingAnchor,
                Expr::value(day.clone()),
            )
            .col_expr(
                crate::tenants::entity::tenant::Column::BillingNextStart,
                Expr::value(day),
            )
            .filter(crate::tenants::entity::tenant::Column::PublicId.eq(uuid))
            .exec(db)
            .await
            .map_err(crate::error::db_error)?;
        let t = crate::tenants::entity::tenant::Entity::find()
            .filter(crate::tenants::entity::tenant::Column::PublicId.eq(uuid))
            .one(db)
            .await
            .map_err(crate::error::db_error)?
            .ok_or_else(|| AppError::not_found("Tenant"))?;
        holding::Entity::update_many()
            .col_expr(
                holding::Column::HeldFrom,
                Expr::value(crate::calendar::start_of(start)),
            )
            .filter(holding::Column::TenantId.eq(t.id))
            .exec(db)
            .await
            .map_err(crate::error::db_error)?;
    }
    engine::run(db, now).await?;
    let all = invoices::list(db, actor.partner_id, &invoices::Filter::default()).await?;
    for (i, inv) in all.iter().rev().enumerate() {
        match i % 5 {
            0..=2 if inv.due_cents > 0 => {
                actions::record_payment(db, viewer, &inv.id, inv.due_cents, now).await?;
            }
            3 if inv.due_cents > 1 => {
                actions::record_payment(db, viewer, &inv.id, inv.due_cents / 2, now).await?;
            }
            _ => {}
        }
    }
    if let Some(paid) = invoices::list(db, actor.partner_id, &invoices::Filter::default())
        .await?
        .into_iter()
        .find(|i| i.status == model::invoicing::InvoiceStatus::Paid && i.total_cents > 100)
    {
        actions::refund(db, gateway, viewer, &paid.id, paid.total_cents / 4, now).await?;
    }
    // The rest were mailed and wait for payment (all but the newest, left a draft); the
    // oldest of them is a week past due.
    let waiting: Vec<_> = invoices::list(db, actor.partner_id, &invoices::Filter::default())
        .await?
        .into_iter()
        .filter(|i| i.status == model::invoicing::InvoiceStatus::Draft && i.paid_cents == 0)
        .collect();
    for inv in waiting.iter().skip(1) {
        sending::send(db, viewer, &inv.id, portal, now).await?;
    }
    if let Some(oldest) = waiting.iter().skip(1).last() {
        let id = uuid::Uuid::parse_str(&oldest.id).map_err(crate::error::internal)?;
        invoice::Entity::update_many()
            .col_expr(
                invoice::Column::IssuedAt,
                Expr::value(now - chrono::Duration::days(10)),
            )
            .col_expr(
                invoice::Column::DueAt,
                Expr::value(now - chrono::Duration::days(3)),
            )
            .filter(invoice::Column::PublicId.eq(id))
            .exec(db)
            .await
            .map_err(crate::error::db_error)?;
        dunning::run(db, portal, now).await?;
    }
    if let Some(draft) = all.first() {
        let fresh = invoices::get(db, actor.partner_id, &draft.id).await?;
        if fresh.status == model::invoicing::InvoiceStatus::Draft && fresh.paid_cents == 0 {
            actions::void(db, viewer, &fresh.id, now).await?;
        }
    }
    Ok(())
}
