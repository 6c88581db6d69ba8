use super::*;
use crate::testing;

/// Pages as the application would render them, with a chosen page carrying extra text
/// (a template with the platform's name planted in it).
struct Pages {
    brand: &'static str,
    planted: Option<(&'static str, &'static str)>,
}

#[async_trait]
impl PageSource for Pages {
    async fn page(
        &self,
        host: &str,
        path: &str,
        viewer: Option<&Viewer>,
    ) -> Result<String, String> {
        let extra = match self.planted {
            Some((at, text)) if path.ends_with(at) => text,
            _ => "",
        };
        let who = viewer.map_or("signed out", |v| v.email.as_str());
        Ok(format!(
            "<html><title>{} — Page</title><a href=\"https://{host}{path}\">{who}</a>{extra}</html>",
            self.brand
        ))
    }
}

const PLATFORM: Platform<'static> = Platform {
    name: "Switchboard",
    domain: "platform.test",
    mail_from: "noreply@mail.platform.test",
};

async fn setup() -> (testing::TestDb, Viewer) {
    let db = testing::fresh_db().await;
    let (owner, _) = testing::partner_owner(&db, "acme").await;
    let form = model::branding::form::BrandForm {
        brand_name: "Acme Voice".into(),
        primary_color: "#0f766e".into(),
        from_email: "hello@acme-voice.test".into(),
        support_email: "help@acme-voice.test".into(),
    };
    super::super::settings::save(&db, Some(&owner), &form, Utc::now())
        .await
        .unwrap();
    (db, owner)
}

#[tokio::test]
async fn a_partner_with_its_own_sender_has_no_leaks_across_pages_emails_and_the_manual() {
    let (db, owner) = setup().await;
    crate::tenants::create(
        &db,
        Some(&owner),
        &testing::tenant_form("Bluebird", "bluebird"),
        Utc::now(),
    )
    .await
    .unwrap();
    let pages = Pages {
        brand: "Acme Voice",
        planted: None,
    };
    let report = run(&db, Some(&owner), &PLATFORM, &pages, Utc::now())
        .await
        .unwrap();
    assert!(report.is_green(), "{:?}", report.leaks);
    assert_eq!(report.host, "acme.platform.test");
    let places: Vec<&str> = report.surfaces.iter().map(|s| s.place.as_str()).collect();
    for expected in [
        "Sign-in page",
        "Portal: overview",
        "Portal: settings",
        "Email: invitation",
        "Email: password reset",
        "Customer manual",
    ] {
        assert!(places.contains(&expected), "{expected} in {places:?}");
    }
    // On the platform's subdomain, the report advises a custom domain.
    assert!(report.notices.iter().any(|n| n.contains("custom domain")));
}

#[tokio::test]
async fn the_platform_name_planted_in_a_tenant_page_is_reported_once_with_where() {
    let (db, owner) = setup().await;
    crate::tenants::create(
        &db,
        Some(&owner),
        &testing::tenant_form("Bluebird", "bluebird"),
        Utc::now(),
    )
    .await
    .unwrap();
    let pages = Pages {
        brand: "Acme Voice",
        planted: Some(("/settings", "<footer>Powered by Switchboard</footer>")),
    };
    let report = run(&db, Some(&owner), &PLATFORM, &pages, Utc::now())
        .await
        .unwrap();
    assert_eq!(report.leaks.len(), 1, "{:?}", report.leaks);
    let leak = &report.leaks[0];
    assert_eq!(leak.place, "Portal: settings");
    assert_eq!(leak.path.as_deref(), Some("/orgs/bluebird/settings"));
    assert!(leak.excerpt.contains("Powered by Switchboard"));
    assert!(!report.is_green());
}

#[tokio::test]
async fn mail_sent_from_the_platforms_address_is_a_leak_in_every_email() {
    let db = testing::fresh_db().await;
    let (owner, _) = testing::partner_owner(&db, "acme").await;
    let pages = Pages {
        brand: "Acme",
        planted: None,
    };
    let report = run(&db, Some(&owner), &PLATFORM, &pages, Utc::now())
        .await
        .unwrap();
    let emails: Vec<&Leak> = report
        .leaks
        .iter()
        .filter(|l| l.place.starts_with("Email"))
        .collect();
    assert_eq!(emails.len(), 4, "{:?}", report.leaks);
    assert!(emails.iter().all(|l| l.found == "platform.test"));
    assert!(report.notices.iter().any(|n| n.contains("Create a tenant")));
}
