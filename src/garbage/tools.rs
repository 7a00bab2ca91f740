//! `madoguchi catalog …`: the operators' tools for garbage catalogs — import a city's open data (with a progress
//! bar and a summary of every row skipped), search a catalog as residents' words are searched, list the stored ones.

use super::import::import;
use super::shelf::{self, Shelf};
use crate::cli::CatalogCommand;
use serde_json::json;
use std::process::ExitCode;
use std::time::Instant;

pub async fn run(command: CatalogCommand) -> anyhow::Result<ExitCode> {
    match command {
        CatalogCommand::Import { format, city, path, database_url } => {
            let started = Instant::now();
            let bar = indicatif::ProgressBar::new(0).with_style(
                indicatif::ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len} rows")?.progress_chars("=> "),
            );
            bar.set_message(format!("reading {}", path.display()));
            let imported = {
                let (bar, city, path) = (bar.clone(), city.clone(), path.clone());
                tokio::task::spawn_blocking(move || {
                    import(format, &city, &path, &|done, total| {
                        bar.set_length(total);
                        bar.set_position(done);
                    })
                })
                .await??
            };
            bar.finish_and_clear();
            let read_in = started.elapsed();
            for skipped in &imported.skipped {
                println!("skipped {}: {}", skipped.entry, skipped.reason);
            }
            for repaired in &imported.repaired {
                println!("repaired {}: {}", repaired.entry, repaired.reason);
            }
            if imported.catalog.items.is_empty() {
                eprintln!("no items could be read from {}; the stored catalog of {city} is unchanged", path.display());
                return Ok(ExitCode::FAILURE);
            }
            let pool = crate::db::connect(&database_url).await?;
            let generation = shelf::store(&pool, &imported, format, &path.display().to_string()).await?;
            println!(
                "{city}: {} items in {} categories from {} rows ({}), {} skipped, {} repaired, {} given readings or names by the demo city; \
                 read in {} ms; stored as generation {generation} (a running server picks it up within seconds)",
                imported.catalog.items.len(),
                imported.catalog.categories.len(),
                imported.rows,
                format.name(),
                imported.skipped.len(),
                imported.repaired.len(),
                imported.lent,
                read_in.as_millis(),
            );
            Ok(ExitCode::SUCCESS)
        }
        CatalogCommand::Search { city, lang, limit, json, query, database_url, llm } => {
            let pool = crate::db::connect(&database_url).await?;
            let shelf = Shelf::open(&pool, &city).await?;
            let corrector = llm.settings()?.map(super::correct::Corrector::new).transpose()?;
            let index = shelf.index().await;
            let hits = super::correct::search(&index, corrector.as_ref(), &query, &lang, limit, 0.3).await;
            let catalog = index.catalog();
            let candidates: Vec<serde_json::Value> = hits
                .iter()
                .map(|hit| {
                    let item = &catalog.items[hit.item];
                    let category = catalog.categories.get(&item.category);
                    json!({
                        "name": item.full_name(),
                        "category": category.and_then(|c| super::lookup::localized(&c.name, &lang)).unwrap_or(&item.category),
                        "score": (hit.score * 1000.0).round() / 1000.0,
                        "id": item.id,
                        "qualifier": item.qualifier,
                        "reading": item.reading,
                        "fee": item.fee,
                    })
                })
                .collect();
            if json {
                println!("{}", serde_json::to_string_pretty(&candidates)?);
            } else if candidates.is_empty() {
                println!("nothing found for {query:?} in {city}");
            } else {
                for candidate in &candidates {
                    println!(
                        "{:>5}  {}  [{}]",
                        candidate["score"],
                        candidate["name"].as_str().unwrap_or_default(),
                        candidate["category"].as_str().unwrap_or_default()
                    );
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        CatalogCommand::List { database_url } => {
            let pool = crate::db::connect(&database_url).await?;
            let stored = shelf::list(&pool).await?;
            if stored.is_empty() {
                println!("no catalogs imported; the demo city ({}) is built in", shelf::DEMO);
            }
            for city in stored {
                println!(
                    "{}: {} items from {} rows ({}, {}), generation {}",
                    city.city, city.items, city.rows, city.format, city.source, city.generation
                );
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
