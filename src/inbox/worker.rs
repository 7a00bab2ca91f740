//! The workers: stored events handed to the conversation layer one at a time per resident, many residents at once,
//! each turn stored with its messages before they are sent, so a crash neither loses a reply nor sends it twice.

use super::Inbox;
use crate::conversation::{Conversation, Resident, Turn};
use crate::db::{self, WriteError, Writer};
use crate::line::client::{Delivered, LineClient, LineError};
use crate::line::event::{Event, EventKind, MessageContent, Source};
use crate::line::message::{self, Message};
use crate::metrics::Metrics;
use sqlx::sqlite::SqlitePoolOptions;
use sqlx::{Row, SqlitePool};
use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use tokio::sync::{Notify, Semaphore};
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

/// How many events are read from the database at a time.
const LOAD_BATCH: i64 = 1_000;
/// How many events may wait in memory before loading pauses.
const MAX_QUEUED: usize = 20_000;

/// Why handling an event stopped short; the event is marked failed with this note.
#[derive(Debug, thiserror::Error)]
pub enum WorkerError {
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("database: {0}")]
    Write(#[from] WriteError),
    #[error("conversation: {0}")]
    Conversation(#[from] crate::conversation::ConversationError),
    #[error("the conversation produced a message LINE would refuse: {0}")]
    Limit(#[from] message::LimitViolation),
    #[error("LINE: {0}")]
    Line(#[from] LineError),
    #[error("the reply token was refused and the event names no chat to push to")]
    NoRecipient,
    #[error("stored messages are unreadable: {0}")]
    Corrupt(#[from] serde_json::Error),
}

/// A stored event waiting for its turn.
#[derive(Debug, Clone)]
pub(super) struct Pending {
    pub(super) id: i64,
    pub(super) chat_key: String,
    event_type: String,
    body: String,
    received_at: i64,
    /// Stored before this run started, so an earlier run may have stored (and perhaps sent) its turn.
    from_earlier_run: bool,
}

/// What the workers share.
pub(super) struct Shared {
    pub(super) pool: SqlitePool,
    pub(super) writer: Writer,
    pub(super) conversation: Arc<dyn Conversation>,
    pub(super) line: LineClient,
    metrics: Metrics,
    queues: Mutex<HashMap<String, VecDeque<Pending>>>,
    queued: std::sync::atomic::AtomicUsize,
    drained: Notify,
    permits: Semaphore,
    stop: CancellationToken,
    tasks: TaskTracker,
}

/// The running workers.
pub struct Workers {
    shared: Arc<Shared>,
    loader: tokio::task::JoinHandle<()>,
    /// The workers' own runtime; `None` once shut down.
    runtime: Option<tokio::runtime::Runtime>,
}

/// The workers run on a runtime of their own whose threads yield the CPU to the webhook's: under a burst, storing and
/// acknowledging what LINE sends comes first (an unacknowledged webhook may be lost), answering catches up after.
fn background_runtime() -> std::io::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(std::thread::available_parallelism().map_or(1, |n| n.get()))
        .thread_name("madoguchi-worker")
        .on_thread_start(yield_to_webhooks)
        .enable_all()
        .build()
}

/// Lowers the calling thread's CPU priority to the lowest (Linux gives each thread its own niceness): at niceness 10
/// the workers still delayed one acknowledgement in a hundred by over 20 ms at 5,000 webhooks/s.
fn yield_to_webhooks() {
    #[cfg(target_os = "linux")]
    {
        const NICENESS: libc::c_int = 19;
        // SAFETY: setpriority only reads its integer arguments; `who = 0` names the calling thread.
        let _ = unsafe { libc::setpriority(libc::PRIO_PROCESS, 0, NICENESS) };
    }
}

impl Workers {
    /// Starts handling every pending event, those left by an earlier run first.
    pub fn start(
        inbox: &Inbox,
        conversation: Arc<dyn Conversation>,
        line: LineClient,
        metrics: Metrics,
        concurrency: usize,
        reminder_sweep: std::time::Duration,
    ) -> std::io::Result<Workers> {
        let runtime = background_runtime()?;
        // The workers read through connections of their own, opened from their threads, so that the connections'
        // threads inherit the workers' low priority.
        let pool = {
            let _on_the_workers_runtime = runtime.enter();
            SqlitePoolOptions::new()
                .max_connections(4)
                .connect_lazy_with(inbox.pool().connect_options().as_ref().clone())
        };
        let shared = Arc::new(Shared {
            pool,
            writer: inbox.writer().clone(),
            conversation,
            line,
            metrics,
            queues: Mutex::new(HashMap::new()),
            queued: 0.into(),
            drained: Notify::new(),
            permits: Semaphore::new(concurrency.max(1)),
            stop: CancellationToken::new(),
            tasks: TaskTracker::new(),
        });
        let loader = runtime.spawn(load(shared.clone(), inbox.arrived.clone()));
        runtime.spawn(super::reminders::sweep(
            shared.pool.clone(),
            inbox.clone(),
            shared.conversation.clone(),
            reminder_sweep,
            shared.stop.clone(),
        ));
        Ok(Workers { shared, loader, runtime: Some(runtime) })
    }

    /// Stops taking events, lets the events in progress finish, and returns when they have.
    pub async fn shut_down(mut self) {
        self.shared.stop.cancel();
        let _ = (&mut self.loader).await;
        self.shared.tasks.close();
        self.shared.tasks.wait().await;
    }
}

impl Drop for Workers {
    fn drop(&mut self) {
        self.shared.stop.cancel();
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_background();
        }
    }
}

/// Reads pending events in order and queues each behind the earlier events of the same resident.
async fn load(shared: Arc<Shared>, arrived: Arc<Notify>) {
    use std::sync::atomic::Ordering;
    let mut cursor = 0_i64;
    let horizon = loop {
        match sqlx::query_scalar::<_, i64>("SELECT COALESCE(MAX(id), 0) FROM inbox_events")
            .fetch_one(&shared.pool)
            .await
        {
            Ok(horizon) => break horizon,
            Err(error) => {
                tracing::error!(%error, "reading the inbox failed; trying again");
                tokio::select! {
                    _ = tokio::time::sleep(std::time::Duration::from_secs(1)) => continue,
                    _ = shared.stop.cancelled() => return,
                }
            }
        }
    };
    loop {
        while shared.queued.load(Ordering::Acquire) > MAX_QUEUED {
            tokio::select! {
                _ = shared.drained.notified() => {}
                _ = shared.stop.cancelled() => return,
            }
        }
        let notified = arrived.notified();
        let rows = sqlx::query(
            "SELECT id, chat_key, event_type, body, received_at FROM inbox_events WHERE state = 'pending' AND id > ? ORDER BY id LIMIT ?",
        )
        .bind(cursor)
        .bind(LOAD_BATCH)
        .fetch_all(&shared.pool)
        .await;
        let rows = match rows {
            Ok(rows) => rows,
            Err(error) => {
                tracing::error!(%error, "reading the inbox failed; trying again");
                tokio::select! {
                    _ = tokio::time::sleep(std::time::Duration::from_secs(1)) => continue,
                    _ = shared.stop.cancelled() => return,
                }
            }
        };
        let full = rows.len() as i64 == LOAD_BATCH;
        for row in rows {
            let pending = Pending {
                id: row.get("id"),
                chat_key: row.get("chat_key"),
                event_type: row.get("event_type"),
                body: row.get("body"),
                received_at: row.get("received_at"),
                from_earlier_run: row.get::<i64, _>("id") <= horizon,
            };
            cursor = pending.id;
            enqueue(&shared, pending);
        }
        if shared.stop.is_cancelled() {
            return;
        }
        if !full {
            tokio::select! {
                _ = notified => {}
                _ = shared.stop.cancelled() => return,
            }
        }
    }
}

fn enqueue(shared: &Arc<Shared>, pending: Pending) {
    let key = pending.chat_key.clone();
    shared.queued.fetch_add(1, std::sync::atomic::Ordering::AcqRel);
    let start_task = {
        let mut queues = shared.queues.lock().expect("queue lock");
        match queues.get_mut(&key) {
            Some(queue) => {
                queue.push_back(pending);
                false
            }
            None => {
                queues.insert(key.clone(), VecDeque::from([pending]));
                true
            }
        }
    };
    if start_task {
        shared.tasks.spawn(drain_chat(shared.clone(), key));
    }
}

/// Handles one resident's events one after another until none is left.
async fn drain_chat(shared: Arc<Shared>, key: String) {
    loop {
        let next = {
            let mut queues = shared.queues.lock().expect("queue lock");
            let queue = queues.get_mut(&key).expect("a draining chat keeps its queue");
            match queue.pop_front() {
                Some(pending) if !shared.stop.is_cancelled() => Some(pending),
                _ => {
                    queues.remove(&key);
                    None
                }
            }
        };
        let Some(pending) = next else { return };
        {
            let Ok(_permit) = shared.permits.acquire().await else { return };
            handle(&shared, &pending).await;
        }
        shared.queued.fetch_sub(1, std::sync::atomic::Ordering::AcqRel);
        shared.drained.notify_one();
    }
}

async fn handle(shared: &Shared, pending: &Pending) {
    let outcome = process(shared, pending).await;
    let outcome = match outcome {
        Ok(outcome) => outcome,
        Err(error) => {
            tracing::error!(event = pending.id, %error, "event failed");
            if let Err(db_error) = finish(&shared.writer, pending.id, "failed", Some(error.to_string())).await {
                tracing::error!(event = pending.id, %db_error, "could not mark the event failed");
            }
            "failed"
        }
    };
    shared.metrics.event(outcome);
    shared.metrics.inbox_depth.dec();
    let waited = (db::now_ms() - pending.received_at).max(0) as f64 / 1000.0;
    shared.metrics.processing_seconds.observe(waited);
}

pub(super) async fn finish(
    writer: &Writer,
    id: i64,
    state: &'static str,
    note: Option<String>,
) -> Result<(), WriteError> {
    writer
        .write(move |conn| {
            conn.prepare_cached("UPDATE inbox_events SET state = ?, note = ?, finished_at = ? WHERE id = ?")?
                .execute(rusqlite::params![state, note, db::now_ms(), id])
                .map(|_| ())
        })
        .await
}

/// A turn already stored for this event by a run that did not live to send it.
pub(super) struct Outbox {
    chat_id: Option<String>,
    reply_token: Option<String>,
    messages: Vec<Message>,
    retry_key: String,
}

async fn stored_outbox(pool: &SqlitePool, id: i64) -> Result<Option<Outbox>, WorkerError> {
    let row = sqlx::query(
        "SELECT chat_id, reply_token, messages, retry_key FROM outbox WHERE event_id = ? AND sent_at IS NULL",
    )
    .bind(id)
    .fetch_optional(pool)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let messages: String = row.get("messages");
    Ok(Some(Outbox {
        chat_id: row.get("chat_id"),
        reply_token: row.get("reply_token"),
        messages: serde_json::from_str(&messages)?,
        retry_key: row.get("retry_key"),
    }))
}

async fn process(shared: &Shared, pending: &Pending) -> Result<&'static str, WorkerError> {
    let pool = &shared.pool;
    if pending.event_type == super::reminders::EVENT_TYPE {
        let stored = if pending.from_earlier_run { stored_outbox(pool, pending.id).await? } else { None };
        if let Some(outbox) = stored {
            deliver(shared, pending.id, outbox, true).await?;
            return Ok("answered");
        }
        return super::reminders::send(shared, pending).await;
    }
    let event = match Event::parse(&pending.body) {
        Ok(event) => event,
        Err(error) => {
            finish(&shared.writer, pending.id, "ignored", Some(format!("kept as unknown: {error}"))).await?;
            return Ok("ignored");
        }
    };
    if !event.may_answer() {
        finish(&shared.writer, pending.id, "ignored", Some("standby mode: another module answers".into())).await?;
        return Ok("ignored");
    }
    if matches!(event.kind, EventKind::Unknown) {
        finish(&shared.writer, pending.id, "ignored", Some("unknown event type".into())).await?;
        return Ok("ignored");
    }
    let stored = if pending.from_earlier_run { stored_outbox(pool, pending.id).await? } else { None };
    if let Some(outbox) = stored {
        tracing::info!(event = pending.id, "sending a turn stored before a restart");
        deliver(shared, pending.id, outbox, true).await?;
        return Ok("answered");
    }
    let Some(source) = event.source.as_ref() else {
        finish(&shared.writer, pending.id, "ignored", Some("no source to answer".into())).await?;
        return Ok("ignored");
    };
    let Some(user_id) = source.user_id().or(source.chat_id()).map(str::to_owned) else {
        finish(&shared.writer, pending.id, "ignored", Some("no user or chat to answer".into())).await?;
        return Ok("ignored");
    };
    let resident = load_resident(shared, source, &user_id).await?;
    if let (Source::User { .. }, EventKind::Message { message: MessageContent::Image { .. } }) = (source, &event.kind) {
        // Photos take longer to handle: show the resident that an answer is coming.
        if let Err(error) = shared.line.start_loading(&user_id, 20).await {
            tracing::debug!(%error, "loading animation not shown");
        }
    }
    let turn = shared.conversation.respond(&resident, &event, db::now_ms()).await?;
    if !turn.messages.is_empty() {
        message::check(&turn.messages)?;
    }
    let outbox =
        commit_turn(&shared.writer, pending.id, &resident, &turn, source, event.reply_token.as_deref()).await?;
    match outbox {
        Some(outbox) => {
            deliver(shared, pending.id, outbox, false).await?;
            Ok("answered")
        }
        None => Ok("silent"),
    }
}

pub(super) async fn load_resident(shared: &Shared, source: &Source, user_id: &str) -> Result<Resident, WorkerError> {
    let row = sqlx::query("SELECT profile_language, language, session FROM residents WHERE user_id = ?")
        .bind(user_id)
        .fetch_optional(&shared.pool)
        .await?;
    if let Some(row) = row {
        let session: Option<String> = row.get("session");
        return Ok(Resident {
            user_id: user_id.to_owned(),
            profile_language: row.get("profile_language"),
            language: row.get("language"),
            session: session.and_then(|s| serde_json::from_str(&s).ok()),
        });
    }
    // First contact: the LINE profile's language seeds the resident's.
    let profile_language = match source.user_id() {
        Some(id) => match shared.line.profile(id).await {
            Ok(profile) => profile.language,
            Err(error) => {
                tracing::info!(%error, "no profile for a new resident; their language starts as the default");
                None
            }
        },
        None => None,
    };
    Ok(Resident { user_id: user_id.to_owned(), profile_language, language: None, session: None })
}

/// Stores the resident's new state and the messages to send in one transaction; returns the outbox to send, if any.
pub(super) async fn commit_turn(
    writer: &Writer,
    event_id: i64,
    resident: &Resident,
    turn: &Turn,
    source: &Source,
    reply_token: Option<&str>,
) -> Result<Option<Outbox>, WorkerError> {
    let now = db::now_ms();
    let session = turn.session.as_ref().map(serde_json::to_string).transpose()?;
    let outbox = (!turn.messages.is_empty()).then(|| Outbox {
        chat_id: source.chat_id().map(str::to_owned),
        reply_token: reply_token.map(str::to_owned),
        messages: turn.messages.clone(),
        retry_key: uuid::Uuid::new_v4().to_string(),
    });
    let messages = outbox.as_ref().map(|o| serde_json::to_string(&o.messages)).transpose()?;
    let (user_id, profile_language, language) =
        (resident.user_id.clone(), resident.profile_language.clone(), turn.language.clone());
    let (chat_id, token, retry_key) = match &outbox {
        Some(o) => (o.chat_id.clone(), o.reply_token.clone(), Some(o.retry_key.clone())),
        None => (None, None, None),
    };
    writer
        .write(move |conn| {
            conn.prepare_cached(
                "INSERT INTO residents (user_id, profile_language, language, session, first_seen_at, updated_at)
                 VALUES (?, ?, ?, ?, ?, ?)
                 ON CONFLICT (user_id) DO UPDATE SET language = excluded.language, session = excluded.session,
                                                     updated_at = excluded.updated_at",
            )?
            .execute(rusqlite::params![user_id, profile_language, language, session, now, now])?;
            match &messages {
                None => conn
                    .prepare_cached("UPDATE inbox_events SET state = 'done', finished_at = ? WHERE id = ?")?
                    .execute(rusqlite::params![now, event_id])?,
                Some(messages) => conn
                    .prepare_cached(
                        "INSERT INTO outbox (event_id, chat_id, reply_token, messages, retry_key, created_at)
                         VALUES (?, ?, ?, ?, ?, ?)",
                    )?
                    .execute(rusqlite::params![event_id, chat_id, token, messages, retry_key, now])?,
            };
            Ok(())
        })
        .await?;
    Ok(outbox)
}

/// Sends a stored turn: by reply token when there is one, by push when the token is refused or absent.
///
/// `recovered` is true when the turn was stored by an earlier run: its reply may already have been accepted just
/// before that run died. LINE's reply tokens are single-use, so a refused token then means the earlier attempt most
/// likely got through, and the turn is not pushed a second time.
pub(super) async fn deliver(
    shared: &Shared,
    event_id: i64,
    outbox: Outbox,
    recovered: bool,
) -> Result<(), WorkerError> {
    let mut delivered = None;
    if let Some(token) = outbox.reply_token.as_deref() {
        match shared.line.reply(token, &outbox.messages).await {
            Ok(how) => delivered = Some(how),
            Err(LineError::InvalidReplyToken) if recovered => {
                tracing::warn!(
                    event = event_id,
                    "reply token refused after a restart; presuming the earlier reply arrived"
                );
                delivered = Some(Delivered::ReplyPresumed);
            }
            Err(LineError::InvalidReplyToken) => {
                tracing::info!(event = event_id, "reply token refused; pushing instead");
            }
            Err(error) => return Err(error.into()),
        }
    }
    let delivered = match delivered {
        Some(how) => how,
        None => {
            let Some(chat_id) = outbox.chat_id.as_deref() else {
                return Err(WorkerError::NoRecipient);
            };
            shared.line.push(chat_id, &outbox.messages, &outbox.retry_key).await?
        }
    };
    let via = match delivered {
        Delivered::Reply => "reply",
        Delivered::ReplyPresumed => "reply-presumed",
        Delivered::Push | Delivered::PushAlreadyAccepted => "push",
    };
    let now = db::now_ms();
    shared
        .writer
        .write(move |conn| {
            conn.prepare_cached("UPDATE outbox SET sent_via = ?, sent_at = ? WHERE event_id = ?")?
                .execute(rusqlite::params![via, now, event_id])?;
            conn.prepare_cached("UPDATE inbox_events SET state = 'done', finished_at = ? WHERE id = ?")?
                .execute(rusqlite::params![now, event_id])?;
            Ok(())
        })
        .await?;
    Ok(())
}
