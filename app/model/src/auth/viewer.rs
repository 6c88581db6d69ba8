use serde::{Deserialize, Serialize};

use super::Role;
use crate::partners::PartnerStatus;

/// Who is looking at a page: resolved once per request from the session cookie, handed
/// to pages and server functions (and to the browser, so hydration renders the same).
/// Holds nothing secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Viewer {
    pub user_id: String,
    pub email: String,
    pub name: Option<String>,
    pub role: Role,
    pub email_verified: bool,
    /// Two-factor sign-in is on.
    pub two_factor: bool,
    pub partner: Option<ViewerPartner>,
    /// The tenant a partner admin is managing right now ("assume identity").
    pub assumed: Option<AssumedTenant>,
    /// For Tenant Admins and Tenant Users: their own tenant (their portal's address).
    pub tenant: Option<AssumedTenant>,
    /// What the server resolved this viewer from, so the services one request calls do
    /// not look the same user up again. Never serialised: a viewer read back in the
    /// browser has none.
    #[serde(skip)]
    pub resolved: Resolved,
}

/// A server-side value riding along with a [`Viewer`] (the user's database row, which
/// this crate cannot name). Opaque here; ignored by equality, since the viewer's own
/// fields already say who it is.
#[derive(Clone, Default)]
pub struct Resolved(Option<std::sync::Arc<dyn std::any::Any + Send + Sync>>);

impl Resolved {
    pub fn new<T: std::any::Any + Send + Sync>(value: T) -> Self {
        Self(Some(std::sync::Arc::new(value)))
    }

    pub fn get<T: std::any::Any>(&self) -> Option<&T> {
        self.0.as_deref().and_then(|v| v.downcast_ref())
    }
}

impl PartialEq for Resolved {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for Resolved {}

impl std::fmt::Debug for Resolved {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_some() {
            "Resolved(..)"
        } else {
            "Resolved(none)"
        })
    }
}

/// A tenant as the viewer knows it: the one being managed (every page then shows a
/// banner naming it) or, for a tenant's own users, their tenant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssumedTenant {
    pub id: String,
    pub name: String,
    pub sip_prefix: String,
    /// RFC 3339, UTC.
    pub since: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ViewerPartner {
    pub id: String,
    pub name: String,
    pub status: PartnerStatus,
    /// Whole days left in the trial (0 on its last day); `None` outside a trial.
    pub trial_days_left: Option<i64>,
}

impl Viewer {
    /// Partner Users read; everyone else with a partner role may change things.
    pub fn can_write(&self) -> bool {
        !matches!(self.role, Role::PartnerUser | Role::TenantUser)
    }

    pub fn is_platform_admin(&self) -> bool {
        self.role == Role::PlatformAdmin
    }

    /// What the header shows: the name when known, else the email.
    pub fn display(&self) -> &str {
        self.name.as_deref().unwrap_or(&self.email)
    }
}
