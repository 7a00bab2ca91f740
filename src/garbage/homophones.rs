//! Kanji read alike: which kanji a phone's conversion may put for another (蚊取り線光 for 蚊取り線香, 電子時書 for
//! 電子辞書, 自転者 for 自転車), from the on readings of the kanji of everyday writing and of the cities' lists,
//! written by this project in `on_readings.tsv` and built into the binary.

use std::collections::HashMap;
use std::sync::OnceLock;

/// No kanji of the table has more on readings than this.
const MOST: usize = 4;

struct Readings {
    /// Per kanji, sorted by kanji: its readings as ids (from 1; 0 fills the rest), for a comparison without hashing
    /// in every cell of an edit distance.
    of: Vec<(char, [u16; MOST])>,
    /// Per reading id, the kanji read so, each with whether it is the kanji's first reading.
    kanji: Vec<Vec<(char, bool)>>,
    /// Per reading id, the reading in katakana.
    spelled: Vec<&'static str>,
}

fn readings() -> &'static Readings {
    static READINGS: OnceLock<Readings> = OnceLock::new();
    READINGS.get_or_init(|| {
        let mut ids: HashMap<&str, u16> = HashMap::new();
        let mut readings = Readings { of: Vec::new(), kanji: vec![Vec::new()], spelled: vec![""] };
        let lines = include_str!("on_readings.tsv").lines().filter(|line| !line.starts_with('#') && !line.is_empty());
        for line in lines {
            let (kanji, read) = line.split_once('\t').unwrap_or((line, ""));
            let mut chars = kanji.chars();
            let (Some(kanji), None) = (chars.next(), chars.next()) else { panic!("on_readings.tsv: {line:?}") };
            let mut of = [0; MOST];
            for (at, reading) in read.split_whitespace().enumerate() {
                assert!(at < MOST, "on_readings.tsv: more than {MOST} readings: {line:?}");
                let id = *ids.entry(reading).or_insert_with(|| {
                    readings.kanji.push(Vec::new());
                    readings.spelled.push(reading);
                    (readings.kanji.len() - 1) as u16
                });
                readings.kanji[id as usize].push((kanji, at == 0));
                of[at] = id;
            }
            readings.of.push((kanji, of));
        }
        readings.of.sort_unstable_by_key(|&(kanji, _)| kanji);
        readings
    })
}

/// The ids of the on readings of `c`, none if the table does not know it.
fn ids(c: char) -> &'static [u16] {
    let of = &readings().of;
    match of.binary_search_by_key(&c, |&(kanji, _)| kanji) {
        Ok(at) => {
            let ids = &of[at].1;
            &ids[..ids.iter().position(|&id| id == 0).unwrap_or(MOST)]
        }
        Err(_) => &[],
    }
}

/// Whether two different kanji share a reading that is the first, the usual one, of one of them (香 and 光: コウ):
/// a phone offers one for the other near the top of its list. A reading neither is usually read by (体 and 丁: テイ)
/// makes them no more alike than any two kanji.
pub fn read_alike(a: char, b: char) -> bool {
    let (of_a, of_b) = (ids(a), ids(b));
    let usual = |of: &[u16], other: &[u16]| of.first().is_some_and(|id| other.contains(id));
    a != b && (usual(of_a, of_b) || usual(of_b, of_a))
}

/// The on readings of `c` in katakana, the usual one first; none if the table does not know it.
pub fn on_readings(c: char) -> impl Iterator<Item = &'static str> {
    ids(c).iter().map(|&id| readings().spelled[id as usize])
}

/// The kanji [`read_alike`] with `c`.
pub fn alike(c: char) -> impl Iterator<Item = char> {
    let of = ids(c);
    of.iter().enumerate().flat_map(move |(at, &id)| {
        let read = readings().kanji[id as usize].iter();
        read.filter(move |&&(other, first)| other != c && (at == 0 || first)).map(|&(other, _)| other)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kanji_a_phone_converts_alike_share_a_reading_and_others_do_not() {
        for (a, b) in [('香', '光'), ('辞', '時'), ('車', '者'), ('帯', '体')] {
            assert!(read_alike(a, b) && read_alike(b, a), "{a} {b}");
            assert!(alike(a).any(|c| c == b) && alike(b).any(|c| c == a), "{a} {b}");
        }
        assert!(!read_alike('体', '丁') && !alike('体').any(|c| c == '丁'), "テイ is neither's usual reading");
        assert!(!read_alike('香', '香') && !alike('香').any(|c| c == '香'), "a kanji is no typo of itself");
        assert!(!read_alike('香', '車'));
        assert_eq!(alike('a').count(), 0);
    }

    #[test]
    fn the_table_knows_every_kanji_of_the_demo_city_names_and_lists_each_kanji_once() {
        let of = &readings().of;
        assert!(of.windows(2).all(|pair| pair[0].0 < pair[1].0), "a kanji listed twice");
        assert!(of.len() >= 2_000, "{}", of.len());
        let demo = crate::garbage::catalog::demo();
        let names = demo.items.iter().flat_map(|item| [&item.name].into_iter().chain(&item.synonyms));
        let unknown: Vec<char> = names
            .flat_map(|name| name.chars())
            .filter(|&c| crate::garbage::normalize::is_kanji(c))
            .filter(|&c| of.binary_search_by_key(&c, |&(kanji, _)| kanji).is_err())
            .collect();
        assert!(unknown.is_empty(), "{unknown:?}");
    }
}
