use crate::auth::user;

/// One change to record. Build it with a constructor, then add context.
#[derive(Debug, Clone)]
pub struct Entry {
    pub actor_user_id: Option<i32>,
    pub actor_label: String,
    pub acting_as: Option<String>,
    pub partner_id: Option<i32>,
    pub tenant_id: Option<i32>,
    /// `area.verb`, e.g. `partner.created`, `auth.signed_in`.
    pub action: String,
    /// What was changed, e.g. `user:<uuid>`.
    pub target: String,
    pub summary: serde_json::Value,
    pub request_id: Option<String>,
}

impl Entry {
    /// A change made by a signed-in user, in that user's partner's chain. A tenant's own
    /// user's actions concern that tenant, so they show in its activity log.
    pub fn by_user(user: &user::Model, action: &str, target: String) -> Self {
        Self {
            actor_user_id: Some(user.id),
            actor_label: user.email.clone(),
            acting_as: None,
            partner_id: user.partner_id,
            tenant_id: user.tenant_id,
            action: action.to_owned(),
            target,
            summary: serde_json::Value::Null,
            request_id: None,
        }
    }

    /// Something a user did to their own account (signed in, changed the password…).
    pub fn on_self(user: &user::Model, action: &str) -> Self {
        Self::by_user(user, action, user.target())
    }

    /// A change made by the operator's command line or by the system itself.
    pub fn by_system(label: &str, partner_id: Option<i32>, action: &str, target: String) -> Self {
        Self {
            actor_user_id: None,
            actor_label: label.to_owned(),
            acting_as: None,
            partner_id,
            tenant_id: None,
            action: action.to_owned(),
            target,
            summary: serde_json::Value::Null,
            request_id: None,
        }
    }

    /// Files the entry in `partner_id`'s chain: a platform admin acting on a partner
    /// leaves the record where that partner's team can read it.
    pub fn in_partner(mut self, partner_id: i32) -> Self {
        self.partner_id = Some(partner_id);
        self
    }

    /// Names the tenant the change concerns.
    pub fn with_tenant(mut self, tenant_id: i32) -> Self {
        self.tenant_id = Some(tenant_id);
        self
    }

    pub fn with_summary(mut self, summary: serde_json::Value) -> Self {
        self.summary = summary;
        self
    }

    pub fn with_request_id(mut self, request_id: Option<String>) -> Self {
        self.request_id = request_id;
        self
    }
}
