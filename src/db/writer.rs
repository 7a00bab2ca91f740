//! The single writer: every write of the inbox runs here, many callers' jobs committed together in one
//! `BEGIN IMMEDIATE` transaction. When one job of a batch fails, the batch is rolled back and each of its jobs is run
//! again in a transaction of its own, so a failing job undoes only itself.
//!
//! SQLite lets one connection write at a time; many connections taking turns through the busy timeout cost far more
//! than one connection committing batches, and the batch is what lets the webhook answer fast. The writer's connection
//! is a synchronous one on the writer's own thread: through sqlx every statement is a round trip to the connection's
//! thread, and at thousands of webhooks a second those thread switches cost more than the statements. Checkpoints of
//! the write-ahead log (which wait for the disk) run on another connection beside the writer, never inside its commits.
//!
//! SQLite starts the log afresh only when a write begins with every frame of it copied back, and a checkpoint beside
//! a writer that never pauses always leaves the frames written meanwhile: under steady load the log would grow without
//! end (by 100 MB/s at 5,000 webhooks/s). So when the log has grown long, the writer itself copies back the few frames
//! the last checkpoint left, between two batches, and its next batch starts the log afresh.

use rusqlite::Connection;
use std::any::Any;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;
use tokio::sync::{mpsc, oneshot};

/// Why a write did not happen.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("the database writer has stopped")]
    Stopped,
    #[error("{0}")]
    Database(#[from] rusqlite::Error),
    #[error("the batch could not be committed: {0}")]
    Commit(String),
}

type Output = Box<dyn Any + Send>;
type Work = Box<dyn FnMut(&Connection) -> Result<Output, rusqlite::Error> + Send>;

struct Job {
    work: Work,
    done: oneshot::Sender<Result<Output, WriteError>>,
}

/// A handle to the writer; clones share it. The writer ends when every handle is dropped.
#[derive(Clone)]
pub struct Writer {
    jobs: mpsc::Sender<Job>,
}

/// How many jobs one transaction carries at most.
const MAX_JOBS_PER_COMMIT: usize = 1024;
/// How often the write-ahead log is copied back into the database file.
const CHECKPOINT_EVERY: Duration = Duration::from_millis(500);
/// How long the log may grow (in pages) before the writer finishes a checkpoint itself: 16 MiB of 4 KiB pages.
const RESTART_AFTER_FRAMES: i64 = 4096;
/// The size the log file is cut back to when it starts afresh after growing past it.
const LOG_SIZE_LIMIT: i64 = 64 * 1024 * 1024;

impl Writer {
    /// Starts the writer on the database file `path` (already created and migrated), on a thread of its own.
    pub fn start(path: &Path) -> Writer {
        let (jobs, receiver) = mpsc::channel(8192);
        let path = path.to_owned();
        let thread = std::thread::Builder::new().name("madoguchi-writer".into()).spawn(move || run(&path, receiver));
        if let Err(error) = thread {
            // Without its thread the writer cannot run: every write is refused as stopped.
            tracing::error!(%error, "the database writer could not start");
        }
        Writer { jobs }
    }

    /// Runs `work` in the next batch and returns its result once the batch is committed. `work` may be run twice
    /// (the second time alone, when another job of its batch failed), so it must not consume what it writes.
    pub async fn write<T, F>(&self, mut work: F) -> Result<T, WriteError>
    where
        T: Send + 'static,
        F: FnMut(&Connection) -> Result<T, rusqlite::Error> + Send + 'static,
    {
        let (done, answer) = oneshot::channel();
        let work: Work = Box::new(move |connection| work(connection).map(|value| Box::new(value) as Output));
        self.jobs.send(Job { work, done }).await.map_err(|_| WriteError::Stopped)?;
        let output = answer.await.map_err(|_| WriteError::Stopped)??;
        Ok(*output.downcast::<T>().expect("a job's output has the type it was written with"))
    }
}

/// The writer's thread: takes every job waiting, up to a batch, and commits them together.
fn run(path: &Path, mut receiver: mpsc::Receiver<Job>) {
    let (_checkpoints_run_while_this_lives, stopped) = std::sync::mpsc::channel::<()>();
    let log_is_long = Arc::new(AtomicBool::new(false));
    let (checkpoint_path, long) = (path.to_owned(), log_is_long.clone());
    let checkpoints = std::thread::Builder::new()
        .name("madoguchi-checkpoint".into())
        .spawn(move || checkpoint(&checkpoint_path, &stopped, &long));
    if let Err(error) = checkpoints {
        tracing::warn!(%error, "the write-ahead log will be checkpointed only by SQLite itself");
    }
    let mut batch = Vec::with_capacity(MAX_JOBS_PER_COMMIT);
    let mut connection = None;
    while let Some(first) = receiver.blocking_recv() {
        batch.push(first);
        while batch.len() < MAX_JOBS_PER_COMMIT {
            match receiver.try_recv() {
                Ok(job) => batch.push(job),
                Err(_) => break,
            }
        }
        if connection.is_none() {
            match open(path, false) {
                Ok(own) => connection = Some(own),
                Err(error) => {
                    for job in batch.drain(..) {
                        let _ = job.done.send(Err(WriteError::Commit(error.to_string())));
                    }
                    continue;
                }
            }
        }
        let conn = connection.as_ref().expect("opened above");
        if log_is_long.swap(false, Ordering::AcqRel)
            && let Err(error) = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()))
        {
            tracing::warn!(%error, "finishing a checkpoint failed; the log grows until the next");
        }
        if let Err(error) = commit(conn, &mut batch) {
            tracing::error!(%error, "a write batch failed; its jobs are told so");
            connection = None;
        }
    }
}

/// A connection to the database file with the pragmas [`super::connect`] gives the pool's (the file is already in WAL
/// mode). The writer's own leaves checkpoints to [`checkpoint`].
fn open(path: &Path, checkpoints: bool) -> Result<Connection, rusqlite::Error> {
    let connection = Connection::open(path)?;
    connection.busy_timeout(super::BUSY_TIMEOUT)?;
    connection.pragma_update(None, "foreign_keys", true)?;
    connection.pragma_update(None, "synchronous", "NORMAL")?;
    if !checkpoints {
        connection.pragma_update(None, "wal_autocheckpoint", 0)?;
        connection.pragma_update(None, "journal_size_limit", LOG_SIZE_LIMIT)?;
    }
    Ok(connection)
}

/// Copies the write-ahead log back into the database file now and then, until the writer ends; tells the writer when
/// the log has grown long.
fn checkpoint(path: &Path, stopped: &std::sync::mpsc::Receiver<()>, log_is_long: &AtomicBool) {
    let mut connection = None;
    while let Err(std::sync::mpsc::RecvTimeoutError::Timeout) = stopped.recv_timeout(CHECKPOINT_EVERY) {
        if connection.is_none() {
            connection = open(path, true).map_err(|error| tracing::warn!(%error, "cannot open for checkpoints")).ok();
        }
        let Some(conn) = connection.as_ref() else { continue };
        match conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |row| row.get::<_, i64>(1)) {
            Ok(frames) => log_is_long.store(frames >= RESTART_AFTER_FRAMES, Ordering::Release),
            Err(error) => tracing::warn!(%error, "checkpointing the write-ahead log failed; trying again"),
        }
    }
}

/// Runs every job of the batch in one transaction; when one fails, runs each alone instead. Answers every job.
fn commit(conn: &Connection, batch: &mut Vec<Job>) -> Result<(), rusqlite::Error> {
    let together = (|| {
        conn.execute_batch("BEGIN IMMEDIATE")?;
        let mut outputs = Vec::with_capacity(batch.len());
        for job in batch.iter_mut() {
            match (job.work)(conn) {
                Ok(output) => outputs.push(output),
                Err(_) => {
                    conn.execute_batch("ROLLBACK")?;
                    return Ok(None);
                }
            }
        }
        conn.execute_batch("COMMIT")?;
        Ok::<_, rusqlite::Error>(Some(outputs))
    })();
    match together {
        Ok(Some(outputs)) => {
            for (job, output) in batch.drain(..).zip(outputs) {
                let _ = job.done.send(Ok(output));
            }
            Ok(())
        }
        Ok(None) => {
            for mut job in batch.drain(..) {
                let result = alone(conn, &mut job.work);
                let _ = job.done.send(result);
            }
            Ok(())
        }
        Err(error) => {
            let _ = conn.execute_batch("ROLLBACK");
            for job in batch.drain(..) {
                let _ = job.done.send(Err(WriteError::Commit(error.to_string())));
            }
            Err(error)
        }
    }
}

/// Runs one job in a transaction of its own.
fn alone(conn: &Connection, work: &mut Work) -> Result<Output, WriteError> {
    conn.execute_batch("BEGIN IMMEDIATE")?;
    match work(conn) {
        Ok(output) => {
            conn.execute_batch("COMMIT")?;
            Ok(output)
        }
        Err(error) => {
            conn.execute_batch("ROLLBACK")?;
            Err(error.into())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sqlx::SqlitePool;

    async fn pool() -> (tempfile::TempDir, SqlitePool, Writer) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.db");
        let pool = crate::db::connect(&format!("sqlite://{}", path.display())).await.unwrap();
        sqlx::query("CREATE TABLE t (v INTEGER UNIQUE)").execute(&pool).await.unwrap();
        (dir, pool, Writer::start(&path))
    }

    fn insert(v: i64) -> impl FnMut(&Connection) -> Result<i64, rusqlite::Error> + Send + 'static {
        move |c| c.prepare_cached("INSERT INTO t (v) VALUES (?)")?.execute([v]).map(|_| v)
    }

    #[tokio::test]
    async fn a_failing_job_undoes_only_itself() {
        let (_dir, pool, writer) = pool().await;
        let (a, b, c) = tokio::join!(writer.write(insert(1)), writer.write(insert(1)), writer.write(insert(2)));
        assert_eq!([a.is_ok(), b.is_ok()].iter().filter(|ok| **ok).count(), 1, "the duplicate fails alone");
        assert_eq!(c.unwrap(), 2);
        let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM t").fetch_one(&pool).await.unwrap();
        assert_eq!(count, 2);
    }

    #[tokio::test]
    async fn many_concurrent_writers_are_all_committed() {
        let (_dir, pool, writer) = pool().await;
        let jobs = (0..500).map(|v| {
            let writer = writer.clone();
            tokio::spawn(async move { writer.write(insert(v)).await })
        });
        for job in futures::future::join_all(jobs).await {
            job.unwrap().unwrap();
        }
        let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM t").fetch_one(&pool).await.unwrap();
        assert_eq!(count, 500);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_log_starts_afresh_under_steady_writes_and_reads() {
        let (dir, pool, writer) = pool().await;
        sqlx::query("CREATE TABLE page (body BLOB)").execute(&pool).await.unwrap();
        let stop = Arc::new(AtomicBool::new(false));
        let writes = (0..16).map(|_| {
            let (writer, stop) = (writer.clone(), stop.clone());
            tokio::spawn(async move {
                while !stop.load(Ordering::Acquire) {
                    let write =
                        |c: &Connection| c.prepare_cached("INSERT INTO page VALUES (zeroblob(3000))")?.execute([]);
                    writer.write(write).await.unwrap();
                    // Steady, not flat out: unpaced, a fast machine grows the log past the test's bound within two
                    // checkpoint periods, before a fresh start can be seen.
                    tokio::time::sleep(Duration::from_millis(1)).await;
                }
            })
        });
        let writes: Vec<_> = writes.collect();
        let (reads, stopped) = (pool.clone(), stop.clone());
        let reader = tokio::spawn(async move {
            while !stopped.load(Ordering::Acquire) {
                sqlx::query("SELECT rowid FROM page ORDER BY rowid DESC LIMIT 1").execute(&reads).await.unwrap();
            }
        });
        // The log's length in frames, as the shared-memory index's header says (`mxFrame`, 4 bytes at offset 16 in
        // native byte order), read without a connection, which might copy frames back itself.
        let index = dir.path().join("w.db-shm");
        let frames = || {
            let header = std::fs::read(&index).unwrap_or_default();
            header.get(16..20).map_or(0, |b| i64::from(u32::from_ne_bytes(b.try_into().unwrap())))
        };
        let (mut longest, mut started_afresh) = (0, false);
        // Without a fresh start the log grows by millions of frames a minute; sixteen times the limit is proof enough.
        let deadline = std::time::Instant::now() + Duration::from_secs(60);
        while !started_afresh && longest < 16 * RESTART_AFTER_FRAMES && std::time::Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(20)).await;
            let now = frames();
            started_afresh = longest >= RESTART_AFTER_FRAMES && now < longest / 2;
            longest = longest.max(now);
        }
        stop.store(true, Ordering::Release);
        for write in writes {
            write.await.unwrap();
        }
        reader.await.unwrap();
        assert!(started_afresh, "the log grew to {longest} frames and never started afresh");
    }
}
