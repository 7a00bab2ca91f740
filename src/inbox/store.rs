//! Durable storage of incoming events: a single writer commits the events of many concurrent webhooks in one transaction.

use crate::db;
use crate::metrics::Metrics;
use sqlx::SqlitePool;
use std::sync::Arc;
use tokio::sync::{Notify, mpsc, oneshot};

/// An event about to be stored, with what the inbox needs to know of it.
#[derive(Debug, Clone)]
pub struct NewEvent {
    pub webhook_event_id: String,
    pub chat_key: String,
    pub event_type: String,
    pub destination: Option<String>,
    pub body: String,
    pub is_redelivery: bool,
}

struct Batch {
    events: Vec<NewEvent>,
    done: oneshot::Sender<Result<u64, String>>,
}

/// Why events could not be stored; the webhook answers 500 so LINE delivers them again.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("the inbox writer has stopped")]
    Stopped,
    #[error("the inbox could not store the events: {0}")]
    Database(String),
}

/// The handle webhooks store through; clones share one writer.
#[derive(Clone)]
pub struct Inbox {
    pool: SqlitePool,
    writer: mpsc::Sender<Batch>,
    /// Woken whenever new events are committed.
    pub arrived: Arc<Notify>,
    metrics: Metrics,
}

/// How many webhook requests one transaction may carry at most.
const MAX_BATCHES_PER_COMMIT: usize = 512;

impl Inbox {
    /// Starts the writer task; it ends when every handle is dropped.
    pub fn start(pool: SqlitePool, metrics: Metrics) -> Inbox {
        let (writer, receiver) = mpsc::channel(4096);
        let arrived = Arc::new(Notify::new());
        tokio::spawn(write_batches(pool.clone(), receiver, arrived.clone(), metrics.clone()));
        Inbox { pool, writer, arrived, metrics }
    }

    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    /// Stores the events of one webhook durably; returns how many were new (redeliveries of stored events are not).
    pub async fn store(&self, events: Vec<NewEvent>) -> Result<u64, StoreError> {
        if events.is_empty() {
            return Ok(0);
        }
        let (done, answer) = oneshot::channel();
        self.writer.send(Batch { events, done }).await.map_err(|_| StoreError::Stopped)?;
        answer.await.map_err(|_| StoreError::Stopped)?.map_err(StoreError::Database)
    }

    /// How many stored events are still waiting to be handled.
    pub async fn pending(&self) -> Result<i64, sqlx::Error> {
        sqlx::query_scalar("SELECT COUNT(*) FROM inbox_events WHERE state = 'pending'").fetch_one(&self.pool).await
    }

    /// Sets the depth gauge from the database, at start-up.
    pub async fn count_depth(&self) -> Result<(), sqlx::Error> {
        self.metrics.inbox_depth.set(self.pending().await?);
        Ok(())
    }
}

async fn write_batches(pool: SqlitePool, mut receiver: mpsc::Receiver<Batch>, arrived: Arc<Notify>, metrics: Metrics) {
    let mut batches = Vec::with_capacity(MAX_BATCHES_PER_COMMIT);
    while receiver.recv_many(&mut batches, MAX_BATCHES_PER_COMMIT).await > 0 {
        let result = commit(&pool, &batches).await;
        let mut new_total = 0;
        for (batch, outcome) in batches.drain(..).zip(result) {
            if let Ok(new) = outcome {
                new_total += new;
            }
            let _ = batch.done.send(outcome);
        }
        if new_total > 0 {
            metrics.inbox_depth.inc_by(new_total as i64);
            arrived.notify_one();
        }
    }
}

/// Commits every batch in one transaction; on failure every batch gets the error.
async fn commit(pool: &SqlitePool, batches: &[Batch]) -> Vec<Result<u64, String>> {
    let attempt = async {
        let mut tx = db::begin_immediate(pool).await?;
        let received_at = db::now_ms();
        let mut counts = Vec::with_capacity(batches.len());
        for batch in batches {
            let mut new = 0;
            for event in &batch.events {
                new += sqlx::query(
                    "INSERT INTO inbox_events (webhook_event_id, chat_key, event_type, destination, body, is_redelivery, received_at)
                     VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (webhook_event_id) DO NOTHING",
                )
                .bind(&event.webhook_event_id)
                .bind(&event.chat_key)
                .bind(&event.event_type)
                .bind(&event.destination)
                .bind(&event.body)
                .bind(event.is_redelivery)
                .bind(received_at)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            }
            counts.push(new);
        }
        tx.commit().await?;
        Ok::<_, sqlx::Error>(counts)
    };
    match attempt.await {
        Ok(counts) => counts.into_iter().map(Ok).collect(),
        Err(error) => {
            tracing::error!(%error, "storing webhook events failed");
            batches.iter().map(|_| Err(error.to_string())).collect()
        }
    }
}
