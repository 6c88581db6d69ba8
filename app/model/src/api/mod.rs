//! The REST API's keys: what each may touch (scopes by resource, read or write), which
//! tenants it is limited to, and how many requests a minute it may make. The key itself
//! is shown once; afterwards only a masked hint of it.

pub mod invoicing;
pub mod money;
pub mod numbers;
pub mod ports;
pub mod resources;

use serde::{Deserialize, Serialize};

use crate::FieldErrors;

/// The resources a key can be scoped to, with their names on the settings page.
pub const RESOURCES: [(&str, &str); 8] = [
    ("tenants", "Tenants"),
    ("extensions", "Extensions"),
    ("numbers", "Numbers"),
    ("ports", "Port requests"),
    ("billing", "Billing"),
    ("usage", "Usage"),
    ("calls", "Calls"),
    ("webhooks", "Webhooks"),
];

/// Every key starts with this, so a leaked one is recognisable in logs and scans.
pub const KEY_PREFIX: &str = "key_live_";
pub const DEFAULT_RATE_LIMIT: u32 = 100;
pub const MAX_RATE_LIMIT: u32 = 10_000;
/// Requests a minute for all of a partner's keys together.
pub const PARTNER_RATE_LIMIT: u32 = 1_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Access {
    Read,
    Write,
}

/// A checked list of scopes (`tenants:read`, `numbers:write`, or `all`), sorted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Scopes(Vec<String>);

impl Scopes {
    pub fn parse<S: AsRef<str>>(items: &[S]) -> Result<Self, String> {
        let mut out: Vec<String> = Vec::new();
        for item in items {
            let item = item.as_ref().trim().to_ascii_lowercase();
            if item.is_empty() {
                continue;
            }
            if item == "all" {
                return Ok(Self(vec!["all".into()]));
            }
            let valid = item.split_once(':').is_some_and(|(resource, access)| {
                RESOURCES.iter().any(|(r, _)| *r == resource) && matches!(access, "read" | "write")
            });
            if !valid {
                return Err(format!(
                    "\"{item}\" is not a scope: use RESOURCE:read or RESOURCE:write, or all."
                ));
            }
            if !out.contains(&item) {
                out.push(item);
            }
        }
        if out.is_empty() {
            return Err("Choose at least one scope.".into());
        }
        out.sort();
        Ok(Self(out))
    }

    /// Whether these scopes allow `access` to `resource` (write implies read).
    pub fn allows(&self, resource: &str, access: Access) -> bool {
        self.0.iter().any(|s| {
            s == "all"
                || *s == format!("{resource}:write")
                || (access == Access::Read && *s == format!("{resource}:read"))
        })
    }

    /// How many scopes this is (`all` is every one).
    pub fn count(&self) -> usize {
        if self.is_all() {
            RESOURCES.len() * 2
        } else {
            self.0.len()
        }
    }

    pub fn is_all(&self) -> bool {
        self.0.iter().any(|s| s == "all")
    }

    pub fn as_slice(&self) -> &[String] {
        &self.0
    }
}

/// Settings → API Keys → New key (and `server create-api-key`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ApiKeyForm {
    pub name: String,
    pub scopes: Vec<String>,
    /// Tenant ids the key is limited to; empty for every tenant.
    pub tenants: Vec<String>,
    /// Requests a minute; empty for the default.
    pub rate_limit: String,
    /// Days until the key expires; empty for never.
    pub expires_in_days: String,
}

/// A checked form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiKeySpec {
    pub name: String,
    pub scopes: Scopes,
    pub tenants: Vec<String>,
    pub rate_limit: u32,
    pub expires_in_days: Option<u32>,
}

impl ApiKeyForm {
    pub fn validate(&self) -> Result<ApiKeySpec, FieldErrors> {
        let mut errors = FieldErrors::new();
        let name = self.name.split_whitespace().collect::<Vec<_>>().join(" ");
        if name.is_empty() || name.chars().count() > 80 {
            errors.add(
                "name",
                "Name the key (1 to 80 characters), e.g. after the system that uses it.",
            );
        }
        let scopes = errors.check("scopes", Scopes::parse(&self.scopes));
        let tenants = errors.check("tenants", parse_tenants(&self.tenants));
        let rate_limit = errors.check("rate_limit", parse_rate_limit(&self.rate_limit));
        let expires = errors.check("expires_in_days", parse_expiry(&self.expires_in_days));
        match (scopes, tenants, rate_limit, expires) {
            (Some(scopes), Some(tenants), Some(rate_limit), Some(expires_in_days))
                if errors.is_empty() =>
            {
                Ok(ApiKeySpec {
                    name,
                    scopes,
                    tenants,
                    rate_limit,
                    expires_in_days,
                })
            }
            _ => Err(errors),
        }
    }
}

pub fn parse_tenants(items: &[String]) -> Result<Vec<String>, String> {
    let mut out: Vec<String> = Vec::new();
    for item in items.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
        let id = uuid::Uuid::parse_str(item)
            .map_err(|_| format!("\"{item}\" is not a tenant id."))?
            .to_string();
        if !out.contains(&id) {
            out.push(id);
        }
    }
    Ok(out)
}

pub fn parse_rate_limit(input: &str) -> Result<u32, String> {
    let input = input.trim();
    if input.is_empty() {
        return Ok(DEFAULT_RATE_LIMIT);
    }
    match input.parse::<u32>() {
        Ok(n) if (1..=MAX_RATE_LIMIT).contains(&n) => Ok(n),
        _ => Err(format!(
            "Use a whole number of requests a minute, from 1 to {MAX_RATE_LIMIT}."
        )),
    }
}

fn parse_expiry(input: &str) -> Result<Option<u32>, String> {
    let input = input.trim();
    if input.is_empty() {
        return Ok(None);
    }
    match input.parse::<u32>() {
        Ok(n) if (1..=730).contains(&n) => Ok(Some(n)),
        _ => Err("Choose when the key expires: in 1 to 730 days, or never.".into()),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum KeyStatus {
    Active,
    Revoked,
    Expired,
}

impl KeyStatus {
    pub fn label(self) -> &'static str {
        match self {
            Self::Active => "Active",
            Self::Revoked => "Revoked",
            Self::Expired => "Expired",
        }
    }
}

/// A key as the settings page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiKey {
    pub id: String,
    pub name: String,
    /// `key_live_Ab3x…9fQk`: enough to tell keys apart, useless to a thief.
    pub masked: String,
    pub scopes: Scopes,
    /// `(id, name)` of the tenants it is limited to; empty for all.
    pub tenants: Vec<(String, String)>,
    pub rate_limit: u32,
    pub status: KeyStatus,
    /// Made by a Partner User: it can only read, whatever its scopes say.
    pub read_only: bool,
    pub created_by: String,
    pub created_at: String,
    pub last_used_at: Option<String>,
    pub expires_at: Option<String>,
}

/// A key just made: the only time its secret is shown. On the wire: the key itself plus
/// `secret`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewApiKey {
    #[serde(flatten)]
    pub key: ApiKey,
    pub secret: String,
}

/// What can change on a key afterwards: its scopes and tenants.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ApiKeyEdit {
    pub scopes: Vec<String>,
    pub tenants: Vec<String>,
}

#[cfg(test)]
mod tests;

/// A page of a list: `next_cursor` fetches the next one (`None` on the last page).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListPage<T> {
    pub data: Vec<T>,
    pub next_cursor: Option<String>,
}

/// Default and largest `?limit=` of a list.
pub const DEFAULT_PAGE: u64 = 50;
pub const MAX_PAGE: u64 = 200;

/// `?limit=`: 1 to 200, 50 when absent.
pub fn parse_page_limit(input: Option<&str>) -> Result<u64, String> {
    match input.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(DEFAULT_PAGE),
        Some(s) => match s.parse::<u64>() {
            Ok(n) if (1..=MAX_PAGE).contains(&n) => Ok(n),
            _ => Err(format!("limit is a whole number from 1 to {MAX_PAGE}.")),
        },
    }
}

/// An emergency address in API bodies.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AddressInput {
    pub street: String,
    pub city: String,
    pub state: String,
    pub zip: String,
}

/// A point in time as every API answer and webhook carries it: RFC 3339, UTC, whole
/// seconds (`2026-12-06T21:32:26Z`). The one formatter, so the wire has one shape.
pub fn rfc3339(t: chrono::DateTime<chrono::Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// A field fixed when its object was created: on `PATCH`, sending the current value is
/// fine and a different one is refused by name, so a client never believes it changed
/// something that stayed as it was.
pub fn unchanged(
    field: &str,
    sent: Option<&str>,
    current: &str,
    message: &str,
) -> Result<(), crate::AppError> {
    match sent {
        Some(value) if value.trim() != current => Err(crate::AppError::invalid(field, message)),
        _ => Ok(()),
    }
}

/// `POST /v1/tenants` and `PATCH /v1/tenants/{id}`: absent fields are not set (on
/// `PATCH`, left as they are). Checked by the same rules as the tenant form.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TenantInput {
    pub name: Option<String>,
    pub sip_prefix: Option<String>,
    pub billing_email: Option<String>,
    pub default_cnam: Option<String>,
    pub timezone: Option<String>,
    #[serde(deserialize_with = "object")]
    pub e911_address: Option<AddressInput>,
    pub max_extensions: Option<u32>,
    pub max_numbers: Option<u32>,
    /// How the tenant is invoiced; set by the partner only.
    #[serde(deserialize_with = "object")]
    pub billing: Option<invoicing::TenantBillingInput>,
}

impl TenantInput {
    /// These fields over `base` (empty for a new tenant, the current values to patch).
    pub fn over(self, mut base: crate::tenants::TenantForm) -> crate::tenants::TenantForm {
        let set = |slot: &mut String, value: Option<String>| {
            if let Some(v) = value {
                *slot = v;
            }
        };
        set(&mut base.name, self.name);
        set(&mut base.sip_prefix, self.sip_prefix);
        set(&mut base.billing_email, self.billing_email);
        set(&mut base.default_cnam, self.default_cnam);
        set(&mut base.timezone, self.timezone);
        if let Some(a) = self.e911_address {
            base.e911_street = a.street;
            base.e911_city = a.city;
            base.e911_state = a.state;
            base.e911_zip = a.zip;
        }
        if let Some(n) = self.max_extensions {
            base.max_extensions = n.to_string();
        }
        if let Some(n) = self.max_numbers {
            base.max_numbers = n.to_string();
        }
        base
    }
}

/// For a field whose `null` means something (clear it) apart from leaving it out
/// (keep it): absent → `None` (with `#[serde(default)]`), `null` → `Some(None)`, a
/// value → `Some(Some(value))`.
pub fn present<'de, D, T>(d: D) -> Result<Option<Option<T>>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(d).map(Some)
}

/// For an optional nested object in a request body: `null` or absent is `None`, an
/// object is parsed in place (so a bad field inside keeps its full path), and anything
/// else, notably an array, is refused. Without it serde fills a struct from an array by
/// position, so `"billing": [null, null]` would be read as an empty object.
pub fn object<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    use serde::de::{MapAccess, Visitor, value::MapAccessDeserializer};

    struct ObjectOnly<T>(std::marker::PhantomData<T>);

    impl<'de, T: Deserialize<'de>> Visitor<'de> for ObjectOnly<T> {
        type Value = Option<T>;

        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a JSON object")
        }

        fn visit_none<E>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_unit<E>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_some<D2: serde::Deserializer<'de>>(self, d: D2) -> Result<Self::Value, D2::Error> {
            d.deserialize_map(self)
        }

        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
            T::deserialize(MapAccessDeserializer::new(map)).map(Some)
        }
    }

    d.deserialize_option(ObjectOnly(std::marker::PhantomData))
}
