//! The HTTP surface: pages and server functions (Leptos), health, metrics, and the
//! middleware every request passes through (request id, logging, metrics, brand).

mod api;
mod assets;
mod brand;
mod cdrs;
mod downloads;
mod health;
pub(crate) mod invoices;
mod logo;
mod metrics;
pub mod pages;
mod ports;
mod problem;
mod session;

use axum::{
    Router,
    body::Body,
    http::Request,
    middleware,
    routing::{any, get, post},
};
use leptos::prelude::provide_context;
use leptos_axum::{LeptosRoutes, generate_route_list};
use tower::ServiceBuilder;
use tower_http::{
    catch_panic::CatchPanicLayer,
    request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer},
    trace::TraceLayer,
};

pub use api::Limits as ApiLimits;
pub use problem::ApiError;

use crate::state::AppState;

pub const REQUEST_ID: &str = "x-request-id";

/// Static files: no session or brand lookup is spent on them.
pub(crate) fn is_asset(path: &str) -> bool {
    path.starts_with("/pkg/") || path.starts_with("/brand/logo/") || path == "/favicon.svg"
}

/// The whole application as one axum router.
pub fn router(state: AppState) -> Router {
    let routes = generate_route_list(app::App);
    let pages = Router::new()
        .leptos_routes_with_context(&state, routes, context(&state), shell(&state))
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(context(&state), app::shell));

    let (api_routes, mut api_doc) = api::routes(&state);
    // The call engine's ingest has its own key and no partner limits, so it sits outside
    // the key-checked table, but it is an operation of the same document.
    let (cdr_routes, cdr_doc) = utoipa_axum::router::OpenApiRouter::new()
        .routes(utoipa_axum::routes!(cdrs::ingest))
        .split_for_parts();
    api_doc.merge(cdr_doc);
    let app = Router::new()
        .route("/healthz", get(health::healthz))
        .route("/metrics", get(metrics::render))
        .route("/settings/audit.csv", get(downloads::audit_log))
        .route(
            "/settings/billing/history.csv",
            get(downloads::wallet_history),
        )
        .route("/internal/tls-allowed", get(brand::tls_allowed))
        .route("/brand/logo/{partner}/{key}", get(logo::serve))
        .route(
            "/settings/brand/logo",
            axum::routing::put(logo::upload).delete(logo::remove),
        )
        .route(
            "/numbers/ports/submit",
            post(ports::submit).layer(ports::body_limit()),
        )
        .route(
            "/numbers/ports/{id}/resubmit",
            post(ports::resubmit).layer(ports::body_limit()),
        )
        .route("/numbers/ports/{id}/documents/{kind}", get(ports::document))
        .route("/invoices/{id}/pdf", get(invoices::pdf))
        .merge(cdr_routes)
        .merge(api_routes)
        .merge(api::docs(api_doc))
        .merge(assets::router(
            &state.leptos.site_root,
            &state.leptos.site_pkg_dir,
        ))
        .route("/v1", any(problem::api_not_found))
        .route("/v1/{*rest}", any(problem::api_not_found))
        .merge(pages)
        // The last layer added runs first: the session (whose one query also yields a
        // signed-in viewer's brand), then the brand by host for everyone else.
        .layer(middleware::from_fn_with_state(
            state.clone(),
            brand::resolve,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            session::resolve,
        ))
        .layer(middleware::from_fn(problem::server_fn_status))
        .layer(middleware::from_fn(audit_request_id))
        .layer(middleware::from_fn(metrics::track))
        .layer(
            // Outermost first: stamp an id, log with it, echo it back on the response.
            ServiceBuilder::new()
                .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
                .layer(TraceLayer::new_for_http().make_span_with(request_span))
                .layer(PropagateRequestIdLayer::x_request_id())
                .layer(CatchPanicLayer::custom(problem::panic_response)),
        )
        .with_state(state.clone());
    state.pages.set(app.clone());
    app
}

/// What every page render and server function gets in its Leptos context. (Server
/// functions are routed by `leptos_routes_with_context` itself, one route per function,
/// with this same context.)
fn context(state: &AppState) -> impl Fn() + Clone + Send + Sync + use<> {
    let services = state.services.clone();
    move || provide_context(services.clone())
}

fn shell(state: &AppState) -> impl Fn() -> leptos::prelude::AnyView + Clone + Send + Sync + use<> {
    let options = state.leptos.clone();
    move || leptos::prelude::IntoAny::into_any(app::shell(options.clone()))
}

/// Every audit entry a request writes carries the request's id (see
/// `domain::audit::with_request_id`).
async fn audit_request_id(
    request: axum::extract::Request,
    next: middleware::Next,
) -> axum::response::Response {
    let id = request
        .headers()
        .get(REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    match id {
        Some(id) => domain::audit::with_request_id(id, next.run(request)).await,
        None => next.run(request).await,
    }
}

fn request_span(request: &Request<Body>) -> tracing::Span {
    let id = request
        .headers()
        .get(REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-");
    tracing::info_span!("request", method = %request.method(), path = %request.uri().path(), request_id = %id)
}
