//! CNAM and E911 per number, bulk changes, the partner-wide E911 summary, and the check
//! the call engine asks before letting a number dial 911.

use chrono::{DateTime, Utc};
use model::{
    AppError,
    auth::Viewer,
    numbers::{
        BulkForm, BulkOutcome, E911Form, E911Status, E911Summary, OwnedNumber, PhoneNumber,
        parse_cnam,
    },
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, QuerySelect, Set,
};

use super::{carrier::Carrier, entity::number, inventory, jobs};
use crate::{Db, audit, auth::actor::Actor, error::db_error, tenants::entity::tenant};

/// Sets (or, empty, clears back to the tenant's default) number `id`'s caller-ID name;
/// the carrier sync runs as a job (Pending → Synced or Failed with the reason).
pub async fn set_cnam(
    db: &Db,
    viewer: Option<&Viewer>,
    id: &str,
    cnam: &str,
    now: DateTime<Utc>,
) -> Result<OwnedNumber, AppError> {
    let actor = Actor::partner_member(db, viewer).await?;
    actor.require_admin()?;
    let cnam = parse_cnam(cnam).map_err(|m| AppError::invalid("cnam", m))?;
    let txn = crate::db::begin(db).await?;
    let row = inventory::own(&txn, &actor, id).await?;
    live(&row)?;
    // What the carrier publishes: the number's own name, else its tenant's default.
    let published = match (&cnam, row.tenant_id) {
        (Some(name), _) => Some(name.clone()),
        (None, Some(tenant_id)) => tenant::Entity::find_by_id(tenant_id)
            .one(&txn)
            .await
            .map_err(db_error)?
            .and_then(|t| t.default_cnam),
        (None, None) => None,
    };
    let mut active = row.into_active_model();
    active.cnam = Set(cnam);
    active.cnam_status = Set(published.as_ref().map(|_| "PENDING".to_owned()));
    active.cnam_reason = Set(None);
    active.updated_at = Set(now);
    let saved = active.update(&txn).await.map_err(db_error)?;
    if published.is_some() {
        jobs::enqueue(&txn, jobs::Kind::Cnam, saved.id, now).await?;
    }
    inventory::emit(&txn, &actor, &saved, "phone_number.updated", now).await?;
    txn.commit().await.map_err(db_error)?;
    jobs::WAKE.notify_one();
    Ok(inventory::describe(db, vec![saved]).await?.remove(0))
}

fn live(row: &number::Model) -> Result<(), AppError> {
    if row.released_at.is_some() {
        Err(AppError::conflict("This number was released."))
    } else {
        Ok(())
    }
}

/// Registers `form`'s address for number `id` (Pending → Registered or Failed).
pub async fn set_e911(
    db: &Db,
    viewer: Option<&Viewer>,
    id: &str,
    form: &E911Form,
    now: DateTime<Utc>,
) -> Result<OwnedNumber, AppError> {
    let outcome = bulk(
        db,
        viewer,
        &BulkForm {
            action: "e911".into(),
            ids: vec![id.to_owned()],
            e911: form.clone(),
            ..Default::default()
        },
        None,
        now,
    )
    .await?;
    if let Some((_, why)) = outcome.refused.first() {
        return Err(AppError::conflict(why.clone()));
    }
    let actor = Actor::partner_member(db, viewer).await?;
    let row = inventory::own(db, &actor, id).await?;
    Ok(inventory::describe(db, vec![row]).await?.remove(0))
}

/// The E911 address of every live number of tenant `tenant_id`.
pub async fn apply_e911_to_tenant(
    db: &Db,
    viewer: Option<&Viewer>,
    tenant_id: &str,
    form: &E911Form,
    now: DateTime<Utc>,
) -> Result<BulkOutcome, AppError> {
    let scope = crate::tenants::scope::resolve(db, viewer, tenant_id).await?;
    let ids: Vec<uuid::Uuid> = number::Entity::find()
        .select_only()
        .column(number::Column::PublicId)
        .filter(number::Column::TenantId.eq(scope.tenant.id))
        .filter(number::Column::ReleasedAt.is_null())
        .into_tuple()
        .all(db)
        .await
        .map_err(db_error)?;
    let form = BulkForm {
        action: "e911".into(),
        ids: ids.iter().map(ToString::to_string).collect(),
        e911: form.clone(),
        ..Default::default()
    };
    bulk(db, viewer, &form, None, now).await
}

/// Assigns, releases or sets the E911 address of many numbers; each number is its own
/// change (one refusal does not undo the others) and the outcome says which were
/// refused and why. The address is checked once, before anything changes.
pub async fn bulk(
    db: &Db,
    viewer: Option<&Viewer>,
    form: &BulkForm,
    carrier: Option<&dyn Carrier>,
    now: DateTime<Utc>,
) -> Result<BulkOutcome, AppError> {
    let actor = Actor::partner_member(db, viewer).await?;
    actor.require_admin()?;
    if form.ids.is_empty() {
        return Err(AppError::invalid("ids", "Choose at least one number."));
    }
    let address = match form.action.as_str() {
        "e911" => Some(form.e911.validate()?),
        "assign" | "release" => None,
        _ => return Err(AppError::invalid("action", "Unknown bulk action.")),
    };
    let mut outcome = BulkOutcome {
        done: 0,
        refused: Vec::new(),
    };
    for id in &form.ids {
        let result = match form.action.as_str() {
            "assign" => inventory::assign(db, viewer, id, &form.tenant, now)
                .await
                .map(|_| ()),
            "release" => match carrier {
                Some(c) => inventory::release(db, c, viewer, id, now).await.map(|_| ()),
                None => Err(AppError::unavailable("No carrier to release numbers to.")),
            },
            _ => register(db, &actor, id, address.as_ref(), now).await,
        };
        match result {
            Ok(()) => outcome.done += 1,
            Err(e) => {
                let label = inventory::own(db, &actor, id)
                    .await
                    .ok()
                    .and_then(|r| PhoneNumber::parse(&r.e164).ok())
                    .map_or_else(|| id.clone(), |n| n.to_string());
                outcome.refused.push((label, e.to_string()));
            }
        }
    }
    jobs::WAKE.notify_one();
    Ok(outcome)
}

async fn register(
    db: &Db,
    actor: &Actor,
    id: &str,
    address: Option<&model::tenants::E911Address>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let address = address.ok_or_else(|| AppError::invalid("e911_street", "Enter the address."))?;
    let txn = crate::db::begin(db).await?;
    let row = inventory::own(&txn, actor, id).await?;
    live(&row)?;
    let mut active = row.into_active_model();
    active.e911_address = Set(Some(
        serde_json::to_string(address).map_err(crate::error::internal)?,
    ));
    active.e911_status = Set(E911Status::Pending.as_str().to_owned());
    active.e911_reason = Set(None);
    active.updated_at = Set(now);
    let saved = active.update(&txn).await.map_err(db_error)?;
    jobs::enqueue(&txn, jobs::Kind::E911, saved.id, now).await?;
    audit::record(
        &txn,
        audit::Entry::by_user(
            &actor.user,
            "phone_number.e911_updated",
            format!("number:{}", saved.e164),
        ),
        now,
    )
    .await?;
    inventory::emit(&txn, actor, &saved, "phone_number.updated", now).await?;
    txn.commit().await.map_err(db_error)
}

/// How the partner's live numbers stand on E911.
pub async fn e911_summary(db: &Db, viewer: Option<&Viewer>) -> Result<E911Summary, AppError> {
    let actor = Actor::partner_member(db, viewer).await?;
    let statuses: Vec<String> = number::Entity::find()
        .select_only()
        .column(number::Column::E911Status)
        .filter(number::Column::PartnerId.eq(actor.partner_id))
        .filter(number::Column::ReleasedAt.is_null())
        .into_tuple()
        .all(db)
        .await
        .map_err(db_error)?;
    let mut summary = E911Summary::default();
    for s in statuses {
        match E911Status::parse(&s) {
            Some(E911Status::Registered) => summary.registered += 1,
            Some(E911Status::Pending) => summary.pending += 1,
            Some(E911Status::Failed) => summary.failed += 1,
            _ => summary.not_set += 1,
        }
    }
    Ok(summary)
}

/// Whether `number` may place a 911 call: only a live number with a registered
/// emergency address (responders must know where to go). For the call engine.
pub async fn can_call_911(db: &Db, number: &PhoneNumber) -> Result<bool, AppError> {
    Ok(number::Entity::find()
        .filter(number::Column::E164.eq(number.e164()))
        .filter(number::Column::ReleasedAt.is_null())
        .filter(number::Column::E911Status.eq(E911Status::Registered.as_str()))
        .one(db)
        .await
        .map_err(db_error)?
        .is_some())
}
