//! A city's garbage catalog: categories (how to put each out, in 13 languages) and items (official name, reading,
//! synonyms, qualifier, fee, names in other languages), read from madoguchi's own YAML format.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Text in several languages, keyed by locale tag (`ja`, `en`, `zh-Hans`, …).
pub type Texts = BTreeMap<String, String>;

/// The format tag a madoguchi catalog file starts with.
pub const FORMAT: &str = "madoguchi-catalog/1";

/// One city's catalog.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Catalog {
    pub city: String,
    pub city_name: Texts,
    pub categories: BTreeMap<String, Category>,
    pub items: Vec<Item>,
    /// Collection days per area as the city published them (5374's `area_days.csv`), kept for the calendar.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collection_days: Option<Table>,
}

/// A table kept as published: its header and rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Category {
    pub id: String,
    pub name: Texts,
    pub how: Texts,
    #[serde(default)]
    pub notes: Texts,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// The city's own identifier of the row, where it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The official name without its qualifier: what size and material variants share.
    pub name: String,
    /// The official name exactly as the source wrote it, where that is not `name（qualifier）`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub official: Option<String>,
    #[serde(default)]
    pub reading: Option<String>,
    pub category: String,
    /// What tells apart items of the same name: a size (30cm以下) or a material (金属製).
    #[serde(default)]
    pub qualifier: Option<String>,
    #[serde(default)]
    pub synonyms: Vec<String>,
    #[serde(default)]
    pub notes: Texts,
    /// Bulky-item fee in yen.
    #[serde(default)]
    pub fee: Option<u32>,
    /// Names residents use in other languages.
    #[serde(default)]
    pub names: BTreeMap<String, Vec<String>>,
}

impl Item {
    /// The official name with its qualifier, exactly as the city writes it: `アイロン台（一辺の長さ30cm以下）`.
    pub fn full_name(&self) -> String {
        match (&self.official, &self.qualifier) {
            (Some(official), _) => official.clone(),
            (None, Some(qualifier)) => format!("{}（{qualifier}）", self.name),
            (None, None) => self.name.clone(),
        }
    }

    /// What names this item for good in a postback: the city's row id, else its full official name.
    pub fn key(&self) -> String {
        self.id.clone().unwrap_or_else(|| self.full_name())
    }
}

/// An entry of a source file that was not taken, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Skipped {
    pub entry: String,
    pub reason: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    format: String,
    city: City,
    categories: Vec<Category>,
    items: Vec<serde_saphyr::Spanned<serde_json::Value>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct City {
    id: String,
    name: Texts,
}

/// Why a catalog file could not be read at all.
#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    #[error("{0}")]
    Yaml(String),
    #[error("format {0:?} is not {FORMAT}")]
    Format(String),
}

/// Reads a catalog in madoguchi's YAML format; items that do not fit are skipped with their line and the reason.
pub fn parse_madoguchi_yaml(text: &str) -> Result<(Catalog, Vec<Skipped>), CatalogError> {
    let file: File = serde_saphyr::from_str(text).map_err(|error| CatalogError::Yaml(error.to_string()))?;
    if file.format != FORMAT {
        return Err(CatalogError::Format(file.format));
    }
    let categories: BTreeMap<String, Category> = file.categories.into_iter().map(|c| (c.id.clone(), c)).collect();
    let mut items: Vec<Item> = Vec::new();
    let mut skipped = Vec::new();
    for entry in file.items {
        let line = entry.referenced.line();
        let item = match serde_json::from_value::<Item>(entry.value) {
            Ok(item) => item,
            Err(error) => {
                skipped.push(Skipped { entry: format!("line {line}"), reason: error.to_string() });
                continue;
            }
        };
        let reason = if !categories.contains_key(&item.category) {
            Some(format!("unknown category {:?}", item.category))
        } else if items.iter().any(|i| i.name == item.name && i.qualifier == item.qualifier) {
            Some("the same name and qualifier appear earlier".to_owned())
        } else {
            None
        };
        match reason {
            Some(reason) => skipped.push(Skipped { entry: format!("line {line}: {}", item.full_name()), reason }),
            None => items.push(item),
        }
    }
    Ok((Catalog { city: file.city.id, city_name: file.city.name, categories, items, collection_days: None }, skipped))
}

/// The demo city, written by this project and built into the binary.
pub fn demo() -> Catalog {
    parse_madoguchi_yaml(include_str!("demo/catalog.yaml")).expect("the demo catalog is valid").0
}

/// The demo city's categories, whose names in 13 languages also name the common kinds in imported catalogs.
pub fn demo_categories() -> &'static BTreeMap<String, Category> {
    static CATEGORIES: std::sync::OnceLock<BTreeMap<String, Category>> = std::sync::OnceLock::new();
    CATEGORIES.get_or_init(|| demo().categories)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_city_loads_whole_with_nothing_skipped() {
        let (catalog, skipped) = parse_madoguchi_yaml(include_str!("demo/catalog.yaml")).unwrap();
        assert!(skipped.is_empty(), "{skipped:?}");
        assert!(catalog.items.len() >= 150, "{}", catalog.items.len());
        for category in catalog.categories.values() {
            assert_eq!(category.name.len(), 13, "{}", category.id);
            assert_eq!(category.how.len(), 13, "{}", category.id);
        }
    }

    #[test]
    fn an_item_of_an_unknown_category_or_a_duplicate_is_skipped_with_its_line_and_reason() {
        let text = "format: madoguchi-catalog/1\ncity: {id: t, name: {ja: テスト市}}\ncategories:\n  - {id: a, name: {ja: A}, how: {ja: 出す}}\nitems:\n  - {name: 傘, category: a}\n  - {name: 傘, category: a}\n  - {name: 鍋, category: zz}\n  - {name: 3}\n";
        let (catalog, skipped) = parse_madoguchi_yaml(text).unwrap();
        assert_eq!(catalog.items.len(), 1);
        let reasons: Vec<String> = skipped.iter().map(|s| format!("{}: {}", s.entry, s.reason)).collect();
        assert_eq!(skipped.len(), 3, "{reasons:?}");
        assert!(reasons[0].starts_with("line 7: 傘") && reasons[0].contains("earlier"), "{reasons:?}");
        assert!(reasons[1].starts_with("line 8: 鍋") && reasons[1].contains("unknown category"), "{reasons:?}");
        assert!(reasons[2].starts_with("line 9"), "{reasons:?}");
    }
}
