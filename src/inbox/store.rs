//! Durable storage of incoming events through the single writer: the events of many concurrent webhooks share one
//! commit.

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
    /// The writer commits them together with those of every webhook that came at the same time.
    pub async fn store(&self, events: Vec<NewEvent>) -> Result<u64, StoreError> {
        if events.is_empty() {
            return Ok(0);
        }
        let received_at = crate::db::now_ms();
        let new = self
            .writer
            .write(move |conn| {
                let mut insert = conn.prepare_cached(
                    "INSERT INTO inbox_events
                       (webhook_event_id, chat_key, event_type, destination, body, is_redelivery, received_at)
                     VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (webhook_event_id) DO NOTHING",
                )?;
                let mut new = 0;
                for event in &events {
                    new += insert.execute(rusqlite::params![
                        event.webhook_event_id,
                        event.chat_key,
                        event.event_type,
                        event.destination,
                        event.body,
                        event.is_redelivery,
                        received_at,
                    ])? as u64;
                }
                Ok(new)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn event(id: &str) -> NewEvent {
        NewEvent {
            webhook_event_id: id.into(),
            chat_key: "U1".into(),
            event_type: "message".into(),
            destination: None,
            body: format!(r#"{{"webhookEventId":"{id}"}}"#),
            is_redelivery: false,
        }
    }

    #[tokio::test]
    async fn concurrent_webhooks_are_stored_together_and_an_event_delivered_twice_counts_as_new_once() {
        let dir = tempfile::tempdir().unwrap();
        let pool = crate::db::connect(&format!("sqlite://{}", dir.path().join("i.db").display())).await.unwrap();
        let inbox = Inbox::new(pool.clone(), Writer::start(&dir.path().join("i.db")), Metrics::new());
        let stores = (0..200).map(|n| {
            let inbox = inbox.clone();
            tokio::spawn(async move { inbox.store(vec![event(&format!("E{n}")), event("SAME")]).await.unwrap() })
        });
        let new: u64 = futures::future::join_all(stores).await.into_iter().map(Result::unwrap).sum();
        assert_eq!(new, 201);
        assert_eq!(inbox.pending().await.unwrap(), 201);
        assert_eq!(inbox.store(vec![event("E7")]).await.unwrap(), 0, "a redelivery is not new");
    }
}
