//! The description vocabulary: what residents write when they do not know an item's name ("髪を乾かす機械", "the
//! thing you dry your hair with") read as the generic names cities give such items, which are then searched in the
//! city's own catalog. Written by this project in `descriptions.yaml`, built into the binary.

use super::normalize::fold;
use serde::Deserialize;
use std::sync::OnceLock;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    format: String,
    entries: Vec<Entry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    means: Vec<String>,
    says: Vec<Vec<String>>,
}

/// One entry, folded: sets of words that together point to the generic names.
struct Meaning {
    says: Vec<Vec<Vec<char>>>,
    means: Vec<String>,
}

fn vocabulary() -> &'static [Meaning] {
    static VOCABULARY: OnceLock<Vec<Meaning>> = OnceLock::new();
    VOCABULARY.get_or_init(|| {
        let file: File = serde_saphyr::from_str(include_str!("descriptions.yaml")).expect("descriptions.yaml is valid");
        assert_eq!(file.format, "madoguchi-descriptions/1", "descriptions.yaml format");
        file.entries
            .into_iter()
            .map(|entry| Meaning {
                says: entry
                    .says
                    .iter()
                    .map(|words| words.iter().map(|w| fold(w).chars().collect::<Vec<char>>()).collect())
                    .collect(),
                means: entry.means,
            })
            .collect()
    })
}

/// At most this many entries are taken for one query: those matched by the most text.
const ENTRIES: usize = 2;

/// The generic item names a folded query describes: those of the entries one of whose word sets it contains whole,
/// the entries matched by the most text first.
pub fn meanings(query: &[char]) -> Vec<&'static str> {
    let contains = |word: &[char]| super::normalize::contains(query, word);
    let mut matched: Vec<(usize, usize, &Meaning)> = vocabulary()
        .iter()
        .enumerate()
        .filter_map(|(at, meaning)| {
            let covered = meaning
                .says
                .iter()
                .filter(|words| !words.is_empty() && words.iter().all(|w| contains(w)))
                .map(|words| words.iter().map(Vec::len).sum::<usize>())
                .max()?;
            Some((covered, at, meaning))
        })
        .collect();
    matched.sort_by_key(|&(covered, at, _)| (std::cmp::Reverse(covered), at));
    matched.into_iter().take(ENTRIES).flat_map(|(_, _, meaning)| meaning.means.iter().map(String::as_str)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(text: &str) -> Vec<char> {
        fold(text).chars().collect()
    }

    #[test]
    fn the_vocabulary_reads_and_every_entry_says_and_means_something() {
        assert!(vocabulary().len() >= 80, "{}", vocabulary().len());
        for meaning in vocabulary() {
            assert!(!meaning.means.is_empty() && !meaning.says.is_empty());
            assert!(meaning.says.iter().all(|words| !words.is_empty() && words.iter().all(|w| !w.is_empty())));
        }
    }

    #[test]
    fn descriptions_in_several_languages_point_to_the_item() {
        assert!(meanings(&folded("髪を乾かす機械")).contains(&"ドライヤー"));
        assert!(meanings(&folded("the thing you dry your hair with")).contains(&"ドライヤー"));
        assert!(meanings(&folded("アイロン")).is_empty());
    }
}
