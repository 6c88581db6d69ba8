//! The one error type of the product and its JSON problem rendering.
//!
//! Every layer returns [`AppError`]. The `app` crate renders it as a field-level form
//! error or an SSR status page, the server's `/v1` routes as an RFC 9457 problem document.

mod fields;
mod problem;

pub use fields::FieldErrors;
pub use problem::Problem;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AppError {
    /// One or more inputs were rejected; nothing was changed.
    #[error("some fields need attention")]
    Validation { errors: FieldErrors },
    #[error("{what} not found")]
    NotFound { what: String },
    /// No valid session or API key.
    #[error("sign-in required")]
    Unauthorized,
    /// Signed in, but this caller may not do this.
    #[error("{reason}")]
    Forbidden { reason: String },
    /// The request clashes with the current state (duplicate, wrong status, …).
    #[error("{message}")]
    Conflict { message: String },
    /// The partner's plan does not allow this; the answer is an upgrade, not a retry.
    /// `upgrade_to` names the next tier (a `billing::TierCode` wire name), if any.
    #[error("{message}")]
    PlanLimit {
        message: String,
        upgrade_to: Option<String>,
    },
    #[error("too many requests; retry in {retry_after_secs} s")]
    RateLimited { retry_after_secs: u64 },
    /// A dependency (database, carrier, mail) is not answering.
    #[error("{message}")]
    Unavailable { message: String },
    /// A bug or an unexpected failure. Details stay in the server log under `reference`
    /// so nothing internal leaks to the caller.
    #[error("something went wrong on our side (reference {reference})")]
    Internal { reference: String },
}

impl AppError {
    pub fn not_found(what: impl Into<String>) -> Self {
        Self::NotFound { what: what.into() }
    }

    pub fn forbidden(reason: impl Into<String>) -> Self {
        Self::Forbidden {
            reason: reason.into(),
        }
    }

    pub fn conflict(message: impl Into<String>) -> Self {
        Self::Conflict {
            message: message.into(),
        }
    }

    pub fn unavailable(message: impl Into<String>) -> Self {
        Self::Unavailable {
            message: message.into(),
        }
    }

    /// A single-field validation error.
    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        Self::Validation {
            errors: FieldErrors::single(field, message),
        }
    }

    /// The HTTP status this error maps to, everywhere it is rendered.
    pub fn status(&self) -> u16 {
        match self {
            Self::Validation { .. } => 422,
            Self::NotFound { .. } => 404,
            Self::Unauthorized => 401,
            Self::Forbidden { .. } => 403,
            Self::Conflict { .. } | Self::PlanLimit { .. } => 409,
            Self::RateLimited { .. } => 429,
            Self::Unavailable { .. } => 503,
            Self::Internal { .. } => 500,
        }
    }

    /// Short, stable, human title (the problem document's `title`).
    pub fn title(&self) -> &'static str {
        match self {
            Self::Validation { .. } => "Validation failed",
            Self::NotFound { .. } => "Not found",
            Self::Unauthorized => "Unauthorized",
            Self::Forbidden { .. } => "Forbidden",
            Self::Conflict { .. } => "Conflict",
            Self::PlanLimit { .. } => "Plan limit reached",
            Self::RateLimited { .. } => "Too many requests",
            Self::Unavailable { .. } => "Service unavailable",
            Self::Internal { .. } => "Internal error",
        }
    }

    /// Machine-readable slug used in the problem document's `type`.
    pub fn slug(&self) -> &'static str {
        match self {
            Self::Validation { .. } => "validation",
            Self::NotFound { .. } => "not-found",
            Self::Unauthorized => "unauthorized",
            Self::Forbidden { .. } => "forbidden",
            Self::Conflict { .. } => "conflict",
            Self::PlanLimit { .. } => "plan-limit",
            Self::RateLimited { .. } => "rate-limited",
            Self::Unavailable { .. } => "unavailable",
            Self::Internal { .. } => "internal",
        }
    }

    /// The field errors, when this is a validation error.
    pub fn field_errors(&self) -> Option<&FieldErrors> {
        match self {
            Self::Validation { errors } => Some(errors),
            _ => None,
        }
    }
}

impl From<FieldErrors> for AppError {
    fn from(errors: FieldErrors) -> Self {
        Self::Validation { errors }
    }
}

#[cfg(test)]
mod tests;
