//! Porting numbers in from another carrier. A Partner Admin files a request (numbers,
//! the customer's account with the losing carrier, the service address, the tenant the
//! numbers go to, the date it would like) with a signed letter of authorization and a
//! recent bill. Carrier jobs (`steps`) move it PENDING → SUBMITTED → FOC_RECEIVED →
//! COMPLETED, or to REJECTED with the carrier's reason, from where the fixed request is
//! resubmitted; it can be cancelled while open. Every change is kept in the history and
//! mailed to the partner's team; on completion the numbers join the inventory, assigned
//! to the tenant.

pub mod entity;
mod notify;
mod read;
mod steps;

#[cfg(test)]
mod tests;

use chrono::{DateTime, Utc};
use model::{
    AppError, FieldErrors,
    auth::Viewer,
    numbers::{
        PhoneNumber,
        ports::{DocKind, PortDetails, PortForm, PortRequest, PortStatus, check_document},
    },
    tenants::TenantStatus,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter,
    QuerySelect, Set,
};

pub use notify::Mailing;
pub use read::{document, get, list};
pub use steps::{Worker, run_due};

use super::jobs;
use crate::{
    Db, audit,
    auth::actor::Actor,
    crypto::SecretBox,
    error::db_error,
    files::FileStore,
    tenants::{entity::tenant, scope},
};
use entity::{document as doc, number as port_number, request};

/// A file sent with the form.
#[derive(Debug, Clone)]
pub struct Upload {
    pub kind: DocKind,
    pub file_name: String,
    pub bytes: Vec<u8>,
}

/// What a request needs besides the caller: where files go, the key that seals PINs,
/// and how its emails are sent.
pub struct Desk<'a> {
    pub files: &'a FileStore,
    pub secrets: &'a SecretBox,
    pub mailing: Mailing<'a>,
}

/// A checked form with its checked files, ready to write.
struct Prepared {
    details: PortDetails,
    tenant: tenant::Model,
    /// `(kind, file name, content type, bytes)`.
    files: Vec<(DocKind, String, &'static str, Vec<u8>)>,
}

/// Files a new request (PENDING); the first carrier step runs as a job.
pub async fn create(
    db: &Db,
    desk: &Desk<'_>,
    viewer: Option<&Viewer>,
    form: &PortForm,
    uploads: Vec<Upload>,
    now: DateTime<Utc>,
) -> Result<PortRequest, AppError> {
    let actor = Actor::partner_member(db, viewer).await?;
    actor.require_admin()?;
    let ready = prepare(db, viewer, form, uploads, true, None, now).await?;
    let keys = store(desk.files, &ready.files).await?;
    let txn = crate::db::begin(db).await?;
    let written = async {
        let pin = seal_pin(desk.secrets, ready.details.pin.as_deref())?;
        let row = request::ActiveModel {
            public_id: Set(uuid::Uuid::now_v7()),
            partner_id: Set(actor.partner_id),
            tenant_id: Set(ready.tenant.id),
            losing_carrier: Set(ready.details.losing_carrier.clone()),
            account_holder: Set(ready.details.account_holder.clone()),
            account_number: Set(ready.details.account_number.clone()),
            pin_sealed: Set(pin),
            service_address: Set(address_json(&ready.details)?),
            desired_date: Set(ready.details.desired_date),
            foc_date: Set(None),
            status: Set(PortStatus::Pending.as_str().to_owned()),
            reason: Set(None),
            carrier_ref: Set(None),
            created_by: Set(actor.user.id),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await
        .map_err(db_error)?;
        write_numbers(&txn, row.id, &ready.details.numbers).await?;
        write_documents(&txn, row.id, &ready.files, &keys, now).await?;
        let who = actor.user.shown_name().to_owned();
        notify::changed(&txn, &desk.mailing, &row, None, &who, now).await?;
        audit::record(
            &txn,
            audit::Entry::by_user(&actor.user, "port.created", row.public_id.to_string())
                .with_summary(serde_json::json!({"numbers": ready.details.numbers.len()})),
            now,
        )
        .await?;
        jobs::enqueue_port(&txn, row.id, now).await?;
        Ok::<_, AppError>(row)
    }
    .await;
    let row = settle(txn, written, desk.files, &keys).await?;
    read::describe(db, row).await
}

/// Sends a fixed REJECTED request back into the workflow (PENDING again). An empty PIN
/// keeps the one on file; files sent replace the current ones of their kind.
pub async fn resubmit(
    db: &Db,
    desk: &Desk<'_>,
    viewer: Option<&Viewer>,
    id: &str,
    form: &PortForm,
    uploads: Vec<Upload>,
    now: DateTime<Utc>,
) -> Result<PortRequest, AppError> {
    let actor = Actor::partner_member(db, viewer).await?;
    actor.require_admin()?;
    let current = read::own(db, &actor, id).await?;
    if current.status != PortStatus::Rejected.as_str() {
        return Err(AppError::conflict(
            "Only a rejected request can be resubmitted.",
        ));
    }
    let ready = prepare(db, viewer, form, uploads, false, Some(current.id), now).await?;
    let keys = store(desk.files, &ready.files).await?;
    let txn = crate::db::begin(db).await?;
    let written = async {
        let mut active = read::own(&txn, &actor, id).await?.into_active_model();
        if let Some(pin) = ready.details.pin.as_deref() {
            active.pin_sealed = Set(seal_pin(desk.secrets, Some(pin))?);
        }
        active.tenant_id = Set(ready.tenant.id);
        active.losing_carrier = Set(ready.details.losing_carrier.clone());
        active.account_holder = Set(ready.details.account_holder.clone());
        active.account_number = Set(ready.details.account_number.clone());
        active.service_address = Set(address_json(&ready.details)?);
        active.desired_date = Set(ready.details.desired_date);
        let row = steps::transition(&txn, active, PortStatus::Rejected, PortStatus::Pending, now)
            .await?
            .ok_or_else(|| AppError::conflict("The request changed meanwhile; reload it."))?;
        port_number::Entity::delete_many()
            .filter(port_number::Column::PortId.eq(row.id))
            .exec(&txn)
            .await
            .map_err(db_error)?;
        write_numbers(&txn, row.id, &ready.details.numbers).await?;
        write_documents(&txn, row.id, &ready.files, &keys, now).await?;
        let who = actor.user.shown_name().to_owned();
        let note = Some("Resubmitted with corrections.".to_owned());
        notify::changed(&txn, &desk.mailing, &row, note, &who, now).await?;
        audit::record(
            &txn,
            audit::Entry::by_user(&actor.user, "port.resubmitted", row.public_id.to_string()),
            now,
        )
        .await?;
        jobs::enqueue_port(&txn, row.id, now).await?;
        Ok::<_, AppError>(row)
    }
    .await;
    let row = settle(txn, written, desk.files, &keys).await?;
    read::describe(db, row).await
}

/// Withdraws an open request. A submitted order is withdrawn at the carrier by a job.
pub async fn cancel(
    db: &Db,
    mailing: &Mailing<'_>,
    viewer: Option<&Viewer>,
    id: &str,
    now: DateTime<Utc>,
) -> Result<PortRequest, AppError> {
    let actor = Actor::partner_member(db, viewer).await?;
    actor.require_admin()?;
    let txn = crate::db::begin(db).await?;
    let current = read::own(&txn, &actor, id).await?;
    let from = PortStatus::parse(&current.status).unwrap_or(PortStatus::Pending);
    if !from.is_open() {
        return Err(AppError::conflict(format!(
            "This request is {} and can no longer be cancelled.",
            from.label().to_lowercase()
        )));
    }
    let told_carrier = current.carrier_ref.is_some();
    let row = steps::transition(
        &txn,
        current.into_active_model(),
        from,
        PortStatus::Cancelled,
        now,
    )
    .await?
    .ok_or_else(|| AppError::conflict("The request changed meanwhile; reload it."))?;
    let who = actor.user.shown_name().to_owned();
    notify::changed(&txn, mailing, &row, None, &who, now).await?;
    audit::record(
        &txn,
        audit::Entry::by_user(&actor.user, "port.cancelled", row.public_id.to_string()),
        now,
    )
    .await?;
    if told_carrier {
        jobs::enqueue_port(&txn, row.id, now).await?;
    }
    txn.commit().await.map_err(db_error)?;
    jobs::WAKE.notify_one();
    read::describe(db, row).await
}

/// Commits what a filing wrote and wakes the carrier steps; if anything failed, the
/// files stored for it are removed again (the rows roll back with the transaction).
async fn settle(
    txn: sea_orm::DatabaseTransaction,
    written: Result<request::Model, AppError>,
    files: &FileStore,
    keys: &[String],
) -> Result<request::Model, AppError> {
    let row = match written {
        Ok(row) => row,
        Err(err) => return Err(discard(files, keys, err).await),
    };
    if let Err(err) = txn.commit().await {
        return Err(discard(files, keys, db_error(err)).await);
    }
    jobs::WAKE.notify_one();
    Ok(row)
}

/// Checks the form, the files, the tenant and the numbers; every problem is reported
/// by field at once and nothing is written. `exclude` is the request being resubmitted
/// (its own numbers do not conflict with it).
async fn prepare(
    db: &Db,
    viewer: Option<&Viewer>,
    form: &PortForm,
    uploads: Vec<Upload>,
    documents_required: bool,
    exclude: Option<i32>,
    now: DateTime<Utc>,
) -> Result<Prepared, AppError> {
    let mut errors = FieldErrors::new();
    let details = match form.validate(now.date_naive()) {
        Ok(d) => Some(d),
        Err(e) => {
            errors.merge(e);
            None
        }
    };
    // The last file sent of each kind counts; the bytes move, they are not copied.
    let mut chosen: Vec<Upload> = Vec::new();
    for u in uploads.into_iter().rev() {
        if !chosen.iter().any(|c| c.kind == u.kind) {
            chosen.push(u);
        }
    }
    let mut files = Vec::new();
    for kind in [DocKind::Loa, DocKind::Bill] {
        match chosen
            .iter()
            .position(|u| u.kind == kind)
            .map(|i| chosen.swap_remove(i))
        {
            Some(u) => match check_document(&u.file_name, &u.bytes) {
                Ok(content_type) => {
                    files.push((kind, clean_name(&u.file_name), content_type, u.bytes));
                }
                Err(message) => errors.add(kind.as_str(), message),
            },
            None if documents_required => errors.add(kind.as_str(), kind.missing()),
            None => {}
        }
    }
    let Some(details) = details else {
        return Err(errors.into());
    };
    let target = scope::resolve(db, viewer, &details.tenant)
        .await
        .map_err(|_| AppError::invalid("tenant", "Choose one of your customers."))?
        .tenant;
    if target.status == TenantStatus::Cancelled.as_str() {
        errors.add("tenant", "This customer is cancelled.");
    } else if let Some(max) = target.max_numbers {
        let room = i64::from(max) - i64::from(target.number_count);
        if (details.numbers.len() as i64) > room {
            errors.add(
                "tenant",
                format!(
                    "{} can have {max} numbers and has {}; raise its limit before moving {} more.",
                    target.name,
                    target.number_count,
                    details.numbers.len()
                ),
            );
        }
    }
    if let Some(message) = conflicts(db, &details.numbers, exclude).await? {
        errors.add("numbers", message);
    }
    errors.into_result()?;
    Ok(Prepared {
        details,
        tenant: target,
        files,
    })
}

/// Why some of `numbers` cannot be ported now: already in service on this network, or
/// already in another open request (whoever's: the message names neither).
async fn conflicts(
    db: &Db,
    numbers: &[PhoneNumber],
    exclude: Option<i32>,
) -> Result<Option<String>, AppError> {
    let e164s: Vec<String> = numbers.iter().map(|n| n.e164().to_owned()).collect();
    if let Some(taken) = super::held(db, &e164s).await?.first() {
        let n = PhoneNumber::parse(taken).map_or_else(|_| taken.clone(), |p| p.to_string());
        return Ok(Some(format!(
            "{n} is already in service here; it cannot be ported in."
        )));
    }
    let open: Vec<&str> = PortStatus::ALL
        .into_iter()
        .filter(|s| s.is_open())
        .map(PortStatus::as_str)
        .collect();
    let listed: Vec<(i32, String)> = port_number::Entity::find()
        .select_only()
        .column(port_number::Column::PortId)
        .column(port_number::Column::E164)
        .filter(port_number::Column::E164.is_in(e164s))
        .filter(port_number::Column::PortId.ne(exclude.unwrap_or(0)))
        .into_tuple()
        .all(db)
        .await
        .map_err(db_error)?;
    if listed.is_empty() {
        return Ok(None);
    }
    let open_ids: Vec<i32> = request::Entity::find()
        .select_only()
        .column(request::Column::Id)
        .filter(request::Column::Id.is_in(listed.iter().map(|(id, _)| *id)))
        .filter(request::Column::Status.is_in(open))
        .into_tuple()
        .all(db)
        .await
        .map_err(db_error)?;
    Ok(listed
        .into_iter()
        .find(|(id, _)| open_ids.contains(id))
        .map(|(_, e)| {
            let n = PhoneNumber::parse(&e).map_or(e, |p| p.to_string());
            format!("{n} is already in an open port request.")
        }))
}

/// The file name as shown and offered for download: the last path part, printable.
fn clean_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let cleaned: String = base
        .chars()
        .filter(|c| !c.is_control() && *c != '"')
        .take(200)
        .collect();
    if cleaned.is_empty() {
        "document".into()
    } else {
        cleaned
    }
}

fn seal_pin(secrets: &SecretBox, pin: Option<&str>) -> Result<Option<String>, AppError> {
    pin.map(|p| secrets.seal(p.as_bytes())).transpose()
}

fn address_json(details: &PortDetails) -> Result<String, AppError> {
    serde_json::to_string(&details.service_address).map_err(crate::error::internal)
}

async fn store(
    files: &FileStore,
    prepared: &[(DocKind, String, &'static str, Vec<u8>)],
) -> Result<Vec<String>, AppError> {
    let mut keys = Vec::with_capacity(prepared.len());
    for (_, _, _, bytes) in prepared {
        match files.put("ports", bytes).await {
            Ok(key) => keys.push(key),
            Err(err) => return Err(discard(files, &keys, err).await),
        }
    }
    Ok(keys)
}

/// Removes files written for a change that did not happen, and hands the error back.
async fn discard(files: &FileStore, keys: &[String], err: AppError) -> AppError {
    for key in keys {
        if let Err(e) = files.delete(key).await {
            tracing::warn!(%key, error = %e, "could not remove an unused upload");
        }
    }
    err
}

async fn write_numbers(
    conn: &impl ConnectionTrait,
    port_id: i32,
    numbers: &[PhoneNumber],
) -> Result<(), AppError> {
    for n in numbers {
        port_number::ActiveModel {
            port_id: Set(port_id),
            e164: Set(n.e164().to_owned()),
            ..Default::default()
        }
        .insert(conn)
        .await
        .map_err(db_error)?;
    }
    Ok(())
}

async fn write_documents(
    conn: &impl ConnectionTrait,
    port_id: i32,
    prepared: &[(DocKind, String, &'static str, Vec<u8>)],
    keys: &[String],
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    for ((kind, name, content_type, bytes), key) in prepared.iter().zip(keys) {
        doc::ActiveModel {
            port_id: Set(port_id),
            kind: Set(kind.as_str().to_owned()),
            file_name: Set(name.clone()),
            content_type: Set((*content_type).to_owned()),
            size_bytes: Set(bytes.len() as i64),
            storage_key: Set(key.clone()),
            uploaded_at: Set(now),
            ..Default::default()
        }
        .insert(conn)
        .await
        .map_err(db_error)?;
    }
    Ok(())
}
