//! Which brand a request's `Host` asks for: the platform's own domain, a partner's
//! subdomain (`SLUG.<platform domain>`), or one of a partner's ACTIVE custom
//! domains. Anything else is shown in the platform's brand.

use model::{AppError, branding::BrandInfo};
use sea_orm::ConnectionTrait;

use crate::partners::{self, partner};

/// `Acme.Example.com:443` → `acme.example.com`.
pub fn normalise(host: &str) -> String {
    let host = host.trim().trim_end_matches('.');
    let without_port = match host.rsplit_once(':') {
        Some((name, port)) if port.chars().all(|c| c.is_ascii_digit()) => name,
        _ => host,
    };
    without_port.to_ascii_lowercase()
}

/// The partner whose subdomain or ACTIVE custom domain `host` is, if any.
pub async fn partner_for_host(
    conn: &impl ConnectionTrait,
    host: &str,
    platform_domain: &str,
) -> Result<Option<partner::Model>, AppError> {
    let host = normalise(host);
    if host == platform_domain {
        return Ok(None);
    }
    match host.strip_suffix(&format!(".{platform_domain}")) {
        Some(slug) if !slug.is_empty() && !slug.contains('.') => {
            partners::find_by_slug(conn, slug).await
        }
        Some(_) => Ok(None),
        None => match super::domains::active_partner(conn, &host).await? {
            Some(id) => partners::find_by_id(conn, id).await,
            None => Ok(None),
        },
    }
}

/// The brand for `host`, or `None` for the platform's own.
pub async fn brand_for_host(
    conn: &impl ConnectionTrait,
    host: &str,
    platform_domain: &str,
) -> Result<Option<BrandInfo>, AppError> {
    Ok(partner_for_host(conn, host, platform_domain)
        .await?
        .map(|p| super::of_partner(&p)))
}

/// Whether an edge proxy may get a TLS certificate for `host`: partner subdomains and
/// ACTIVE custom domains only.
pub async fn tls_allowed(
    conn: &impl ConnectionTrait,
    host: &str,
    platform_domain: &str,
) -> Result<bool, AppError> {
    Ok(partner_for_host(conn, host, platform_domain)
        .await?
        .is_some())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing;

    #[test]
    fn hosts_are_normalised() {
        assert_eq!(normalise("Acme.Example.com:8443"), "acme.example.com");
        assert_eq!(normalise("acme.example.com."), "acme.example.com");
        assert_eq!(normalise("[::1]"), "[::1]");
    }

    #[tokio::test]
    async fn a_partner_subdomain_carries_its_brand_and_nothing_else_does() {
        let db = testing::fresh_db().await;
        testing::partner(&db, "acme").await;
        let brand = brand_for_host(&*db, "acme.voice.test:3000", "voice.test")
            .await
            .unwrap();
        assert_eq!(brand.map(|b| b.name), Some("Acme".into()));
        for other in [
            "voice.test",
            "nope.voice.test",
            "a.acme.voice.test",
            "acme.elsewhere.test",
        ] {
            assert!(
                brand_for_host(&*db, other, "voice.test")
                    .await
                    .unwrap()
                    .is_none(),
                "{other}"
            );
        }
        assert!(
            tls_allowed(&*db, "acme.voice.test", "voice.test")
                .await
                .unwrap()
        );
        assert!(!tls_allowed(&*db, "voice.test", "voice.test").await.unwrap());
    }
}
