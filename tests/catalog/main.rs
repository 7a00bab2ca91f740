//! Garbage catalogs end to end: each importer on the cities' real open data (row counts, rows skipped and why, a
//! Shift_JIS copy, a file with shifted columns), madoguchi's own CSV, the `madoguchi catalog` commands against a
//! real SQLite file, and the optional language model against a mock endpoint on loopback.

mod commands;
mod importers;
mod model;

use std::path::PathBuf;

/// The cities' open data beside the project, or none (with the reason printed) where it is absent.
pub fn shared_catalogs() -> Option<PathBuf> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/catalogs");
    if path.is_dir() {
        Some(path)
    } else {
        println!("skipped: {} is absent (the cities' open data lives there)", path.display());
        None
    }
}
