//! The single writer: every write of the gateway runs here, many callers' jobs committed together in one
//! `BEGIN IMMEDIATE` transaction. When one job of a batch fails, the batch is rolled back and each of its jobs is run
//! again in a transaction of its own, so a failing job undoes only itself.
//!
//! SQLite lets one connection write at a time; many connections taking turns through the busy timeout cost far more
//! than one connection committing batches, and the batch is what lets the webhook answer fast. Checkpoints of the
//! write-ahead log (which wait for the disk) run on another connection beside the writer, never inside its commits.

use futures::future::BoxFuture;
use sqlx::{Connection, SqliteConnection, SqlitePool};
use std::any::Any;
use tokio::sync::{mpsc, oneshot};

/// Why a write did not happen.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("the database writer has stopped")]
    Stopped,
    #[error("{0}")]
    Database(#[from] sqlx::Error),
    #[error("the batch could not be committed: {0}")]
    Commit(String),
}

type Output = Box<dyn Any + Send>;
type Work = Box<dyn for<'c> FnMut(&'c mut SqliteConnection) -> BoxFuture<'c, Result<Output, sqlx::Error>> + Send>;

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
const CHECKPOINT_EVERY: std::time::Duration = std::time::Duration::from_millis(500);

impl Writer {
    /// Starts the writer on a connection of its own from `pool`, on a thread of its own: each statement of a batch
    /// is a round trip to the connection's thread, and the writer must not wait for a turn among busy webhook and
    /// worker tasks between them.
    pub fn start(pool: SqlitePool) -> Writer {
        let (jobs, receiver) = mpsc::channel(8192);
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build();
        let thread = runtime.and_then(|runtime| {
            std::thread::Builder::new()
                .name("madoguchi-writer".into())
                .spawn(move || runtime.block_on(run(pool, receiver)))
        });
        if let Err(error) = thread {
            // Without its thread the writer cannot run: every write is refused as stopped.
            tracing::error!(%error, "the database writer could not start");
        }
        Writer { jobs }
    }

    /// Runs `work` in the next batch and returns its result once the batch is committed. `work` may be run twice
    /// (the second time alone, when another job of its batch failed), so it must build its statements afresh.
    pub async fn write<T, F>(&self, mut work: F) -> Result<T, WriteError>
    where
        T: Send + 'static,
        F: for<'c> FnMut(&'c mut SqliteConnection) -> BoxFuture<'c, Result<T, sqlx::Error>> + Send + 'static,
    {
        let (done, answer) = oneshot::channel();
        let work: Work = Box::new(move |connection| {
            let future = work(connection);
            Box::pin(async move { future.await.map(|value| Box::new(value) as Output) })
        });
        self.jobs.send(Job { work, done }).await.map_err(|_| WriteError::Stopped)?;
        let output = answer.await.map_err(|_| WriteError::Stopped)??;
        Ok(*output.downcast::<T>().expect("a job's output has the type it was written with"))
    }
}

async fn run(pool: SqlitePool, mut receiver: mpsc::Receiver<Job>) {
    let checkpoints = tokio::spawn(checkpoint(pool.clone()));
    let mut batch = Vec::with_capacity(MAX_JOBS_PER_COMMIT);
    let mut connection = None;
    while receiver.recv_many(&mut batch, MAX_JOBS_PER_COMMIT).await > 0 {
        if connection.is_none() {
            match own_connection(&pool).await {
                Ok(own) => connection = Some(own),
                Err(error) => {
                    for job in batch.drain(..) {
                        let _ = job.done.send(Err(WriteError::Commit(error.to_string())));
                    }
                    continue;
                }
            }
        }
        let conn = connection.as_mut().expect("acquired above");
        if let Err(error) = commit(conn, &mut batch).await {
            tracing::error!(%error, "a write batch failed; its jobs are told so");
            connection = None;
        }
    }
    checkpoints.abort();
    if let Some(connection) = connection {
        let _ = connection.close().await;
    }
}

/// The writer's connection, taken out of the pool, which leaves checkpoints to [`checkpoint`].
async fn own_connection(pool: &SqlitePool) -> Result<SqliteConnection, sqlx::Error> {
    let mut connection = pool.acquire().await?.detach();
    sqlx::query("PRAGMA wal_autocheckpoint = 0").execute(&mut connection).await?;
    Ok(connection)
}

/// Copies the write-ahead log back into the database file now and then, without blocking the writer.
async fn checkpoint(pool: SqlitePool) {
    loop {
        tokio::time::sleep(CHECKPOINT_EVERY).await;
        if let Err(error) = sqlx::query("PRAGMA wal_checkpoint(PASSIVE)").execute(&pool).await {
            tracing::warn!(%error, "checkpointing the write-ahead log failed; trying again");
        }
    }
}

/// Runs every job of the batch in one transaction; when one fails, runs each alone instead. Answers every job.
async fn commit(conn: &mut SqliteConnection, batch: &mut Vec<Job>) -> Result<(), sqlx::Error> {
    let together = async {
        sqlx::query("BEGIN IMMEDIATE").execute(&mut *conn).await?;
        let mut outputs = Vec::with_capacity(batch.len());
        for job in batch.iter_mut() {
            match (job.work)(&mut *conn).await {
                Ok(output) => outputs.push(output),
                Err(_) => {
                    sqlx::query("ROLLBACK").execute(&mut *conn).await?;
                    return Ok(None);
                }
            }
        }
        sqlx::query("COMMIT").execute(&mut *conn).await?;
        Ok::<_, sqlx::Error>(Some(outputs))
    }
    .await;
    match together {
        Ok(Some(outputs)) => {
            for (job, output) in batch.drain(..).zip(outputs) {
                let _ = job.done.send(Ok(output));
            }
            Ok(())
        }
        Ok(None) => {
            for mut job in batch.drain(..) {
                let result = alone(conn, &mut job.work).await;
                let _ = job.done.send(result);
            }
            Ok(())
        }
        Err(error) => {
            let _ = sqlx::query("ROLLBACK").execute(&mut *conn).await;
            for job in batch.drain(..) {
                let _ = job.done.send(Err(WriteError::Commit(error.to_string())));
            }
            Err(error)
        }
    }
}

/// Runs one job in a transaction of its own.
async fn alone(conn: &mut SqliteConnection, work: &mut Work) -> Result<Output, WriteError> {
    sqlx::query("BEGIN IMMEDIATE").execute(&mut *conn).await?;
    match work(&mut *conn).await {
        Ok(output) => {
            sqlx::query("COMMIT").execute(&mut *conn).await?;
            Ok(output)
        }
        Err(error) => {
            sqlx::query("ROLLBACK").execute(&mut *conn).await?;
            Err(error.into())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn pool() -> (tempfile::TempDir, SqlitePool) {
        let dir = tempfile::tempdir().unwrap();
        let pool = crate::db::connect(&format!("sqlite://{}", dir.path().join("w.db").display())).await.unwrap();
        sqlx::query("CREATE TABLE t (v INTEGER UNIQUE)").execute(&pool).await.unwrap();
        (dir, pool)
    }

    #[tokio::test]
    async fn a_failing_job_undoes_only_itself() {
        let (_dir, pool) = pool().await;
        let writer = Writer::start(pool.clone());
        let insert = |v: i64| {
            let writer = writer.clone();
            async move {
                writer
                    .write(move |c| {
                        Box::pin(async move {
                            sqlx::query("INSERT INTO t (v) VALUES (?)").bind(v).execute(c).await.map(|_| v)
                        })
                    })
                    .await
            }
        };
        let (a, b, c) = tokio::join!(insert(1), insert(1), insert(2));
        assert_eq!([a.is_ok(), b.is_ok()].iter().filter(|ok| **ok).count(), 1, "the duplicate fails alone");
        assert_eq!(c.unwrap(), 2);
        let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM t").fetch_one(&pool).await.unwrap();
        assert_eq!(count, 2);
    }

    #[tokio::test]
    async fn many_concurrent_writers_are_all_committed() {
        let (_dir, pool) = pool().await;
        let writer = Writer::start(pool.clone());
        let jobs = (0..500).map(|v| {
            let writer = writer.clone();
            tokio::spawn(async move {
                writer
                    .write(move |c| {
                        Box::pin(async move {
                            sqlx::query("INSERT INTO t (v) VALUES (?)").bind(v).execute(c).await.map(|_| ())
                        })
                    })
                    .await
            })
        });
        for job in futures::future::join_all(jobs).await {
            job.unwrap().unwrap();
        }
        let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM t").fetch_one(&pool).await.unwrap();
        assert_eq!(count, 500);
    }
}
