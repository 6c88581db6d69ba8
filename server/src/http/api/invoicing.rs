//! `/v1/billing-profiles`, `/v1/tax-rates` and `/v1/invoices`: what tenants pay the
//! partner, over the same domain services as Settings → Pricing and the Invoices pages.
//! Profiles and tax rates are partner-wide, so a key limited to some tenants may read
//! them but not change them; it sees only its tenants' invoices.

use axum::{
    Extension, Json,
    extract::{Path, State},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Response},
};
use domain::{
    api::keys::Caller,
    invoicing::{actions, document, invoices, profiles, sending, taxes},
};
use model::{
    AppError,
    api::{
        Access, ListPage,
        invoicing::{
            AmountInput, InvoiceJson, ProfileInput, ProfileJson, TaxRateInput, TaxRateJson,
        },
    },
    invoicing::{InvoiceStatus, ProfileForm, TaxRateForm},
};
use serde::Deserialize;

use super::{Answer, allow, err, within};
use crate::{http::ApiError, state::AppState};

const PROFILE: &str = "The billing profile's id";
const RATE: &str = "The tax rate's id";
const INVOICE: &str = "The invoice's id";
const IDEM: &str = "Repeat the same request safely for 24 hours";

/// Partner-wide settings change only with a key for every tenant.
fn partner_wide(caller: &Caller, headers: &HeaderMap) -> Result<(), ApiError> {
    allow(caller, "billing", Access::Write, headers)?;
    if caller.tenants.is_empty() {
        Ok(())
    } else {
        Err(ApiError::new(
            AppError::forbidden(
                "This key is limited to some tenants; billing profiles and tax rates need a key for every tenant.",
            ),
            headers,
        ))
    }
}

#[utoipa::path(get, path = "/v1/billing-profiles", tag = "billing", operation_id = "listBillingProfiles",
    summary = "Your billing profiles, by name",
    responses((status = 200, description = "Every profile (one page)", body = ListPage<ProfileJson>), super::openapi::Refused))]
pub async fn list_profiles(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    headers: HeaderMap,
) -> Answer<Json<ListPage<ProfileJson>>> {
    allow(&caller, "billing", Access::Read, &headers)?;
    let data = profiles::list_for(state.db(), caller.partner_id)
        .await
        .map_err(err(&headers))?;
    Ok(Json(ListPage {
        data: data.iter().map(ProfileJson::from).collect(),
        next_cursor: None,
    }))
}

#[utoipa::path(post, path = "/v1/billing-profiles", tag = "billing", operation_id = "createBillingProfile",
    summary = "Add a billing profile (`name` and `kind` required)",
    request_body = ProfileInput,
    params(("Idempotency-Key" = Option<String>, Header, description = IDEM)),
    responses((status = 201, description = "The new profile", body = ProfileJson), super::openapi::Refused))]
pub async fn create_profile(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    headers: HeaderMap,
    super::Body(input): super::Body<ProfileInput>,
) -> Answer<Response> {
    partner_wide(&caller, &headers)?;
    let form = input.over(ProfileForm::default());
    let made = profiles::create(state.db(), caller.partner_id, &form, chrono::Utc::now())
        .await
        .map_err(err(&headers))?;
    Ok((StatusCode::CREATED, Json(ProfileJson::from(&made))).into_response())
}

#[utoipa::path(get, path = "/v1/billing-profiles/{id}", tag = "billing", operation_id = "getBillingProfile",
    summary = "One billing profile", params(("id" = String, Path, description = PROFILE)),
    responses((status = 200, description = "The profile", body = ProfileJson), super::openapi::Refused))]
pub async fn get_profile(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Answer<Json<ProfileJson>> {
    allow(&caller, "billing", Access::Read, &headers)?;
    let p = profiles::get(state.db(), caller.partner_id, &id)
        .await
        .map_err(err(&headers))?;
    Ok(Json(ProfileJson::from(&p)))
}

#[utoipa::path(patch, path = "/v1/billing-profiles/{id}", tag = "billing", operation_id = "updateBillingProfile",
    summary = "Change a profile (fields left out stay; new prices apply to invoices made from now on)",
    params(("id" = String, Path, description = PROFILE)),
    request_body = ProfileInput,
    responses((status = 200, description = "The changed profile", body = ProfileJson), super::openapi::Refused))]
pub async fn update_profile(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    headers: HeaderMap,
    super::Body(input): super::Body<ProfileInput>,
) -> Answer<Json<ProfileJson>> {
    allow(&caller, "billing", Access::Read, &headers)?;
    let db = state.db();
    let current = profiles::get(db, caller.partner_id, &id)
        .await
        .map_err(err(&headers))?;
    partner_wide(&caller, &headers)?;
    let form = input.over(ProfileForm::of(&current));
    let saved = profiles::update(db, caller.partner_id, &id, &form, chrono::Utc::now())
        .await
        .map_err(err(&headers))?;
    Ok(Json(ProfileJson::from(&saved)))
}

#[utoipa::path(get, path = "/v1/tax-rates", tag = "billing", operation_id = "listTaxRates",
    summary = "Your tax rates, by name",
    responses((status = 200, description = "Every rate (one page)", body = ListPage<TaxRateJson>), super::openapi::Refused))]
pub async fn list_rates(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    headers: HeaderMap,
) -> Answer<Json<ListPage<TaxRateJson>>> {
    allow(&caller, "billing", Access::Read, &headers)?;
    let data = taxes::list(state.db(), caller.partner_id)
        .await
        .map_err(err(&headers))?;
    Ok(Json(ListPage {
        data: data.iter().map(TaxRateJson::from).collect(),
        next_cursor: None,
    }))
}

#[utoipa::path(post, path = "/v1/tax-rates", tag = "billing", operation_id = "createTaxRate",
    summary = "Add a tax rate (it applies to invoices made from now on)",
    request_body = TaxRateInput,
    params(("Idempotency-Key" = Option<String>, Header, description = IDEM)),
    responses((status = 201, description = "The new rate", body = TaxRateJson), super::openapi::Refused))]
pub async fn create_rate(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    headers: HeaderMap,
    super::Body(input): super::Body<TaxRateInput>,
) -> Answer<Response> {
    partner_wide(&caller, &headers)?;
    let form = input.over(TaxRateForm {
        enabled: true,
        ..TaxRateForm::default()
    });
    let made = taxes::create(state.db(), caller.partner_id, &form, chrono::Utc::now())
        .await
        .map_err(err(&headers))?;
    Ok((StatusCode::CREATED, Json(TaxRateJson::from(&made))).into_response())
}

#[utoipa::path(get, path = "/v1/tax-rates/{id}", tag = "billing", operation_id = "getTaxRate",
    summary = "One tax rate", params(("id" = String, Path, description = RATE)),
    responses((status = 200, description = "The rate", body = TaxRateJson), super::openapi::Refused))]
pub async fn get_rate(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Answer<Json<TaxRateJson>> {
    allow(&caller, "billing", Access::Read, &headers)?;
    let r = taxes::get(state.db(), caller.partner_id, &id)
        .await
        .map_err(err(&headers))?;
    Ok(Json(TaxRateJson::from(&r)))
}

#[utoipa::path(patch, path = "/v1/tax-rates/{id}", tag = "billing", operation_id = "updateTaxRate",
    summary = "Change a tax rate (invoices already made keep the rate they applied)",
    params(("id" = String, Path, description = RATE)),
    request_body = TaxRateInput,
    responses((status = 200, description = "The changed rate", body = TaxRateJson), super::openapi::Refused))]
pub async fn update_rate(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    headers: HeaderMap,
    super::Body(input): super::Body<TaxRateInput>,
) -> Answer<Json<TaxRateJson>> {
    allow(&caller, "billing", Access::Read, &headers)?;
    let db = state.db();
    let current = taxes::get(db, caller.partner_id, &id)
        .await
        .map_err(err(&headers))?;
    partner_wide(&caller, &headers)?;
    let form = input.over(TaxRateForm::of(&current));
    let saved = taxes::update(db, caller.partner_id, &id, &form, chrono::Utc::now())
        .await
        .map_err(err(&headers))?;
    Ok(Json(TaxRateJson::from(&saved)))
}

#[derive(Debug, Default, Deserialize)]
pub struct InvoiceQuery {
    pub status: Option<String>,
    pub tenant_id: Option<String>,
}

#[utoipa::path(get, path = "/v1/invoices", tag = "billing", operation_id = "listInvoices",
    summary = "Your invoices, newest first",
    params(
        ("status" = Option<String>, Query, description = "Only this status: draft, sent, partially_paid, paid, overdue, cancelled or void"),
        ("tenant_id" = Option<String>, Query, description = "Only this tenant's"),
    ),
    responses((status = 200, description = "The invoices (one page)", body = ListPage<InvoiceJson>), super::openapi::Refused))]
pub async fn list_invoices(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    super::Query(query): super::Query<InvoiceQuery>,
    headers: HeaderMap,
) -> Answer<Json<ListPage<InvoiceJson>>> {
    allow(&caller, "billing", Access::Read, &headers)?;
    let status = match query.status.as_deref() {
        None | Some("") => None,
        Some(s) => Some(
            InvoiceStatus::parse(s)
                .map_err(|m| ApiError::new(AppError::invalid("status", m), &headers))?,
        ),
    };
    let filter = invoices::Filter {
        status,
        tenant_id: query.tenant_id.filter(|t| !t.is_empty()),
    };
    let data = invoices::list(state.db(), caller.partner_id, &filter)
        .await
        .map_err(err(&headers))?;
    Ok(Json(ListPage {
        data: data
            .iter()
            .filter(|i| caller.reaches(&i.tenant_id))
            .map(InvoiceJson::from)
            .collect(),
        next_cursor: None,
    }))
}

/// Invoice `id` of the caller's partner, within the key's tenants.
async fn one(
    state: &AppState,
    caller: &Caller,
    id: &str,
    headers: &HeaderMap,
) -> Result<model::invoicing::Invoice, ApiError> {
    let invoice = invoices::get(state.db(), caller.partner_id, id)
        .await
        .map_err(err(headers))?;
    within(caller, &invoice.tenant_id, headers)?;
    Ok(invoice)
}

#[utoipa::path(get, path = "/v1/invoices/{id}", tag = "billing", operation_id = "getInvoice",
    summary = "One invoice with its lines", params(("id" = String, Path, description = INVOICE)),
    responses((status = 200, description = "The invoice", body = InvoiceJson), super::openapi::Refused))]
pub async fn get_invoice(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Answer<Json<InvoiceJson>> {
    allow(&caller, "billing", Access::Read, &headers)?;
    Ok(Json(InvoiceJson::from(
        &one(&state, &caller, &id, &headers).await?,
    )))
}

#[utoipa::path(get, path = "/v1/invoices/{id}/pdf", tag = "billing", operation_id = "getInvoicePdf",
    summary = "The invoice as a PDF, in the partner's brand",
    params(("id" = String, Path, description = INVOICE)),
    responses((status = 200, description = "The PDF", content_type = "application/pdf", body = Vec<u8>), super::openapi::Refused))]
pub async fn invoice_pdf(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    allow(&caller, "billing", Access::Read, &headers)?;
    one(&state, &caller, &id, &headers).await?;
    let pdf = document::for_partner(state.db(), caller.partner_id, &id, state.services.portal())
        .await
        .map_err(err(&headers))?;
    Ok(crate::http::invoices::answer(pdf, "attachment"))
}

#[utoipa::path(post, path = "/v1/invoices/{id}/send", tag = "billing", operation_id = "sendInvoice",
    summary = "Mail the invoice to the tenant with its PDF: a draft is issued; an unpaid invoice already sent is a reminder",
    params(("id" = String, Path, description = INVOICE), ("Idempotency-Key" = Option<String>, Header, description = IDEM)),
    responses((status = 200, description = "The invoice as sent", body = InvoiceJson), super::openapi::Refused))]
pub async fn send_invoice(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Answer<Json<InvoiceJson>> {
    allow(&caller, "billing", Access::Write, &headers)?;
    one(&state, &caller, &id, &headers).await?;
    let sent = sending::send(
        state.db(),
        Some(&caller.viewer),
        &id,
        state.services.portal(),
        chrono::Utc::now(),
    )
    .await
    .map_err(err(&headers))?;
    Ok(Json(InvoiceJson::from(&sent)))
}

#[utoipa::path(post, path = "/v1/invoices/{id}/void", tag = "billing", operation_id = "voidInvoice",
    summary = "Void a draft (it keeps its number); anything but a draft is 409",
    params(("id" = String, Path, description = INVOICE), ("Idempotency-Key" = Option<String>, Header, description = IDEM)),
    responses((status = 200, description = "The voided invoice", body = InvoiceJson), super::openapi::Refused))]
pub async fn void_invoice(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Answer<Json<InvoiceJson>> {
    allow(&caller, "billing", Access::Write, &headers)?;
    one(&state, &caller, &id, &headers).await?;
    let saved = actions::void(state.db(), Some(&caller.viewer), &id, chrono::Utc::now())
        .await
        .map_err(err(&headers))?;
    Ok(Json(InvoiceJson::from(&saved)))
}

#[utoipa::path(post, path = "/v1/invoices/{id}/payments", tag = "billing", operation_id = "recordInvoicePayment",
    summary = "Record a payment received outside the portal (at most what is due)",
    params(("id" = String, Path, description = INVOICE), ("Idempotency-Key" = Option<String>, Header, description = IDEM)),
    request_body = AmountInput,
    responses((status = 200, description = "The invoice with the payment", body = InvoiceJson), super::openapi::Refused))]
pub async fn record_payment(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    headers: HeaderMap,
    super::Body(input): super::Body<AmountInput>,
) -> Answer<Json<InvoiceJson>> {
    allow(&caller, "billing", Access::Write, &headers)?;
    one(&state, &caller, &id, &headers).await?;
    let amount = actions::parse_amount(&input.amount).map_err(err(&headers))?;
    let saved = actions::record_payment(
        state.db(),
        Some(&caller.viewer),
        &id,
        amount,
        chrono::Utc::now(),
    )
    .await
    .map_err(err(&headers))?;
    Ok(Json(InvoiceJson::from(&saved)))
}

#[utoipa::path(post, path = "/v1/invoices/{id}/refunds", tag = "billing", operation_id = "refundInvoice",
    summary = "Refund what was paid, in full or in part",
    params(("id" = String, Path, description = INVOICE), ("Idempotency-Key" = Option<String>, Header, description = IDEM)),
    request_body = AmountInput,
    responses((status = 200, description = "The invoice with the refund", body = InvoiceJson), super::openapi::Refused))]
pub async fn refund(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    headers: HeaderMap,
    super::Body(input): super::Body<AmountInput>,
) -> Answer<Json<InvoiceJson>> {
    allow(&caller, "billing", Access::Write, &headers)?;
    one(&state, &caller, &id, &headers).await?;
    let amount = actions::parse_amount(&input.amount).map_err(err(&headers))?;
    let saved = actions::refund(
        state.db(),
        &state.services.gateway,
        Some(&caller.viewer),
        &id,
        amount,
        chrono::Utc::now(),
    )
    .await
    .map_err(err(&headers))?;
    Ok(Json(InvoiceJson::from(&saved)))
}
