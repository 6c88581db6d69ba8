//! Reading requests: the partner's list, one request whole (numbers, documents,
//! history), and a document's bytes. Always within the caller's partner.

use model::{
    AppError,
    auth::Viewer,
    numbers::{
        NumberTenant, PhoneNumber,
        ports::{DocKind, PortDocument, PortEvent, PortRequest, PortStatus, PortSummary},
    },
};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::entity::{document as doc, event, number as port_number, request};
use crate::{
    Db,
    auth::actor::Actor,
    error::{db_error, internal},
    files::FileStore,
    tenants::entity::tenant,
};

/// Request `id` of the actor's partner; another partner's is "not found".
pub(super) async fn own(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    id: &str,
) -> Result<request::Model, AppError> {
    let id = uuid::Uuid::parse_str(id).map_err(|_| AppError::not_found("Port request"))?;
    request::Entity::find()
        .filter(request::Column::PublicId.eq(id))
        .filter(request::Column::PartnerId.eq(actor.partner_id))
        .one(conn)
        .await
        .map_err(db_error)?
        .ok_or_else(|| AppError::not_found("Port request"))
}

/// The partner's requests, most recently changed first; `status` filters by a wire
/// name (`open` for every one still moving).
pub async fn list(
    db: &Db,
    viewer: Option<&Viewer>,
    status: &str,
) -> Result<Vec<PortSummary>, AppError> {
    let actor = Actor::partner_member(db, viewer).await?;
    let mut query = request::Entity::find()
        .filter(request::Column::PartnerId.eq(actor.partner_id))
        .order_by_desc(request::Column::UpdatedAt);
    if status == "open" {
        let open: Vec<&str> = PortStatus::ALL
            .into_iter()
            .filter(|s| s.is_open())
            .map(PortStatus::as_str)
            .collect();
        query = query.filter(request::Column::Status.is_in(open));
    } else if let Some(s) = PortStatus::parse(status) {
        query = query.filter(request::Column::Status.eq(s.as_str()));
    }
    let rows = query.all(db).await.map_err(db_error)?;
    let ids: Vec<i32> = rows.iter().map(|r| r.id).collect();
    let numbers = port_number::Entity::find()
        .filter(port_number::Column::PortId.is_in(ids))
        .order_by_asc(port_number::Column::Id)
        .all(db)
        .await
        .map_err(db_error)?;
    let tenants = tenant::Entity::find()
        .filter(tenant::Column::PartnerId.eq(actor.partner_id))
        .all(db)
        .await
        .map_err(db_error)?;
    rows.into_iter()
        .map(|r| {
            Ok(PortSummary {
                id: r.public_id.to_string(),
                numbers: numbers
                    .iter()
                    .filter(|n| n.port_id == r.id)
                    .map(|n| PhoneNumber::parse(&n.e164).map_err(internal))
                    .collect::<Result<_, _>>()?,
                tenant: tenants
                    .iter()
                    .find(|t| t.id == r.tenant_id)
                    .map_or_else(String::new, |t| t.name.clone()),
                losing_carrier: r.losing_carrier,
                status: status_of(&r.status),
                desired_date: r.desired_date,
                foc_date: r.foc_date,
                reason: r.reason,
                updated_at: crate::db::rfc3339(r.updated_at),
            })
        })
        .collect()
}

pub async fn get(db: &Db, viewer: Option<&Viewer>, id: &str) -> Result<PortRequest, AppError> {
    let actor = Actor::partner_member(db, viewer).await?;
    let row = own(db, &actor, id).await?;
    describe(db, row).await
}

/// A stored document: `(content type, file name, bytes)`.
pub async fn document(
    db: &Db,
    files: &FileStore,
    viewer: Option<&Viewer>,
    id: &str,
    kind: &str,
) -> Result<(String, String, Vec<u8>), AppError> {
    let actor = Actor::partner_member(db, viewer).await?;
    let row = own(db, &actor, id).await?;
    let kind = DocKind::parse(kind).ok_or_else(|| AppError::not_found("Document"))?;
    let found = doc::Entity::find()
        .filter(doc::Column::PortId.eq(row.id))
        .filter(doc::Column::Kind.eq(kind.as_str()))
        .order_by_desc(doc::Column::Id)
        .one(db)
        .await
        .map_err(db_error)?
        .ok_or_else(|| AppError::not_found("Document"))?;
    let bytes = files.get(&found.storage_key).await?;
    Ok((found.content_type, found.file_name, bytes))
}

fn status_of(s: &str) -> PortStatus {
    PortStatus::parse(s).unwrap_or(PortStatus::Pending)
}

pub(super) async fn describe(
    conn: &impl ConnectionTrait,
    row: request::Model,
) -> Result<PortRequest, AppError> {
    let numbers = port_number::Entity::find()
        .filter(port_number::Column::PortId.eq(row.id))
        .order_by_asc(port_number::Column::Id)
        .all(conn)
        .await
        .map_err(db_error)?
        .into_iter()
        .map(|n| PhoneNumber::parse(&n.e164).map_err(internal))
        .collect::<Result<_, _>>()?;
    let target = tenant::Entity::find_by_id(row.tenant_id)
        .one(conn)
        .await
        .map_err(db_error)?
        .ok_or_else(|| internal("port request without its tenant"))?;
    let mut documents: Vec<PortDocument> = Vec::new();
    // Newest first, so the first of each kind is the current one.
    for d in doc::Entity::find()
        .filter(doc::Column::PortId.eq(row.id))
        .order_by_desc(doc::Column::Id)
        .all(conn)
        .await
        .map_err(db_error)?
    {
        let Some(kind) = DocKind::parse(&d.kind) else {
            continue;
        };
        if documents.iter().any(|x| x.kind == kind) {
            continue;
        }
        documents.push(PortDocument {
            kind,
            file_name: d.file_name,
            size: usize::try_from(d.size_bytes).unwrap_or_default(),
            uploaded_at: crate::db::rfc3339(d.uploaded_at),
            url: format!(
                "/numbers/ports/{}/documents/{}",
                row.public_id,
                kind.as_str()
            ),
        });
    }
    documents.sort_by_key(|d| d.kind != DocKind::Loa);
    let history = event::Entity::find()
        .filter(event::Column::PortId.eq(row.id))
        .order_by_asc(event::Column::Id)
        .all(conn)
        .await
        .map_err(db_error)?
        .into_iter()
        .map(|e| PortEvent {
            at: crate::db::rfc3339(e.at),
            status: status_of(&e.status),
            note: e.note,
            by: e.actor,
        })
        .collect();
    Ok(PortRequest {
        id: row.public_id.to_string(),
        numbers,
        losing_carrier: row.losing_carrier,
        account_holder: row.account_holder,
        account_number: row.account_number,
        has_pin: row.pin_sealed.is_some(),
        service_address: serde_json::from_str(&row.service_address).map_err(internal)?,
        tenant: NumberTenant {
            id: target.public_id.to_string(),
            name: target.name,
            sip_prefix: target.sip_prefix,
        },
        desired_date: row.desired_date,
        foc_date: row.foc_date,
        status: status_of(&row.status),
        reason: row.reason,
        documents,
        history,
        created_at: crate::db::rfc3339(row.created_at),
        updated_at: crate::db::rfc3339(row.updated_at),
    })
}
