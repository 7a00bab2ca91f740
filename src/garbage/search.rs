//! Finding items however residents write them: every name, reading, synonym and translation of an item folded once,
//! each query scored against them by exact match, prefix, substring, then character bigrams and edit distance for
//! typos. Ranking is deterministic: score, then official name, then qualifier.

use super::catalog::{Catalog, Item};
use super::normalize::fold;

/// How close a query is to an item: 1.0 is the same name.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Position of the item in the catalog.
    pub item: usize,
    pub score: f64,
}

/// The catalog with every item's names folded for search.
#[derive(Debug, Clone)]
pub struct Index {
    catalog: Catalog,
    keys: Vec<Vec<Vec<char>>>,
}

impl Index {
    pub fn new(catalog: Catalog) -> Index {
        let keys = catalog.items.iter().map(keys_of).collect();
        Index { catalog, keys }
    }

    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    pub fn item(&self, index: usize) -> Option<&Item> {
        self.catalog.items.get(index)
    }

    /// The best `limit` items for `query`, best first; nothing scoring under `floor`.
    pub fn search(&self, query: &str, limit: usize, floor: f64) -> Vec<Hit> {
        let query: Vec<char> = fold(query).chars().collect();
        if query.is_empty() {
            return Vec::new();
        }
        let mut hits: Vec<Hit> = self
            .keys
            .iter()
            .enumerate()
            .filter_map(|(item, keys)| {
                let score = keys.iter().map(|key| score(&query, key)).fold(0.0, f64::max);
                (score >= floor).then_some(Hit { item, score })
            })
            .collect();
        hits.sort_by(|a, b| {
            let (x, y) = (&self.catalog.items[a.item], &self.catalog.items[b.item]);
            b.score.total_cmp(&a.score).then_with(|| x.name.cmp(&y.name)).then_with(|| x.qualifier.cmp(&y.qualifier))
        });
        hits.truncate(limit);
        hits
    }

    /// The items sharing `item`'s official name (its size or material variants), itself included, in catalog order.
    pub fn variants(&self, item: usize) -> Vec<usize> {
        let name = &self.catalog.items[item].name;
        (0..self.catalog.items.len()).filter(|&i| &self.catalog.items[i].name == name).collect()
    }
}

fn keys_of(item: &Item) -> Vec<Vec<char>> {
    let mut keys: Vec<Vec<char>> = std::iter::once(&item.name)
        .chain(item.reading.iter())
        .chain(item.synonyms.iter())
        .chain(item.names.values().flatten())
        .map(|name| fold(name).chars().collect::<Vec<char>>())
        .filter(|key| !key.is_empty())
        .collect();
    keys.sort();
    keys.dedup();
    keys
}

/// How well `query` matches one key, from 0 to 1.
fn score(query: &[char], key: &[char]) -> f64 {
    if query == key {
        return 1.0;
    }
    let (short, long) = if query.len() <= key.len() { (query, key) } else { (key, query) };
    let ratio = short.len() as f64 / long.len() as f64;
    if short.len() >= 2 && long.starts_with(short) {
        return 0.8 + 0.15 * ratio;
    }
    if short.len() >= 2 && long.windows(short.len()).any(|w| w == short) {
        return 0.7 + 0.15 * ratio;
    }
    let similar = bigram_dice(query, key).max(1.0 - edit_distance(query, key) as f64 / long.len() as f64);
    0.75 * similar
}

fn bigram_dice(a: &[char], b: &[char]) -> f64 {
    if a.len() < 2 || b.len() < 2 {
        return 0.0;
    }
    let mut theirs: Vec<(char, char)> = b.windows(2).map(|w| (w[0], w[1])).collect();
    let total = (a.len() - 1 + theirs.len()) as f64;
    let mut shared = 0;
    for w in a.windows(2) {
        if let Some(at) = theirs.iter().position(|&p| p == (w[0], w[1])) {
            theirs.swap_remove(at);
            shared += 1;
        }
    }
    2.0 * shared as f64 / total
}

fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        current[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::garbage::catalog::demo;

    fn best(index: &Index, query: &str) -> String {
        let hits = index.search(query, 3, 0.4);
        hits.first().map(|h| index.item(h.item).unwrap().name.clone()).unwrap_or_default()
    }

    #[test]
    fn the_official_name_its_reading_and_other_widths_and_scripts_find_the_item() {
        let index = Index::new(demo());
        assert_eq!(best(&index, "アイロン"), "アイロン");
        assert_eq!(best(&index, "ｱｲﾛﾝ"), "アイロン");
        assert_eq!(best(&index, "あいろん"), "アイロン");
        assert_eq!(best(&index, "わりばし"), "割り箸");
    }

    #[test]
    fn typos_synonyms_and_other_languages_find_the_item() {
        let index = Index::new(demo());
        assert_eq!(best(&index, "ドライアー"), best(&index, "ドライヤー"));
        assert_eq!(best(&index, "シャーペン"), "シャープペンシル");
        assert_eq!(best(&index, "eggshells"), "卵の殻");
        assert_eq!(best(&index, "egg shell"), "卵の殻");
        assert_eq!(best(&index, "다리미"), "アイロン");
        assert_eq!(best(&index, "bàn ủi"), "アイロン");
    }

    #[test]
    fn items_differing_only_by_size_come_back_together() {
        let index = Index::new(demo());
        let hits = index.search("アイロン台（一辺の長さ30cm以下）", 5, 0.4);
        let variants = index.variants(hits[0].item);
        assert_eq!(variants.len(), 2);
        assert!(variants.iter().all(|&v| index.item(v).unwrap().name == "アイロン台"));
    }

    #[test]
    fn ranking_is_deterministic_and_nonsense_finds_nothing() {
        let index = Index::new(demo());
        assert_eq!(index.search("なべ", 5, 0.4), index.search("なべ", 5, 0.4));
        assert!(index.search("zzqqxx", 5, 0.5).is_empty());
    }
}
