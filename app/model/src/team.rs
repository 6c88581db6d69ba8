//! A partner's team as Settings → Users shows it.

use serde::{Deserialize, Serialize};

use crate::{
    FieldErrors,
    auth::{Email, Role},
};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    pub id: String,
    pub email: String,
    pub name: Option<String>,
    pub role: Role,
    pub verified: bool,
    /// Invited but not yet accepted.
    pub pending: bool,
    /// RFC 3339, UTC.
    pub last_login_at: Option<String>,
    pub created_at: String,
    /// The signed-in viewer (who cannot remove themselves).
    pub is_you: bool,
}

/// The roles a partner can invite someone into.
pub const INVITABLE: [Role; 2] = [Role::PartnerAdmin, Role::PartnerUser];

/// An invitation: a valid address and one of the partner roles.
pub fn validate_invite(email: &str, role: &str) -> Result<(Email, Role), FieldErrors> {
    let mut errors = FieldErrors::new();
    let email = errors.check("email", Email::parse(email));
    let role = errors.check(
        "role",
        Role::parse(role)
            .ok()
            .filter(|r| INVITABLE.contains(r))
            .ok_or_else(|| "Choose Partner Admin or Partner User.".to_owned()),
    );
    match (email, role) {
        (Some(e), Some(r)) => Ok((e, r)),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invitations_take_partner_roles_only() {
        assert_eq!(
            validate_invite("A@b.co", "partner_user").unwrap().1,
            Role::PartnerUser
        );
        let err = validate_invite("nope", "platform_admin").unwrap_err();
        assert!(err.first("email").is_some() && err.first("role").is_some());
    }
}
