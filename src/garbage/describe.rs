//! The description vocabulary: what residents write when they do not know an item's name ("髪を乾かす機械", "the
//! thing you dry your hair with") read as the generic names cities give such items, which are then searched in the
//! city's own catalog. Written by this project in `descriptions.yaml`, built into the binary.

use super::normalize::{Words, fold};
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

/// One entry, folded: sets of words (folded as [`Words`]) that together point to the generic names.
struct Meaning {
    says: Vec<Vec<Vec<char>>>,
    means: Vec<String>,
    /// The generic names folded: a query that is one of them means the others too (茶碗 is also 食器).
    names: Vec<Vec<char>>,
}

fn vocabulary() -> &'static [Meaning] {
    static VOCABULARY: OnceLock<Vec<Meaning>> = OnceLock::new();
    VOCABULARY.get_or_init(|| {
        let file: File = serde_saphyr::from_str(include_str!("descriptions.yaml")).expect("descriptions.yaml is valid");
        assert_eq!(file.format, "madoguchi-descriptions/1", "descriptions.yaml format");
        file.entries
            .into_iter()
            .map(|entry| Meaning {
                says: entry.says.iter().map(|words| words.iter().map(|w| Words::new(w).text).collect()).collect(),
                names: entry.means.iter().map(|name| fold(name).chars().collect()).collect(),
                means: entry.means,
            })
            .collect()
    })
}

/// At most this many entries are taken for one query: those matched by the most text.
const ENTRIES: usize = 2;

/// A generic name a query points to.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Meant {
    pub name: &'static str,
    /// The words that point to it are the whole query (`ティッシュ`, `茶碗`), not a part of a longer description: the
    /// vocabulary knows what the resident means rather than guessing from a few words.
    pub whole: bool,
}

/// The generic item names a query describes: those of the entries one of whose word sets it contains whole, or one of
/// whose names it is (that name first), the entries matched by the most text first and, among equals, those matched
/// by their words.
pub fn meanings(query: &str) -> Vec<Meant> {
    let words = Words::new(query);
    let folded: Vec<char> = fold(query).chars().collect();
    let contains = |word: &[char]| words.contain(word);
    let mut matched: Vec<(usize, bool, usize, &Meaning, Option<usize>)> = vocabulary()
        .iter()
        .enumerate()
        .filter_map(|(at, meaning)| {
            let said = meaning
                .says
                .iter()
                .filter(|words| !words.is_empty() && words.iter().all(|w| contains(w)))
                .map(|words| words.iter().map(Vec::len).sum::<usize>())
                .max();
            match said {
                Some(covered) => Some((covered, false, at, meaning, None)),
                None => {
                    let named = meaning.names.iter().position(|name| *name == folded)?;
                    Some((words.text.len(), true, at, meaning, Some(named)))
                }
            }
        })
        .collect();
    matched.sort_by_key(|&(covered, by_name, at, _, _)| (std::cmp::Reverse(covered), by_name, at));
    let mut meant = Vec::new();
    for (covered, _, _, meaning, named) in matched.into_iter().take(ENTRIES) {
        let whole = covered >= words.text.len();
        let first = named.map(|at| meaning.means[at].as_str());
        let rest = meaning.means.iter().map(String::as_str).filter(|name| Some(*name) != first);
        for name in first.into_iter().chain(rest) {
            if !meant.iter().any(|known: &Meant| known.name == name) {
                meant.push(Meant { name, whole });
            }
        }
    }
    meant
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let names = |query: &str| meanings(query).into_iter().map(|meant| meant.name).collect::<Vec<_>>();
        assert!(names("髪を乾かす機械").contains(&"ドライヤー"));
        assert!(names("the thing you dry your hair with").contains(&"ドライヤー"));
        assert!(names("アイロン").iter().all(|name| *name == "アイロン"), "a name means itself only");
        assert!(names("木の箱を開けた").is_empty());
        assert!(meanings("髪を乾かす機械").iter().all(|meant| !meant.whole));
    }

    #[test]
    fn a_query_that_is_one_of_an_entry_generic_names_means_the_others_too() {
        let meant = meanings("茶碗");
        assert!(meant.iter().any(|meant| meant.name == "食器" && meant.whole), "{meant:?}");
    }

    #[test]
    fn a_word_is_not_found_inside_an_unrelated_one() {
        let names = |query: &str| meanings(query).into_iter().map(|meant| meant.name).collect::<Vec<_>>();
        assert!(names("pc").contains(&"パソコン") && names("old PC").contains(&"パソコン"));
        assert!(!names("step counter").contains(&"パソコン"), "{:?}", names("step counter"));
        assert!(!names("tripod").iter().any(|name| name.contains("音楽プレーヤー")), "{:?}", names("tripod"));
        assert!(names("シーツ").contains(&"シーツ"));
        assert!(!names("しっけ取り").contains(&"シーツ"), "{:?}", names("しっけ取り"));
    }
}
