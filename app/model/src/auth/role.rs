use serde::{Deserialize, Serialize};

/// Who someone is in the three layers. Stored by its wire name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// The operator's staff: every partner, tiers and rates.
    PlatformAdmin,
    /// Everything within one partner.
    PartnerAdmin,
    /// Read-only within one partner (mutations are refused on the server).
    PartnerUser,
    /// Manages one tenant's users and extensions.
    TenantAdmin,
    /// Reads one tenant's portal.
    TenantUser,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Self::PlatformAdmin,
        Self::PartnerAdmin,
        Self::PartnerUser,
        Self::TenantAdmin,
        Self::TenantUser,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::PlatformAdmin => "platform_admin",
            Self::PartnerAdmin => "partner_admin",
            Self::PartnerUser => "partner_user",
            Self::TenantAdmin => "tenant_admin",
            Self::TenantUser => "tenant_user",
        }
    }

    pub fn parse(value: &str) -> Result<Self, String> {
        Self::ALL
            .into_iter()
            .find(|r| r.as_str() == value)
            .ok_or_else(|| format!("\"{value}\" is not a role."))
    }

    /// The label people read.
    pub fn label(self) -> &'static str {
        match self {
            Self::PlatformAdmin => "Platform Admin",
            Self::PartnerAdmin => "Partner Admin",
            Self::PartnerUser => "Partner User",
            Self::TenantAdmin => "Tenant Admin",
            Self::TenantUser => "Tenant User",
        }
    }
}
