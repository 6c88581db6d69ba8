//! The `users` table.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub public_id: Uuid,
    #[sea_orm(unique)]
    pub email: String,
    pub password_hash: String,
    /// A `model::auth::Role`, stored by its wire name.
    pub role: String,
    pub display_name: Option<String>,
    /// The partner this user belongs to; `None` for platform admins.
    pub partner_id: Option<i32>,
    /// The tenant a Tenant Admin or Tenant User belongs to.
    pub tenant_id: Option<i32>,
    pub last_login_at: Option<DateTimeUtc>,
    /// The TOTP seed, sealed with `crypto::SecretBox`; set during enrolment.
    pub totp_secret: Option<String>,
    /// When two-factor sign-in was switched on (`None`: off, or enrolment unfinished).
    pub totp_enabled_at: Option<DateTimeUtc>,
    /// The last accepted TOTP time step: a code is never accepted twice.
    pub totp_last_step: Option<i64>,
    pub email_verified_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl Model {
    /// How the person is named to others (history, emails, lists): their name, else
    /// their address.
    pub fn shown_name(&self) -> &str {
        self.display_name.as_deref().unwrap_or(&self.email)
    }
}

impl Model {
    /// How the audit log names this user as a target.
    pub fn target(&self) -> String {
        format!("user:{}", self.public_id)
    }
}

/// The user with row id `id` (just written in the same transaction, typically).
pub async fn by_id(
    conn: &impl sea_orm::ConnectionTrait,
    id: i32,
) -> Result<Model, model::AppError> {
    Entity::find_by_id(id)
        .one(conn)
        .await
        .map_err(crate::error::db_error)?
        .ok_or_else(|| model::AppError::not_found("User"))
}

/// Who the viewer is, as the request resolved it from its session (one query for the
/// whole request: see `auth::viewer`), falling back to a lookup for a viewer made some
/// other way. For scope and role checks; services that read what may have changed since
/// (password, two-factor) use [`behind`].
pub async fn resolved(
    conn: &impl sea_orm::ConnectionTrait,
    viewer: Option<&model::auth::Viewer>,
) -> Result<Model, model::AppError> {
    if let Some(viewer) = viewer {
        let row = viewer.resolved.get::<Model>();
        if let Some(user) = row.filter(|u| u.public_id.to_string() == viewer.user_id) {
            return Ok(user.clone());
        }
    }
    behind(conn, viewer).await
}

/// The stored user behind the signed-in viewer. A viewer whose user no longer exists
/// (removed a moment ago) is treated as signed out.
pub async fn behind(
    conn: &impl sea_orm::ConnectionTrait,
    viewer: Option<&model::auth::Viewer>,
) -> Result<Model, model::AppError> {
    use model::AppError;
    let viewer = viewer.ok_or(AppError::Unauthorized)?;
    let id = Uuid::parse_str(&viewer.user_id).map_err(|_| AppError::Unauthorized)?;
    Entity::find()
        .filter(Column::PublicId.eq(id))
        .one(conn)
        .await
        .map_err(crate::error::db_error)?
        .ok_or(AppError::Unauthorized)
}
