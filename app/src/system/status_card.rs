use leptos::prelude::*;
use model::system::SystemStatus;
use stylers_macro::style;

use crate::{
    error::{ErrorAlert, FnError},
    ui::{Card, Fact, Skeleton},
};

#[server(prefix = "/api", endpoint = "system_status")]
pub async fn get_system_status() -> Result<SystemStatus, FnError> {
    let services = crate::context::services()?;
    Ok(domain::system::status(&services.db, services.version, services.started_at).await)
}

#[component]
pub fn SystemStatusCard() -> impl IntoView {
    let status = Resource::new(|| (), |_| get_system_status());
    view! {
        <Card title="System status">
            <Suspense fallback=|| view! { <Skeleton lines=4/> }>
                {move || Suspend::new(async move {
                    match status.await {
                        Ok(s) => view! { <StatusFacts status=s/> }.into_any(),
                        Err(e) => view! { <ErrorAlert error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </Card>
    }
}

#[component]
fn StatusFacts(status: SystemStatus) -> impl IntoView {
    let latency = format_latency(status.database_latency_us);
    view! {
        <dl data-testid="system-status">
            <Fact label="Database">
                <StatusDot ok=status.database_ok/>
                {if status.database_ok { "Operational" } else { "Down" }}
            </Fact>
            <Fact label="Engine">{status.database_backend}" · "{latency}</Fact>
            <Fact label="Schema">
                {match status.migrations_applied {
                    1 => "1 migration applied".to_owned(),
                    n => format!("{n} migrations applied"),
                }}
            </Fact>
            <Fact label="Version">{status.version}</Fact>
            <Fact label="Running since">
                <time datetime=status.started_at.clone()>{status.started_at.replace('T', " ").replace('Z', " UTC")}</time>
            </Fact>
        </dl>
    }
}

/// A coloured dot with a soft pulse while healthy. Scoped with stylers so the keyframes
/// and class names cannot collide with anything else on the page.
#[component]
fn StatusDot(ok: bool) -> impl IntoView {
    let scope = style! {
        .dot {
            display: inline-block;
            width: 0.6rem;
            height: 0.6rem;
            margin-right: 0.4rem;
            border-radius: 9999px;
            vertical-align: middle;
        }
        .ok {
            background-color: rgb(22 163 74);
            animation: status-pulse 2s ease-in-out infinite;
        }
        .down {
            background-color: rgb(220 38 38);
        }
        @keyframes status-pulse {
            0% { box-shadow: 0 0 0 0 rgba(22, 163, 74, 0.5); }
            70% { box-shadow: 0 0 0 0.4rem rgba(22, 163, 74, 0); }
            100% { box-shadow: 0 0 0 0 rgba(22, 163, 74, 0); }
        }
        @media (prefers-reduced-motion: reduce) {
            .ok { animation: none; }
        }
    };
    view! { class=scope,
        <span class=if ok { "dot ok" } else { "dot down" } data-testid="status-dot" aria-hidden="true"></span>
    }
}

/// "0.3 ms", "12 ms", "1.2 s": precise enough to compare, short enough to read.
pub fn format_latency(micros: u64) -> String {
    match micros {
        0..=999 => format!("{:.1} ms", micros as f64 / 1000.0),
        1_000..=999_999 => format!("{} ms", micros / 1000),
        _ => format!("{:.1} s", micros as f64 / 1_000_000.0),
    }
}

#[cfg(test)]
mod tests {
    use super::format_latency;

    #[test]
    fn latency_reads_well_at_every_scale() {
        assert_eq!(format_latency(260), "0.3 ms");
        assert_eq!(format_latency(12_400), "12 ms");
        assert_eq!(format_latency(1_250_000), "1.2 s");
    }
}
