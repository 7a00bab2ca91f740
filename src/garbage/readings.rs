//! How a city's own list reads its kanji. Each name beside its reading in kana (`座いす（木製）` ざいす（もくせい）,
//! `つめ切り` つめきり) tells how the kanji words in it are read (座 ザ, 木製 モクセイ, 切 キ), so a query written in
//! kanji where the city writes kana, or in other kanji than the city's (`座椅子`, `枝切りばさみ`, `電子時書`), can be
//! read in kana too and meet the names by their readings. A kanji no name teaches is read by the tables of on readings
//! (`on_readings.tsv`) and kun readings (`kun_readings.tsv`, written by this project like the first).

use super::homophones::on_readings;
use super::normalize::is_kanji;
use std::collections::HashMap;
use std::sync::OnceLock;

/// A kanji word read as more kana than this per kanji is no reading of it (the alignment went astray).
const MOST_KANA_PER_KANJI: usize = 4;

/// The kanji words of one city's names with how its list reads them.
#[derive(Debug, Clone, Default)]
pub struct Readings {
    /// Per kanji word (folded), its reading in folded katakana: the one the list gives most often.
    of: HashMap<Vec<char>, Vec<char>>,
    /// The longest kanji word known, in characters.
    longest: usize,
}

/// The kun readings of `c` in katakana, the usual one first, from `kun_readings.tsv`; none if it has none.
fn kun_readings(c: char) -> &'static [&'static str] {
    static KUN: OnceLock<HashMap<char, Vec<&'static str>>> = OnceLock::new();
    let kun = KUN.get_or_init(|| {
        let lines = include_str!("kun_readings.tsv").lines().filter(|line| !line.starts_with('#') && !line.is_empty());
        lines
            .filter_map(|line| {
                let (kanji, read) = line.split_once('\t').unwrap_or((line, ""));
                Some((kanji.chars().next()?, read.split_whitespace().collect()))
            })
            .collect()
    });
    kun.get(&c).map_or(&[], Vec::as_slice)
}

/// A kanji's readings, on then kun, each as characters.
fn all_readings(c: char) -> impl Iterator<Item = Vec<char>> {
    on_readings(c).chain(kun_readings(c).iter().copied()).map(|read| read.chars().collect())
}

impl Readings {
    /// Learns from each item's names (with its qualifier, then without: a list may read either) and its reading, all
    /// folded (katakana, no long-vowel marks or punctuation). The first name whose kana line up with the reading one
    /// way only teaches the readings of its kanji; an item none does teaches nothing.
    pub fn learn(items: impl IntoIterator<Item = (Vec<Vec<char>>, Vec<char>)>) -> Readings {
        let mut counts: HashMap<Vec<char>, HashMap<Vec<char>, u32>> = HashMap::new();
        for (names, reading) in items {
            if reading.iter().any(|&c| is_kanji(c)) {
                continue;
            }
            for name in names.iter().filter(|name| name.iter().any(|&c| is_kanji(c))) {
                let mut found = Vec::new();
                align(&runs(name), &reading, &mut Vec::new(), &mut found);
                if let [words] = found.as_slice() {
                    for (word, read) in words {
                        learn_word(word, read, &mut counts);
                    }
                    break;
                }
            }
        }
        let of: HashMap<Vec<char>, Vec<char>> = counts
            .into_iter()
            .map(|(word, reads)| {
                let best =
                    reads.into_iter().max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0))).expect("a reading");
                (word, best.0)
            })
            .collect();
        let longest = of.keys().map(Vec::len).max().unwrap_or(0);
        Readings { of, longest }
    }

    /// `text` (folded) in kana: each run of kanji read as the fewest words the list reads, a kanji it does not read by
    /// the tables of readings. None where a kanji cannot be read, or where the text has no kanji.
    pub fn read(&self, text: &[char]) -> Option<Vec<char>> {
        if !text.iter().any(|&c| is_kanji(c)) {
            return None;
        }
        let mut out = Vec::with_capacity(text.len() * 2);
        let runs = runs(text);
        for (at, &(kanji, run)) in runs.iter().enumerate() {
            if kanji {
                let okurigana = runs.get(at + 1).is_some_and(|(_, next)| next.iter().all(|&c| is_kana(c)));
                out.extend(self.read_run(run, okurigana)?);
            } else {
                out.extend_from_slice(run);
            }
        }
        Some(out)
    }

    /// A run of kanji as the fewest pieces: words the list reads (a piece counting 2), or single kanji by the table
    /// (a piece counting 3): by their kun reading where a kanji stands alone or before kana (箱, 切り), by their on
    /// reading inside a compound, as compounds are mostly read.
    fn read_run(&self, run: &[char], okurigana: bool) -> Option<Vec<char>> {
        // Per position, the least cost of reading the run up to it, and the piece that ends there.
        let mut best: Vec<Option<(u32, usize, Vec<char>)>> = vec![None; run.len() + 1];
        best[0] = Some((0, 0, Vec::new()));
        for end in 1..=run.len() {
            for start in end.saturating_sub(self.longest.max(1))..end {
                let Some((cost, _, _)) = &best[start] else { continue };
                let piece = &run[start..end];
                let read = match self.of.get(piece) {
                    Some(read) => Some((cost + 2, read.clone())),
                    None if piece.len() == 1 => {
                        let kun_first = run.len() == 1 || (okurigana && end == run.len());
                        let (on, kun) = (on_readings(piece[0]).next(), kun_readings(piece[0]).first().copied());
                        let read = if kun_first { kun.or(on) } else { on.or(kun) };
                        read.map(|read| (cost + 3, read.chars().collect()))
                    }
                    None => None,
                };
                if let Some((cost, read)) = read
                    && best[end].as_ref().is_none_or(|(known, _, _)| cost < *known)
                {
                    best[end] = Some((cost, start, read));
                }
            }
        }
        let mut pieces = Vec::new();
        let mut end = run.len();
        while end > 0 {
            let (_, start, read) = best[end].as_ref()?;
            pieces.push(read);
            end = *start;
        }
        Some(pieces.into_iter().rev().flatten().copied().collect())
    }
}

fn is_kana(c: char) -> bool {
    ('ァ'..='ヶ').contains(&c)
}

/// `text` parted into runs of kanji and runs of anything else, each with whether it is kanji.
fn runs(text: &[char]) -> Vec<(bool, &[char])> {
    let mut runs = Vec::new();
    let mut start = 0;
    for at in 1..=text.len() {
        if at == text.len() || is_kanji(text[at]) != is_kanji(text[start]) {
            runs.push((is_kanji(text[start]), &text[start..at]));
            start = at;
        }
    }
    runs
}

/// Every way the runs line up with `reading`, the kana runs as they are and each kanji run as one to
/// [`MOST_KANA_PER_KANJI`] kana per kanji; stops at two (one is all that is used).
fn align<'a>(
    runs: &[(bool, &'a [char])],
    reading: &'a [char],
    words: &mut Vec<(&'a [char], &'a [char])>,
    found: &mut Vec<Vec<(&'a [char], &'a [char])>>,
) {
    if found.len() > 1 {
        return;
    }
    let Some(((kanji, run), rest)) = runs.split_first() else {
        if reading.is_empty() {
            found.push(words.clone());
        }
        return;
    };
    if !kanji {
        if let Some(after) = reading.strip_prefix(*run) {
            align(rest, after, words, found);
        }
        return;
    }
    for length in run.len()..=(run.len() * MOST_KANA_PER_KANJI).min(reading.len()) {
        words.push((run, &reading[..length]));
        align(rest, &reading[length..], words, found);
        words.pop();
    }
}

/// Counts `read` for `word`, and for the kanji of a compound whose reading begins or ends with one's on reading
/// (缶切 カンキ: 缶 カン and 切 キ).
fn learn_word(word: &[char], read: &[char], counts: &mut HashMap<Vec<char>, HashMap<Vec<char>, u32>>) {
    *counts.entry(word.to_vec()).or_default().entry(read.to_vec()).or_default() += 1;
    if word.len() < 2 {
        return;
    }
    let (first, rest) = (word[0], &word[1..]);
    let begins = all_readings(first).find(|own| read.starts_with(own) && read.len() - own.len() >= rest.len());
    if let Some(own) = begins {
        learn_word(&word[..1], &own, counts);
        learn_word(rest, &read[own.len()..], counts);
        return;
    }
    let (last, before) = (word[word.len() - 1], &word[..word.len() - 1]);
    let ends = all_readings(last).find(|own| read.ends_with(own) && read.len() - own.len() >= before.len());
    if let Some(own) = ends {
        learn_word(before, &read[..read.len() - own.len()], counts);
        learn_word(&word[word.len() - 1..], &own, counts);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::garbage::normalize::{fold, fold_all};

    fn folded(text: &str) -> Vec<char> {
        fold_all(text).chars().collect()
    }

    fn learnt(pairs: &[(&str, &str)]) -> Readings {
        Readings::learn(
            pairs.iter().map(|(name, reading)| (vec![folded(name), fold(name).chars().collect()], folded(reading))),
        )
    }

    fn read(readings: &Readings, text: &str) -> Option<String> {
        readings.read(&folded(text)).map(|read| read.into_iter().collect())
    }

    #[test]
    fn a_query_in_kanji_the_list_writes_in_kana_is_read_by_the_kanji_other_names_teach() {
        let readings = learnt(&[
            ("枝きりはさみ（一辺の長さ30cm超）", "エダキリハサミ"),
            ("つめ切り", "つめきり"),
            ("座いす（木製）", "ざいす（もくせい）"),
            ("椅子マット", "いすまっと"),
        ]);
        assert_eq!(read(&readings, "枝切りばさみ").as_deref(), Some("エダキリバサミ"));
        assert_eq!(read(&readings, "座椅子").as_deref(), Some("ザイス"));
        assert_eq!(read(&readings, "木製の座いす").as_deref(), Some("モクセイノザイス"));
    }

    #[test]
    fn a_compound_is_parted_where_its_reading_begins_with_a_kanjis_on_reading() {
        let readings = learnt(&[("缶切り", "かんきり"), ("電子辞書", "でんしじしょ")]);
        assert_eq!(read(&readings, "切り").as_deref(), Some("キリ"));
        assert_eq!(read(&readings, "辞書").as_deref(), Some("ジシヨ"));
        // A kanji no name teaches, inside a compound, by its usual on reading: 時 ジ, as a phone may put it for 辞.
        assert_eq!(read(&readings, "電子時書").as_deref(), Some("デンシジシヨ"));
    }

    #[test]
    fn the_kun_table_lists_each_kanji_once_with_readings_in_katakana() {
        let mut seen = std::collections::HashSet::new();
        let lines = include_str!("kun_readings.tsv").lines().filter(|line| !line.starts_with('#') && !line.is_empty());
        for line in lines {
            let (kanji, read) = line.split_once('\t').unwrap_or_else(|| panic!("no tab: {line:?}"));
            let mut chars = kanji.chars();
            let (Some(c), None) = (chars.next(), chars.next()) else { panic!("not one kanji: {line:?}") };
            // The tables also list compatibility ideographs (欄 U+F91D), as the cities' files may; folding makes them the
            // unified ones.
            let compatibility = ('\u{f900}'..='\u{faff}').contains(&c);
            assert!((is_kanji(c) || compatibility) && seen.insert(c), "{line:?}");
            assert!(read.split_whitespace().all(|r| r.chars().all(|k| is_kana(k) || k == 'ー')), "{line:?}");
        }
        assert!(seen.len() >= 2_900, "{}", seen.len());
        assert_eq!(kun_readings('枝'), ["エダ"]);
    }

    #[test]
    fn a_kanji_no_name_teaches_is_read_by_its_kun_reading_alone_or_before_kana_and_its_on_reading_in_a_compound() {
        let readings = learnt(&[("座いす", "ざいす")]);
        assert_eq!(read(&readings, "箱").as_deref(), Some("ハコ"));
        assert_eq!(read(&readings, "押し入れ").as_deref(), Some("オシイレ"));
        assert_eq!(read(&readings, "電子").as_deref(), Some("デンシ"));
        assert_eq!(read(&readings, "いす"), None, "nothing to read");
        let ambiguous = learnt(&[("龘の龘", "ののののの")]);
        assert_eq!(read(&ambiguous, "龘"), None, "a name lining up with its reading two ways teaches nothing");
    }
}
