//! The SQLite database: opening the file with the pragmas the gateway relies on, and running the embedded migrations.

pub mod writer;

pub use writer::{WriteError, Writer};

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Sqlite, SqlitePool, Transaction};
use std::str::FromStr;
use std::time::Duration;

/// Why the database could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("MADOGUCHI_DATABASE_URL {url:?} is not a SQLite URL: {source}")]
    BadUrl { url: String, source: sqlx::Error },
    #[error(
        "MADOGUCHI_DATABASE_URL {url:?} is an in-memory database, which would lose every stored event at a restart; give a file"
    )]
    InMemory { url: String },
    #[error("cannot create the database folder {path}: {source}")]
    Folder { path: String, source: std::io::Error },
    #[error("cannot open the database: {0}")]
    Open(sqlx::Error),
    #[error("cannot apply migrations: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

/// How long a statement waits for another connection's write lock before it fails; the pool's connections and the
/// writer's own alike.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// The migrations compiled into the binary.
pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// Opens (creating if missing) the database at `url` and brings its schema up to date.
pub async fn connect(url: &str) -> Result<SqlitePool, DbError> {
    if url.contains(":memory:") || url.contains("mode=memory") {
        return Err(DbError::InMemory { url: url.to_owned() });
    }
    let options = SqliteConnectOptions::from_str(url)
        .map_err(|source| DbError::BadUrl { url: url.to_owned(), source })?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .foreign_keys(true)
        .busy_timeout(BUSY_TIMEOUT);
    let file = options.get_filename();
    if let Some(parent) = file.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .map_err(|source| DbError::Folder { path: parent.display().to_string(), source })?;
    }
    let pool = SqlitePoolOptions::new().max_connections(8).connect_with(options).await.map_err(DbError::Open)?;
    MIGRATOR.run(&pool).await?;
    Ok(pool)
}

/// Starts a transaction that will write after reading: it takes the write lock at once, so it never fails to upgrade.
pub async fn begin_immediate(pool: &SqlitePool) -> Result<Transaction<'static, Sqlite>, sqlx::Error> {
    pool.begin_with("BEGIN IMMEDIATE").await
}

/// Whether the database answers and every embedded migration has been applied.
pub async fn is_ready(pool: &SqlitePool) -> bool {
    let applied: Result<i64, _> =
        sqlx::query_scalar("SELECT COUNT(*) FROM _sqlx_migrations WHERE success = 1").fetch_one(pool).await;
    matches!(applied, Ok(n) if n as usize >= MIGRATOR.iter().count())
}

/// The current time in unix milliseconds.
pub fn now_ms() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn an_in_memory_database_is_refused_with_the_setting_named() {
        for url in ["sqlite::memory:", "sqlite://inbox.db?mode=memory"] {
            let error = connect(url).await.expect_err("an in-memory database keeps nothing");
            assert!(error.to_string().contains("MADOGUCHI_DATABASE_URL"), "{error}");
        }
    }
}
