use serde::{Deserialize, Serialize};

use super::{AppError, FieldErrors};

/// An RFC 9457 problem document, the body of every `/v1` error
/// (`application/problem+json`).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    #[serde(rename = "type")]
    pub type_uri: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<std::collections::BTreeMap<String, Vec<String>>>))]
    pub errors: Option<FieldErrors>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
}

impl Problem {
    pub const CONTENT_TYPE: &'static str = "application/problem+json";

    pub fn from_error(error: &AppError, request_id: Option<String>) -> Self {
        Self {
            type_uri: format!("/problems/{}", error.slug()),
            title: error.title().to_owned(),
            status: error.status(),
            detail: error.to_string(),
            errors: error.field_errors().cloned(),
            request_id,
        }
    }
}
