//! Reading the garbage lists cities publish into one catalog: the bytes decoded whatever the encoding (BOM, UTF-8,
//! Shift_JIS), each format's rows read by header name and realigned where columns shifted, category names written
//! as sentences resolved, exact duplicates dropped, and every row not taken reported with its line and reason.

mod five374;
mod lend;
mod madoguchi;
mod tokyo;
mod tsu;

use super::catalog::{Catalog, CatalogError, Category, Item, Skipped, Texts};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// The formats cities publish their lists in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// The Tokyo open-data standard CSV (11 columns).
    #[value(name = "tokyo-std")]
    TokyoStd,
    /// 5374.jp: `target.csv`, `description.csv`, `area_days.csv` in one folder.
    #[value(name = "5374")]
    Five374,
    /// Tsu City's CSV (`original.csv`; readings from `tsu_gomi.ja.utf8.csv` beside it when present).
    #[value(name = "tsu")]
    Tsu,
    /// madoguchi's own YAML, or CSV with `categories.csv` beside it; both carry translations and synonyms.
    #[value(name = "madoguchi")]
    Madoguchi,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::TokyoStd => "tokyo-std",
            Format::Five374 => "5374",
            Format::Tsu => "tsu",
            Format::Madoguchi => "madoguchi",
        }
    }
}

/// A source read: the catalog, what was left out and why, and what was repaired on the way.
#[derive(Debug)]
pub struct Imported {
    pub catalog: Catalog,
    /// Data rows read from the source.
    pub rows: usize,
    pub skipped: Vec<Skipped>,
    /// Rows taken after a repair (realigned columns, a category read from a sentence), with what was done.
    pub repaired: Vec<Skipped>,
    /// Items given the demo city's reading, colloquial names and translations (see [`lend`]).
    pub lent: usize,
}

/// Why a source could not be read at all (single rows never fail an import; they are skipped with a reason).
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{}: {source}", path.display())]
    Read { path: PathBuf, source: std::io::Error },
    #[error("{}: {message}", path.display())]
    Format { path: PathBuf, message: String },
    #[error(transparent)]
    Catalog(#[from] CatalogError),
}

/// Reads `path` in `format` as the catalog of `city`; `progress` hears (rows done, rows in all) as rows are read.
pub fn import(format: Format, city: &str, path: &Path, progress: &dyn Fn(u64, u64)) -> Result<Imported, ImportError> {
    let mut imported = match format {
        Format::TokyoStd => tokyo::import(city, path, progress),
        Format::Five374 => five374::import(city, path, progress),
        Format::Tsu => tsu::import(city, path, progress),
        Format::Madoguchi => madoguchi::import(city, path, progress),
    }?;
    imported.lent = lend::lend_from_demo(&mut imported.catalog.items);
    Ok(imported)
}

/// A file's text, whatever encoding the city saved it in: a BOM decides; else UTF-8 if it is valid; else Shift_JIS.
pub fn read_text(path: &Path) -> Result<String, ImportError> {
    let bytes = std::fs::read(path).map_err(|source| ImportError::Read { path: path.to_owned(), source })?;
    decode(&bytes).ok_or_else(|| ImportError::Format {
        path: path.to_owned(),
        message: "the text is neither UTF-8, UTF-16 nor Shift_JIS".into(),
    })
}

/// Bytes as text: a BOM decides; else UTF-8 if valid; else Shift_JIS (Windows-31J) if it decodes without errors.
pub fn decode(bytes: &[u8]) -> Option<String> {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, malformed) = encoding.decode_without_bom_handling(&bytes[bom..]);
        return (!malformed).then(|| text.into_owned());
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Some(text.to_owned());
    }
    let (text, malformed) = encoding_rs::SHIFT_JIS.decode_without_bom_handling(bytes);
    (!malformed).then(|| text.into_owned())
}

/// One row of a CSV source: its line in the file and its cells, trimmed.
pub struct Row {
    pub line: u64,
    pub cells: Vec<String>,
}

/// A CSV text's rows (the header included when there is one), cells trimmed; rows that cannot be read are skipped.
pub fn csv_rows(text: &str, skipped: &mut Vec<Skipped>) -> Vec<Row> {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        match record {
            Ok(record) => {
                // The reader counts lines from the end of the previous record; a file's lines count from 1.
                let line = record.position().map_or(0, |p| p.line() + 1);
                let cells: Vec<String> = record.iter().map(|c| c.trim().to_owned()).collect();
                if cells.iter().any(|c| !c.is_empty()) {
                    rows.push(Row { line, cells });
                }
            }
            Err(error) => skipped.push(Skipped {
                entry: format!("line {}", error.position().map_or(0, |p| p.line() + 1)),
                reason: format!("unreadable CSV: {error}"),
            }),
        }
    }
    rows
}

/// Finds each wanted column in a header by any of its names (as folded), so reordered or renamed columns still read.
pub fn columns<const N: usize>(header: &[String], wanted: [&[&str]; N]) -> [Option<usize>; N] {
    let fold = |s: &str| super::normalize::fold(s);
    let header: Vec<String> = header.iter().map(|h| fold(h)).collect();
    wanted.map(|names| names.iter().find_map(|name| header.iter().position(|h| *h == fold(name))))
}

/// A row with more cells than the header lost its alignment to stray empty cells: drops the one run of empty cells
/// whose removal makes `fits` hold. Shorter rows are padded; rows of the right width are left to the row checks.
/// Returns what was done, if anything.
pub fn realign(
    cells: &mut Vec<String>,
    width: usize,
    fits: impl Fn(&[String]) -> bool,
) -> Result<Option<String>, String> {
    if cells.len() < width {
        cells.resize(width, String::new());
    }
    if cells.len() == width {
        return Ok(None);
    }
    let extra = cells.len() - width;
    if cells[width..].iter().all(String::is_empty) && fits(&cells[..width]) {
        cells.truncate(width);
        return Ok(None);
    }
    for at in 0..=width {
        if cells[at..at + extra].iter().all(String::is_empty) {
            let mut candidate = cells.clone();
            candidate.drain(at..at + extra);
            if fits(&candidate) {
                *cells = candidate;
                return Ok(Some(format!("{extra} stray empty cell(s) at column {} removed", at + 1)));
            }
        }
    }
    Err(format!("{} cells where {width} were expected, and no stray empty cells explain it", cells.len()))
}

/// Collects a catalog row by row: categories as the city names them, items split into name and qualifier, exact
/// duplicates dropped, and what was skipped or repaired noted.
pub struct Builder {
    city: String,
    categories: BTreeMap<String, Category>,
    items: Vec<Item>,
    seen: HashMap<String, u64>,
    pub rows: usize,
    pub skipped: Vec<Skipped>,
    pub repaired: Vec<Skipped>,
}

/// An item as read from a row, before its category is resolved.
pub struct Entry {
    pub line: u64,
    pub id: Option<String>,
    pub name: String,
    pub reading: Option<String>,
    pub category: String,
    pub notes: Texts,
    pub fee: Option<u32>,
    pub names: BTreeMap<String, Vec<String>>,
    pub synonyms: Vec<String>,
    /// The qualifier, where the source has a column for it (the name then is without it).
    pub qualifier: Option<String>,
    /// Text the name may end with that is its qualifier (5374's notice).
    pub qualifier_hint: Option<String>,
}

/// Japanese text, or nothing when it is empty.
pub fn ja(text: String) -> Texts {
    if text.is_empty() { Texts::new() } else { Texts::from([("ja".to_owned(), text)]) }
}

impl Builder {
    pub fn new(city: &str) -> Builder {
        Builder {
            city: city.to_owned(),
            categories: BTreeMap::new(),
            items: Vec::new(),
            seen: HashMap::new(),
            rows: 0,
            skipped: Vec::new(),
            repaired: Vec::new(),
        }
    }

    pub fn skip(&mut self, line: u64, what: &str, reason: impl Into<String>) {
        let entry = if what.is_empty() { format!("line {line}") } else { format!("line {line}: {what}") };
        self.skipped.push(Skipped { entry, reason: reason.into() });
    }

    pub fn repaired(&mut self, line: u64, what: &str, done: impl Into<String>) {
        self.repaired.push(Skipped { entry: format!("line {line}: {what}"), reason: done.into() });
    }

    /// Declares a category with its guidance (5374's `description.csv`, madoguchi's `categories.csv`).
    pub fn category(&mut self, category: Category) {
        self.categories.insert(category.id.clone(), category);
    }

    /// Takes every row at once, so that a category written as a sentence can be matched to the city's main
    /// categories (those of at least a tenth as many rows as the largest).
    pub fn items(&mut self, rows: Vec<Entry>) {
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for row in &rows {
            *counts.entry(row.category.as_str()).or_default() += 1;
        }
        let largest = counts.values().copied().max().unwrap_or(0);
        let mut main: Vec<String> = counts
            .iter()
            .filter(|(name, count)| **count * 10 >= largest && !is_sentence(name))
            .map(|(name, _)| name.to_string())
            .collect();
        main.sort_by_key(|name| std::cmp::Reverse(name.chars().count()));
        for row in rows {
            self.item(row, &main);
        }
    }

    fn item(&mut self, row: Entry, main: &[String]) {
        if row.name.is_empty() {
            return self.skip(row.line, "", "no item name");
        }
        if row.category.is_empty() {
            return self.skip(row.line, &row.name, "no category");
        }
        let mut notes = row.notes;
        let category = if is_sentence(&row.category) && !self.categories.contains_key(&row.category) {
            let mentioned: Vec<&String> = main.iter().filter(|m| row.category.contains(m.as_str())).collect();
            match mentioned.as_slice() {
                [one] => {
                    self.repaired(row.line, &row.name, format!("category read as {one} from {:?}", row.category));
                    let note = notes.get("ja").map_or(String::new(), |n| format!(" {n}"));
                    notes.insert("ja".into(), format!("{}{note}", row.category));
                    (*one).clone()
                }
                _ => row.category,
            }
        } else {
            row.category
        };
        let key = format!("{}\u{1f}{:?}\u{1f}{category}\u{1f}{notes:?}", row.name, row.qualifier);
        if let Some(first) = self.seen.get(&key) {
            return self.skip(row.line, &row.name, format!("the same item, category and notes as line {first}"));
        }
        self.seen.insert(key, row.line);
        if !self.categories.contains_key(&category) {
            self.categories.insert(category.clone(), named_category(&category));
        }
        let (name, qualifier, official) = match row.qualifier {
            Some(qualifier) => (row.name, Some(qualifier), None),
            None => {
                let (name, qualifier) = split_qualifier(&row.name, row.qualifier_hint.as_deref());
                let official = qualifier.is_some().then_some(row.name);
                (name, qualifier, official)
            }
        };
        // A reading read out with its qualifier (`かさ（ほねぐみがきんぞくのもの）`) is the name's reading only.
        let reading = row.reading.map(|reading| match qualifier {
            Some(_) => split_qualifier(&reading, None).0,
            None => reading,
        });
        self.items.push(Item {
            id: row.id,
            name,
            official,
            reading: reading.filter(|r| !r.is_empty()),
            category,
            qualifier,
            synonyms: row.synonyms,
            notes,
            fee: row.fee,
            names: row.names,
        });
    }

    pub fn finish(self, collection_days: Option<super::catalog::Table>) -> Imported {
        let catalog = Catalog {
            city_name: Texts::from([("ja".to_owned(), self.city.clone())]),
            city: self.city,
            categories: self.categories,
            items: self.items,
            collection_days,
        };
        Imported { catalog, rows: self.rows, skipped: self.skipped, repaired: self.repaired, lent: 0 }
    }
}

/// A category name that is really an instruction: `陶器製⇒不燃ごみ プラスチック製⇒可燃ごみ`, `資源または不燃ごみ`.
fn is_sentence(name: &str) -> bool {
    name.chars().count() > 16
        || name.starts_with(['（', '('])
        || name.chars().any(|c| "。、⇒→ 　".contains(c))
        || ["または", "もしくは", "ください", "へ"].iter().any(|w| name.contains(w))
}

/// A category named only by the city, with names in other languages where it is one of the kinds every city has.
pub fn named_category(name: &str) -> Category {
    let mut names = if is_sentence(name) { None } else { kind_names(name) }.unwrap_or_default();
    names.insert("ja".into(), name.to_owned());
    Category { id: name.to_owned(), name: names, how: Texts::new(), notes: Texts::new() }
}

/// The common kinds of garbage, recognised by their Japanese name, named in 13 languages by the demo catalog.
fn kind_names(name: &str) -> Option<Texts> {
    let kinds: [(&[&str], &str); 8] = [
        (&["粗大"], "bulky"),
        (&["不燃", "燃やせない", "燃やさない", "燃えない"], "non-burnable"),
        (&["可燃", "燃やせる", "燃やす", "燃える"], "burnable"),
        (&["容器包装プラ"], "plastic"),
        (&["ペットボトル"], "pet-bottles"),
        (&["有害", "危険"], "hazardous"),
        (&["収集できない", "収集しない", "収集できません"], "not-collected"),
        (&["小型家電"], "small-appliances"),
    ];
    let (_, id) = kinds.iter().find(|(words, _)| words.iter().any(|w| name.contains(w)))?;
    super::catalog::demo_categories().get(*id).map(|c| c.name.clone())
}

/// Splits a qualifier off an official name: a trailing bracket (`アイロン台（一辺の長さ30cm以下）`,
/// `オイル缶(金属)`), or a trailing text the source gives separately (5374's notice: `…カップ容器紙製`).
pub fn split_qualifier(name: &str, hint: Option<&str>) -> (String, Option<String>) {
    if let Some(hint) = hint.map(str::trim).filter(|h| !h.is_empty())
        && let Some(base) = name.strip_suffix(hint)
    {
        let (base, inner) = split_qualifier(base.trim_end(), None);
        if !base.is_empty() {
            let qualifier = match inner {
                Some(inner) => format!("{inner} {hint}"),
                None => hint.to_owned(),
            };
            return (base, Some(qualifier));
        }
    }
    // Every trailing bracket is a qualifier: `いす（一辺の長さ30cm以下）（金属製）` is いす, 一辺の長さ30cm以下 金属製.
    let mut base = name.trim_end();
    let mut qualifiers: Vec<&str> = Vec::new();
    'outer: loop {
        for (open, close) in [('（', '）'), ('(', ')'), ('【', '】'), ('[', ']')] {
            if base.ends_with(close)
                && let Some(at) = base.rfind(open)
            {
                let rest = base[..at].trim_end();
                let inner = base[at + open.len_utf8()..base.len() - close.len_utf8()].trim();
                if !rest.is_empty() && !inner.is_empty() {
                    qualifiers.insert(0, inner);
                    base = rest;
                    continue 'outer;
                }
            }
        }
        break;
    }
    if qualifiers.is_empty() { (name.to_owned(), None) } else { (base.to_owned(), Some(qualifiers.join(" "))) }
}

/// A yen amount as cities write it (`400`, `400円`, `１，２００円`); none for text without a number.
pub fn parse_fee(text: &str) -> Option<u32> {
    let text: String = unicode_normalization::UnicodeNormalization::nfkc(text).collect();
    let digits: String =
        text.chars().skip_while(|c| !c.is_ascii_digit()).take_while(|c| c.is_ascii_digit() || *c == ',').collect();
    digits.replace(',', "").parse().ok()
}

/// A path that may name a folder or a file in it: the file `name` in the folder, or beside the file.
pub fn beside(path: &Path, name: &str) -> PathBuf {
    if path.is_dir() { path.join(name) } else { path.parent().unwrap_or(Path::new(".")).join(name) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shift_jis_utf8_and_a_bom_all_decode_to_the_same_text() {
        let text = "品目,分別区分\nアイロン,不燃ごみ\n";
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(text);
        assert_eq!(decode(&sjis).unwrap(), text);
        assert_eq!(decode(text.as_bytes()).unwrap(), text);
        let with_bom = [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat();
        assert_eq!(decode(&with_bom).unwrap(), text);
    }

    #[test]
    fn qualifiers_come_off_the_name_in_brackets_or_as_the_source_gives_them() {
        assert_eq!(
            split_qualifier("アイロン台（一辺の長さ30cm以下）", None),
            ("アイロン台".into(), Some("一辺の長さ30cm以下".into()))
        );
        assert_eq!(split_qualifier("オイル缶(金属)", None), ("オイル缶".into(), Some("金属".into())));
        assert_eq!(
            split_qualifier("いす（一辺の長さ30cm以下）（金属製）", None),
            ("いす".into(), Some("一辺の長さ30cm以下 金属製".into()))
        );
        assert_eq!(
            split_qualifier("アイスクリームのカップ容器紙製", Some("紙製 ")),
            ("アイスクリームのカップ容器".into(), Some("紙製".into()))
        );
        assert_eq!(split_qualifier("（株）", None), ("（株）".into(), None));
        assert_eq!(split_qualifier("傘", None), ("傘".into(), None));
    }

    #[test]
    fn a_row_shifted_by_stray_empty_cells_is_realigned_and_one_that_cannot_be_is_refused() {
        let fits = |cells: &[String]| cells[0] == "a" && cells[2] == "c";
        let mut cells: Vec<String> = ["a", "", "b", "c"].map(String::from).to_vec();
        cells.swap(1, 2);
        let mut shifted: Vec<String> = ["a", "b", "", "c"].map(String::from).to_vec();
        assert!(realign(&mut shifted, 3, fits).unwrap().is_some());
        assert_eq!(shifted, ["a", "b", "c"]);
        let mut broken: Vec<String> = ["x", "b", "", "c"].map(String::from).to_vec();
        assert!(realign(&mut broken, 3, fits).is_err());
    }

    #[test]
    fn fees_read_however_written() {
        assert_eq!(parse_fee("400"), Some(400));
        assert_eq!(parse_fee("１，２００円"), Some(1200));
        assert_eq!(parse_fee("無料"), None);
    }

    #[test]
    fn a_sentence_naming_one_main_category_files_the_item_there_and_keeps_the_sentence_as_a_note() {
        let mut builder = Builder::new("t");
        let row = |line, name: &str, category: &str| Entry {
            line,
            id: None,
            name: name.into(),
            reading: None,
            category: category.into(),
            notes: Texts::new(),
            fee: None,
            names: BTreeMap::new(),
            synonyms: Vec::new(),
            qualifier: None,
            qualifier_hint: None,
        };
        let mut rows: Vec<Entry> = (0..20).map(|i| row(i, &format!("品{i}"), "不燃ごみ")).collect();
        rows.extend((40..45).map(|i| row(i, &format!("紙{i}"), "資源")));
        rows.push(row(30, "蛍光管", "（ケースに入れて）不燃ごみ"));
        rows.push(row(31, "薬びん", "資源または不燃ごみ"));
        rows.push(row(32, "品1", "不燃ごみ"));
        builder.items(rows);
        let imported = builder.finish(None);
        let tube = imported.catalog.items.iter().find(|i| i.name == "蛍光管").unwrap();
        assert_eq!(tube.category, "不燃ごみ");
        assert_eq!(tube.notes["ja"], "（ケースに入れて）不燃ごみ");
        assert_eq!(imported.catalog.items.iter().find(|i| i.name == "薬びん").unwrap().category, "資源または不燃ごみ");
        assert_eq!(imported.skipped.len(), 1);
        assert!(imported.skipped[0].reason.contains("line 1"), "{:?}", imported.skipped);
        assert_eq!(imported.catalog.categories["不燃ごみ"].name["en"], "Non-burnable waste");
        assert!(!imported.catalog.categories["資源または不燃ごみ"].name.contains_key("en"));
    }
}
