//! The API's OpenAPI 3.1 document and its docs page. The document is built from the same
//! route table the server runs (`utoipa-axum` registers each handler with its path and
//! its `#[utoipa::path]` description together), so routes and spec cannot drift. The
//! docs page (Swagger UI) is compiled into the binary: it works with no network.

use model::Problem;

use super::events_doc::WebhookEvents;
use utoipa::{
    Modify, OpenApi,
    openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme},
};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Partner API",
        version = "1",
        description = "Automate your phone business: create and manage tenants from your own systems. Authenticate with `Authorization: Bearer <key>` (Settings → API keys). Errors are `application/problem+json`; validation errors list messages by field. Lists are paged with `limit` and `cursor`. `POST` accepts an `Idempotency-Key` header: the same key and body within 24 hours returns the first answer and changes nothing."
    ),
    modifiers(&BearerKey, &WebhookEvents),
    components(schemas(Problem, model::webhooks::NumberEventData, model::webhooks::CallEventData, model::tenants::extensions::Extension)),
    security(("bearer" = [])),
    tags(
        (name = "tenants", description = "Your customers: each has its own users, numbers and extensions."),
        (name = "numbers", description = "Phone numbers: search, buy, assign, caller ID and emergency addresses."),
        (name = "extensions", description = "A tenant's extensions: the phones and apps that register with SIP."),
        (name = "ports", description = "Port-in requests: bring numbers over from another carrier."),
        (name = "usage", description = "A tenant's minutes, counts and wholesale cost in the current cycle."),
        (name = "calls", description = "Rated call records, as the call engine reported them."),
        (name = "billing", description = "What your tenants pay you: billing profiles (your price lists), tax rates, and the invoices each closed billing period becomes. Money is a decimal string in the profile's currency."),
        (name = "webhooks", description = "Endpoints that receive events as they happen, signed per Standard Webhooks (`webhook-id`, `webhook-timestamp`, `webhook-signature: v1,<base64 HMAC-SHA256 of \"{id}.{timestamp}.{body}\">`). Failed deliveries are retried at 30 s, 2 min, 10 min, 1 h, 4 h, 12 h and 24 h.")
    )
)]
pub struct ApiDoc;

/// Declares the bearer key every operation needs.
struct BearerKey;

impl Modify for BearerKey {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// The refusals any operation may answer with, documented once and listed by each
/// operation (`responses((status = 200, …), Refused)`).
#[derive(utoipa::IntoResponses)]
#[allow(dead_code)] // only its documentation is used
pub enum Refused {
    /// No key, or a bad, revoked or expired one.
    #[response(status = 401, content_type = "application/problem+json")]
    Unauthorized(Problem),
    /// The key lacks the scope or may not reach the tenant.
    #[response(status = 403, content_type = "application/problem+json")]
    Forbidden(Problem),
    /// Nothing with that id among yours.
    #[response(status = 404, content_type = "application/problem+json")]
    NotFound(Problem),
    /// The change conflicts with the current state (a released number, a short wallet).
    #[response(status = 409, content_type = "application/problem+json")]
    Conflict(Problem),
    /// Invalid input: `errors` lists the messages by field.
    #[response(status = 422, content_type = "application/problem+json")]
    Invalid(Problem),
    /// Over the key's or the partner's limit: wait `Retry-After` seconds.
    #[response(status = 429, content_type = "application/problem+json")]
    TooMany(Problem),
}
