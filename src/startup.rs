//! Starting and stopping the server: database, inbox, workers, routes, and a graceful shutdown.

use crate::config::Settings;
use crate::conversation::Conversation;
use crate::db;
use crate::inbox::webhook::{self, WebhookState};
use crate::inbox::{Inbox, worker::Workers};
use crate::line::client::LineClient;
use crate::line::emulator::{self, EmulatorConfig};
use crate::line::signature::ChannelSecrets;
use crate::metrics::Metrics;
use axum::Router;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use sqlx::SqlitePool;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::net::TcpListener;

/// A server bound to its port, ready to run.
pub struct Server {
    listener: TcpListener,
    router: Router,
    inbox: Inbox,
    workers: Workers,
    pool: SqlitePool,
}

#[derive(Clone)]
struct OpsState {
    pool: SqlitePool,
    metrics: Metrics,
}

/// Binds the port, opens the database (running migrations), makes the conversation layer on that database with
/// `conversation`, and starts the workers.
pub async fn build(
    settings: Settings,
    conversation: impl AsyncFnOnce(&SqlitePool) -> anyhow::Result<Arc<dyn Conversation>>,
) -> anyhow::Result<Server> {
    let listener = TcpListener::bind(settings.bind)
        .await
        .map_err(|error| anyhow::anyhow!("cannot listen on MADOGUCHI_BIND {}: {error}", settings.bind))?;
    let address = listener.local_addr()?;
    let pool = db::connect(&settings.database_url).await?;
    let metrics = Metrics::new();
    let writer = db::Writer::start(pool.connect_options().get_filename());
    let inbox = Inbox::new(pool.clone(), writer, metrics.clone());
    inbox.count_depth().await?;
    let conversation = conversation(&pool).await?;

    let mut secrets = settings.secrets.clone();
    let mut line_config = settings.line.clone();
    let mut emulator_routes = None;
    if settings.emulator {
        let loopback = SocketAddr::new(
            if address.ip().is_unspecified() { [127, 0, 0, 1].into() } else { address.ip() },
            address.port(),
        );
        let secret: [u8; 32] = rand::random();
        let secret = secret.iter().map(|b| format!("{b:02x}")).collect::<String>().into_bytes();
        secrets = ChannelSecrets::new(settings_secrets(&settings).into_iter().chain([secret.clone()]));
        line_config.api_base = format!("http://{loopback}/emulator/line");
        line_config.data_api_base = format!("http://{loopback}/emulator/line");
        line_config.access_token = "emulator".into();
        emulator_routes =
            Some(emulator::router(EmulatorConfig { secret, webhook_url: format!("http://{loopback}/webhook") }));
        tracing::info!("LINE emulator on at http://{loopback}/emulator");
    }
    let line = LineClient::new(line_config, metrics.clone())?;
    let workers =
        Workers::start(&inbox, conversation, line, metrics.clone(), settings.workers, settings.reminder_sweep)?;

    let webhook_state = WebhookState {
        secrets,
        inbox: inbox.clone(),
        metrics: metrics.clone(),
        body_limit: settings.webhook_body_limit,
    };
    let ops = OpsState { pool: pool.clone(), metrics };
    let mut router = Router::new()
        .route("/webhook", post(webhook::receive).with_state(webhook_state))
        .route("/healthz", get(|| async { "ok" }))
        .route("/readyz", get(readyz).with_state(ops.clone()))
        .route("/metrics", get(metrics_text).with_state(ops));
    if let Some(routes) = emulator_routes {
        router = router
            .nest("/emulator", routes)
            .route("/", get(|| async { axum::response::Redirect::temporary("/emulator") }));
    }
    Ok(Server { listener, router, inbox, workers, pool })
}

fn settings_secrets(settings: &Settings) -> Vec<Vec<u8>> {
    settings.secrets.raw().to_vec()
}

async fn readyz(State(ops): State<OpsState>) -> impl IntoResponse {
    if db::is_ready(&ops.pool).await {
        (StatusCode::OK, "ready")
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "database unreachable or migrations not applied")
    }
}

async fn metrics_text(State(ops): State<OpsState>) -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/openmetrics-text; version=1.0.0; charset=utf-8")], ops.metrics.render())
}

impl Server {
    /// The address the server listens on (the real port when bound to port 0).
    pub fn local_addr(&self) -> SocketAddr {
        self.listener.local_addr().expect("a bound listener has an address")
    }

    /// The database the server uses.
    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    /// Serves until `shutdown` completes, then stops accepting, lets events in progress finish, and returns.
    pub async fn run(self, shutdown: impl Future<Output = ()> + Send + 'static) -> anyhow::Result<()> {
        let Server { listener, router, inbox, workers, pool } = self;
        axum::serve(listener, router).with_graceful_shutdown(shutdown).await?;
        tracing::info!("no longer accepting webhooks; finishing events in progress");
        workers.shut_down().await;
        drop(inbox);
        pool.close().await;
        tracing::info!("stopped cleanly");
        Ok(())
    }
}

/// Completes on SIGTERM or Ctrl-C.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
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
        _ = ctrl_c => {}
        _ = terminate => {}
    }
}
