//! Partners and their owners: created by the operator (`server create-partner`, ACTIVE,
//! owner verified) or by self sign-up (TRIAL for 14 days, owner must verify the email).

pub mod admin;
pub mod partner;

#[cfg(test)]
mod admin_tests;
#[cfg(test)]
mod tests;

use chrono::{DateTime, Duration, Utc};
use model::{
    AppError, FieldErrors,
    auth::{Email, Password, Role},
    partners::{PartnerStatus, Slug, parse_name},
};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, Set};
use uuid::Uuid;

use crate::{
    Db, audit,
    auth::{password, user},
    error::db_error,
};

pub const TRIAL_LENGTH: Duration = Duration::days(14);

/// The operator's input for `server create-partner`.
pub struct NewPartner<'a> {
    pub name: &'a str,
    pub slug: &'a str,
    pub owner_email: &'a str,
    pub owner_password: &'a str,
}

/// A visitor's input at `/signup`.
pub struct SignUp<'a> {
    pub company: &'a str,
    pub name: &'a str,
    pub email: &'a str,
    pub password: &'a str,
}

#[derive(Debug, Clone)]
pub struct Created {
    pub partner: partner::Model,
    pub owner: user::Model,
}

/// `server create-partner`: an ACTIVE partner whose owner is a verified Partner Admin.
pub async fn create_by_operator(
    db: &Db,
    input: NewPartner<'_>,
    now: DateTime<Utc>,
) -> Result<Created, AppError> {
    let mut errors = FieldErrors::new();
    let name = errors.check("name", parse_name(input.name, "company name"));
    let slug = errors.check("slug", Slug::parse(input.slug));
    let email = errors.check("email", Email::parse(input.owner_email));
    let password = errors.check("password", Password::parse(input.owner_password));
    let (Some(name), Some(slug), Some(email), Some(password)) = (name, slug, email, password)
    else {
        return Err(errors.into());
    };
    let hash = password::hash(&password).await?;

    let txn = crate::db::begin(db).await?;
    ensure_free(&txn, ("email", &email), Some(&slug)).await?;
    let created = insert(
        &txn,
        &name,
        &slug,
        PartnerStatus::Active,
        None,
        &email,
        None,
        hash,
        Some(now),
        now,
    )
    .await?;
    audit::record(
        &txn,
        audit::Entry::by_system("cli", Some(created.partner.id), "partner.created", target(&created.partner))
            .with_summary(serde_json::json!({"name": name, "slug": slug.as_str(), "status": "ACTIVE", "owner": email.as_str()})),
        now,
    )
    .await?;
    txn.commit().await.map_err(db_error)?;
    Ok(created)
}

/// Self sign-up: a TRIAL partner for 14 days and an unverified owner, plus the
/// verification email in the outbox (same transaction: both happen or neither).
/// `base_url` is where the verification link points (the requesting host).
pub async fn sign_up(
    db: &Db,
    input: SignUp<'_>,
    base_url: &str,
    now: DateTime<Utc>,
) -> Result<Created, AppError> {
    let model::partners::ValidSignUp {
        company,
        name,
        email,
        password,
    } = model::partners::validate_sign_up(input.company, input.name, input.email, input.password)?;
    let hash = password::hash(&password).await?;

    let txn = crate::db::begin(db).await?;
    ensure_free(&txn, ("email", &email), None).await?;
    let slug = free_slug(&txn, &company).await?;
    let created = insert(
        &txn,
        &company,
        &slug,
        PartnerStatus::Trial,
        Some(now + TRIAL_LENGTH),
        &email,
        Some(name),
        hash,
        None,
        now,
    )
    .await?;
    let sender = crate::branding::sender_for(&txn, Some(created.partner.id), "").await?;
    crate::auth::verification::send(&txn, &created.owner, &sender, base_url, now).await?;
    audit::record(
        &txn,
        audit::Entry::by_user(
            &created.owner,
            "partner.signed_up",
            target(&created.partner),
        )
        .with_summary(
            serde_json::json!({"name": company, "slug": slug.as_str(), "status": "TRIAL"}),
        ),
        now,
    )
    .await?;
    txn.commit().await.map_err(db_error)?;
    Ok(created)
}

pub async fn find_by_id(
    conn: &impl sea_orm::ConnectionTrait,
    id: i32,
) -> Result<Option<partner::Model>, AppError> {
    partner::Entity::find_by_id(id)
        .one(conn)
        .await
        .map_err(db_error)
}

/// The partner at `SLUG.<platform domain>`.
pub async fn find_by_slug(
    conn: &impl sea_orm::ConnectionTrait,
    slug: &str,
) -> Result<Option<partner::Model>, AppError> {
    partner::Entity::find()
        .filter(partner::Column::Slug.eq(slug))
        .one(conn)
        .await
        .map_err(db_error)
}

fn target(p: &partner::Model) -> String {
    format!("partner:{}", p.public_id)
}

/// The email (the form's `email_field`) must be new everywhere (one identity per
/// address); the slug, when chosen by the operator, must be free. Both are reported at
/// once.
async fn ensure_free(
    txn: &DatabaseTransaction,
    (email_field, email): (&str, &Email),
    slug: Option<&Slug>,
) -> Result<(), AppError> {
    let mut errors = model::FieldErrors::new();
    let taken = user::Entity::find()
        .filter(user::Column::Email.eq(email.as_str()))
        .one(txn)
        .await
        .map_err(db_error)?;
    if taken.is_some() {
        errors.add(
            email_field,
            "An account with this email already exists. Sign in instead.",
        );
    }
    if let Some(slug) = slug
        && slug_taken(txn, slug.as_str()).await?
    {
        errors.add("slug", format!("\"{slug}\" is taken; choose another."));
    }
    errors.into_result()
}

async fn slug_taken(txn: &DatabaseTransaction, slug: &str) -> Result<bool, AppError> {
    Ok(partner::Entity::find()
        .filter(partner::Column::Slug.eq(slug))
        .one(txn)
        .await
        .map_err(db_error)?
        .is_some())
}

/// A free slug from the company name: `acme`, then `acme-2`, `acme-3`, …
async fn free_slug(txn: &DatabaseTransaction, company: &str) -> Result<Slug, AppError> {
    let base = Slug::suggest(company).map_or_else(
        || "partner".to_owned(),
        |s| s.as_str().chars().take(34).collect(),
    );
    for n in 1..1000 {
        let candidate = if n == 1 {
            base.clone()
        } else {
            format!("{base}-{n}")
        };
        if let Ok(slug) = Slug::parse(&candidate)
            && !slug_taken(txn, slug.as_str()).await?
        {
            return Ok(slug);
        }
    }
    Err(AppError::conflict(
        "No free address could be derived from this company name.",
    ))
}

#[allow(clippy::too_many_arguments)]
async fn insert(
    txn: &DatabaseTransaction,
    name: &str,
    slug: &Slug,
    status: PartnerStatus,
    trial_ends_at: Option<DateTime<Utc>>,
    email: &Email,
    display_name: Option<String>,
    password_hash: String,
    verified_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<Created, AppError> {
    let partner = partner::ActiveModel {
        public_id: Set(Uuid::now_v7()),
        name: Set(name.to_owned()),
        slug: Set(slug.to_string()),
        status: Set(status.as_str().to_owned()),
        trial_ends_at: Set(trial_ends_at),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await
    .map_err(db_error)?;
    crate::invoicing::profiles::insert_starters(txn, partner.id, now).await?;
    let owner = user::ActiveModel {
        public_id: Set(Uuid::now_v7()),
        email: Set(email.to_string()),
        password_hash: Set(password_hash),
        role: Set(Role::PartnerAdmin.as_str().to_owned()),
        display_name: Set(display_name),
        email_verified_at: Set(verified_at),
        partner_id: Set(Some(partner.id)),
        last_login_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await
    .map_err(db_error)?;
    Ok(Created { partner, owner })
}
