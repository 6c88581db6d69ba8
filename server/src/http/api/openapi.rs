//! The API's OpenAPI 3.1 document and its docs page. The document is built from the same
//! route table the server runs (`utoipa-axum` registers each handler with its path and
//! its `#[utoipa::path]` description together), so routes and spec cannot drift. The
//! docs page (Swagger UI) is compiled into the binary: it works with no network.

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
    modifiers(&BearerKey),
    security(("bearer" = [])),
    tags(
        (name = "tenants", description = "Your customers: each has its own users, numbers and extensions."),
        (name = "numbers", description = "Phone numbers: search, buy, assign, caller ID and emergency addresses.")
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
