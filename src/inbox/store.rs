//! Durable storage of incoming events through the single writer: the events of many concurrent webhooks share one
//! statement and one commit.

use crate::db::{WriteError, Writer};
use crate::metrics::Metrics;
use sqlx::{QueryBuilder, Sqlite, SqlitePool};
use std::collections::HashSet;
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

/// Why events could not be stored; the webhook answers 500 so LINE delivers them again.
#[derive(Debug, thiserror::Error)]
#[error("the inbox could not store the events: {0}")]
pub struct StoreError(#[from] WriteError);

/// The handle webhooks store through and workers read from.
#[derive(Clone)]
pub struct Inbox {
    pool: SqlitePool,
    writer: Writer,
    deliveries: mpsc::Sender<Delivery>,
    /// Woken whenever new events are committed.
    pub arrived: Arc<Notify>,
    metrics: Metrics,
}

/// The events of one webhook, waiting to be stored with those of the webhooks that came at the same time.
struct Delivery {
    events: Vec<NewEvent>,
    received_at: i64,
    stored: oneshot::Sender<Result<u64, WriteError>>,
}

/// At most this many webhooks are stored by one commit.
const DELIVERIES_PER_STATEMENT: usize = 256;

impl Inbox {
    /// The inbox, with the task that stores the events of concurrent webhooks together.
    pub fn new(pool: SqlitePool, writer: Writer, metrics: Metrics) -> Inbox {
        let (deliveries, waiting) = mpsc::channel(8192);
        tokio::spawn(store_together(writer.clone(), waiting));
        Inbox { pool, writer, deliveries, arrived: Arc::new(Notify::new()), metrics }
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
        let (stored, answer) = oneshot::channel();
        let delivery = Delivery { events, received_at: crate::db::now_ms(), stored };
        self.deliveries.send(delivery).await.map_err(|_| WriteError::Stopped)?;
        let new = answer.await.map_err(|_| WriteError::Stopped)??;
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

/// Stores what webhooks deliver: every delivery waiting when the last commit ended goes into the next one, by one
/// multi-row statement, so a burst of webhooks costs the single writer a statement, not a statement each.
async fn store_together(writer: Writer, mut waiting: mpsc::Receiver<Delivery>) {
    let mut batch: Vec<Delivery> = Vec::with_capacity(DELIVERIES_PER_STATEMENT);
    while waiting.recv_many(&mut batch, DELIVERIES_PER_STATEMENT).await > 0 {
        let rows: Arc<Vec<(NewEvent, i64)>> =
            Arc::new(batch.iter().flat_map(|d| d.events.iter().map(|event| (event.clone(), d.received_at))).collect());
        let inserted = writer
            .write(move |conn| {
                let rows = rows.clone();
                Box::pin(async move {
                    let mut inserted: HashSet<String> = HashSet::new();
                    // 7 parameters a row; SQLite takes 32,766 in a statement.
                    for chunk in rows.chunks(1024) {
                        let mut insert = QueryBuilder::<Sqlite>::new(
                            "INSERT INTO inbox_events
                               (webhook_event_id, chat_key, event_type, destination, body, is_redelivery, received_at) ",
                        );
                        insert.push_values(chunk, |mut row, (event, received_at)| {
                            row.push_bind(&event.webhook_event_id)
                                .push_bind(&event.chat_key)
                                .push_bind(&event.event_type)
                                .push_bind(&event.destination)
                                .push_bind(&event.body)
                                .push_bind(event.is_redelivery)
                                .push_bind(*received_at);
                        });
                        insert.push(" ON CONFLICT (webhook_event_id) DO NOTHING RETURNING webhook_event_id");
                        let ids: Vec<String> =
                            insert.build_query_scalar().persistent(false).fetch_all(&mut *conn).await?;
                        inserted.extend(ids);
                    }
                    Ok(inserted)
                })
            })
            .await;
        match inserted {
            Ok(mut inserted) => {
                for delivery in batch.drain(..) {
                    // An event delivered twice at once is new to the first delivery only.
                    let new = delivery.events.iter().filter(|e| inserted.remove(&e.webhook_event_id)).count();
                    let _ = delivery.stored.send(Ok(new as u64));
                }
            }
            Err(error) => {
                let message = error.to_string();
                for delivery in batch.drain(..) {
                    let _ = delivery.stored.send(Err(WriteError::Commit(message.clone())));
                }
            }
        }
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
        let inbox = Inbox::new(pool.clone(), Writer::start(pool.clone()), Metrics::new());
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
