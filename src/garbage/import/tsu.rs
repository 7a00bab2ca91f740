//! Tsu City's garbage list (ID, 並び順, 50音, 品目, 分別区分, 分別区分（略称）, 出し方のポイント), with each item's
//! reading taken from `tsu_gomi.ja.utf8.csv` (id, hiragana, …) and its names in English, Spanish and Chinese from
//! the translations published with an older copy of the list (`2015-multilingual/`), where the city's folder has them.

use super::{Builder, Entry, ImportError, Imported, beside, columns, csv_rows, ja, read_text, split_qualifier};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

pub fn import(city: &str, path: &Path, progress: &dyn Fn(u64, u64)) -> Result<Imported, ImportError> {
    let file = if path.is_dir() { path.join("original.csv") } else { path.to_owned() };
    let text = read_text(&file)?;
    let mut builder = Builder::new(city);
    let mut rows = csv_rows(&text, &mut builder.skipped);
    if rows.is_empty() {
        return Err(ImportError::Format { path: file, message: "the file has no rows".into() });
    }
    let header = rows.remove(0).cells;
    let [id, name, category, points] =
        columns(&header, [&["ID"], &["品目"], &["分別区分"], &["出し方のポイント", "出し方"]]);
    let (Some(name), Some(category)) = (name, category) else {
        return Err(ImportError::Format {
            path: file,
            message: "no 品目 or 分別区分 column: is this Tsu's list?".into(),
        });
    };
    let readings = readings(&beside(&file, "tsu_gomi.ja.utf8.csv"));
    let translations = translations(&beside(&file, "2015-multilingual"));
    let total = rows.len() as u64;
    let mut entries = Vec::new();
    for (done, mut row) in rows.into_iter().enumerate() {
        progress(done as u64 + 1, total);
        builder.rows += 1;
        if row.cells.len() < header.len() {
            row.cells.resize(header.len(), String::new());
        }
        let cells = row.cells;
        let id = id.map(|c| cells[c].clone()).filter(|id| !id.is_empty());
        entries.push(Entry {
            line: row.line,
            reading: id.as_ref().and_then(|id| readings.get(id).cloned()),
            id,
            name: cells[name].clone(),
            category: cells[category].clone(),
            notes: ja(points.map(|c| cells[c].clone()).unwrap_or_default()),
            fee: None,
            names: translations.get(split_qualifier(&cells[name], None).0.as_str()).cloned().unwrap_or_default(),
            synonyms: Vec::new(),
            qualifier: None,
            qualifier_hint: None,
        });
    }
    builder.items(entries);
    Ok(builder.finish(None))
}

/// Each item's reading in hiragana by its ID, from the companion file; none where it is absent or unreadable.
fn readings(path: &Path) -> HashMap<String, String> {
    let Ok(text) = read_text(path) else { return HashMap::new() };
    let mut ignored = Vec::new();
    let rows = csv_rows(&text, &mut ignored);
    let Some((header, rows)) = rows.split_first() else { return HashMap::new() };
    let [Some(id), Some(reading)] = columns(&header.cells, [&["id"], &["hiragana"]]) else { return HashMap::new() };
    rows.iter()
        .filter_map(|row| Some((row.cells.get(id)?.clone(), row.cells.get(reading)?.clone())))
        .filter(|(_, reading)| !reading.is_empty())
        .collect()
}

/// The languages of the older list's translations: file name part, language tag.
const TRANSLATED: [(&str, &str); 3] = [("en", "en"), ("es", "es"), ("zh", "zh-Hans")];

/// Names in other languages by the Japanese name without its qualifier, from `folder`: `tsu_gomi.ja.utf8.csv` (id,
/// reading, 品目, …) joined by id to `tsu_gomi.{en,es,zh}.utf8.csv` (id, name, …). The older list numbers its rows
/// otherwise and names fewer items, so names are matched, not ids; a translation's own bracket (its material) is
/// dropped with the Japanese one. Nothing where the files are absent.
fn translations(folder: &Path) -> HashMap<String, BTreeMap<String, Vec<String>>> {
    let rows = |file: &str| -> Vec<Vec<String>> {
        let Ok(text) = read_text(&folder.join(file)) else { return Vec::new() };
        csv_rows(&text, &mut Vec::new()).into_iter().map(|row| row.cells).collect()
    };
    let japanese: HashMap<String, String> = rows("tsu_gomi.ja.utf8.csv")
        .into_iter()
        .filter_map(|cells| Some((cells.first()?.trim().to_owned(), split_qualifier(cells.get(2)?, None).0)))
        .filter(|(_, name)| !name.is_empty())
        .collect();
    let mut names: HashMap<String, BTreeMap<String, Vec<String>>> = HashMap::new();
    for (part, language) in TRANSLATED {
        for cells in rows(&format!("tsu_gomi.{part}.utf8.csv")) {
            let (Some(id), Some(translated)) = (cells.first(), cells.get(1)) else { continue };
            let Some(name) = japanese.get(id.trim()) else { continue };
            let translated = split_qualifier(translated.trim(), None).0;
            if translated.is_empty() {
                continue;
            }
            let known = names.entry(name.clone()).or_default().entry(language.to_owned()).or_default();
            if !known.contains(&translated) {
                known.push(translated);
            }
        }
    }
    names
}
