//! Settings → Webhooks and `/v1/webhook-endpoints`: a partner's endpoints, their secrets
//! (shown once, sealed at rest), switching them on and off, deleting (history kept),
//! the deliveries view and *Redeliver*. Every call is scoped to the caller's partner;
//! changes need a Partner Admin.

use chrono::{DateTime, Utc};
use model::{
    AppError,
    auth::Viewer,
    webhooks::{
        DeliveryAttempt, DeliveryStatus, Endpoint, EndpointForm, EndpointPatch, HISTORY,
        MAX_ATTEMPTS, NewSecret,
    },
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

use super::{
    entity::{attempt, delivery, endpoint},
    payload, queue,
};
use crate::{
    Db, auth::actor::Actor, crypto::SecretBox, error::db_error, events::entity as event,
    partners::partner,
};

/// Adds an endpoint; the answer carries its secret, the only time it is shown.
pub async fn create(
    db: &Db,
    secrets: &SecretBox,
    viewer: Option<&Viewer>,
    form: &EndpointForm,
    allow_private: bool,
    now: DateTime<Utc>,
) -> Result<NewSecret, AppError> {
    let actor = Actor::partner_member(db, viewer).await?;
    actor.require_admin()?;
    let spec = form.validate(allow_private)?;
    let secret = payload::new_secret()?;
    let row = endpoint::ActiveModel {
        public_id: Set(uuid::Uuid::now_v7()),
        partner_id: Set(actor.partner_id),
        url: Set(spec.url),
        description: Set(spec.description),
        events: Set(serde_json::to_string(&spec.events).map_err(crate::error::internal)?),
        secret_sealed: Set(secrets.seal(secret.as_bytes())?),
        secret_hint: Set(payload::hint(&secret)),
        enabled: Set(true),
        disabled_reason: Set(None),
        consecutive_failures: Set(0),
        created_at: Set(now),
        updated_at: Set(now),
        deleted_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await
    .map_err(db_error)?;
    Ok(NewSecret {
        endpoint: view(&row),
        secret,
    })
}

/// The partner's endpoints, newest first (deleted ones are gone from the list).
pub async fn list(db: &Db, viewer: Option<&Viewer>) -> Result<Vec<Endpoint>, AppError> {
    let actor = Actor::partner_member(db, viewer).await?;
    Ok(endpoint::Entity::find()
        .filter(endpoint::Column::PartnerId.eq(actor.partner_id))
        .filter(endpoint::Column::DeletedAt.is_null())
        .order_by_desc(endpoint::Column::Id)
        .all(db)
        .await
        .map_err(db_error)?
        .iter()
        .map(view)
        .collect())
}

pub async fn get(db: &Db, viewer: Option<&Viewer>, id: &str) -> Result<Endpoint, AppError> {
    let actor = Actor::partner_member(db, viewer).await?;
    Ok(view(&own(db, actor.partner_id, id).await?))
}

/// Changes the URL, description, events or on/off state. Turning an endpoint back on
/// clears its failure count.
pub async fn update(
    db: &Db,
    viewer: Option<&Viewer>,
    id: &str,
    patch: &EndpointPatch,
    allow_private: bool,
    now: DateTime<Utc>,
) -> Result<Endpoint, AppError> {
    let actor = Actor::partner_member(db, viewer).await?;
    actor.require_admin()?;
    let row = own(db, actor.partner_id, id).await?;
    let current = view(&row);
    let changes_target =
        patch.url.is_some() || patch.description.is_some() || patch.events.is_some();
    let spec = if changes_target {
        Some(patch.over(&current).validate(allow_private)?)
    } else {
        None
    };
    let mut active = row.into_active_model();
    if let Some(spec) = spec {
        active.url = Set(spec.url);
        active.description = Set(spec.description);
        active.events = Set(serde_json::to_string(&spec.events).map_err(crate::error::internal)?);
    }
    match patch.enabled {
        Some(true) if !current.enabled => {
            active.enabled = Set(true);
            active.disabled_reason = Set(None);
            active.consecutive_failures = Set(0);
        }
        Some(false) if current.enabled => {
            active.enabled = Set(false);
            active.disabled_reason = Set(Some("manual".into()));
        }
        _ => {}
    }
    active.updated_at = Set(now);
    let row = active.update(db).await.map_err(db_error)?;
    Ok(view(&row))
}

/// A new secret; the old one stops signing at once (the next attempt uses the new one).
pub async fn rotate_secret(
    db: &Db,
    secrets: &SecretBox,
    viewer: Option<&Viewer>,
    id: &str,
    now: DateTime<Utc>,
) -> Result<NewSecret, AppError> {
    let actor = Actor::partner_member(db, viewer).await?;
    actor.require_admin()?;
    let row = own(db, actor.partner_id, id).await?;
    let secret = payload::new_secret()?;
    let mut active = row.into_active_model();
    active.secret_sealed = Set(secrets.seal(secret.as_bytes())?);
    active.secret_hint = Set(payload::hint(&secret));
    active.updated_at = Set(now);
    let row = active.update(db).await.map_err(db_error)?;
    Ok(NewSecret {
        endpoint: view(&row),
        secret,
    })
}

/// Deletes an endpoint: nothing more is sent to it; its delivery history stays.
pub async fn delete(
    db: &Db,
    viewer: Option<&Viewer>,
    id: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let actor = Actor::partner_member(db, viewer).await?;
    actor.require_admin()?;
    let mut active = own(db, actor.partner_id, id).await?.into_active_model();
    active.enabled = Set(false);
    active.deleted_at = Set(Some(now));
    active.updated_at = Set(now);
    active.update(db).await.map_err(db_error)?;
    Ok(())
}

/// The last 100 attempts to an endpoint, newest first, after the deliveries still
/// waiting for their first attempt.
pub async fn deliveries(
    db: &Db,
    viewer: Option<&Viewer>,
    id: &str,
) -> Result<Vec<DeliveryAttempt>, AppError> {
    let actor = Actor::partner_member(db, viewer).await?;
    let ep = own(db, actor.partner_id, id).await?;
    let attempts = attempt::Entity::find()
        .filter(attempt::Column::EndpointId.eq(ep.id))
        .order_by_desc(attempt::Column::Id)
        .limit(HISTORY)
        .all(db)
        .await
        .map_err(db_error)?;
    let waiting = delivery::Entity::find()
        .filter(delivery::Column::EndpointId.eq(ep.id))
        .filter(delivery::Column::Attempts.eq(0))
        .filter(delivery::Column::NextAttemptAt.is_not_null())
        .order_by_desc(delivery::Column::Id)
        .limit(HISTORY)
        .all(db)
        .await
        .map_err(db_error)?;
    let mut ids: Vec<i32> = attempts.iter().map(|a| a.delivery_id).collect();
    ids.sort_unstable();
    ids.dedup();
    let mut rows = waiting;
    rows.extend(
        delivery::Entity::find()
            .filter(delivery::Column::Id.is_in(ids))
            .all(db)
            .await
            .map_err(db_error)?,
    );
    let events: Vec<event::Model> = event::Entity::find()
        .filter(event::Column::Id.is_in(rows.iter().map(|d| d.event_id)))
        .all(db)
        .await
        .map_err(db_error)?;
    let partner = partner::Entity::find_by_id(actor.partner_id)
        .one(db)
        .await
        .map_err(db_error)?
        .ok_or(AppError::not_found("partner"))?;
    let line =
        |d: &delivery::Model, a: Option<&attempt::Model>| -> Result<DeliveryAttempt, AppError> {
            let ev = events
                .iter()
                .find(|e| e.id == d.event_id)
                .ok_or_else(|| crate::error::internal("delivery without its event"))?;
            Ok(DeliveryAttempt {
                delivery_id: d.public_id.to_string(),
                event_id: ev.public_id.clone(),
                event_type: ev.event_type.clone(),
                status: DeliveryStatus::parse(&d.status).unwrap_or(DeliveryStatus::Pending),
                attempt: a.map_or(0, |a| a.attempt as u32),
                max_attempts: MAX_ATTEMPTS,
                attempted_at: a.map(|a| crate::db::rfc3339(a.attempted_at)),
                response_status: a
                    .and_then(|a| a.response_status)
                    .and_then(|s| u16::try_from(s).ok()),
                outcome: a.map_or_else(
                    || "Waiting for the first attempt".into(),
                    |a| a.outcome.clone(),
                ),
                duration_ms: a.map(|a| a.duration_ms),
                request_body: payload::body(ev, &partner.public_id)?,
                response_body: a.and_then(|a| a.response_body.clone()),
                next_attempt_at: d.next_attempt_at.map(crate::db::rfc3339),
                redelivery: d.seq > 0,
            })
        };
    let mut out = Vec::new();
    for d in rows.iter().filter(|d| d.attempts == 0) {
        out.push(line(d, None)?);
    }
    for a in &attempts {
        if let Some(d) = rows.iter().find(|d| d.id == a.delivery_id) {
            out.push(line(d, Some(a))?);
        }
    }
    out.truncate(HISTORY as usize);
    Ok(out)
}

/// Sends a delivery's event again, same id and body, as a new delivery with its own
/// schedule (the original's history stays as it was).
pub async fn redeliver(
    db: &Db,
    viewer: Option<&Viewer>,
    endpoint_id: &str,
    delivery_id: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let actor = Actor::partner_member(db, viewer).await?;
    actor.require_admin()?;
    let ep = own(db, actor.partner_id, endpoint_id).await?;
    let missing = || AppError::not_found("delivery");
    let public = uuid::Uuid::parse_str(delivery_id).map_err(|_| missing())?;
    let original = delivery::Entity::find()
        .filter(delivery::Column::PublicId.eq(public))
        .filter(delivery::Column::EndpointId.eq(ep.id))
        .one(db)
        .await
        .map_err(db_error)?
        .ok_or_else(missing)?;
    let txn = crate::db::begin(db).await?;
    let last = delivery::Entity::find()
        .filter(delivery::Column::EventId.eq(original.event_id))
        .filter(delivery::Column::EndpointId.eq(ep.id))
        .order_by_desc(delivery::Column::Seq)
        .one(&txn)
        .await
        .map_err(db_error)?
        .map_or(0, |d| d.seq);
    queue::new_delivery(ep.id, original.event_id, last + 1, now)
        .insert(&txn)
        .await
        .map_err(db_error)?;
    txn.commit().await.map_err(db_error)
}

/// The partner's endpoint with public id `id` (not deleted); any other is "not found".
async fn own(db: &Db, partner_id: i32, id: &str) -> Result<endpoint::Model, AppError> {
    let missing = || AppError::not_found("webhook endpoint");
    let public = uuid::Uuid::parse_str(id).map_err(|_| missing())?;
    endpoint::Entity::find()
        .filter(endpoint::Column::PublicId.eq(public))
        .filter(endpoint::Column::PartnerId.eq(partner_id))
        .filter(endpoint::Column::DeletedAt.is_null())
        .one(db)
        .await
        .map_err(db_error)?
        .ok_or_else(missing)
}

fn view(row: &endpoint::Model) -> Endpoint {
    Endpoint {
        id: row.public_id.to_string(),
        url: row.url.clone(),
        description: row.description.clone(),
        events: serde_json::from_str(&row.events).unwrap_or_default(),
        enabled: row.enabled,
        disabled_reason: row.disabled_reason.clone(),
        consecutive_failures: row.consecutive_failures,
        secret_hint: row.secret_hint.clone(),
        created_at: crate::db::rfc3339(row.created_at),
        updated_at: crate::db::rfc3339(row.updated_at),
    }
}
