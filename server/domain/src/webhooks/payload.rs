//! What a delivery sends: the JSON body built from the event row (byte for byte the same
//! on every attempt and redelivery), and the Standard Webhooks signature over it.

use base64::{Engine, engine::general_purpose::STANDARD};
use hmac::{Hmac, KeyInit, Mac};
use model::{AppError, webhooks::SECRET_PREFIX};
use sha2::Sha256;

use crate::{error::internal, events::Event};

/// The body of every webhook: `{"id","type","created_at","partner_id","data"}`. `data` is
/// the JSON the service recorded, spliced in as it was stored.
pub fn body(event: &Event, partner_public_id: &uuid::Uuid) -> Result<String, AppError> {
    let text = |s: &str| serde_json::to_string(s).map_err(internal);
    let created_at = crate::db::rfc3339(event.created_at);
    Ok(format!(
        r#"{{"id":{},"type":{},"created_at":{},"partner_id":{},"data":{}}}"#,
        text(&event.public_id)?,
        text(&event.event_type)?,
        text(&created_at)?,
        text(&partner_public_id.to_string())?,
        event.data
    ))
}

/// A new `whsec_<base64 of 32 random bytes>`.
pub fn new_secret() -> Result<String, AppError> {
    let mut key = [0u8; 32];
    getrandom::fill(&mut key).map_err(|e| internal(format!("no randomness: {e}")))?;
    Ok(format!("{SECRET_PREFIX}{}", STANDARD.encode(key)))
}

/// `whsec_Ab3x…`: tells secrets apart, reveals nothing useful.
pub fn hint(secret: &str) -> String {
    format!(
        "{}…",
        &secret[..(SECRET_PREFIX.len() + 4).min(secret.len())]
    )
}

/// The `webhook-signature` header: `v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{body}">`
/// keyed with the secret's decoded bytes.
pub fn signature(secret: &str, id: &str, timestamp: i64, body: &str) -> Result<String, AppError> {
    let key = STANDARD
        .decode(secret.strip_prefix(SECRET_PREFIX).unwrap_or(secret))
        .map_err(|e| internal(format!("webhook secret is not base64: {e}")))?;
    let mut mac = Hmac::<Sha256>::new_from_slice(&key).map_err(internal)?;
    mac.update(format!("{id}.{timestamp}.").as_bytes());
    mac.update(body.as_bytes());
    Ok(format!(
        "v1,{}",
        STANDARD.encode(mac.finalize().into_bytes())
    ))
}
