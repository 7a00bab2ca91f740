//! The 5374.jp format (used by over a hundred cities): `target.csv` (type, name, notice, furigana) for items,
//! `description.csv` for how each category goes out, and `area_days.csv` kept for the collection calendar.

use super::{Builder, Entry, ImportError, Imported, beside, columns, csv_rows, ja, named_category, read_text};
use crate::garbage::catalog::{Table, Texts};
use std::collections::BTreeMap;
use std::path::Path;

pub fn import(city: &str, path: &Path, progress: &dyn Fn(u64, u64)) -> Result<Imported, ImportError> {
    let target = if path.is_dir() { path.join("target.csv") } else { path.to_owned() };
    let text = read_text(&target)?;
    let mut builder = Builder::new(city);
    if let Ok(text) = read_text(&beside(&target, "description.csv")) {
        let mut rows = csv_rows(&text, &mut builder.skipped);
        if !rows.is_empty() {
            let header = rows.remove(0).cells;
            if let [Some(label), description] = columns(&header, [&["label"], &["description"]]) {
                for row in rows {
                    let Some(name) = row.cells.get(label).filter(|n| !n.is_empty()) else { continue };
                    let mut category = named_category(name);
                    if let Some(how) = description.and_then(|d| row.cells.get(d)).filter(|d| !d.is_empty()) {
                        category.how = Texts::from([("ja".to_owned(), how.clone())]);
                    }
                    builder.category(category);
                }
            }
        }
    }
    let mut rows = csv_rows(&text, &mut builder.skipped);
    if rows.is_empty() {
        return Err(ImportError::Format { path: target, message: "the file has no rows".into() });
    }
    let header = rows.remove(0).cells;
    let [kind, name, notice, _furigana] = columns(&header, [&["type"], &["name"], &["notice"], &["furigana"]]);
    let (Some(kind), Some(name)) = (kind, name) else {
        return Err(ImportError::Format {
            path: target,
            message: "no type or name column: is this 5374's target.csv?".into(),
        });
    };
    let total = rows.len() as u64;
    let mut entries = Vec::new();
    for (done, mut row) in rows.into_iter().enumerate() {
        progress(done as u64 + 1, total);
        builder.rows += 1;
        row.cells.resize(row.cells.len().max(header.len()), String::new());
        let notice = notice.map(|c| row.cells[c].clone()).unwrap_or_default();
        // The notice is often the qualifier the name ends with (`…容器紙製` / `紙製`); otherwise it is a note.
        let is_qualifier = !notice.is_empty() && row.cells[name].trim_end().ends_with(notice.as_str());
        entries.push(Entry {
            line: row.line,
            id: None,
            name: row.cells[name].clone(),
            reading: None,
            category: row.cells[kind].clone(),
            notes: if is_qualifier { Texts::new() } else { ja(notice.clone()) },
            fee: None,
            names: BTreeMap::new(),
            synonyms: Vec::new(),
            qualifier: None,
            qualifier_hint: is_qualifier.then_some(notice),
        });
    }
    builder.items(entries);
    let collection_days = read_text(&beside(&target, "area_days.csv")).ok().and_then(|text| {
        let mut ignored = Vec::new();
        let mut rows = csv_rows(&text, &mut ignored).into_iter().map(|r| r.cells);
        Some(Table { header: rows.next()?, rows: rows.collect() })
    });
    Ok(builder.finish(collection_days))
}
