//! madoguchi's own catalog formats, which carry translations and synonyms: the YAML file the demo city is written
//! in, or a CSV of items (`name`, `reading`, `qualifier`, `category`, `synonyms`, `fee`, `notes`, `notes:<lang>`,
//! `name:<lang>`; several values split by `|`) with an optional `categories.csv` beside it (`id`, `name:<lang>`,
//! `how:<lang>`, `notes:<lang>`).

use super::{Builder, Entry, ImportError, Imported, beside, csv_rows, named_category, parse_fee, read_text};
use crate::garbage::catalog::{Category, Texts, parse_madoguchi_yaml};
use std::collections::BTreeMap;
use std::path::Path;

pub fn import(city: &str, path: &Path, progress: &dyn Fn(u64, u64)) -> Result<Imported, ImportError> {
    let is_yaml = path.extension().is_some_and(|e| e == "yaml" || e == "yml");
    if is_yaml {
        let (mut catalog, skipped) = parse_madoguchi_yaml(&read_text(path)?)?;
        catalog.city = city.to_owned();
        let rows = catalog.items.len() + skipped.len();
        progress(rows as u64, rows as u64);
        return Ok(Imported { catalog, rows, skipped, repaired: Vec::new(), lent: 0 });
    }
    let mut builder = Builder::new(city);
    if let Ok(text) = read_text(&beside(path, "categories.csv")) {
        let mut rows = csv_rows(&text, &mut builder.skipped);
        if !rows.is_empty() {
            let header = rows.remove(0).cells;
            for row in rows {
                let fields = Fields { header: &header, cells: &row.cells };
                let id = fields.get("id");
                if id.is_empty() {
                    builder.skip(row.line, "categories.csv", "no category id");
                    continue;
                }
                let mut category = named_category(&id);
                category.name.extend(fields.texts("name"));
                category.how = fields.texts("how");
                category.notes = fields.texts("notes");
                builder.category(Category { id, ..category });
            }
        }
    }
    let text = read_text(path)?;
    let mut rows = csv_rows(&text, &mut builder.skipped);
    if rows.is_empty() {
        return Err(ImportError::Format { path: path.to_owned(), message: "the file has no rows".into() });
    }
    let header = rows.remove(0).cells;
    if !header.iter().any(|h| h == "name") || !header.iter().any(|h| h == "category") {
        return Err(ImportError::Format {
            path: path.to_owned(),
            message: "the header needs at least `name` and `category` columns".into(),
        });
    }
    let total = rows.len() as u64;
    let mut entries = Vec::new();
    for (done, row) in rows.into_iter().enumerate() {
        progress(done as u64 + 1, total);
        builder.rows += 1;
        let fields = Fields { header: &header, cells: &row.cells };
        let fee_text = fields.get("fee");
        let fee = parse_fee(&fee_text);
        if fee.is_none() && !fee_text.is_empty() {
            builder.skip(row.line, &fields.get("name"), format!("the fee {fee_text:?} is not a number of yen"));
            continue;
        }
        let mut notes = fields.texts("notes");
        if let Some(plain) = Some(fields.get("notes")).filter(|n| !n.is_empty()) {
            notes.entry("ja".into()).or_insert(plain);
        }
        let names: BTreeMap<String, Vec<String>> =
            fields.texts("name").into_iter().map(|(lang, names)| (lang, split(&names))).collect();
        entries.push(Entry {
            line: row.line,
            id: Some(fields.get("id")).filter(|id| !id.is_empty()),
            name: fields.get("name"),
            reading: Some(fields.get("reading")),
            category: fields.get("category"),
            notes,
            fee,
            names,
            synonyms: split(&fields.get("synonyms")),
            qualifier: Some(fields.get("qualifier")).filter(|q| !q.is_empty()),
            qualifier_hint: None,
        });
    }
    builder.items(entries);
    Ok(builder.finish(None))
}

/// A row read by its header.
struct Fields<'a> {
    header: &'a [String],
    cells: &'a [String],
}

impl Fields<'_> {
    fn get(&self, column: &str) -> String {
        self.header.iter().position(|h| h == column).and_then(|c| self.cells.get(c)).cloned().unwrap_or_default()
    }

    /// Every `prefix:<lang>` column that has text, keyed by language.
    fn texts(&self, prefix: &str) -> Texts {
        self.header
            .iter()
            .zip(self.cells)
            .filter_map(|(h, c)| Some((h.strip_prefix(prefix)?.strip_prefix(':')?.to_owned(), c.clone())))
            .filter(|(_, c)| !c.is_empty())
            .collect()
    }
}

fn split(values: &str) -> Vec<String> {
    values.split('|').map(str::trim).filter(|v| !v.is_empty()).map(str::to_owned).collect()
}
