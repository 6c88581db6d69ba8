//! Two-factor sign-in with TOTP (RFC 6238: SHA-1, 6 digits, 30 s, one step of clock
//! skew). The seed is sealed at rest; each time step is accepted at most once (no
//! replay); 10 single-use recovery codes, stored hashed, replace a lost phone.

use chrono::{DateTime, Utc};
use model::{AppError, auth::Viewer};
use sea_orm::{ConnectionTrait, Set, entity::prelude::*, sea_query::Expr};
use totp_rs::{Algorithm, Builder, Totp};

use super::{token, user};
use crate::{Db, audit, crypto::SecretBox, error::db_error};

pub const RECOVERY_CODES: usize = 10;

pub(crate) mod recovery_code {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "recovery_codes")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub user_id: i32,
        #[sea_orm(unique)]
        pub code_hash: String,
        pub used_at: Option<DateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// What the enrolment page shows: the QR code, and the key for typing in by hand.
#[derive(Debug, Clone)]
pub struct Enrolment {
    pub otpauth_url: String,
    pub secret_base32: String,
    pub qr_svg: String,
}

fn totp(seed: Vec<u8>, issuer: &str, account: &str) -> Result<Totp, AppError> {
    Builder::new()
        .with_algorithm(Algorithm::SHA1)
        .with_digits(6)
        .with_skew(1)
        .with_step_duration(30)
        .with_secret(seed)
        .with_issuer(Some(issuer))
        .with_account_name(account)
        .build()
        .map_err(crate::error::internal)
}

async fn viewer_user(db: &Db, viewer: Option<&Viewer>) -> Result<user::Model, AppError> {
    user::behind(db, viewer).await
}

/// Starts (or restarts) enrolment: a new seed, sealed, not yet switched on.
pub async fn begin(
    db: &Db,
    secrets: &SecretBox,
    viewer: Option<&Viewer>,
    issuer: &str,
) -> Result<Enrolment, AppError> {
    let user = viewer_user(db, viewer).await?;
    if user.totp_enabled_at.is_some() {
        return Err(AppError::conflict("Two-factor sign-in is already on."));
    }
    let mut seed = [0u8; 20];
    getrandom::fill(&mut seed).map_err(crate::error::internal)?;
    let totp = totp(seed.to_vec(), issuer, &user.email)?;
    user::Entity::update_many()
        .col_expr(user::Column::TotpSecret, Expr::value(secrets.seal(&seed)?))
        .filter(user::Column::Id.eq(user.id))
        .exec(db)
        .await
        .map_err(db_error)?;
    let otpauth_url = totp.to_url().map_err(crate::error::internal)?;
    let qr_svg = qrcode::QrCode::new(otpauth_url.as_bytes())
        .map_err(crate::error::internal)?
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(200, 200)
        .build();
    Ok(Enrolment {
        otpauth_url,
        secret_base32: totp.secret().to_base32(),
        qr_svg,
    })
}

/// Finishes enrolment with a code from the app; returns the recovery codes, shown once.
pub async fn confirm(
    db: &Db,
    secrets: &SecretBox,
    viewer: Option<&Viewer>,
    code: &str,
    now: DateTime<Utc>,
) -> Result<Vec<String>, AppError> {
    let user = viewer_user(db, viewer).await?;
    if user.totp_enabled_at.is_some() {
        return Err(AppError::conflict("Two-factor sign-in is already on."));
    }
    let sealed = user
        .totp_secret
        .as_deref()
        .ok_or_else(|| AppError::conflict("Start the set-up first."))?;
    let step = matching_step(secrets, sealed, &user.email, code, now)?.ok_or_else(|| {
        AppError::invalid(
            "code",
            "That code is not right. Check the time on your phone and try the newest code.",
        )
    })?;
    let txn = crate::db::begin(db).await?;
    user::Entity::update_many()
        .col_expr(user::Column::TotpEnabledAt, Expr::value(now))
        .col_expr(user::Column::TotpLastStep, Expr::value(step))
        .filter(user::Column::Id.eq(user.id))
        .exec(&txn)
        .await
        .map_err(db_error)?;
    let codes = new_recovery_codes(&txn, user.id).await?;
    audit::record(
        &txn,
        audit::Entry::on_self(&user, "auth.two_factor_enabled"),
        now,
    )
    .await?;
    txn.commit().await.map_err(db_error)?;
    Ok(codes)
}

/// Switches two-factor sign-in off; needs a current code or a recovery code.
pub async fn disable(
    db: &Db,
    secrets: &SecretBox,
    viewer: Option<&Viewer>,
    code: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let user = viewer_user(db, viewer).await?;
    if !verify(db, secrets, &user, code, now).await? {
        return Err(AppError::invalid("code", "That code is not right."));
    }
    let txn = crate::db::begin(db).await?;
    user::Entity::update_many()
        .col_expr(
            user::Column::TotpSecret,
            Expr::value(Option::<String>::None),
        )
        .col_expr(
            user::Column::TotpEnabledAt,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .col_expr(user::Column::TotpLastStep, Expr::value(Option::<i64>::None))
        .filter(user::Column::Id.eq(user.id))
        .exec(&txn)
        .await
        .map_err(db_error)?;
    recovery_code::Entity::delete_many()
        .filter(recovery_code::Column::UserId.eq(user.id))
        .exec(&txn)
        .await
        .map_err(db_error)?;
    audit::record(
        &txn,
        audit::Entry::on_self(&user, "auth.two_factor_disabled"),
        now,
    )
    .await?;
    txn.commit().await.map_err(db_error)
}

/// Checks a sign-in code for a user with two-factor on: a TOTP code from a time step
/// newer than the last accepted one, or an unused recovery code. Accepting spends it.
pub async fn verify(
    db: &Db,
    secrets: &SecretBox,
    user: &user::Model,
    code: &str,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    let (Some(sealed), Some(_)) = (user.totp_secret.as_deref(), user.totp_enabled_at) else {
        return Ok(false);
    };
    let code = code.trim();
    if let Some(step) = matching_step(secrets, sealed, &user.email, code, now)? {
        // Conditional update: the step must be newer than the last one, so a code (even
        // one seen over a shoulder) works once, and two racing requests cannot both pass.
        let result = user::Entity::update_many()
            .col_expr(user::Column::TotpLastStep, Expr::value(step))
            .filter(user::Column::Id.eq(user.id))
            .filter(
                sea_orm::Condition::any()
                    .add(user::Column::TotpLastStep.is_null())
                    .add(user::Column::TotpLastStep.lt(step)),
            )
            .exec(db)
            .await
            .map_err(db_error)?;
        return Ok(result.rows_affected == 1);
    }
    let spent = recovery_code::Entity::update_many()
        .col_expr(recovery_code::Column::UsedAt, Expr::value(now))
        .filter(recovery_code::Column::UserId.eq(user.id))
        .filter(recovery_code::Column::CodeHash.eq(token::hash(&normalise_recovery(code))))
        .filter(recovery_code::Column::UsedAt.is_null())
        .exec(db)
        .await
        .map_err(db_error)?;
    Ok(spent.rows_affected == 1)
}

fn matching_step(
    secrets: &SecretBox,
    sealed: &str,
    account: &str,
    code: &str,
    now: DateTime<Utc>,
) -> Result<Option<i64>, AppError> {
    let digits: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.len() != 6 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return Ok(None);
    }
    let totp = totp(secrets.open(sealed)?, "-", account)?;
    let time = u64::try_from(now.timestamp()).unwrap_or(0);
    Ok(totp.check(&digits, time).map(|step| step as i64))
}

/// `ABCDE-12345` style: easy to read aloud and type; case and dashes do not matter.
fn normalise_recovery(code: &str) -> String {
    code.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

async fn new_recovery_codes(
    conn: &impl ConnectionTrait,
    user_id: i32,
) -> Result<Vec<String>, AppError> {
    recovery_code::Entity::delete_many()
        .filter(recovery_code::Column::UserId.eq(user_id))
        .exec(conn)
        .await
        .map_err(db_error)?;
    // No 0/o/1/l/i: nothing to misread.
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    let mut codes = Vec::with_capacity(RECOVERY_CODES);
    for _ in 0..RECOVERY_CODES {
        let mut raw = [0u8; 10];
        getrandom::fill(&mut raw).map_err(crate::error::internal)?;
        let chars: String = raw
            .iter()
            .map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char)
            .collect();
        let code = format!("{}-{}", &chars[..5], &chars[5..]);
        recovery_code::ActiveModel {
            user_id: Set(user_id),
            code_hash: Set(token::hash(&normalise_recovery(&code))),
            used_at: Set(None),
            ..Default::default()
        }
        .insert(conn)
        .await
        .map_err(db_error)?;
        codes.push(code);
    }
    Ok(codes)
}
