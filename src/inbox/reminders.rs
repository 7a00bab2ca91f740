//! Idle reminders: now and then the conversation layer is asked which quiet residents are due one; each due reminder
//! becomes an event in the inbox, so it is handled in order with the resident's own events (never racing them) and
//! pushed with a retry key like any other turn.

use super::worker::{self, Outbox, Pending, Shared, WorkerError};
use super::{Inbox, NewEvent};
use crate::conversation::{Conversation, Resident};
use crate::db;
use crate::line::event::Source;
use crate::line::message;
use sqlx::{Row, SqlitePool};
use std::sync::Arc;
use std::time::Duration;
use tokio_util::sync::CancellationToken;

/// The inbox's event type for a reminder; LINE's event types never take this form.
pub const EVENT_TYPE: &str = "madoguchi/reminder";
/// Residents quiet for longer than this have no conversation left to remind them of.
const LOOK_BACK_MS: i64 = 24 * 60 * 60 * 1000;

/// Looks for due reminders every `every` until `stop`.
pub async fn sweep(
    pool: SqlitePool,
    inbox: Inbox,
    conversation: Arc<dyn Conversation>,
    every: Duration,
    stop: CancellationToken,
) {
    loop {
        tokio::select! {
            _ = tokio::time::sleep(every) => {}
            _ = stop.cancelled() => return,
        }
        if let Err(error) = sweep_once(&pool, &inbox, conversation.as_ref(), db::now_ms()).await {
            tracing::warn!(%error, "looking for due reminders failed; trying again later");
        }
    }
}

/// Stores a reminder event for every resident due one at `now_ms`; returns how many were new.
pub async fn sweep_once(
    pool: &SqlitePool,
    inbox: &Inbox,
    conversation: &dyn Conversation,
    now_ms: i64,
) -> anyhow::Result<u64> {
    let rows = sqlx::query(
        "SELECT user_id, profile_language, language, session, updated_at FROM residents
         WHERE session IS NOT NULL AND updated_at > ?",
    )
    .bind(now_ms - LOOK_BACK_MS)
    .fetch_all(pool)
    .await?;
    let mut due = Vec::new();
    for row in rows {
        let session: String = row.get("session");
        let resident = Resident {
            user_id: row.get("user_id"),
            profile_language: row.get("profile_language"),
            language: row.get("language"),
            session: serde_json::from_str(&session).ok(),
        };
        if conversation.remind(&resident, now_ms).is_some() {
            let updated_at: i64 = row.get("updated_at");
            due.push(NewEvent {
                // One reminder per quiet spell: the key changes only when the resident's state does.
                webhook_event_id: format!("reminder:{}:{updated_at}", resident.user_id),
                chat_key: resident.user_id.clone(),
                event_type: EVENT_TYPE.to_owned(),
                destination: None,
                body: serde_json::json!({"type": EVENT_TYPE, "userId": resident.user_id, "dueAt": now_ms}).to_string(),
                is_redelivery: false,
            });
        }
    }
    Ok(inbox.store(due).await?)
}

/// Handles a reminder event: asks again (the resident may have answered since), stores the turn, pushes it.
pub(super) async fn send(shared: &Shared, pending: &Pending) -> Result<&'static str, WorkerError> {
    let source = Source::User { user_id: Some(pending.chat_key.clone()) };
    let resident = worker::load_resident(shared, &source, &pending.chat_key).await?;
    let Some(turn) = shared.conversation.remind(&resident, db::now_ms()) else {
        let note = Some("no reminder due any more".to_owned());
        worker::finish(&shared.writer, pending.id, "ignored", note).await?;
        return Ok("ignored");
    };
    if !turn.messages.is_empty() {
        message::check(&turn.messages)?;
    }
    match worker::commit_turn(&shared.writer, pending.id, &resident, &turn, &source, None).await? {
        Some(outbox) => {
            let outbox: Outbox = outbox;
            worker::deliver(shared, pending.id, outbox, false).await?;
            Ok("answered")
        }
        None => Ok("silent"),
    }
}
