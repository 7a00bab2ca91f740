//! The description vocabulary: what residents write when they do not know an item's name ("髪を乾かす機械", "the
//! thing you dry your hair with") read as the generic names cities give such items, which are then searched in the
//! city's own catalog. Written by this project in `descriptions.yaml`, built into the binary.

use super::normalize::{Words, contains, fold};
use serde::Deserialize;
use std::collections::HashMap;
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
    /// Words a description of the item is likely to use (what it is for, what it holds, where and when it is used,
    /// what it is like): any two of them in a query point to it, rarer words counting more.
    #[serde(default)]
    about: Vec<String>,
}

/// One entry: the sets of words that together point to its generic names.
struct Meaning {
    /// Per set, its words (as indexes into [`Vocabulary::words`]) and how much text they cover.
    says: Vec<(Vec<u32>, usize)>,
    means: Vec<String>,
    /// The words that alone name the item in Japanese (`かなづち`, `トンカチ` of 金づち): a city may list it by one.
    also: Vec<String>,
}

/// The entries, with every word folded once (as [`Words`]) and indexed by its first two characters (a one-character
/// word by its character), so a query is read in one pass over its characters however large the vocabulary grows.
struct Vocabulary {
    meanings: Vec<Meaning>,
    words: Vec<Vec<char>>,
    by_start: HashMap<(char, Option<char>), Vec<u32>>,
    /// Per word, the word sets it belongs to: (entry, set).
    sets_of: Vec<Vec<(u32, u32)>>,
    /// Per word, the entries it is one of the `about` words of, each with whether only as a Chinese translation (which
    /// counts only in text that may be Chinese: Japanese writes other words with the same kanji, 水 and 槽 of 水槽 say
    /// 浴槽 in Chinese); and what it tells, the rarer the more: ln(entries / entries it is about), in other text and
    /// in text that may be Chinese.
    about_of: Vec<Vec<(u32, bool)>>,
    rarity: Vec<(f64, f64)>,
    /// Each generic name folded as a catalog name, with its entry and place: a query that is one of them means the
    /// others too (茶碗 is also 食器).
    by_name: HashMap<String, Vec<(u32, usize)>>,
}

/// Reads the vocabulary now, once per process (it takes a moment), so that the first resident's search does not wait.
pub fn load() {
    vocabulary();
}

fn vocabulary() -> &'static Vocabulary {
    static VOCABULARY: OnceLock<Vocabulary> = OnceLock::new();
    VOCABULARY.get_or_init(|| {
        // Built in and written by this project: the parser's guard against hostile input is sized for its words.
        let options = serde_saphyr::options! {
            budget: serde_saphyr::budget! { max_nodes: 4_000_000, max_events: 8_000_000 },
        };
        let file: File = serde_saphyr::from_str_with_options(include_str!("descriptions.yaml"), options)
            .expect("descriptions.yaml is valid");
        assert_eq!(file.format, "madoguchi-descriptions/1", "descriptions.yaml format");
        let mut vocabulary = Vocabulary {
            meanings: Vec::new(),
            words: Vec::new(),
            by_start: HashMap::new(),
            sets_of: Vec::new(),
            about_of: Vec::new(),
            rarity: Vec::new(),
            by_name: HashMap::new(),
        };
        let mut known = Known::default();
        let words = WordTable::read(include_str!("words.tsv"));
        // Per about-word as spelled, the ids of it and of its translations: most are about-words of many entries.
        let mut translated: HashMap<String, Vec<(u32, bool)>> = HashMap::new();
        for (entry_at, entry) in file.entries.into_iter().enumerate() {
            let mut says = Vec::new();
            for (set_at, words) in entry.says.iter().enumerate() {
                let mut ids: Vec<u32> = Vec::new();
                let mut covered = 0;
                for word in words {
                    let Some(id) = vocabulary.intern(&mut known, word) else { continue };
                    covered += vocabulary.words[id as usize].len();
                    if !ids.contains(&id) {
                        ids.push(id);
                        vocabulary.sets_of[id as usize].push((entry_at as u32, set_at as u32));
                    }
                }
                says.push((ids, covered));
            }
            // An about-word stands for itself in every language the word table gives it in (`glass` for ガラス,
            // 玻璃, 유리, kính…).
            let mut about: Vec<(u32, bool)> = Vec::new();
            for word in &entry.about {
                if let Some(known) = translated.get(word.as_str()) {
                    about.extend_from_slice(known);
                    continue;
                }
                let forms = std::iter::once((word.as_str(), false))
                    .chain(words.translations(word).map(|(form, chinese)| (form.as_str(), *chinese)));
                let ids: Vec<(u32, bool)> =
                    forms.filter_map(|(form, chinese)| Some((vocabulary.intern(&mut known, form)?, chinese))).collect();
                about.extend_from_slice(&ids);
                translated.insert(word.clone(), ids);
            }
            for (id, chinese) in about {
                // Entries come in order: the entry is already there only as the last.
                match vocabulary.about_of[id as usize].last_mut() {
                    Some((known, only_chinese)) if *known == entry_at as u32 => *only_chinese &= chinese,
                    _ => vocabulary.about_of[id as usize].push((entry_at as u32, chinese)),
                }
            }
            for (at, name) in entry.means.iter().enumerate() {
                vocabulary.by_name.entry(fold(name)).or_default().push((entry_at as u32, at));
            }
            // Spelled apart from the generic names and from each other once folded (あいろん is アイロン).
            let mut folded: Vec<String> = entry.means.iter().map(|name| fold(name)).collect();
            let mut also = Vec::new();
            for word in entry.says.into_iter().filter(|words| words.len() == 1).flatten() {
                let word_folded = fold(&word);
                if word.chars().any(is_japanese) && !folded.contains(&word_folded) {
                    folded.push(word_folded);
                    also.push(word);
                }
            }
            vocabulary.meanings.push(Meaning { says, means: entry.means, also });
        }
        let entries = vocabulary.meanings.len() as f64;
        let rarity = |count: usize| if count == 0 { 0.0 } else { (entries / count as f64).ln() };
        vocabulary.rarity = vocabulary
            .about_of
            .iter()
            .map(|of| (rarity(of.iter().filter(|(_, only_chinese)| !only_chinese).count()), rarity(of.len())))
            .collect();
        vocabulary
    })
}

/// The word table: everyday words that describe items (`glass`, `box`, `dry`), each in the 13 languages, written by
/// this project in `words.tsv` (a column per language, alternative forms parted by `|`).
struct WordTable {
    /// Per word of the table, its forms in every language but Japanese, each with whether it is Chinese.
    words: Vec<Vec<(String, bool)>>,
    /// Per form in any language, folded as [`Words`]: the table's words it is a form of.
    by_form: HashMap<Vec<char>, Vec<usize>>,
}

impl WordTable {
    fn read(text: &str) -> WordTable {
        let mut table = WordTable { words: Vec::new(), by_form: HashMap::new() };
        let mut lines = text.lines().filter(|line| !line.starts_with('#') && !line.is_empty());
        let header: Vec<&str> = lines.next().expect("words.tsv has a header").split('\t').collect();
        for line in lines {
            let cells: Vec<&str> = line.split('\t').collect();
            assert_eq!(cells.len(), header.len(), "words.tsv: {line:?}");
            let mut forms = Vec::new();
            for (cell, &language) in cells.iter().zip(&header) {
                for form in cell.split('|') {
                    let of = table.by_form.entry(Words::new(form).text).or_default();
                    if of.last() != Some(&table.words.len()) {
                        of.push(table.words.len());
                    }
                    // Japanese words of the table are looked up, not added: an entry's own Japanese about-words
                    // say more than a translation of a word of another of its languages (tried: fewer hits).
                    if language != "ja" && !too_short(form, language) {
                        forms.push((form.to_owned(), language.starts_with("zh")));
                    }
                }
            }
            table.words.push(forms);
        }
        table
    }

    /// The forms, in every language but Japanese, of every table word `word` is a form of; each with whether it is
    /// Chinese.
    fn translations(&self, word: &str) -> impl Iterator<Item = &(String, bool)> {
        let of = self.by_form.get(&Words::new(word).text).map(Vec::as_slice).unwrap_or_default();
        of.iter().flat_map(|&at| &self.words[at])
    }
}

/// The katakana loanwords the word table gives an English word (`box`: ボックス), none where it gives none: how
/// residents write a word a city's list writes in Latin letters (クーラーBOX, クーラーボックス).
pub fn loanwords_of(english: &str) -> &'static [&'static str] {
    static LOANWORDS: OnceLock<HashMap<String, Vec<&'static str>>> = OnceLock::new();
    let loanwords = LOANWORDS.get_or_init(|| {
        let mut lines = include_str!("words.tsv").lines().filter(|line| !line.starts_with('#') && !line.is_empty());
        let header: Vec<&str> = lines.next().expect("words.tsv has a header").split('\t').collect();
        let column = |language: &str| header.iter().position(|&l| l == language).expect("words.tsv has en and ja");
        let (en, ja) = (column("en"), column("ja"));
        let mut loanwords: HashMap<String, Vec<&'static str>> = HashMap::new();
        for line in lines {
            let cells: Vec<&'static str> = line.split('\t').collect();
            let katakana =
                cells[ja].split('|').filter(|form| form.chars().all(|c| ('ァ'..='ヺ').contains(&c) || c == 'ー'));
            let katakana: Vec<&'static str> = katakana.collect();
            for form in cells[en].split('|').filter(|_| !katakana.is_empty()) {
                loanwords.entry(form.to_lowercase()).or_default().extend(&katakana);
            }
        }
        loanwords
    });
    loanwords.get(&english.to_lowercase()).map_or(&[], Vec::as_slice)
}

/// Whether a form is too short to add for an entry: it would be part of many words of its own or other languages (`es`
/// of Indonesian begins `escova`, Korean 책 ends 산책). Vietnamese writes a word a syllable at a time (`xe`).
fn too_short(form: &str, language: &str) -> bool {
    let letters = form.chars().filter(|c| c.is_alphabetic()).count();
    if language == "ko" {
        return letters < 2;
    }
    let least = if language == "vi" { 2 } else { 3 };
    letters < least && form.chars().all(|c| c.is_whitespace() || Words::is_latin(c))
}

/// The words interned so far: by spelling, so that a word written the same way in many entries is folded once (the
/// vocabulary has five times as many words as spellings), and folded.
#[derive(Default)]
struct Known {
    spelled: HashMap<String, Option<u32>>,
    folded: HashMap<Vec<char>, u32>,
}

impl Vocabulary {
    /// The word's index, folded as [`Words`], added if new; none for a word that folds to nothing.
    fn intern(&mut self, known: &mut Known, word: &str) -> Option<u32> {
        if let Some(&id) = known.spelled.get(word) {
            return id;
        }
        let text = Words::new(word).text;
        let id = match text.first() {
            None => None,
            Some(&first) => Some(*known.folded.entry(text.clone()).or_insert_with(|| {
                self.by_start.entry((first, text.get(1).copied())).or_default().push(self.words.len() as u32);
                self.words.push(text);
                self.sets_of.push(Vec::new());
                self.about_of.push(Vec::new());
                self.words.len() as u32 - 1
            })),
        };
        known.spelled.insert(word.to_owned(), id);
        id
    }
}

/// At most this many entries are taken for one query: those matched by the most text.
const ENTRIES: usize = 2;

/// At most this many more entries are taken for what a query is about: those its words tell most of.
const ABOUT_ENTRIES: usize = 4;
/// A query shorter than this is a name, not a description: its words say nothing about what it is (扇風器 is a
/// mistyped 扇風機, not a thing of 扇 and 風).
const ABOUT_LENGTH: usize = 5;

/// A generic name a query points to.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Meant {
    pub name: &'static str,
    pub by: By,
    /// Another word the vocabulary knows for the item, not one of its generic names: searched after all of those.
    pub also: bool,
    /// The vocabulary entry giving the name: names of one entry are one reading of the query.
    pub entry: u32,
}

/// How a query points to a name: the surer, the earlier.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum By {
    /// The words that point to it are the whole query (`ティッシュ`, `茶碗`), not a part of a longer description: the
    /// vocabulary knows what the resident means rather than guessing from a few words.
    Whole,
    /// All the words of one of the entry's word sets are in the query (`髪を乾かす機械`), covering this part of it.
    Words(f64),
    /// The words of one of the entry's word sets are in the query only modifying what it goes on to say (`くぎ` in
    /// `くぎを打つ道具`, `ビールびん` in `ビールびんの王冠を開けるやつ`): the query is about something else. Or a word
    /// alone ends the one katakana word the query is (`レーダー` in `サーキュレーダー`): its spelling tells as much.
    Modifying,
    /// Two or more (this many) of the words a description of the item is likely to use are
    /// (`冬に足を入れて温まるテーブル`).
    About(usize),
}

/// The generic item names a query describes: those of the entries one of whose word sets it contains whole, or one of
/// whose names it is (that name first), the entries matched by the most text first and, among equals, those matched
/// by their words.
pub fn meanings(query: &str) -> Vec<Meant> {
    let vocabulary = vocabulary();
    let words = Words::new(query);
    // The vocabulary's words in the query, each with whether it is somewhere a whole word, and where its last
    // occurrence starts.
    let mut found: Vec<(u32, bool, usize)> = Vec::new();
    let mut found_at: HashMap<u32, usize> = HashMap::new();
    for (at, &c) in words.text.iter().enumerate() {
        let next = words.text.get(at + 1).copied();
        let starting = [(c, None), (c, next)].into_iter().filter_map(|start| vocabulary.by_start.get(&start));
        for &id in starting.flatten() {
            let word = &vocabulary.words[id as usize];
            if let Some(whole) = words.has_at(at, word) {
                match found_at.get(&id) {
                    Some(&known) => {
                        found[known].1 |= whole;
                        found[known].2 = at;
                    }
                    None => {
                        found_at.insert(id, found.len());
                        found.push((id, whole, at));
                    }
                }
            }
        }
    }
    // Per word set: how many of its words the query has, and the span from the first to the end of the last; the set
    // applies when it has them all. A word standing alone for the item must be a whole word (ズボン in ズボンプレッサー
    // is not trousers); words together describe it as parts (スマホ and 充電 in スマホ充電器).
    let mut counts: HashMap<(u32, u32), (usize, usize, usize)> = HashMap::new();
    for &(id, whole, at) in &found {
        let end = at + vocabulary.words[id as usize].len();
        for &(entry, set) in &vocabulary.sets_of[id as usize] {
            let alone = || vocabulary.meanings[entry as usize].says[set as usize].0.len() == 1;
            if whole || !alone() {
                let (count, start, last) = counts.entry((entry, set)).or_insert((0, at, end));
                *count += 1;
                *start = (*start).min(at);
                *last = (*last).max(end);
            }
        }
    }
    let found: Vec<u32> = found.into_iter().map(|(id, _, _)| id).collect();
    // (only modifying, text covered, reached by a name rather than words, entry, the name it was reached by)
    let mut matched: Vec<(bool, usize, bool, u32, Option<usize>)> = Vec::new();
    let one_katakana_word = words.is_one_katakana_word();
    for ((entry, set), (count, start, end)) in counts {
        let (ids, covered) = &vocabulary.meanings[entry as usize].says[set as usize];
        if count == ids.len() {
            // A word standing alone for the item, or words making one of its names together (ビール and びん), before
            // a case particle only modify what the query goes on to say (くぎ in くぎを打つ道具, ビールびん in
            // ビールびんの王冠を開けるやつ), as they do after a linking word in a language putting the head first
            // (computer in `plastic things we saved computer files on`); words apart (頭 in 寝るときに頭をのせるもの)
            // or making no name of it (耳掃除 in 耳掃除に使う細いやつ, dry and hair in `the thing you dry your hair
            // with`) describe it.
            let meaning = &vocabulary.meanings[entry as usize];
            let named = || meaning.means.iter().any(|name| Words::new(name).text == words.text[start..end]);
            // A word alone ending a longer katakana word that is the whole query is no more than its spelling says:
            // the query may be a kind of it (ヘアドライヤー) or another item misspelt (サーキュレーダー).
            let ending_a_word = ids.len() == 1 && start > 0 && one_katakana_word;
            let modifies = ending_a_word
                || (words.modifies(end) || words.after_head(start))
                    && (ids.len() == 1 || (end - start == *covered && named()));
            match matched.iter_mut().find(|m| m.3 == entry) {
                Some(known) => {
                    known.0 &= modifies;
                    known.1 = known.1.max(*covered);
                }
                None => matched.push((modifies, *covered, false, entry, None)),
            }
        }
    }
    for &(entry, at) in vocabulary.by_name.get(&fold(query)).into_iter().flatten() {
        match matched.iter_mut().find(|m| m.3 == entry) {
            Some(known) => known.4 = Some(at),
            None => matched.push((false, words.text.len(), true, entry, Some(at))),
        }
    }
    matched
        .sort_by_key(|&(modifies, covered, by_name, entry, _)| (modifies, std::cmp::Reverse(covered), by_name, entry));
    matched.truncate(ENTRIES);
    let said: Vec<u32> = matched.iter().map(|m| m.3).collect();
    let about = if words.text.len() >= ABOUT_LENGTH {
        about(vocabulary, &found, &said, words.may_be_chinese())
    } else {
        Vec::new()
    };
    let mut meant = Vec::new();
    let chosen = matched.into_iter().map(|(modifies, covered, _, entry, named)| {
        let part = covered as f64 / words.text.len() as f64;
        let by = match () {
            _ if modifies => By::Modifying,
            _ if covered >= words.text.len() => By::Whole,
            _ => By::Words(part),
        };
        (entry, named, by)
    });
    let chosen: Vec<(u32, Option<usize>, By)> =
        chosen.chain(about.into_iter().map(|(entry, words)| (entry, None, By::About(words)))).collect();
    for &(entry, named, by) in &chosen {
        let meaning = &vocabulary.meanings[entry as usize];
        let first = named.map(|at| meaning.means[at].as_str());
        let rest = meaning.means.iter().map(String::as_str).filter(|name| Some(*name) != first);
        for name in first.into_iter().chain(rest) {
            if !meant.iter().any(|known: &Meant| known.name == name) {
                meant.push(Meant { name, by, also: false, entry });
            }
        }
    }
    // A query that is one of the entry's names means that; its other words may name kinds of it (殺虫スプレー of
    // スプレー缶).
    for &(entry, _, by) in chosen.iter().filter(|(_, named, _)| named.is_none()) {
        for name in &vocabulary.meanings[entry as usize].also {
            if !meant.iter().any(|known: &Meant| known.name == name) {
                meant.push(Meant { name, by, also: true, entry });
            }
        }
    }
    meant
}

/// Whether `c` is kana or a CJK ideograph: a word of it may be how a Japanese city names an item.
fn is_japanese(c: char) -> bool {
    matches!(c, '\u{3041}'..='\u{30ff}') || super::normalize::is_kanji(c)
}

/// The entries (besides `said`) two or more of whose `about` words are among the query's `found` words, those whose
/// words are rarest in all first; a word inside another found one of the same entry (温 in 温め) counts once. Chinese
/// translations count only where the query may be `chinese`.
fn about(vocabulary: &Vocabulary, found: &[u32], said: &[u32], chinese: bool) -> Vec<(u32, usize)> {
    let mut words_of: HashMap<u32, Vec<u32>> = HashMap::new();
    for &id in found {
        for &(entry, only_chinese) in &vocabulary.about_of[id as usize] {
            if !said.contains(&entry) && (chinese || !only_chinese) {
                words_of.entry(entry).or_default().push(id);
            }
        }
    }
    let text = |id: u32| vocabulary.words[id as usize].as_slice();
    let mut told: Vec<(f64, usize, u32, usize)> = words_of
        .into_iter()
        .filter_map(|(entry, ids)| {
            let own: Vec<u32> = ids
                .iter()
                .copied()
                .filter(|&id| !ids.iter().any(|&other| other != id && contains(text(other), text(id))))
                .collect();
            (own.len() >= 2).then(|| {
                let rarity = |id: &u32| {
                    if chinese { vocabulary.rarity[*id as usize].1 } else { vocabulary.rarity[*id as usize].0 }
                };
                let rarity: f64 = own.iter().map(rarity).sum();
                (rarity, naming(vocabulary, entry, &own), entry, own.len())
            })
        })
        .collect();
    told.sort_by(|a, b| b.0.total_cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
    told.into_iter().take(ABOUT_ENTRIES).map(|(_, _, entry, words)| (entry, words)).collect()
}

/// How many of `words` written in letters begin a word of the entry's word sets, the words that name it (`iron` and
/// `board` both begin words of アイロン台's `ironing board`, only `iron` one of アイロン's): of entries a query is equally
/// about, the one its words name comes first.
fn naming(vocabulary: &Vocabulary, entry: u32, words: &[u32]) -> usize {
    let says = &vocabulary.meanings[entry as usize].says;
    let text = |id: &u32| vocabulary.words[*id as usize].as_slice();
    let latin = |word: &&u32| text(word).iter().all(char::is_ascii_alphanumeric);
    let names = |word: &&u32| says.iter().flat_map(|(ids, _)| ids).any(|id| text(id).starts_with(text(word)));
    words.iter().filter(latin).filter(names).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_vocabulary_reads_and_every_entry_says_and_means_something() {
        assert!(vocabulary().meanings.len() >= 80, "{}", vocabulary().meanings.len());
        for meaning in &vocabulary().meanings {
            assert!(!meaning.means.is_empty() && !meaning.says.is_empty());
            assert!(meaning.says.iter().all(|(words, _)| !words.is_empty()));
        }
        assert!(vocabulary().words.iter().all(|word| !word.is_empty()));
    }

    #[test]
    fn a_word_that_is_another_entry_own_name_stands_alone_only_for_that_entry() {
        let vocabulary = vocabulary();
        let first_names: HashMap<Vec<char>, usize> = vocabulary
            .meanings
            .iter()
            .enumerate()
            .map(|(at, meaning)| (Words::new(&meaning.means[0]).text, at))
            .collect();
        for (at, meaning) in vocabulary.meanings.iter().enumerate() {
            let own: Vec<Vec<char>> = meaning.means.iter().map(|name| Words::new(name).text).collect();
            for (words, _) in meaning.says.iter().filter(|(words, _)| words.len() == 1) {
                let word = &vocabulary.words[words[0] as usize];
                let owner = first_names.get(word).filter(|&&owner| owner != at && !own.contains(word));
                assert!(owner.is_none(), "{:?} says {:?}, the name of {:?}", meaning.means, word, owner);
            }
        }
    }

    #[test]
    fn descriptions_in_several_languages_point_to_the_item() {
        let names = |query: &str| meanings(query).into_iter().map(|meant| meant.name).collect::<Vec<_>>();
        assert!(names("髪を乾かす機械").contains(&"ドライヤー"));
        assert!(names("the thing you dry your hair with").contains(&"ドライヤー"));
        assert!(names("アイロン").iter().all(|name| *name == "アイロン"), "a name means itself only");
        assert!(names("今日はいい天気ですね").is_empty(), "{:?}", names("今日はいい天気ですね"));
        assert!(matches!(meanings("髪を乾かす機械")[0], Meant { name: "ドライヤー", by: By::Words(_), .. }));
    }

    #[test]
    fn the_word_table_gives_each_word_in_every_language_and_leaves_out_forms_too_short_to_tell() {
        let table = WordTable::read(include_str!("words.tsv"));
        assert!(table.words.len() >= 900, "{}", table.words.len());
        assert!(table.words.iter().all(|forms| forms.len() >= 11), "a form in each language but Japanese");
        let glass: Vec<&str> = table.translations("ガラス").map(|(form, _)| form.as_str()).collect();
        assert!(glass.contains(&"유리") && glass.contains(&"vidro"), "{glass:?}");
        assert!(!glass.contains(&"ガラス"), "Japanese forms are looked up, not added");
        assert!(table.translations("玻璃").any(|(form, chinese)| form == "玻璃" && *chinese));
        assert!(too_short("es", "id") && too_short("ar", "pt") && !too_short("xe", "vi") && !too_short("box", "en"));
        assert!(!too_short("유리", "ko") && too_short("책", "ko") && !too_short("玻璃", "zh-Hans"));
    }

    #[test]
    fn a_description_in_another_language_finds_the_item_by_the_words_its_entry_has_in_english_or_japanese() {
        let names = |query: &str| meanings(query).into_iter().map(|meant| meant.name).collect::<Vec<_>>();
        // The 水槽 entry's about-words name no glass or box in Korean; its 箱 and glass do.
        assert!(names("물고기 키우던 유리 상자").contains(&"水槽"), "{:?}", names("물고기 키우던 유리 상자"));
        // Chinese translations count in Chinese only: 水 and 槽 are no bathtub in Japanese.
        assert!(!names("水槽 60cm").contains(&"浴槽"), "{:?}", names("水槽 60cm"));
    }

    #[test]
    fn a_name_inside_a_chinese_phrase_stands_alone_though_chinese_writes_no_breaks() {
        let names = |query: &str| meanings(query).into_iter().map(|meant| meant.name).collect::<Vec<_>>();
        assert!(names("量血压的机器").contains(&"血圧計"), "{:?}", names("量血压的机器"));
    }

    #[test]
    fn a_word_only_modifying_what_the_query_goes_on_to_say_is_not_what_it_means() {
        let meant = meanings("くぎを打つ道具");
        assert!(meant.iter().any(|meant| meant.name == "くぎ" && meant.by == By::Modifying), "{meant:?}");
        assert!(meant.iter().any(|meant| meant.name == "金づち" && matches!(meant.by, By::About(_))), "{meant:?}");
        assert!(meanings("くぎ").iter().any(|meant| meant.name == "くぎ" && meant.by == By::Whole));
        assert!(meanings("曲がったくぎ").iter().any(|meant| meant.name == "くぎ" && matches!(meant.by, By::Words(_))));
    }

    #[test]
    fn a_name_after_a_linking_word_of_a_language_putting_the_head_first_only_modifies_the_head() {
        let meant = meanings("old square plastic things we saved computer files on in the 90s");
        assert!(meant.iter().any(|meant| meant.name == "パソコン" && meant.by == By::Modifying), "{meant:?}");
        assert!(meant.iter().any(|meant| meant.name == "フロッピーディスク"), "{meant:?}");
        let meant = meanings("herramienta para sacar el corcho");
        assert!(meant.iter().any(|meant| meant.name == "コルク栓" && meant.by == By::Modifying), "{meant:?}");
        let meant = meanings("the thing you dry your hair with");
        assert!(meant.iter().any(|meant| meant.name == "ドライヤー" && matches!(meant.by, By::Words(_))), "{meant:?}");
        assert!(meanings("old tv").iter().any(|meant| meant.name == "テレビ" && matches!(meant.by, By::Words(_))));
    }

    #[test]
    fn words_making_a_name_together_modify_too_but_words_describing_the_item_do_not() {
        let meant = meanings("ビールびんの王冠を開けるやつ");
        assert!(meant.iter().any(|meant| meant.name == "ビール瓶" && meant.by == By::Modifying), "{meant:?}");
        assert!(meant.iter().any(|meant| meant.name == "栓抜き" && matches!(meant.by, By::Words(_))), "{meant:?}");
        let meant = meanings("耳掃除に使う細いやつ");
        assert!(meant.iter().any(|meant| meant.name == "綿棒" && matches!(meant.by, By::Words(_))), "{meant:?}");
    }

    #[test]
    fn other_words_for_the_item_come_after_its_generic_names_and_not_for_a_query_that_is_one_of_those() {
        let meant = meanings("トンカチ");
        let also = meant.iter().position(|meant| meant.name == "かなづち" && meant.also);
        assert!(also.is_some_and(|at| meant[..at].iter().all(|meant| !meant.also)), "{meant:?}");
        assert!(meanings("アイロン").iter().all(|meant| !meant.also), "{:?}", meanings("アイロン"));
    }

    #[test]
    fn a_query_that_is_one_of_an_entry_generic_names_means_the_others_too() {
        let meant = meanings("茶碗");
        assert!(meant.iter().any(|meant| meant.name == "食器" && meant.by == By::Whole), "{meant:?}");
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

    #[test]
    fn two_words_a_description_of_the_item_would_use_point_to_it_but_not_in_a_short_name() {
        let meant = meanings("冬に足を入れて温まるテーブル");
        assert!(
            meant.iter().any(|meant| meant.name == "こたつ" && matches!(meant.by, By::About(words) if words >= 3)),
            "{meant:?}"
        );
        assert!(
            meanings("扇風器").iter().all(|meant| !matches!(meant.by, By::About(_))),
            "a mistyped name is no description"
        );
    }

    #[test]
    fn of_entries_a_query_is_equally_about_the_one_its_words_name_comes_first() {
        let meant = meanings("iron board");
        let at = |name: &str| meant.iter().position(|meant| meant.name == name && matches!(meant.by, By::About(2)));
        assert!(at("アイロン台").zip(at("アイロン")).is_some_and(|(board, iron)| board < iron), "{meant:?}");
    }

    #[test]
    fn a_word_alone_means_its_item_only_where_it_ends_a_compound_but_words_together_may_be_parts() {
        let names = |query: &str| meanings(query).into_iter().map(|meant| meant.name).collect::<Vec<_>>();
        assert!(names("ズボン").contains(&"ズボン"), "{:?}", names("ズボン"));
        assert!(names("古いズボン").contains(&"ズボン"));
        assert!(!names("ズボンプレッザー").contains(&"ズボン"), "{:?}", names("ズボンプレッザー"));
        assert!(names("スマホ充電器").contains(&"携帯電話の充電器"), "{:?}", names("スマホ充電器"));
    }

    #[test]
    fn a_name_ending_the_one_katakana_word_a_query_is_tells_no_more_than_its_spelling() {
        let meant = meanings("サーキュレーダー");
        assert!(meant.iter().any(|meant| meant.name == "レーダー" && meant.by == By::Modifying), "{meant:?}");
        assert!(meanings("レーダー").iter().any(|meant| meant.name == "レーダー" && meant.by == By::Whole));
        let meant = meanings("古いレーダー");
        assert!(meant.iter().any(|meant| meant.name == "レーダー" && matches!(meant.by, By::Words(_))), "{meant:?}");
    }
}
