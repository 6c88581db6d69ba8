use super::*;

const KEY: &str = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

#[test]
fn defaults_match_the_contract() {
    let config = Config::from_pairs([("SWITCHBOARD_SECRET_KEY", KEY)]).unwrap();
    assert_eq!(config.database_url, "sqlite://data/switchboard.db?mode=rwc");
    assert_eq!(config.site_addr.to_string(), "127.0.0.1:3000");
    assert_eq!(config.platform_name, "Switchboard");
    assert_eq!(config.platform_domain, "localhost");
    assert_eq!(config.smtp_url, None);
    assert!(!config.allow_private_webhooks);
    assert_eq!(config.stripe_js_url, "https://js.stripe.com/v3/");
}

#[test]
fn a_publishable_key_comes_with_a_secret_key_of_the_same_mode() {
    let with = |pairs: &[(&str, &str)]| {
        let mut all = vec![("SWITCHBOARD_SECRET_KEY", KEY)];
        all.extend_from_slice(pairs);
        Config::from_pairs(all)
    };
    let ok = with(&[
        ("SWITCHBOARD_STRIPE_SECRET_KEY", "sk_test_abc"),
        ("SWITCHBOARD_STRIPE_PUBLISHABLE_KEY", "pk_test_abcdefgh"),
    ])
    .unwrap();
    assert_eq!(
        ok.stripe_publishable_key.as_deref(),
        Some("pk_test_abcdefgh")
    );
    for pairs in [
        vec![("SWITCHBOARD_STRIPE_PUBLISHABLE_KEY", "pk_test_abcdefgh")],
        vec![
            ("SWITCHBOARD_STRIPE_SECRET_KEY", "sk_live_abc"),
            ("SWITCHBOARD_STRIPE_PUBLISHABLE_KEY", "pk_test_abcdefgh"),
        ],
    ] {
        let err = with(&pairs).unwrap_err();
        assert_eq!(
            err.problems[0].0, "SWITCHBOARD_STRIPE_PUBLISHABLE_KEY",
            "{pairs:?}"
        );
    }
}

#[test]
fn every_problem_is_reported_at_once_by_key() {
    let err = Config::from_pairs([
        ("DATABASE_URL", "mysql://x"),
        ("LEPTOS_SITE_ADDR", "nowhere"),
        ("SWITCHBOARD_PLATFORM_DOMAIN", "not a host"),
        ("SWITCHBOARD_SECRET_KEY", "short"),
        ("SWITCHBOARD_SMTP_URL", "http://mail"),
        ("SWITCHBOARD_STRIPE_SECRET_KEY", "pk_live_publishable"),
        ("SWITCHBOARD_STRIPE_API_BASE", "stripe.local"),
        ("SWITCHBOARD_STRIPE_PUBLISHABLE_KEY", "pk_test_publishable"),
        ("SWITCHBOARD_STRIPE_JS_URL", "js.stripe.local"),
        ("SWITCHBOARD_ALLOW_PRIVATE_WEBHOOKS", "maybe"),
    ])
    .unwrap_err();
    let keys: Vec<&str> = err.problems.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(
        keys,
        [
            "DATABASE_URL",
            "LEPTOS_SITE_ADDR",
            "SWITCHBOARD_PLATFORM_DOMAIN",
            "SWITCHBOARD_SECRET_KEY",
            "SWITCHBOARD_SMTP_URL",
            "SWITCHBOARD_STRIPE_SECRET_KEY",
            "SWITCHBOARD_STRIPE_PUBLISHABLE_KEY",
            "SWITCHBOARD_STRIPE_JS_URL",
            "SWITCHBOARD_STRIPE_API_BASE",
            "SWITCHBOARD_ALLOW_PRIVATE_WEBHOOKS"
        ]
    );
    let text = err.to_string();
    assert!(
        text.contains("DATABASE_URL: must start with sqlite:// or postgres://"),
        "{text}"
    );
}

#[test]
fn secret_key_is_generated_once_and_reused() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_str().unwrap();
    let first = Config::from_pairs([("SWITCHBOARD_DATA_DIR", data)]).unwrap();
    assert_eq!(
        first.warnings.len(),
        1,
        "generating a key is worth a warning"
    );
    let second = Config::from_pairs([("SWITCHBOARD_DATA_DIR", data)]).unwrap();
    assert!(second.warnings.is_empty());
    assert_eq!(first.secret_key, second.secret_key);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.path().join("secret.key"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}

#[test]
fn booleans_and_formats_parse() {
    let config = Config::from_pairs([
        ("SWITCHBOARD_SECRET_KEY", KEY),
        ("SWITCHBOARD_ALLOW_PRIVATE_WEBHOOKS", "TRUE"),
        ("SWITCHBOARD_LOG_FORMAT", "json"),
        ("SWITCHBOARD_PLATFORM_DOMAIN", "Voice.Example.com"),
    ])
    .unwrap();
    assert!(config.allow_private_webhooks);
    assert_eq!(config.log_format, LogFormat::Json);
    assert_eq!(config.platform_domain, "voice.example.com");
}

#[test]
fn debug_output_hides_credentials() {
    let config = Config::from_pairs([
        ("SWITCHBOARD_SECRET_KEY", KEY),
        ("DATABASE_URL", "postgres://user:hunter2@db/sb"),
    ])
    .unwrap();
    let text = format!("{config:?}");
    assert!(!text.contains("hunter2") && !text.contains(KEY), "{text}");
}
