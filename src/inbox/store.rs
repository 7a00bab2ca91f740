//! Durable storage of incoming events through the single writer, so the events of many concurrent webhooks share a commit.

use crate::db::{WriteError, Writer};
use crate::metrics::Metrics;
use sqlx::SqlitePool;
use std::sync::Arc;
use tokio::sync::Notify;

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

/// Why events could not be stored; the webhook answers 500 so LINE delivers them again.
#[derive(Debug, thiserror::Error)]
#[error("the inbox could not store the events: {0}")]
pub struct StoreError(#[from] WriteError);

/// The handle webhooks store through and workers read from.
#[derive(Clone)]
pub struct Inbox {
    pool: SqlitePool,
    writer: Writer,
    /// Woken whenever new events are committed.
    pub arrived: Arc<Notify>,
    metrics: Metrics,
}

impl Inbox {
    pub fn new(pool: SqlitePool, writer: Writer, metrics: Metrics) -> Inbox {
        Inbox { pool, writer, arrived: Arc::new(Notify::new()), metrics }
    }

    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    pub fn writer(&self) -> &Writer {
        &self.writer
    }

    /// Stores the events of one webhook durably; returns how many were new (redeliveries of stored events are not).
    pub async fn store(&self, events: Vec<NewEvent>) -> Result<u64, StoreError> {
        if events.is_empty() {
            return Ok(0);
        }
        let received_at = crate::db::now_ms();
        let events = Arc::new(events);
        let new = self
            .writer
            .write(move |conn| {
                let events = events.clone();
                Box::pin(async move {
                    let mut new = 0;
                    for event in events.iter() {
                        new += sqlx::query(
                            "INSERT INTO inbox_events
                               (webhook_event_id, chat_key, event_type, destination, body, is_redelivery, received_at)
                             VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (webhook_event_id) DO NOTHING",
                        )
                        .bind(&event.webhook_event_id)
                        .bind(&event.chat_key)
                        .bind(&event.event_type)
                        .bind(&event.destination)
                        .bind(&event.body)
                        .bind(event.is_redelivery)
                        .bind(received_at)
                        .execute(&mut *conn)
                        .await?
                        .rows_affected();
                    }
                    Ok(new)
                })
            })
            .await?;
        if new > 0 {
            self.metrics.inbox_depth.inc_by(new as i64);
            self.arrived.notify_one();
        }
        Ok(new)
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
