//! The single writer: every write of the inbox runs here, many callers' jobs committed together in one
//! `BEGIN IMMEDIATE` transaction. When one job of a batch fails, the batch is rolled back and each of its jobs is run
//! again in a transaction of its own, so a failing job undoes only itself.
//!
//! SQLite lets one connection write at a time; many connections taking turns through the busy timeout cost far more
//! than one connection committing batches, and the batch is what lets the webhook answer fast. The writer's connection
//! is a synchronous one on the writer's own thread: through sqlx every statement is a round trip to the connection's
//! thread, and at thousands of webhooks a second those thread switches cost more than the statements. Checkpoints of
//! the write-ahead log (which wait for the disk) run on another connection beside the writer, never inside its commits.

use rusqlite::Connection;
use std::any::Any;
use std::path::Path;
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
/// How long a statement waits for another connection's write lock before it fails.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

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
    let checkpoint_path = path.to_owned();
    let checkpoints = std::thread::Builder::new()
        .name("madoguchi-checkpoint".into())
        .spawn(move || checkpoint(&checkpoint_path, &stopped));
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
        if let Err(error) = commit(conn, &mut batch) {
            tracing::error!(%error, "a write batch failed; its jobs are told so");
            connection = None;
        }
    }
}

/// A connection to the database file with the pragmas the gateway relies on. The writer's own leaves checkpoints to
/// [`checkpoint`].
fn open(path: &Path, checkpoints: bool) -> Result<Connection, rusqlite::Error> {
    let connection = Connection::open(path)?;
    connection.busy_timeout(BUSY_TIMEOUT)?;
    connection.pragma_update(None, "foreign_keys", true)?;
    connection.pragma_update(None, "synchronous", "NORMAL")?;
    if !checkpoints {
        connection.pragma_update(None, "wal_autocheckpoint", 0)?;
    }
    Ok(connection)
}

/// Copies the write-ahead log back into the database file now and then, until the writer ends.
fn checkpoint(path: &Path, stopped: &std::sync::mpsc::Receiver<()>) {
    let mut connection = None;
    while let Err(std::sync::mpsc::RecvTimeoutError::Timeout) = stopped.recv_timeout(CHECKPOINT_EVERY) {
        if connection.is_none() {
            connection = open(path, true).map_err(|error| tracing::warn!(%error, "cannot open for checkpoints")).ok();
        }
        let Some(conn) = connection.as_ref() else { continue };
        if let Err(error) = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(())) {
            tracing::warn!(%error, "checkpointing the write-ahead log failed; trying again");
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
}
