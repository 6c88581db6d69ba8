//! The `server` binary as operators script it: subcommands, exit codes, messages, and
//! configuration layering (file under environment).

use std::{
    path::Path,
    process::{Command, Output},
};

const KEY: &str = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

/// Runs the binary in `dir` with only the given environment (plus PATH).
fn server(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_server"));
    cmd.args(args)
        .current_dir(dir)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default());
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("server binary runs")
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

fn sqlite_env(dir: &Path) -> Vec<(&'static str, String)> {
    vec![
        (
            "DATABASE_URL",
            format!(
                "sqlite://{}?mode=rwc",
                dir.join("db/switchboard.db").display()
            ),
        ),
        ("SWITCHBOARD_SECRET_KEY", KEY.to_owned()),
    ]
}

fn as_refs<'a>(env: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    env.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

#[test]
fn migrate_creates_the_database_and_is_repeatable() {
    let dir = tempfile::tempdir().unwrap();
    let env = sqlite_env(dir.path());
    for _ in 0..2 {
        let out = server(dir.path(), &["migrate"], &as_refs(&env));
        assert!(out.status.success(), "{}", text(&out));
        assert!(
            text(&out).contains("database is up to date ("),
            "{}",
            text(&out)
        );
    }
    assert!(dir.path().join("db/switchboard.db").exists());
}

#[test]
fn create_platform_admin_is_idempotent_and_validates() {
    let dir = tempfile::tempdir().unwrap();
    let env = sqlite_env(dir.path());
    let args = [
        "create-platform-admin",
        "--email",
        "Ops@Example.com",
        "--password",
        "Correct-horse1",
    ];
    let first = server(dir.path(), &args, &as_refs(&env));
    assert!(first.status.success(), "{}", text(&first));
    assert!(
        text(&first).contains("created platform admin ops@example.com"),
        "{}",
        text(&first)
    );

    let again = server(dir.path(), &args, &as_refs(&env));
    assert!(again.status.success());
    assert!(text(&again).contains("already exists"), "{}", text(&again));

    let bad = server(
        dir.path(),
        &[
            "create-platform-admin",
            "--email",
            "nope",
            "--password",
            "short",
        ],
        &as_refs(&env),
    );
    assert_eq!(bad.status.code(), Some(2));
    let message = text(&bad);
    assert!(
        message.contains("email:") && message.contains("password:"),
        "{message}"
    );
}

#[test]
fn backup_writes_a_copy_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let env = sqlite_env(dir.path());
    server(dir.path(), &["migrate"], &as_refs(&env));
    let target = dir.path().join("backups/copy.db");
    let target = target.to_str().unwrap();
    let out = server(dir.path(), &["backup", "--to", target], &as_refs(&env));
    assert!(out.status.success(), "{}", text(&out));
    assert!(Path::new(target).metadata().unwrap().len() > 0);
    let again = server(dir.path(), &["backup", "--to", target], &as_refs(&env));
    assert_eq!(again.status.code(), Some(2), "{}", text(&again));
    assert!(text(&again).contains("already exists"));
}

#[test]
fn bad_configuration_fails_fast_naming_every_key() {
    let dir = tempfile::tempdir().unwrap();
    let out = server(
        dir.path(),
        &["migrate"],
        &[
            ("DATABASE_URL", "mysql://db"),
            ("SWITCHBOARD_SECRET_KEY", "xyz"),
            ("SWITCHBOARD_PLATFORM_DOMAIN", "a b"),
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    let message = text(&out);
    for key in [
        "DATABASE_URL",
        "SWITCHBOARD_SECRET_KEY",
        "SWITCHBOARD_PLATFORM_DOMAIN",
    ] {
        assert!(message.contains(key), "{key} missing from: {message}");
    }
}

#[test]
fn the_environment_wins_over_the_config_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("switchboard.toml"),
        format!("DATABASE_URL = \"mysql://from-file\"\nSWITCHBOARD_SECRET_KEY = \"{KEY}\"\n"),
    )
    .unwrap();
    // The file alone is wrong, and says so by key.
    let out = server(dir.path(), &["migrate"], &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out).contains("DATABASE_URL"));
    // The environment overrides it; the file still supplies the secret key.
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("env.db").display());
    let out = server(dir.path(), &["migrate"], &[("DATABASE_URL", &url)]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        !dir.path().join("data/secret.key").exists(),
        "the file's key was used, none generated"
    );
}

#[test]
fn an_explicit_config_file_must_exist() {
    let dir = tempfile::tempdir().unwrap();
    let out = server(
        dir.path(),
        &["migrate"],
        &[("SWITCHBOARD_CONFIG", "/nonexistent/switchboard.toml")],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out).contains("SWITCHBOARD_CONFIG"), "{}", text(&out));
}

#[test]
fn create_partner_prints_its_id_and_refuses_a_taken_slug() {
    let dir = tempfile::tempdir().unwrap();
    let env = sqlite_env(dir.path());
    let args = [
        "create-partner",
        "--name",
        "Acme Voice",
        "--slug",
        "acme",
        "--email",
        "owner@acme.test",
        "--password",
        "Correct-horse1",
    ];
    let out = server(dir.path(), &args, &as_refs(&env));
    assert!(out.status.success(), "{}", text(&out));
    let last = String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .last()
        .unwrap()
        .to_owned();
    assert!(
        uuid::Uuid::parse_str(&last).is_ok(),
        "the last word is the partner id: {last}"
    );

    let mut other = args;
    other[6] = "second@acme.test";
    let again = server(dir.path(), &other, &as_refs(&env));
    assert_eq!(again.status.code(), Some(2));
    assert!(text(&again).contains("slug:"), "{}", text(&again));

    let audit = server(dir.path(), &["verify-audit"], &as_refs(&env));
    assert!(audit.status.success(), "{}", text(&audit));
    assert!(
        text(&audit).contains("1 entries, intact"),
        "{}",
        text(&audit)
    );
}

#[test]
fn seed_demo_creates_a_demo_partner_once_and_prints_how_to_sign_in() {
    let dir = tempfile::tempdir().unwrap();
    let env = sqlite_env(dir.path());
    let first = server(dir.path(), &["seed-demo"], &as_refs(&env));
    assert!(first.status.success(), "{}", text(&first));
    let said = text(&first);
    assert!(said.contains("with 36 tenants"), "{said}");
    assert!(
        said.contains("owner@demo.example with password Demo-"),
        "{said}"
    );
    let again = server(dir.path(), &["seed-demo"], &as_refs(&env));
    assert!(again.status.success());
    assert!(text(&again).contains("already exists"), "{}", text(&again));
    let audit = server(dir.path(), &["verify-audit"], &as_refs(&env));
    assert!(audit.status.success(), "{}", text(&audit));
}
