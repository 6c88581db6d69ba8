//! OpenAPI links: how one operation's answer feeds the next (a created tenant's `id` is
//! the `{id}` of its extensions, usage and suspension). Clients and generators read
//! them to chain calls, and schemathesis's stateful phase follows them to reach every
//! operation with real ids. Added after the route table is built, since they connect
//! operations the table declares separately.

use utoipa::openapi::{OpenApi, PathItem, RefOr, link::LinkBuilder};

/// `(from operation, answer status, to operation, [(path parameter, runtime expression)])`.
type Edge = (
    &'static str,
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str)],
);

const CREATED_ID: &[(&str, &str)] = &[("id", "$response.body#/id")];
const FIRST_ID: &[(&str, &str)] = &[("id", "$response.body#/data/0/id")];
const CREATED_EXTENSION: &[(&str, &str)] =
    &[("id", "$request.path.id"), ("ext_id", "$response.body#/id")];
const FIRST_EXTENSION: &[(&str, &str)] = &[
    ("id", "$request.path.id"),
    ("ext_id", "$response.body#/data/0/id"),
];
const BOUGHT: &[(&str, &str)] = &[("id", "$response.body#/numbers/0/id")];
const FIRST_DELIVERY: &[(&str, &str)] = &[
    ("id", "$request.path.id"),
    ("delivery_id", "$response.body#/data/0/delivery_id"),
];

/// What a tenant's id opens.
const TENANT_OPS: &[&str] = &[
    "getTenant",
    "updateTenant",
    "cancelTenant",
    "suspendTenant",
    "unsuspendTenant",
    "getTenantUsage",
    "listExtensions",
    "createExtension",
];
const EXTENSION_OPS: &[&str] = &["getExtension", "updateExtension", "deleteExtension"];
const NUMBER_OPS: &[&str] = &["getNumber", "updateNumber", "assignNumber", "releaseNumber"];
const PORT_OPS: &[&str] = &["getPort", "updatePort"];
const ENDPOINT_OPS: &[&str] = &[
    "getWebhookEndpoint",
    "updateWebhookEndpoint",
    "deleteWebhookEndpoint",
    "listWebhookDeliveries",
    "rotateWebhookSecret",
];

fn edges() -> Vec<Edge> {
    let mut all = Vec::new();
    let mut fan = |from, status, targets: &[&'static str], params| {
        for to in targets {
            all.push((from, status, *to, params));
        }
    };
    fan("createTenant", "201", TENANT_OPS, CREATED_ID);
    fan("listTenants", "200", TENANT_OPS, FIRST_ID);
    fan("createExtension", "201", EXTENSION_OPS, CREATED_EXTENSION);
    fan("listExtensions", "200", EXTENSION_OPS, FIRST_EXTENSION);
    fan("buyNumbers", "201", NUMBER_OPS, BOUGHT);
    fan("listNumbers", "200", NUMBER_OPS, FIRST_ID);
    fan("createPort", "201", PORT_OPS, CREATED_ID);
    fan("listPorts", "200", PORT_OPS, FIRST_ID);
    fan("listCalls", "200", &["getCall"], FIRST_ID);
    fan("createWebhookEndpoint", "201", ENDPOINT_OPS, CREATED_ID);
    fan("listWebhookEndpoints", "200", ENDPOINT_OPS, FIRST_ID);
    fan(
        "listWebhookDeliveries",
        "200",
        &["redeliverWebhook"],
        FIRST_DELIVERY,
    );
    all
}

/// Adds every link to `doc`. A link naming an operation or parameter the document lacks
/// is a bug in the table above: `tests/api_conventions.rs` checks each one.
pub fn add(doc: &mut OpenApi) {
    let edges = edges();
    for item in doc.paths.paths.values_mut() {
        for op in operations(item) {
            let Some(from) = op.operation_id.clone() else {
                continue;
            };
            for (_, status, to, params) in edges.iter().filter(|e| e.0 == from) {
                let Some(RefOr::T(answer)) = op.responses.responses.get_mut(*status) else {
                    continue;
                };
                let link = params
                    .iter()
                    .fold(LinkBuilder::new().operation_id(*to), |b, (name, expr)| {
                        b.parameter(*name, *expr)
                    })
                    .build();
                answer.links.insert((*to).to_owned(), RefOr::T(link));
            }
        }
    }
}

fn operations(item: &mut PathItem) -> impl Iterator<Item = &mut utoipa::openapi::path::Operation> {
    [
        item.get.as_mut(),
        item.post.as_mut(),
        item.put.as_mut(),
        item.patch.as_mut(),
        item.delete.as_mut(),
    ]
    .into_iter()
    .flatten()
}
