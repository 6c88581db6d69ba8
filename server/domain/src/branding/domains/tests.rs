use super::*;
use crate::{branding::host, testing};
use dns::StaticDns;

const PLATFORM: &str = "voice.test";

async fn setup() -> (testing::TestDb, Viewer) {
    let db = testing::fresh_db().await;
    let (owner, _) = testing::partner_owner(&db, "acme").await;
    (db, owner)
}

#[tokio::test]
async fn a_domain_goes_pending_verifying_active_and_then_serves_the_brand() {
    let (db, owner) = setup().await;
    let now = Utc::now();
    let dns = StaticDns::in_memory();
    let added = add(&db, Some(&owner), "Portal.Acme.com", PLATFORM, now)
        .await
        .unwrap();
    assert_eq!(added.hostname, "portal.acme.com");
    assert_eq!(added.status, DomainStatus::Pending);
    assert_eq!(added.target, "acme.voice.test");
    assert!(
        !host::tls_allowed(&*db, "portal.acme.com", PLATFORM)
            .await
            .unwrap()
    );

    // No record yet: back to PENDING with the reason.
    let checked = check(&db, &dns, Some(&owner), &added.id, PLATFORM, now)
        .await
        .unwrap();
    assert_eq!(checked.status, DomainStatus::Pending);
    assert!(checked.reason.unwrap().contains("No DNS record"));

    // Pointing elsewhere: PENDING, naming where it points.
    dns.set_cname("portal.acme.com", "elsewhere.example.net.");
    let checked = check(&db, &dns, Some(&owner), &added.id, PLATFORM, now)
        .await
        .unwrap();
    assert!(checked.reason.unwrap().contains("elsewhere.example.net"));

    dns.set_cname("portal.acme.com", "ACME.voice.test.");
    let checked = check(&db, &dns, Some(&owner), &added.id, PLATFORM, now)
        .await
        .unwrap();
    assert_eq!(checked.status, DomainStatus::Active);
    assert_eq!(checked.reason, None);
    assert!(checked.activated_at.is_some());
    assert!(
        host::tls_allowed(&*db, "portal.acme.com", PLATFORM)
            .await
            .unwrap()
    );
    let brand = host::brand_for_host(&*db, "PORTAL.acme.com:443", PLATFORM)
        .await
        .unwrap();
    assert_eq!(brand.map(|b| b.name), Some("Acme".into()));
}

#[tokio::test]
async fn an_apex_domain_may_point_at_the_same_address_instead_of_a_cname() {
    let (db, owner) = setup().await;
    let dns = StaticDns::in_memory();
    let ip: std::net::IpAddr = "192.0.2.10".parse().unwrap();
    dns.set_address("acme.voice.test", ip);
    dns.set_address("acmevoice.com", ip);
    let added = add(&db, Some(&owner), "acmevoice.com", PLATFORM, Utc::now())
        .await
        .unwrap();
    let checked = check(&db, &dns, Some(&owner), &added.id, PLATFORM, Utc::now())
        .await
        .unwrap();
    assert_eq!(checked.status, DomainStatus::Active);
}

struct DownDns;

#[async_trait::async_trait]
impl DnsResolver for DownDns {
    async fn lookup(&self, _: &str) -> Result<dns::Records, String> {
        Err("timed out".into())
    }
}

#[tokio::test]
async fn unreachable_dns_leaves_a_new_domain_verifying_for_the_job_and_never_drops_an_active_one() {
    let (db, owner) = setup().await;
    let now = Utc::now();
    let added = add(&db, Some(&owner), "portal.acme.com", PLATFORM, now)
        .await
        .unwrap();
    let checked = check(&db, &DownDns, Some(&owner), &added.id, PLATFORM, now)
        .await
        .unwrap();
    assert_eq!(checked.status, DomainStatus::Verifying);

    // The job retries after a minute, once even with two instances racing.
    let dns = StaticDns::in_memory();
    dns.set_cname("portal.acme.com", "acme.voice.test");
    assert_eq!(
        recheck_due(&db, &dns, PLATFORM, now).await.unwrap(),
        0,
        "not due yet"
    );
    let later = now + Duration::minutes(2);
    let (a, b) = tokio::join!(
        recheck_due(&db, &dns, PLATFORM, later),
        recheck_due(&db, &dns, PLATFORM, later)
    );
    assert_eq!(a.unwrap() + b.unwrap(), 1);
    let page = list(&db, Some(&owner), PLATFORM).await.unwrap();
    assert_eq!(page.domains[0].status, DomainStatus::Active);

    // A day later DNS is down: the domain stays ACTIVE.
    let next_day = later + Duration::hours(25);
    assert_eq!(
        recheck_due(&db, &DownDns, PLATFORM, next_day)
            .await
            .unwrap(),
        1
    );
    let page = list(&db, Some(&owner), PLATFORM).await.unwrap();
    assert_eq!(page.domains[0].status, DomainStatus::Active);

    // The record is really gone: back to PENDING with the reason, and no more brand.
    dns.clear("portal.acme.com");
    let two_days = next_day + Duration::hours(25);
    recheck_due(&db, &dns, PLATFORM, two_days).await.unwrap();
    let page = list(&db, Some(&owner), PLATFORM).await.unwrap();
    assert_eq!(page.domains[0].status, DomainStatus::Pending);
    assert!(
        host::brand_for_host(&*db, "portal.acme.com", PLATFORM)
            .await
            .unwrap()
            .is_none()
    );
}

#[tokio::test]
async fn bad_taken_and_own_subdomain_hostnames_are_refused_by_field() {
    let (db, owner) = setup().await;
    let (other, _) = testing::partner_owner(&db, "other").await;
    let now = Utc::now();
    add(&db, Some(&other), "portal.shared.com", PLATFORM, now)
        .await
        .unwrap();
    for (host, says) in [
        ("bad_host.acme.com", "valid part"),
        ("acme.voice.test", "already yours"),
        ("portal.shared.com", "already in use"),
    ] {
        let err = add(&db, Some(&owner), host, PLATFORM, now)
            .await
            .unwrap_err();
        let message = err
            .field_errors()
            .and_then(|f| f.first("hostname"))
            .unwrap()
            .to_owned();
        assert!(message.contains(says), "{host}: {message}");
    }
    for i in 0..MAX_DOMAINS {
        add(&db, Some(&owner), &format!("p{i}.acme.com"), PLATFORM, now)
            .await
            .unwrap();
    }
    let err = add(&db, Some(&owner), "one-more.acme.com", PLATFORM, now)
        .await
        .unwrap_err();
    assert!(err.field_errors().is_some());
}

#[tokio::test]
async fn another_partner_cannot_see_check_or_remove_a_domain_and_readers_cannot_change_one() {
    let (db, owner) = setup().await;
    let (other, _) = testing::partner_owner(&db, "other").await;
    let reader = testing::partner_user(&db, &owner, "reader@acme.test").await;
    let now = Utc::now();
    let dns = StaticDns::in_memory();
    let added = add(&db, Some(&owner), "portal.acme.com", PLATFORM, now)
        .await
        .unwrap();
    assert!(
        list(&db, Some(&other), PLATFORM)
            .await
            .unwrap()
            .domains
            .is_empty()
    );
    let err = check(&db, &dns, Some(&other), &added.id, PLATFORM, now)
        .await
        .unwrap_err();
    assert_eq!(err.status(), 404);
    assert_eq!(
        remove(&db, Some(&other), &added.id, now)
            .await
            .unwrap_err()
            .status(),
        404
    );
    assert_eq!(
        list(&db, Some(&reader), PLATFORM)
            .await
            .unwrap()
            .domains
            .len(),
        1
    );
    assert_eq!(
        remove(&db, Some(&reader), &added.id, now)
            .await
            .unwrap_err()
            .status(),
        403
    );
    remove(&db, Some(&owner), &added.id, now).await.unwrap();
    assert!(
        list(&db, Some(&owner), PLATFORM)
            .await
            .unwrap()
            .domains
            .is_empty()
    );
}
