//! The webhooks section of the OpenAPI document (3.1 `webhooks`): one entry per event
//! type, each a POST to the partner's endpoint with the signature headers and the
//! envelope whose `data` is the schema of that event's subject. Built from the event
//! catalogue in `model::webhooks`, so a new event type is documented when it is added.

use model::webhooks::EVENT_GROUPS;
use utoipa::{
    Modify,
    openapi::{
        HttpMethod, PathItem, PathsBuilder, Ref, Required,
        content::Content,
        path::{OperationBuilder, ParameterBuilder, ParameterIn},
        request_body::RequestBodyBuilder,
        response::Response,
        schema::{ObjectBuilder, Schema, Type},
    },
};

/// What `data` holds for events of `group`, and a sentence about it.
fn subject(group: &str) -> (Option<&'static str>, &'static str) {
    match group {
        "Tenants" => (
            Some("Tenant"),
            "The tenant, as `GET /v1/tenants/{id}` returns it.",
        ),
        "Phone numbers" => (
            Some("NumberEventData"),
            "The number, and the tenant it is assigned to.",
        ),
        "Extensions" => (
            Some("Extension"),
            "The extension (its SIP password is never sent).",
        ),
        "Calls" | "Inbound calls" => (
            Some("CallEventData"),
            "The call: parties, times, duration, billed minutes and how it ended.",
        ),
        _ => (
            None,
            "What happened to your account's billing: the card added (`id`, `brand`, `last4`, `exp_month`, `exp_year`, `default`), the plan change (`change`, `plan`, `charged`, `currency`, `effective_on`), or the failed payment (`purpose`, `amount`, `currency`, `reason`).",
        ),
    }
}

fn text(description: &str) -> ObjectBuilder {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .description(Some(description))
}

fn envelope(event: &str, data: Option<&str>, about: &str) -> Schema {
    let data_schema: utoipa::openapi::RefOr<Schema> = match data {
        Some(name) => {
            let mut reference = Ref::from_schema_name(name);
            reference.description = about.to_owned();
            reference.into()
        }
        None => ObjectBuilder::new()
            .schema_type(Type::Object)
            .description(Some(about))
            .into(),
    };
    ObjectBuilder::new()
        .schema_type(Type::Object)
        .property("id", text("The event's id (`evt_…`); the same on every retry and redelivery. Deduplicate by it."))
        .property("type", text("The event type.").enum_values(Some([event])))
        .property("created_at", text("When it happened, RFC 3339 UTC."))
        .property("partner_id", text("Your partner id."))
        .property("data", data_schema)
        .required("id")
        .required("type")
        .required("created_at")
        .required("partner_id")
        .required("data")
        .into()
}

fn header(name: &str, description: &str) -> utoipa::openapi::path::Parameter {
    ParameterBuilder::new()
        .name(name)
        .parameter_in(ParameterIn::Header)
        .required(Required::True)
        .description(Some(description))
        .schema(Some(ObjectBuilder::new().schema_type(Type::String)))
        .build()
}

pub struct WebhookEvents;

impl Modify for WebhookEvents {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let mut paths = PathsBuilder::new();
        for (group, events) in EVENT_GROUPS {
            let (data, about) = subject(group);
            for event in events {
                let operation = OperationBuilder::new()
                    .summary(Some(format!("{event} ({group})")))
                    .description(Some(format!(
                        "Sent to every enabled endpoint that asked for `{event}`. Answer 2xx within 10 seconds; otherwise it is retried at 30 s, 2 min, 10 min, 1 h, 4 h, 12 h and 24 h after the first attempt. {about}"
                    )))
                    .operation_id(Some(format!("webhook_{}", event.replace('.', "_"))))
                    .tag("webhooks")
                    .parameter(header("webhook-id", "The event's id, as in the body."))
                    .parameter(header("webhook-timestamp", "When this attempt was signed, in seconds since 1970 (UTC)."))
                    .parameter(header("webhook-signature", "`v1,` and the base64 HMAC-SHA256 of `{webhook-id}.{webhook-timestamp}.{body}`, keyed with the base64-decoded part of your `whsec_` secret after the prefix."))
                    .request_body(Some(
                        RequestBodyBuilder::new()
                            .required(Some(Required::True))
                            .content("application/json", Content::new(Some(envelope(event, data, about))))
                            .build(),
                    ))
                    .response("200", Response::new("Received (any 2xx counts)"));
                paths = paths.path(*event, PathItem::new(HttpMethod::Post, operation));
            }
        }
        openapi.webhooks = Some(paths.build());
    }
}
