//! `server seed-demo`: a demo partner with a few dozen tenants in different states, to
//! look around a fresh install. Everything goes through the ordinary services (so the
//! audit log and events look real). Never run implicitly; running it twice changes
//! nothing the second time.

use chrono::{DateTime, Utc};
use model::{AppError, tenants::TenantForm};

use crate::{
    Db,
    auth::{session, token, viewer},
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

pub async fn seed(db: &Db, now: DateTime<Utc>) -> Result<Seeded, AppError> {
    if partners::find_by_slug(db, SLUG).await?.is_some() {
        return Ok(Seeded {
            owner_email: OWNER.into(),
            password: None,
            tenants: 0,
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
    let (owner, _) = viewer::resolve(db, &cookie, now)
        .await?
        .ok_or_else(|| crate::error::internal("demo owner has no session"))?;
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
            }
        }
    }
    session::revoke_all(db, created.owner.id, now).await?;
    Ok(Seeded {
        owner_email: OWNER.into(),
        password: Some(password),
        tenants: CUSTOMERS.len(),
    })
}
