//! `server serve`: migrate, start, and stop cleanly on SIGTERM or Ctrl-C.

use crate::{AppState, config::Config, http};

use super::{CliError, connect_and_migrate};

pub async fn run(config: Config) -> Result<(), CliError> {
    let db = connect_and_migrate(&config).await?;
    let addr = config.site_addr;
    tracing::info!(config = ?config, "starting Switchboard {}", env!("CARGO_PKG_VERSION"));
    if domain::auth::platform_admin::count(&db).await? == 0 {
        tracing::info!(
            "no platform admin yet: create one with `server create-platform-admin --email you@example.com --password …`"
        );
    }
    let state = AppState::new(config, db.clone());
    let workers = crate::workers::Workers::start(&state)?;
    let app = http::router(state);

    let listener = tokio::net::TcpListener::bind(addr).await.map_err(|e| {
        std::io::Error::new(
            e.kind(),
            format!("cannot listen on {addr}: {e} (set LEPTOS_SITE_ADDR to another address)"),
        )
    })?;
    tracing::info!("listening on http://{addr}");
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await?;
    workers.stop();
    db.close().await.ok();
    tracing::info!("stopped");
    Ok(())
}

/// Resolves on Ctrl-C or SIGTERM; axum then stops accepting and lets in-flight requests
/// finish.
async fn shutdown_signal() {
    let ctrl_c = async {
        tokio::signal::ctrl_c().await.ok();
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down: finishing in-flight requests");
}
