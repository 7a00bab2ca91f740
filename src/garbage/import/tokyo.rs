//! The Tokyo open-data standard garbage list (全国地方公共団体コード, ID, …, ゴミの品目, ゴミの品目_カナ,
//! ゴミの品目_英字, 分別区分, 注意点, 備考, 粗大ごみ回収料金): columns found by header, shifted rows realigned.

use super::{Builder, Entry, ImportError, Imported, columns, csv_rows, ja, parse_fee, read_text, realign};
use std::collections::BTreeMap;
use std::path::Path;

/// The standard's columns in order, as the header names them.
const STANDARD: [&str; 11] = [
    "全国地方公共団体コード",
    "ID",
    "地方公共団体名",
    "地区名",
    "ゴミの品目",
    "ゴミの品目_カナ",
    "ゴミの品目_英字",
    "分別区分",
    "注意点",
    "備考",
    "粗大ごみ回収料金",
];

pub fn import(city: &str, path: &Path, progress: &dyn Fn(u64, u64)) -> Result<Imported, ImportError> {
    let text = read_text(path)?;
    let mut builder = Builder::new(city);
    let mut rows = csv_rows(&text, &mut builder.skipped);
    let header: Vec<String> = if rows.first().is_some_and(|r| r.cells.iter().any(|c| c.contains("品目"))) {
        rows.remove(0).cells
    } else {
        STANDARD.map(String::from).to_vec()
    };
    let [code, id, name, reading, english, category, caution, remarks, fee] = columns(
        &header,
        [
            &["全国地方公共団体コード"],
            &["ID"],
            &["ゴミの品目", "品目"],
            &["ゴミの品目_カナ", "ゴミの品目カナ", "品目カナ"],
            &["ゴミの品目_英字", "ゴミの品目英字", "品目英字"],
            &["分別区分"],
            &["注意点"],
            &["備考"],
            &["粗大ごみ回収料金", "粗大ごみ料金"],
        ],
    );
    let (Some(name), Some(category)) = (name, category) else {
        return Err(ImportError::Format {
            path: path.to_owned(),
            message: "no ゴミの品目 or 分別区分 column: is this the Tokyo open-data standard?".into(),
        });
    };
    let fits = |cells: &[String]| {
        !cells[name].is_empty()
            && !cells[category].is_empty()
            && !cells[category].chars().all(|c| c.is_ascii_digit())
            && code.is_none_or(|code| cells[code].is_empty() || cells[code].chars().all(|c| c.is_ascii_digit()))
            && fee.is_none_or(|fee| cells[fee].is_empty() || cells[fee].chars().any(|c| c.is_numeric()))
    };
    let total = rows.len() as u64;
    let cell = |cells: &[String], column: Option<usize>| column.map(|c| cells[c].clone()).unwrap_or_default();
    let mut entries = Vec::new();
    for (done, mut row) in rows.into_iter().enumerate() {
        progress(done as u64 + 1, total);
        builder.rows += 1;
        match realign(&mut row.cells, header.len(), fits) {
            Ok(None) => {}
            Ok(Some(done)) => {
                let what = row.cells[name].clone();
                builder.repaired(row.line, &what, done);
            }
            Err(reason) => {
                let what = row.cells.get(name).cloned().unwrap_or_default();
                builder.skip(row.line, &what, reason);
                continue;
            }
        }
        let cells = row.cells;
        let fee_text = cell(&cells, fee);
        let fee = parse_fee(&fee_text);
        let mut notes: Vec<String> = [cell(&cells, caution), cell(&cells, remarks)].into_iter().collect();
        if fee.is_none() && !fee_text.is_empty() {
            notes.push(fee_text);
        }
        let english = cell(&cells, english);
        entries.push(Entry {
            line: row.line,
            id: id.map(|c| cells[c].clone()).filter(|id| !id.is_empty()),
            name: cells[name].clone(),
            reading: Some(cell(&cells, reading)),
            category: cells[category].clone(),
            notes: ja(notes.into_iter().filter(|n| !n.is_empty()).collect::<Vec<_>>().join(" ")),
            fee,
            names: if english.is_empty() { BTreeMap::new() } else { BTreeMap::from([("en".into(), vec![english])]) },
            synonyms: Vec::new(),
            qualifier: None,
            qualifier_hint: None,
        });
    }
    builder.items(entries);
    Ok(builder.finish(None))
}
