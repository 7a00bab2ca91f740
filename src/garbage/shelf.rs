//! Where each city's catalog is kept: in SQLite, replaced whole on import, and the one a running server answers
//! from, swapped for the new one soon after an import in another process.

use super::catalog::{Catalog, Skipped, demo};
use super::import::{Format, Imported};
use super::search::Index;
use sqlx::SqlitePool;
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

/// The city a deployment answers for when none is configured: the demo city built into the binary.
pub const DEMO: &str = "demo";
/// How often a server looks for a newer import of its city's catalog.
const RECHECK: Duration = Duration::from_secs(5);

/// Why a catalog could not be stored or found.
#[derive(Debug, thiserror::Error)]
pub enum ShelfError {
    #[error("no catalog has been imported for city {0:?}: run `madoguchi catalog import --city {0} …` first")]
    NoCatalog(String),
    #[error("the stored catalog of city {0:?} cannot be read: {1}")]
    Corrupt(String, serde_json::Error),
    #[error("indexing the catalog of city {0:?} failed: {1}")]
    Indexing(String, String),
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

/// A stored catalog's record, for `catalog list`.
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct Stored {
    pub city: String,
    pub format: String,
    pub source: String,
    pub rows: i64,
    pub items: i64,
    pub imported_at: i64,
    pub generation: i64,
}

/// Replaces `city`'s catalog with `imported` in one statement; returns the new generation.
pub async fn store(pool: &SqlitePool, imported: &Imported, format: Format, source: &str) -> Result<i64, ShelfError> {
    let catalog =
        serde_json::to_string(&imported.catalog).map_err(|e| ShelfError::Corrupt(imported.catalog.city.clone(), e))?;
    let skipped =
        serde_json::to_string(&imported.skipped).map_err(|e| ShelfError::Corrupt(imported.catalog.city.clone(), e))?;
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default().as_millis() as i64;
    let generation: i64 = sqlx::query_scalar(
        "INSERT INTO garbage_catalogs (city, format, source, rows, items, skipped, catalog, imported_at, generation)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)
         ON CONFLICT (city) DO UPDATE SET format = excluded.format, source = excluded.source, rows = excluded.rows,
             items = excluded.items, skipped = excluded.skipped, catalog = excluded.catalog,
             imported_at = excluded.imported_at, generation = garbage_catalogs.generation + 1
         RETURNING generation",
    )
    .bind(&imported.catalog.city)
    .bind(format.name())
    .bind(source)
    .bind(imported.rows as i64)
    .bind(imported.catalog.items.len() as i64)
    .bind(skipped)
    .bind(catalog)
    .bind(now)
    .fetch_one(pool)
    .await?;
    Ok(generation)
}

/// Every stored catalog, by city.
pub async fn list(pool: &SqlitePool) -> Result<Vec<Stored>, ShelfError> {
    Ok(sqlx::query_as(
        "SELECT city, format, source, rows, items, imported_at, generation FROM garbage_catalogs ORDER BY city",
    )
    .fetch_all(pool)
    .await?)
}

/// The rows skipped at `city`'s last import.
pub async fn skipped(pool: &SqlitePool, city: &str) -> Result<Vec<Skipped>, ShelfError> {
    let text: Option<String> = sqlx::query_scalar("SELECT skipped FROM garbage_catalogs WHERE city = ?")
        .bind(city)
        .fetch_optional(pool)
        .await?;
    match text {
        Some(text) => serde_json::from_str(&text).map_err(|e| ShelfError::Corrupt(city.to_owned(), e)),
        None => Err(ShelfError::NoCatalog(city.to_owned())),
    }
}

/// `city`'s catalog, indexed, and its generation: the stored one; for the demo city the built-in one until one is
/// imported. Reading and indexing thousands of items takes tens of milliseconds, so it runs off the async workers.
pub async fn load(pool: &SqlitePool, city: &str) -> Result<(Index, i64), ShelfError> {
    let row: Option<(String, i64)> = sqlx::query_as("SELECT catalog, generation FROM garbage_catalogs WHERE city = ?")
        .bind(city)
        .fetch_optional(pool)
        .await?;
    let (text, generation) = match row {
        Some((text, generation)) => (Some(text), generation),
        None if city == DEMO => (None, 0),
        None => return Err(ShelfError::NoCatalog(city.to_owned())),
    };
    let owned = city.to_owned();
    tokio::task::spawn_blocking(move || {
        let catalog = match text {
            Some(text) => serde_json::from_str(&text).map_err(|e| ShelfError::Corrupt(owned, e))?,
            None => demo(),
        };
        Ok((Index::new(catalog), generation))
    })
    .await
    .map_err(|error| ShelfError::Indexing(city.to_owned(), error.to_string()))?
}

async fn generation(pool: &SqlitePool, city: &str) -> Result<i64, sqlx::Error> {
    let generation: Option<i64> = sqlx::query_scalar("SELECT generation FROM garbage_catalogs WHERE city = ?")
        .bind(city)
        .fetch_optional(pool)
        .await?;
    Ok(generation.unwrap_or(0))
}

/// The catalog a server answers from: loaded at start, and replaced whole when a newer import is seen.
pub struct Shelf {
    city: String,
    pool: Option<SqlitePool>,
    current: RwLock<(Arc<Index>, i64)>,
    checked: Mutex<Option<Instant>>,
}

impl Shelf {
    /// A shelf that always answers from `catalog` (the demo city for `flows check`, a catalog under test).
    pub fn fixed(catalog: Catalog) -> Shelf {
        Shelf {
            city: catalog.city.clone(),
            pool: None,
            current: RwLock::new((Arc::new(Index::new(catalog)), 0)),
            checked: Mutex::new(Some(Instant::now())),
        }
    }

    /// `city`'s stored catalog, watched for newer imports.
    pub async fn open(pool: &SqlitePool, city: &str) -> Result<Shelf, ShelfError> {
        let (index, generation) = load(pool, city).await?;
        Ok(Shelf {
            city: city.to_owned(),
            pool: Some(pool.clone()),
            current: RwLock::new((Arc::new(index), generation)),
            checked: Mutex::new(Some(Instant::now())),
        })
    }

    pub fn city(&self) -> &str {
        &self.city
    }

    /// The catalog to answer from now: a newer import, looked for at most every few seconds, replaces the old
    /// whole; if the newer one cannot be read, the old one keeps answering.
    pub async fn index(&self) -> Arc<Index> {
        let (index, known) = self.current.read().expect("shelf lock").clone();
        let Some(pool) = &self.pool else { return index };
        {
            let mut checked = self.checked.lock().expect("shelf lock");
            if checked.is_some_and(|at| at.elapsed() < RECHECK) {
                return index;
            }
            *checked = Some(Instant::now());
        }
        match generation(pool, &self.city).await {
            Ok(newest) if newest != known => match load(pool, &self.city).await {
                Ok((index, generation)) => {
                    let index = Arc::new(index);
                    *self.current.write().expect("shelf lock") = (index.clone(), generation);
                    tracing::info!(city = %self.city, generation, items = index.catalog().items.len(), "garbage catalog replaced");
                    index
                }
                Err(error) => {
                    tracing::warn!(city = %self.city, %error, "a newer garbage catalog could not be loaded; keeping the old one");
                    index
                }
            },
            Ok(_) => index,
            Err(error) => {
                tracing::warn!(city = %self.city, %error, "could not look for a newer garbage catalog");
                index
            }
        }
    }

    /// Makes the next lookup look for a newer import at once.
    pub fn recheck_now(&self) {
        *self.checked.lock().expect("shelf lock") = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::garbage::import::Imported;

    fn imported(city: &str, names: &[&str]) -> Imported {
        let mut catalog = demo();
        catalog.city = city.to_owned();
        let template = catalog.items[0].clone();
        catalog.items = names
            .iter()
            .map(|name| super::super::catalog::Item { name: name.to_string(), ..template.clone() })
            .collect();
        Imported { catalog, rows: names.len(), skipped: Vec::new(), repaired: Vec::new(), lent: 0 }
    }

    #[tokio::test]
    async fn a_running_shelf_answers_from_a_new_import_once_it_looks_and_an_unknown_city_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let pool = crate::db::connect(&format!("sqlite://{}", dir.path().join("s.db").display())).await.unwrap();
        assert!(matches!(Shelf::open(&pool, "kita").await, Err(ShelfError::NoCatalog(_))));
        assert_eq!(Shelf::open(&pool, DEMO).await.unwrap().index().await.catalog().city, DEMO);
        assert_eq!(store(&pool, &imported("kita", &["傘"]), Format::TokyoStd, "a.csv").await.unwrap(), 1);
        let shelf = Shelf::open(&pool, "kita").await.unwrap();
        assert_eq!(shelf.index().await.catalog().items.len(), 1);
        assert_eq!(store(&pool, &imported("kita", &["傘", "鍋"]), Format::TokyoStd, "b.csv").await.unwrap(), 2);
        shelf.recheck_now();
        assert_eq!(shelf.index().await.catalog().items.len(), 2, "the new import, whole");
        assert_eq!(list(&pool).await.unwrap()[0].source, "b.csv");
        sqlx::query("UPDATE garbage_catalogs SET catalog = '{broken', generation = generation + 1")
            .execute(&pool)
            .await
            .unwrap();
        shelf.recheck_now();
        assert_eq!(shelf.index().await.catalog().items.len(), 2, "a catalog that cannot be read leaves the old one");
        assert!(matches!(Shelf::open(&pool, "kita").await, Err(ShelfError::Corrupt(..))));
    }
}
