//! Finding items however residents write them. Every name, reading, synonym and translation of an item is folded
//! once, and so is each part of a name that lists several things (`ルーター・モデム`). A query is folded the
//! same way, read as romaji too when it is, and widened by the description vocabulary (`髪を乾かす` → ドライヤー).
//! Candidates come from an index of character bigrams and are scored by exact match, prefix, substring, bigram
//! similarity and edit distance; words of size or material in the query (`30cm超`, `金属の`) favour the variant they
//! name. Ranking is deterministic: score, then official name, then qualifier, then catalog order.

use super::catalog::{Catalog, Item};
use super::describe::By;
use super::normalize::{fold, fold_all};
use super::readings::Readings;
use std::collections::HashMap;

/// How close a query is to an item: 1.0 is the same name.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Position of the item in the catalog.
    pub item: usize,
    pub score: f64,
}

/// One searchable spelling of an item.
#[derive(Debug, Clone)]
struct Key {
    item: u32,
    text: Vec<char>,
    /// The text's bigrams, sorted, for similarity.
    grams: Vec<(char, char)>,
    /// What a perfect match on this spelling is worth: a whole name 1.0, a part of one less.
    weight: f64,
}

/// Scored in full: at most this many candidate spellings per query, those sharing the most bigrams with it, and as
/// many for what a query is read as besides itself (its head, its romaji, its loanword). At 300, 200, 150 and 100 every
/// query set ranks the same; 100 scores a third as many spellings, so the slowest queries take a quarter less time.
const CANDIDATES: usize = 100;
const CANDIDATES_READ_AS: usize = 100;
/// A name the description vocabulary gives is a generic name: its spellings in the catalog are few and close.
const CANDIDATES_DESCRIBED: usize = 30;
/// A query's kanji read in kana meet the names by their readings, close ones only: at 100 and at 30 every set ranks
/// the same.
const CANDIDATES_IN_KANA: usize = 30;
/// A typo counts this much of its similarity: under the query inside a spelling, and over most of a spelling inside
/// the query (`ポータブテレビ` is a ポータブルテレビ one letter off before it is a テレビ with more). From 0.85 to 0.91 the
/// blind sets' typos went from 9 to 4 top-1 misses; at 0.94 to 1.0 every set ranks as at 0.91.
const TYPO: f64 = 0.91;
/// A query this short is also looked up with each kana's voicing changed.
const SHORT: usize = 4;
/// A part of a name that lists several things, and the things a qualifier lists, count a little less.
const PART: f64 = 0.95;
const QUALIFIER_PART: f64 = 0.85;
/// Hits reached through romaji or the description vocabulary count a little less than direct ones; among the names
/// one description means, each later one a little less again (the vocabulary lists the most usual name first). A word
/// the vocabulary knows as the whole query (`ティッシュ` is ティッシュペーパー) counts more than a completion of it
/// (ティッシュケース).
const ROMAJI: f64 = 0.98;
/// Romaji read with the long vowels Hepburn leaves out put back (`sojiki` そうじき) is a guess: it counts less than
/// the reading as written, and more than a near miss of that (`sojiki` is no 磁器).
const ROMAJI_GUESSED: f64 = 0.95;
/// A query's kanji read as the list reads them (座椅子 ザイス, the reading of 座いす) is a guess (a kanji has several
/// readings): it counts a little less than the query as written. At 0.95 and at 0.97 the blind sets find the same items
/// in the top three; at 0.97 two more queries of the read sets, and one more blind, find theirs first.
const READ_IN_KANA: f64 = 0.97;
const DESCRIBED: f64 = 0.9;
const DESCRIBED_WHOLE: f64 = 0.97;
/// Words of a description count the more the more of the query they are: at the least this part of [`DESCRIBED`]
/// (ズボン in `ズボンの折り目をつける機械` is a weaker hint than what the rest of it is about).
const WORDS_BASE: f64 = 0.9;
const DESCRIBED_LATER: f64 = 0.01;
/// A name two of the query's words make likely without the vocabulary naming it counts less than the query's last noun
/// alone (`ガラスの水槽` is a 水槽 before a 金魚鉢); each further word, up to four, counts more (`冬に足を入れて温まる
/// テーブル` is こたつ before a テーブル).
const DESCRIBED_ABOUT: f64 = 0.8;
const DESCRIBED_ABOUT_WORD: f64 = 0.05;
/// A name a word of the query gives where it only modifies the rest (`くぎ` in `くぎを打つ道具`) counts less than one
/// the rest makes likely.
const DESCRIBED_MODIFYING: f64 = 0.75;
/// English read as a katakana loanword is a guess at its sounds: it counts less than romaji, and less than an English
/// name the city's data gives (`cooler` is a クーラーBOX by its English name, though クーラー is also an air conditioner).
const LOANWORD: f64 = 0.85;
/// The head of a Japanese noun phrase comes last (`割れたお皿`, `プラスチックのいす`): a query's last noun, alone,
/// counts this much.
const HEAD: f64 = 0.85;
/// A last noun that is an item's name, after words saying only what it is made of or how big (`プラスチックの風呂いす`),
/// counts more: the words before it pick a variant rather than name another thing, so it outranks the generic kind a
/// part of it names (いす).
const HEAD_NAMED: f64 = 0.9;
/// What an ending of the query that is a name counts, as a head, at the least (times [`HEAD`]).
const ENDING: f64 = 0.85;
/// The most a size or material word in the query adds to the variant it names.
const QUALIFIER_BONUS: f64 = 0.08;
/// An item two readings of a query reach (its words as a name, and what the description vocabulary makes of them; or
/// two of the vocabulary's entries) is likelier than one only one of them reaches: its best score gains this part of
/// its best by another reading (the vocabulary reads `服の毛玉を取る道具` as a 毛玉取り機 or a lint roller, and as written
/// it is close to 毛玉取り機 too: a 毛玉取り機). Readings scoring under [`ANOTHER_READING_LEAST`] add nothing. An
/// entry's other words for the item (`also`) are a reading apart from its generic names: they find only the item the
/// city lists by that very word.
const ANOTHER_READING: f64 = 0.025;
const ANOTHER_READING_LEAST: f64 = 0.4;

/// The catalog with every item's spellings folded and indexed for search.
#[derive(Debug, Clone)]
pub struct Index {
    catalog: Catalog,
    keys: Vec<Key>,
    by_bigram: HashMap<(char, char), Vec<u32>>,
    by_text: HashMap<Vec<char>, Vec<u32>>,
    /// Spellings in kana by their [`short_vowels`], where those differ: what romaji typed without the long vowels
    /// (`hochoki` for ほちょうき) reads as exactly.
    by_short: HashMap<Vec<char>, Vec<u32>>,
    /// Per character, the spellings containing it, shortest first: what a one-character query is looked up in, and
    /// where spellings of one character (`鏡`, `傘`), which have no bigram to be found by, come first.
    by_char: HashMap<char, Vec<u32>>,
    /// Per item, the characters of its qualifier weighted by how few of its variants' qualifiers have them.
    qualifiers: Vec<Vec<(char, f64)>>,
    /// Per item, its name folded.
    bases: Vec<Vec<char>>,
    variants: HashMap<String, Vec<usize>>,
    /// How the list reads its kanji words, for queries written in kanji the list writes otherwise.
    readings: Readings,
}

impl Index {
    pub fn new(catalog: Catalog) -> Index {
        super::describe::load();
        let mut keys: Vec<Key> = Vec::new();
        for (at, item) in catalog.items.iter().enumerate() {
            keys.extend(keys_of(at as u32, item));
        }
        let mut by_bigram: HashMap<(char, char), Vec<u32>> = HashMap::new();
        let mut by_text: HashMap<Vec<char>, Vec<u32>> = HashMap::new();
        let mut by_short: HashMap<Vec<char>, Vec<u32>> = HashMap::new();
        for (at, key) in keys.iter().enumerate() {
            let mut grams: Vec<(char, char)> = bigrams(&key.text).collect();
            grams.sort_unstable();
            grams.dedup();
            for gram in grams {
                by_bigram.entry(gram).or_default().push(at as u32);
            }
            by_text.entry(key.text.clone()).or_default().push(at as u32);
            if let Some(short) = short_vowels(&key.text) {
                by_short.entry(short).or_default().push(at as u32);
            }
        }
        let mut by_char: HashMap<char, Vec<u32>> = HashMap::new();
        let mut shortest_first: Vec<u32> = (0..keys.len() as u32).collect();
        shortest_first.sort_by_key(|&k| keys[k as usize].text.len());
        for k in shortest_first {
            let mut chars = keys[k as usize].text.clone();
            chars.sort_unstable();
            chars.dedup();
            for c in chars {
                by_char.entry(c).or_default().push(k);
            }
        }
        let mut variants: HashMap<String, Vec<usize>> = HashMap::new();
        for (at, item) in catalog.items.iter().enumerate() {
            variants.entry(item.name.clone()).or_default().push(at);
        }
        let qualifiers = catalog
            .items
            .iter()
            .map(|item| {
                let Some(qualifier) = &item.qualifier else { return Vec::new() };
                let own: Vec<char> = fold_all(qualifier).chars().collect();
                let others: Vec<Vec<char>> = variants[&item.name]
                    .iter()
                    .filter_map(|&v| catalog.items[v].qualifier.as_ref())
                    .filter(|q| *q != qualifier)
                    .map(|q| fold_all(q).chars().collect())
                    .collect();
                let mut weighted: Vec<(char, f64)> = Vec::new();
                for c in own {
                    if others.is_empty() || weighted.iter().any(|(known, _)| *known == c) {
                        continue;
                    }
                    let shared = others.iter().filter(|other| other.contains(&c)).count();
                    let weight = 1.0 - shared as f64 / others.len() as f64;
                    if weight > 0.0 {
                        weighted.push((c, weight));
                    }
                }
                weighted
            })
            .collect();
        let bases = catalog.items.iter().map(|item| fold(&item.name).chars().collect()).collect();
        let readings = Readings::learn(catalog.items.iter().filter_map(|item| {
            let names = vec![fold_all(&item.full_name()).chars().collect(), fold(&item.name).chars().collect()];
            Some((names, fold_all(item.reading.as_ref()?).chars().collect()))
        }));
        Index { catalog, keys, by_bigram, by_text, by_short, by_char, qualifiers, bases, variants, readings }
    }

    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    pub fn item(&self, index: usize) -> Option<&Item> {
        self.catalog.items.get(index)
    }

    /// The best `limit` items for `query`, best first; nothing scoring under `floor`.
    pub fn search(&self, query: &str, limit: usize, floor: f64) -> Vec<Hit> {
        let folded: Vec<char> = fold(query).chars().collect();
        if folded.is_empty() {
            return Vec::new();
        }
        let whole: Vec<char> = fold_all(query).chars().collect();
        // The query as written is one reading of it, however it is spelled (its head, its romaji, its loanword); each
        // entry of the description vocabulary it points to is another.
        let mut best = Tally { reached: HashMap::new(), reading: AS_WRITTEN, floor, wanted: limit };
        self.score_into(&folded, 1.0, CANDIDATES, Typed, &mut best);
        for (head, weight) in self.heads(query, &folded) {
            self.score_into(&head, HEAD * weight, CANDIDATES_READ_AS, Typed, &mut best);
        }
        let read: Vec<String> = super::romaji::readings(query);
        let kana: Vec<Vec<char>> =
            read.iter().map(|kana| fold(kana).chars().collect()).filter(|kana: &Vec<char>| *kana != folded).collect();
        for kana in &kana {
            self.score_into(kana, ROMAJI, CANDIDATES_READ_AS, Typed, &mut best);
        }
        let long = super::romaji::with_long_vowels(query).filter(|long| !read.contains(long));
        if let Some(long) = long.as_deref().map(|long| fold(long).chars().collect::<Vec<char>>()) {
            self.score_into(&long, ROMAJI_GUESSED, CANDIDATES_READ_AS, Typed, &mut best);
        }
        // Hepburn without macrons leaves every long vowel out, not only those guessed back (`kukiire` くうきいれ).
        for short in kana.iter().map(|kana| short_vowels(kana).unwrap_or_else(|| kana.clone())) {
            for &at in self.by_short.get(&short).into_iter().flatten() {
                let key = &self.keys[at as usize];
                best.reach(key.item as usize, key.weight * ROMAJI_GUESSED);
            }
        }
        let loanword: Option<Vec<char>> = super::loanword::to_katakana(query)
            .map(|loanword| fold(&loanword).chars().collect())
            .filter(|loanword: &Vec<char>| *loanword != folded && !kana.contains(loanword));
        if let Some(loanword) = &loanword {
            self.score_into(loanword, LOANWORD, CANDIDATES_READ_AS, Typed, &mut best);
        }
        let in_kana = self.readings.read(&folded).filter(|read| *read != folded && !kana.contains(read));
        if let Some(in_kana) = &in_kana {
            self.score_into(in_kana, READ_IN_KANA, CANDIDATES_IN_KANA, Typed, &mut best);
        }
        let mut described = super::describe::meanings(query);
        // In hiragana, as typed: a reading has no compounds in katakana or kanji to tell apart.
        for kana in read.first().filter(|_| !kana.is_empty()).into_iter().chain(long.as_ref()) {
            for meant in super::describe::meanings(&super::normalize::to_hiragana(kana)) {
                if !described.iter().any(|known| known.name == meant.name) {
                    described.push(meant);
                }
            }
        }
        let generic = described.iter().filter(|meant| !meant.also).count();
        for (at, meant) in described.into_iter().enumerate() {
            let at = at.min(generic);
            let name: Vec<char> = fold(meant.name).chars().collect();
            let weight = match meant.by {
                By::Whole => DESCRIBED_WHOLE,
                By::Words(part) => DESCRIBED * (WORDS_BASE + (1.0 - WORDS_BASE) * part),
                By::Modifying => DESCRIBED_MODIFYING,
                By::About(words) => DESCRIBED_ABOUT + DESCRIBED_ABOUT_WORD * (words.min(4) - 2) as f64,
            };
            // Another word for the item finds it where the city lists it by that very word (かなづち of 金づち).
            let limit = if meant.also { 0 } else { CANDIDATES_DESCRIBED };
            best.reading = meant.entry * 2 + u32::from(meant.also);
            let weight = weight * (1.0 - DESCRIBED_LATER * at as f64);
            self.score_into(&name, weight, limit, Spelled, &mut best);
            if !self.by_text.contains_key(&name)
                && let Some(in_kana) = self.readings.read(&name)
            {
                self.score_into(&in_kana, weight * READ_IN_KANA, 0, Spelled, &mut best);
            }
        }
        // Only items that could reach the floor with it are worth weighing a qualifier for; and where the query is an
        // item's name, only that item's variants: its letters are no words of size or material for others (プラ in
        // ぷらんたー does not make a 植木鉢 plastic).
        let named: Vec<usize> = self.named_by(&folded).flat_map(|item| self.variants(item)).collect();
        let mut best = best.scores();
        for (item, score) in best.iter_mut().filter(|(item, score)| {
            (named.is_empty() || named.contains(item)) && **score * (1.0 + QUALIFIER_BONUS) >= floor
        }) {
            *score += *score * self.qualifier_bonus(*item, &whole);
        }
        let mut hits: Vec<Hit> =
            best.into_iter().filter(|(_, score)| *score >= floor).map(|(item, score)| Hit { item, score }).collect();
        self.rank(&mut hits);
        hits.truncate(limit);
        hits
    }

    /// Orders hits best first, deterministically: score, official name, qualifier, catalog order.
    pub fn rank(&self, hits: &mut [Hit]) {
        hits.sort_by(|a, b| {
            let (x, y) = (&self.catalog.items[a.item], &self.catalog.items[b.item]);
            b.score
                .total_cmp(&a.score)
                .then_with(|| x.name.cmp(&y.name))
                .then_with(|| x.qualifier.cmp(&y.qualifier))
                .then_with(|| a.item.cmp(&b.item))
        });
    }

    /// The items sharing `item`'s official name (its size or material variants), itself included, in catalog order.
    pub fn variants(&self, item: usize) -> Vec<usize> {
        self.variants.get(&self.catalog.items[item].name).cloned().unwrap_or_else(|| vec![item])
    }

    /// The query's head noun, where it has words before it: what follows its last `の`, and the longest ending of it
    /// that is a whole spelling in the catalog (`もう着ない服` → 服), each with what it is worth. An ending found
    /// without a `の` may be only the end of a longer word (カメラ of a mistyped ビテオカメラ): it is worth less the
    /// less of the query it is.
    fn heads(&self, query: &str, folded: &[char]) -> Vec<(Vec<char>, f64)> {
        let mut heads: Vec<(Vec<char>, f64)> = Vec::new();
        let nfkc: String = unicode_normalization::UnicodeNormalization::nfkc(query).collect();
        if let Some((before, after)) = nfkc.rsplit_once('の') {
            let after: Vec<char> = fold(after).chars().collect();
            if !fold(before).is_empty() && !after.is_empty() {
                let named = says_only_size_or_material(&fold(before)) && self.named_by(&after).next().is_some();
                heads.push((after, if named { HEAD_NAMED / HEAD } else { 1.0 }));
            }
        }
        let ending = (1..folded.len()).map(|at| &folded[at..]).find(|ending| self.by_text.contains_key(*ending));
        if let Some(ending) = ending.filter(|ending| !heads.iter().any(|(head, _)| head == ending)) {
            let part = ending.len() as f64 / folded.len() as f64;
            heads.push((ending.to_vec(), ENDING + (1.0 - ENDING) * part));
        }
        heads
    }

    /// The items `text` (folded) is a whole name of, not just a part of one.
    fn named_by<'a>(&'a self, text: &[char]) -> impl Iterator<Item = usize> + 'a {
        let keys = self.by_text.get(text).into_iter().flatten();
        keys.filter(|&&key| self.keys[key as usize].weight >= 1.0).map(|&key| self.keys[key as usize].item as usize)
    }

    /// Scores the spellings that could match `query` (at most `limit` besides those it is exactly) and keeps each item's
    /// best, times `weight`, into `tally`.
    fn score_into(&self, query: &[char], weight: f64, limit: usize, by: Written, tally: &mut Tally) {
        if let Some(exact) = self.by_text.get(query) {
            for &at in exact {
                let key = &self.keys[at as usize];
                tally.reach(key.item as usize, key.weight * weight);
            }
        }
        if limit == 0 {
            return;
        }
        let least = tally.least();
        let mut grams: Vec<(char, char)> = bigrams(query).collect();
        grams.sort_unstable();
        for at in self.candidates(query, limit, by) {
            let key = &self.keys[at as usize];
            let perfect = key.weight * weight;
            // No score beats a perfect one: an item for which even that would change nothing needs no more work.
            let needed = tally.needed(key.item as usize, least);
            if needed >= perfect {
                continue;
            }
            tally.reach(key.item as usize, score(query, &grams, key, needed / perfect) * perfect);
        }
    }

    /// The `limit` spellings sharing the most bigrams with `query` (a one-character query: the shortest containing it).
    fn candidates(&self, query: &[char], limit: usize, by: Written) -> Vec<u32> {
        if query.len() == 1 {
            return self.by_char.get(&query[0]).into_iter().flatten().copied().take(limit).collect();
        }
        // Counted in a table over all spellings: far cheaper than a map for the long lists of common bigrams.
        let mut counts: Vec<u16> = vec![0; self.keys.len()];
        let mut touched: Vec<u32> = Vec::new();
        let mut grams: Vec<(char, char)> = bigrams(query).collect();
        // In a short query one mistyped kana leaves few bigrams, often none right: ギダー shares none with ギター, 包体
        // none with 包帯, ベド none with ベッド. The commonest slips, a voicing mark added or dropped, a kanji read
        // alike and a small ッ left out, are looked up as well.
        if query.len() <= SHORT {
            for (at, &c) in query.iter().enumerate() {
                for other in voicings(c).into_iter().chain(super::homophones::alike(c)) {
                    let mut variant = query.to_vec();
                    variant[at] = other;
                    grams.extend(bigrams(&variant));
                }
                if at > 0 && by == Typed {
                    grams.extend([(query[at - 1], 'ツ'), ('ツ', c)]);
                }
            }
        }
        grams.sort_unstable();
        grams.dedup();
        for gram in grams {
            for &key in self.by_bigram.get(&gram).map(Vec::as_slice).unwrap_or_default() {
                if counts[key as usize] == 0 {
                    touched.push(key);
                }
                counts[key as usize] += 1;
            }
        }
        let mut chars = query.to_vec();
        chars.sort_unstable();
        chars.dedup();
        for c in chars {
            let containing = self.by_char.get(&c).into_iter().flatten();
            for &key in containing.take_while(|&&key| self.keys[key as usize].text.len() == 1) {
                if counts[key as usize] == 0 {
                    touched.push(key);
                    counts[key as usize] = 1;
                }
            }
        }
        let mut candidates: Vec<(u32, u16)> = touched.into_iter().map(|key| (key, counts[key as usize])).collect();
        if candidates.len() > limit {
            // Most shared bigrams first; among equals, the shorter spelling (closer in length to a short query).
            candidates.select_nth_unstable_by_key(limit, |&(key, count)| {
                (std::cmp::Reverse(count), self.keys[key as usize].text.len(), key)
            });
            candidates.truncate(limit);
        }
        candidates.into_iter().map(|(key, _)| key).collect()
    }

    /// What the query's size or material words add to `item`: the weighted share of its qualifier's telling
    /// characters that the query (its own words, and the words cities use for them) contains.
    fn qualifier_bonus(&self, item: usize, query: &[char]) -> f64 {
        let weighted = &self.qualifiers[item];
        let total: f64 = weighted.iter().map(|(_, w)| w).sum();
        if total == 0.0 {
            return 0.0;
        }
        // A length in the query settles a size qualifier by comparison: `ラジカセ 40cm` is the one over 30cm.
        if let (Some(length), Some(fits)) =
            (measured_length(query), self.catalog.items[item].qualifier.as_deref().and_then(size_limit))
        {
            return if fits(length) { QUALIFIER_BONUS } else { 0.0 };
        }
        // What the query says besides the item's name, in the words cities use for sizes and materials.
        let base = &self.bases[item];
        let rest: String = query.iter().filter(|c| !base.contains(c)).collect();
        let rest: Vec<char> = widen(&rest).chars().collect();
        let found: f64 = weighted.iter().filter(|(c, _)| rest.contains(c)).map(|(_, w)| w).sum();
        QUALIFIER_BONUS * found / total
    }
}

/// Who wrote a text searched for: the resident, who may have mistyped it (the query, its head, its romaji or its
/// loanword), or this project (a name the description vocabulary gives).
#[derive(Debug, Clone, Copy, PartialEq)]
enum Written {
    Typed,
    Spelled,
}
use Written::{Spelled, Typed};

/// The reading of a query as written, besides those of the description vocabulary's entries (an entry's generic names
/// are reading 2 × entry, its other words for the item 2 × entry + 1).
const AS_WRITTEN: u32 = u32::MAX;

/// Each item's scores so far for one search, which wants the best `wanted` items scoring `floor` or more.
struct Tally {
    reached: HashMap<usize, Reached>,
    /// The reading now being scored.
    reading: u32,
    floor: f64,
    wanted: usize,
}

/// An item's best score, the reading that gave it, and its best by any other reading.
#[derive(Clone, Copy)]
struct Reached {
    best: f64,
    by: u32,
    other: f64,
}

impl Tally {
    /// Under this score an item cannot be offered, even with the most a qualifier and another reading add: it would
    /// stay under the floor, or under as many items as are wanted (scores only grow).
    fn least(&self) -> f64 {
        let mut scores: Vec<f64> = self.reached.values().map(|reached| reached.best).collect();
        let wanted = if self.wanted == 0 || scores.len() < self.wanted {
            0.0
        } else {
            *scores.select_nth_unstable_by(self.wanted - 1, |a, b| b.total_cmp(a)).1
        };
        // A hair under: an item exactly as good may still be offered, before another by its name.
        self.floor.max(wanted) / (1.0 + QUALIFIER_BONUS) / (1.0 + ANOTHER_READING) * (1.0 - 1e-9)
    }

    /// What the reading now scored must give `item` to change anything: more than its best by this reading, or than
    /// its best by another; and, to count at all, as much as could be offered or could count as another reading.
    /// A score under it need not be worked out in full.
    fn needed(&self, item: usize, least: f64) -> f64 {
        let own = match self.reached.get(&item) {
            Some(reached) if reached.by == self.reading => reached.best,
            Some(reached) => reached.other,
            None => 0.0,
        };
        own.max(least.min(ANOTHER_READING_LEAST))
    }

    fn reach(&mut self, item: usize, score: f64) {
        let reading = self.reading;
        let reached = self.reached.entry(item).or_insert(Reached { best: 0.0, by: reading, other: 0.0 });
        if reached.by == reading {
            reached.best = reached.best.max(score);
        } else if score > reached.best {
            *reached = Reached { best: score, by: reading, other: reached.best };
        } else {
            reached.other = reached.other.max(score);
        }
    }

    /// Each item's score: its best, and a little of its best by another reading.
    fn scores(self) -> HashMap<usize, f64> {
        let another = |other: f64| if other >= ANOTHER_READING_LEAST { ANOTHER_READING * other } else { 0.0 };
        self.reached.into_iter().map(|(item, reached)| (item, reached.best + another(reached.other))).collect()
    }
}

/// Every spelling of an item: name, official name, reading, synonyms, translations, the parts of names that list
/// several things, and the things its qualifier names (`布団（掛け、敷き、毛布…）` is found by 毛布).
fn keys_of(item: u32, it: &Item) -> Vec<Key> {
    let mut keys: Vec<Key> = Vec::new();
    let mut add = |text: &str, weight: f64| {
        let text: Vec<char> = fold(text).chars().collect();
        if text.is_empty() {
            return;
        }
        match keys.iter_mut().find(|k| k.text == text) {
            Some(known) => known.weight = known.weight.max(weight),
            None => {
                let mut grams: Vec<(char, char)> = bigrams(&text).collect();
                grams.sort_unstable();
                keys.push(Key { item, text, grams, weight })
            }
        }
    };
    let whole: Vec<&String> = std::iter::once(&it.name)
        .chain(it.reading.iter())
        .chain(it.synonyms.iter())
        .chain(it.names.values().flatten())
        .collect();
    for name in &whole {
        add(name, 1.0);
    }
    for name in std::iter::once(&it.name).chain(it.synonyms.iter()) {
        if let Some(spelled) = with_loanwords(name) {
            add(&spelled, 1.0);
        }
    }
    for name in std::iter::once(&it.name).chain(it.reading.iter()).chain(it.synonyms.iter()) {
        let parts: Vec<&str> = name.split(is_list_separator).filter(|p| !p.trim().is_empty()).collect();
        if parts.len() > 1 {
            for part in parts {
                add(part, PART);
            }
        }
    }
    // A qualifier names things of its own unless it gives a size or material: 布団（掛け、敷き、毛布…）,
    // 体重計（ヘルスメーター）.
    if let Some(qualifier) = &it.qualifier {
        for part in qualifier.split(is_list_separator) {
            let is_size_or_material =
                ["製", "cm", "ｃｍ", "以下", "以上", "超", "未満", "含む", "%", "％"].iter().any(|w| part.contains(w));
            if !is_size_or_material && part.trim().chars().count() >= 2 {
                add(part, QUALIFIER_PART);
            }
        }
    }
    keys
}

/// A name with its English words in Latin letters written as the loanwords Japanese says them by (`クーラーBOX`:
/// クーラーボックス); none where it has no such word. A word under three letters is read letter by letter (`CD`),
/// and one the word table gives no katakana for (`LED`) stays as written.
fn with_loanwords(name: &str) -> Option<String> {
    let name: String = unicode_normalization::UnicodeNormalization::nfkc(name).collect();
    let mut spelled = String::with_capacity(name.len() * 2);
    let mut replaced = false;
    let mut rest = name.as_str();
    while let Some(start) = rest.find(|c: char| c.is_ascii_alphabetic()) {
        spelled.push_str(&rest[..start]);
        let word_end = rest[start..].find(|c: char| !c.is_ascii_alphabetic()).map_or(rest.len(), |end| start + end);
        let word = &rest[start..word_end];
        match super::describe::loanwords_of(word).first().filter(|_| word.len() >= 3) {
            Some(loanword) => {
                spelled.push_str(loanword);
                replaced = true;
            }
            None => spelled.push_str(word),
        }
        rest = &rest[word_end..];
    }
    spelled.push_str(rest);
    replaced.then_some(spelled)
}

fn is_list_separator(c: char) -> bool {
    "・、,，/／　 ".contains(c)
}

/// The first length in a folded text (`40cm`, `40センチ`, `1m`) in centimetres, and what follows it.
fn length_in(text: &[char]) -> Option<(f64, String)> {
    let text: String = text.iter().collect();
    let units = [("cm", 1.0), ("センチ", 1.0), ("mm", 0.1), ("m", 100.0), ("メトル", 100.0)];
    let mut rest = text.as_str();
    while let Some(start) = rest.find(|c: char| c.is_ascii_digit()) {
        let digits: String = rest[start..].chars().take_while(|c| c.is_ascii_digit() || *c == '.').collect();
        let after = &rest[start + digits.len()..];
        if let (Ok(number), Some((unit, scale))) =
            (digits.parse::<f64>(), units.iter().find(|(unit, _)| after.starts_with(unit)))
        {
            return Some((number * scale, after[unit.len()..].to_owned()));
        }
        rest = after;
    }
    None
}

/// How a size qualifier (`一辺の長さ30cm以下`, `30cm超`) or a resident (`30cm超の`) bounds a length.
const BOUNDS: [&str; 6] = ["以下", "未満", "以上", "超", "以内", "まで"];

/// A length the resident measured (`ラジカセ 40cm`), not a bound they copied (`30cm超の`), in centimetres.
fn measured_length(query: &[char]) -> Option<f64> {
    let (length, after) = length_in(query)?;
    (!BOUNDS.iter().any(|bound| after.starts_with(&fold_all(bound)))).then_some(length)
}

/// The test a size qualifier sets, on a length in centimetres.
fn size_limit(qualifier: &str) -> Option<Box<dyn Fn(f64) -> bool>> {
    let folded: Vec<char> = fold_all(qualifier).chars().collect();
    let (limit, after) = length_in(&folded)?;
    let bound = BOUNDS.iter().find(|bound| after.starts_with(&fold_all(bound)))?;
    Some(match *bound {
        "以下" | "以内" | "まで" => Box::new(move |length| length <= limit),
        "未満" => Box::new(move |length| length < limit),
        "以上" => Box::new(move |length| length >= limit),
        _ => Box::new(move |length| length > limit),
    })
}

/// Words residents use for size and material (in a folded query), widened to the words cities' qualifiers use.
fn widen(rest: &str) -> String {
    let mut widened = rest.to_owned();
    for (says, means) in QUALIFIER_WORDS {
        if says.iter().any(|word| rest.contains(word)) {
            widened.push_str(means);
        }
    }
    widened
}

/// Words residents use for size and material (folded), and the words cities' qualifiers use for them.
const QUALIFIER_WORDS: [(&[&str], &str); 8] = [
    (&["大", "長イ", "large", "big", "long"], "超"),
    (&["小", "短イ", "small", "short"], "以下未満"),
    (&["金属", "ステンレス", "鉄", "アルミ", "缶", "ブリキ", "metal", "steel"], "金属"),
    (&["プラ", "plastic"], "プラスチツク"),
    (&["木", "ヒノキ", "檜", "桐", "wood"], "木"),
    (&["陶器", "セトモノ", "瀬戸物", "ceramic"], "陶磁器"),
    (&["ナシ", "無シ", "ナイ", "without"], "無し"),
    (&["センチ"], "cm"),
];

/// Whether a folded text says only what an item is made of or how big it is (`プラスチツク`, `小サイ`, `ステンレス製`):
/// what comes before `の` in `プラスチックの風呂いす`, leaving the name after it whole.
fn says_only_size_or_material(text: &str) -> bool {
    let mut rest = text.to_owned();
    let materials =
        ["プラスチツク", "ガラス", "ビニル", "ゴム", "竹", "布", "革", "紙", "陶磁器", "磁器", "製", "イ", "ナ", "サ"];
    for word in materials.iter().chain(QUALIFIER_WORDS.iter().flat_map(|(says, _)| says.iter())) {
        rest = rest.replace(word, "");
    }
    rest.chars().count() <= 1 && rest.chars().count() < text.chars().count()
}
fn bigrams(text: &[char]) -> impl Iterator<Item = (char, char)> + '_ {
    text.windows(2).map(|w| (w[0], w[1]))
}

/// How well `query` matches one spelling, from 0 to 1: the same text; the query beginning or inside the spelling
/// (the resident typed part of the name); the spelling inside the query (the resident typed more); else how
/// similar they are, for typos. A score that cannot beat `beat` may come out lower than it is: it is not used.
fn score(query: &[char], grams: &[(char, char)], key: &Key, beat: f64) -> f64 {
    let (key, key_grams) = (key.text.as_slice(), key.grams.as_slice());
    if query == key {
        return 1.0;
    }
    let (short, long) = if query.len() <= key.len() { (query, key) } else { (key, query) };
    let ratio = short.len() as f64 / long.len() as f64;
    let contained = short.len() >= 2 && super::normalize::contains(long, short);
    if contained && short == query {
        return if long.starts_with(short) { 0.8 + 0.15 * ratio } else { 0.7 + 0.15 * ratio };
    }
    if contained {
        return 0.55 + 0.35 * ratio;
    }
    TYPO * similarity(query, key, dice(grams, key_grams), beat / TYPO)
}

/// Similarity for typos, from 0 to 1: the better of shared bigrams and an edit distance in which kana that sound
/// alike (ヤ/ア, ト/ド) cost less, raised a little for a shared beginning (residents rarely mistype the first letters).
/// The edit distance, the costly part, is only worked out as far as it could make the similarity better than the
/// bigrams' and than `beat`.
fn similarity(a: &[char], b: &[char], dice: f64, beat: f64) -> f64 {
    let longest = a.len().max(b.len()) as f64;
    let raise = 0.3 * a.iter().zip(b).take_while(|(x, y)| x == y).count().min(3) as f64 / 3.0;
    let raised = |base: f64| base + (1.0 - base) * raise;
    // Texts of very different lengths are far apart by edits; only their shared bigrams can say they are alike.
    let comparable = a.len() * 2 >= b.len() && b.len() * 2 >= a.len();
    // The edits must leave more than this alike to count: fewer edits than `below`.
    let needed = dice.max((beat - raise) / (1.0 - raise));
    let below = (1.0 - needed) * longest;
    let edits = match comparable.then(|| edit_distance(a, b, below)).flatten() {
        Some(distance) => 1.0 - distance / longest,
        None => 0.0,
    };
    raised(dice.max(edits).max(0.0))
}

/// The Dice coefficient of two sorted bigram lists (shared bigrams, counted with repeats, over all).
fn dice(a: &[(char, char)], b: &[(char, char)]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * shared as f64 / (a.len() + b.len()) as f64
}

/// Edit distance where a substitution of kana that sound alike or kanji read alike, two neighbours swapped (ケルト for
/// ケトル) and a small ッ left out cost less than one, as slips lighter than a letter replaced; none where it is
/// `below` or more, which is known as soon as the length difference or the rows of the table reach it.
fn edit_distance(a: &[char], b: &[char], below: f64) -> Option<f64> {
    // Each letter the longer has over the shorter is left out, at least: a small ッ for less.
    let (shorter, longer) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let over = longer.len() - shorter.len();
    let light = longer.iter().filter(|&&c| c == 'ツ').count().min(over);
    if (over - light) as f64 + light as f64 * TSU_LEFT_OUT >= below {
        return None;
    }
    thread_local! {
        /// What leaving out each letter of `b` costs and three rows of the table, kept from one edit distance to the
        /// next: they are worked out by the thousand.
        static ROWS: std::cell::RefCell<Vec<f64>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    ROWS.with_borrow_mut(|rows| {
        rows.clear();
        rows.resize(4 * (b.len() + 1), 0.0);
        edit_distance_in(rows, a, b, below)
    })
}

/// [`edit_distance`] in `rows`, three rows of the table.
fn edit_distance_in(rows: &mut [f64], a: &[char], b: &[char], below: f64) -> Option<f64> {
    // Costs are never NaN: a plain comparison is the minimum, without `f64::min`'s care for NaN in the inner loop.
    let least = |x: f64, y: f64| if y < x { y } else { x };
    let width = b.len() + 1;
    let (indels, rows) = rows.split_at_mut(width);
    let (mut before, rest) = rows.split_at_mut(width);
    let (mut previous, mut current) = rest.split_at_mut(width);
    previous[0] = 0.0;
    for (j, &cb) in b.iter().enumerate() {
        indels[j] = indel_cost(cb);
        previous[j + 1] = previous[j] + indels[j];
    }
    let mut first = 0.0;
    // No cost is negative and every way through the table crosses each row or leaps it by a swap from the row before:
    // the least of a row, or of the row before and a swap, bounds the end.
    let mut previous_least = 0.0;
    for (i, &ca) in a.iter().enumerate() {
        let indel = indel_cost(ca);
        first += indel;
        current[0] = first;
        let mut row_least = current[0];
        for (j, &cb) in b.iter().enumerate() {
            let substitution = previous[j] + substitution_cost(ca, cb);
            current[j + 1] = least(least(substitution, previous[j + 1] + indel), current[j] + indels[j]);
            if i > 0 && j > 0 && ca == b[j - 1] && a[i - 1] == cb && ca != cb {
                current[j + 1] = least(current[j + 1], before[j - 1] + SWAP);
            }
            row_least = least(row_least, current[j + 1]);
        }
        if least(row_least, previous_least + SWAP) >= below {
            return None;
        }
        previous_least = row_least;
        std::mem::swap(&mut before, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    Some(previous[b.len()]).filter(|&distance| distance < below)
}

/// What two neighbours swapped cost (ケルト for ケトル): every letter is there, only two in the wrong order, a lighter
/// slip than a letter replaced.
const SWAP: f64 = 0.5;

/// What a small ッ left out or put in costs (folded, it is ツ): a slip lighter than another letter's (マトレス for
/// マットレス), as a long vowel's is none (folding drops ー).
const TSU_LEFT_OUT: f64 = 0.5;

/// What a character left out or put in costs.
fn indel_cost(c: char) -> f64 {
    if c == 'ツ' { TSU_LEFT_OUT } else { 1.0 }
}

/// A spelling in katakana (as folded) without its long vowels: a vowel after a kana of the same vowel, and ウ after
/// one of o (ホチョウキ → ホチョキ, クウキ → クキ); none for a spelling with other letters, or with no long vowel.
fn short_vowels(text: &[char]) -> Option<Vec<char>> {
    if !text.iter().all(|&c| ('ァ'..='ヶ').contains(&c)) {
        return None;
    }
    let sounds: Vec<Option<(char, char)>> = text.iter().map(|&c| kana_sound(c)).collect();
    let long = |at: usize| match (sounds[at], at.checked_sub(1).and_then(|before| sounds[before])) {
        (Some(('_', vowel)), Some((_, before))) => vowel == before || vowel == 'u' && before == 'o',
        _ => false,
    };
    let short: Vec<char> = (0..text.len()).filter(|&at| !long(at)).map(|at| text[at]).collect();
    (short.len() < text.len()).then_some(short)
}

/// 0 for the same character; less than 1 for kana of the same vowel whose consonants are near (ア/ヤ, ト/ド, ハ/バ/パ)
/// or of the same consonant; less than 1 for kanji read alike, which a phone's conversion mixes up; 1 otherwise.
fn substitution_cost(a: char, b: char) -> f64 {
    if a == b {
        return 0.0;
    }
    use super::normalize::is_kanji;
    if is_kanji(a) && is_kanji(b) && super::homophones::read_alike(a, b) {
        return 0.35;
    }
    let (Some((ca, va)), Some((cb, vb))) = (kana_sound(a), kana_sound(b)) else { return 1.0 };
    let near = |x: char, y: char| {
        ["_yw", "kg", "sz", "td", "hbp", "nm"].iter().any(|group| group.contains(x) && group.contains(y))
    };
    match (va == vb, ca == cb) {
        (true, _) if near(ca, cb) => 0.35,
        (true, _) | (false, true) => 0.7,
        _ => 1.0,
    }
}

/// The same kana with another voicing mark or none (タ: ダ; ハ: バ, パ; ダ: タ).
fn voicings(c: char) -> Vec<char> {
    use unicode_normalization::UnicodeNormalization;
    let Some(plain) = std::iter::once(c).nfd().next().filter(|_| kana_sound(c).is_some()) else { return Vec::new() };
    [String::from(plain), format!("{plain}\u{3099}"), format!("{plain}\u{309a}")]
        .iter()
        .filter_map(|text| {
            let mut composed = text.nfc();
            let one = composed.next()?;
            composed.next().is_none().then_some(one)
        })
        .filter(|&other| other != c)
        .collect()
}

/// A katakana's consonant (`_` for none) and vowel, from a table made once.
fn kana_sound(c: char) -> Option<(char, char)> {
    static TABLE: std::sync::OnceLock<Vec<Option<(char, char)>>> = std::sync::OnceLock::new();
    let at = (c as u32).checked_sub(KATAKANA_FIRST)? as usize;
    *TABLE
        .get_or_init(|| (KATAKANA_FIRST..=KATAKANA_LAST).map(|c| char::from_u32(c).and_then(find_kana_sound)).collect())
        .get(at)?
}

const KATAKANA_FIRST: u32 = 'ァ' as u32;
const KATAKANA_LAST: u32 = 'ヶ' as u32;

fn find_kana_sound(c: char) -> Option<(char, char)> {
    const ROWS: [(char, &str); 15] = [
        ('_', "アイウエオ"),
        ('k', "カキクケコ"),
        ('g', "ガギグゲゴ"),
        ('s', "サシスセソ"),
        ('z', "ザジズゼゾ"),
        ('t', "タチツテト"),
        ('d', "ダヂヅデド"),
        ('n', "ナニヌネノ"),
        ('h', "ハヒフヘホ"),
        ('b', "バビブベボ"),
        ('p', "パピプペポ"),
        ('m', "マミムメモ"),
        ('y', "ヤ・ユ・ヨ"),
        ('r', "ラリルレロ"),
        ('w', "ワヰ・ヱヲ"),
    ];
    ROWS.iter().find_map(|(consonant, row)| {
        let at = row.chars().position(|k| k == c && k != '・')?;
        Some((*consonant, "aiueo".chars().nth(at)?))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::garbage::catalog::demo;

    fn best(index: &Index, query: &str) -> String {
        let hits = index.search(query, 3, 0.4);
        hits.first().map(|h| index.item(h.item).unwrap().full_name()).unwrap_or_default()
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
    fn romaji_finds_the_item_by_its_reading() {
        let index = Index::new(demo());
        assert_eq!(best(&index, "airon"), "アイロン");
        assert_eq!(best(&index, "waribashi"), "割り箸");
        let mut catalog = catalog_of(&["掃除機", "磁器", "包丁", "補聴器"]);
        for (item, reading) in catalog.items.iter_mut().zip(["そうじき", "じき", "ほうちょう", "ほちょうき"])
        {
            item.reading = Some(reading.into());
        }
        let index = Index::new(catalog);
        assert_eq!(best(&index, "sōjiki"), "掃除機");
        assert_eq!(best(&index, "sojiki"), "掃除機", "a long vowel left out");
        assert_eq!(best(&index, "hocho"), "包丁");
        assert_eq!(best(&index, "jiki"), "磁器");
        assert_eq!(best(&index, "hochoki"), "補聴器", "every long vowel left out");
    }

    #[test]
    fn items_differing_only_by_size_come_back_together_and_a_size_in_the_query_favours_its_variant() {
        let index = Index::new(demo());
        let hits = index.search("アイロン台（一辺の長さ30cm以下）", 5, 0.4);
        let variants = index.variants(hits[0].item);
        assert_eq!(variants.len(), 2);
        assert!(variants.iter().all(|&v| index.item(v).unwrap().name == "アイロン台"));
        assert_eq!(best(&index, "30cm超のアイロン台"), "アイロン台（一辺の長さ30cm超）");
        assert_eq!(best(&index, "アイロン台 大きい"), "アイロン台（一辺の長さ30cm超）");
    }

    /// The demo catalog with only the items named, each as a city writes it (`いす（金属製）`).
    fn catalog_of(names: &[&str]) -> Catalog {
        let mut catalog = demo();
        let template = catalog.items[0].clone();
        catalog.items = names
            .iter()
            .map(|name| {
                let (base, qualifier) = crate::garbage::import::split_qualifier(name, None);
                Item {
                    name: base,
                    qualifier,
                    names: Default::default(),
                    synonyms: Vec::new(),
                    reading: None,
                    ..template.clone()
                }
            })
            .collect();
        catalog
    }

    #[test]
    fn a_one_character_name_is_found_alone_and_inside_a_longer_query() {
        let index = Index::new(catalog_of(&["草刈り鎌", "鎌", "傘立て", "傘"]));
        assert_eq!(best(&index, "鎌"), "鎌");
        assert_eq!(best(&index, "傘"), "傘");
        assert!(index.search("古い鎌", 5, 0.0).iter().any(|hit| index.catalog.items[hit.item].name == "鎌"));
    }

    #[test]
    fn a_name_after_words_of_material_counts_as_that_name_not_as_its_generic_kind() {
        let index = Index::new(catalog_of(&[
            "いす（プラスチック製）",
            "いす（木製）",
            "風呂いす（プラスチック製）",
            "空きびん",
            "ビールびん",
        ]));
        assert_eq!(best(&index, "プラスチックの風呂いす"), "風呂いす（プラスチック製）");
        assert_eq!(best(&index, "木のいす"), "いす（木製）");
        assert!(says_only_size_or_material(&fold("小さいステンレス製")));
        assert!(!says_only_size_or_material(&fold("ビール")), "ビールの空きびん is a ビールびん");
    }

    #[test]
    fn a_tin_is_metal() {
        let index = Index::new(catalog_of(&["筆箱（プラスチック製）", "筆箱（木製・竹）", "筆箱（金属製）"]));
        assert_eq!(best(&index, "缶の筆箱"), "筆箱（金属製）");
    }

    #[test]
    fn the_letters_of_a_name_are_no_material_for_other_items() {
        let index =
            Index::new(catalog_of(&["植木鉢（プラスチック製）", "植木鉢（木製）", "プランター（プラスチック製）"]));
        assert_eq!(best(&index, "ぷらんたー"), "プランター（プラスチック製）");
        assert_eq!(best(&index, "プラの植木鉢"), "植木鉢（プラスチック製）");
    }

    #[test]
    fn a_material_in_the_query_favours_the_variant_naming_it_not_every_variant_made_of_something() {
        let index =
            Index::new(catalog_of(&["いす（木製）", "いす（金属部品が含まれている）", "いす（プラスチック製）"]));
        assert_eq!(best(&index, "金属のいす"), "いす（金属部品が含まれている）");
        assert_eq!(best(&index, "木のいす"), "いす（木製）");
        assert_eq!(best(&index, "プラのいす"), "いす（プラスチック製）");
    }

    #[test]
    fn a_measured_length_picks_the_size_variant_it_fits_and_a_copied_bound_is_read_as_words() {
        let index = Index::new(demo());
        assert_eq!(best(&index, "アイロン台 40cm"), "アイロン台（一辺の長さ30cm超）");
        assert_eq!(best(&index, "アイロン台 20センチ"), "アイロン台（一辺の長さ30cm以下）");
        assert_eq!(best(&index, "アイロン台（一辺の長さ30cm超）"), "アイロン台（一辺の長さ30cm超）");
        assert_eq!(best(&index, "アイロン台（一辺の長さ30cm以下）"), "アイロン台（一辺の長さ30cm以下）");
    }

    #[test]
    fn the_last_noun_of_a_phrase_finds_the_item_and_the_words_before_it_pick_the_variant() {
        let index = Index::new(catalog_of(&[
            "いす（木製）",
            "いす（金属製）",
            "いす（プラスチック製）",
            "鏡",
            "服",
            "プラスチックハンマー",
        ]));
        assert_eq!(best(&index, "プラスチックのいす"), "いす（プラスチック製）");
        assert_eq!(best(&index, "金属のいす"), "いす（金属製）");
        assert_eq!(best(&index, "もう着ない服"), "服");
        assert_eq!(best(&index, "大きな鏡"), "鏡");
    }

    #[test]
    fn another_name_a_city_gives_in_brackets_finds_the_item() {
        let index = Index::new(catalog_of(&["体重計（ヘルスメーター）", "ヘルメット"]));
        assert_eq!(best(&index, "ヘルスメーター"), "体重計（ヘルスメーター）");
    }

    #[test]
    fn a_part_of_a_name_listing_several_things_finds_the_item() {
        let mut catalog = demo();
        let mut item = catalog.items[0].clone();
        item.name = "ルーター・モデム".into();
        item.names.clear();
        item.synonyms.clear();
        item.qualifier = None;
        catalog.items.push(item);
        let index = Index::new(catalog);
        assert_eq!(best(&index, "モデム"), "ルーター・モデム");
    }

    #[test]
    fn a_description_finds_plausible_items() {
        let index = Index::new(demo());
        let hits = index.search("the thing you dry your hair with", 3, 0.45);
        let names: Vec<String> = hits.iter().map(|h| index.item(h.item).unwrap().name.clone()).collect();
        assert!(names.iter().any(|n| n.contains("ドライヤー")), "{names:?}");
        let hits = index.search("髪を乾かす機械", 3, 0.45);
        assert!(hits.iter().any(|h| index.item(h.item).unwrap().name.contains("ドライヤー")));
    }

    #[test]
    fn a_thing_a_description_does_something_to_is_not_what_it_describes() {
        let index = Index::new(catalog_of(&["くぎ", "かなづち", "鉛筆", "鉛筆削り器（電動・手動）"]));
        assert_eq!(best(&index, "くぎを打つ道具"), "かなづち");
        assert_eq!(best(&index, "鉛筆をとがらせる道具"), "鉛筆削り器（電動・手動）");
        assert_eq!(best(&index, "くぎ"), "くぎ");
    }

    #[test]
    fn an_item_two_readings_of_the_query_reach_comes_before_one_that_one_reading_reaches_as_well() {
        let mut tally = Tally { reached: HashMap::new(), reading: AS_WRITTEN, floor: 0.0, wanted: 3 };
        tally.reach(0, 0.8);
        tally.reach(1, 0.8);
        tally.reach(1, 0.7);
        tally.reading = 7;
        tally.reach(0, 0.6);
        tally.reach(2, 0.3);
        tally.reading = 8;
        tally.reach(2, 0.79);
        let scores = tally.scores();
        assert!(scores[&0] > scores[&1], "{scores:?}");
        assert_eq!(scores[&1], 0.8, "the same reading twice is one");
        assert_eq!(scores[&2], 0.79, "a reading scoring little adds nothing");
        let index = Index::new(catalog_of(&["粘着ローラー（本体部分）", "毛玉取り機", "カーペットクリーナー"]));
        assert_eq!(best(&index, "服の毛玉を取る道具"), "毛玉取り機");
        let index = Index::new(catalog_of(&["衣類", "ダウンジャケット"]));
        assert_eq!(best(&index, "冬に着る、羽毛がつまったもこもこの上着"), "ダウンジャケット");
    }

    #[test]
    fn another_word_the_vocabulary_knows_for_an_item_finds_the_name_the_city_gives_it() {
        let index = Index::new(catalog_of(&["かなづち", "ハンガー"]));
        assert_eq!(best(&index, "トンカチ"), "かなづち");
    }

    #[test]
    fn an_english_word_finds_the_item_by_its_loanword_and_an_acronym_does_not_guess() {
        // Words neither the vocabulary nor the demo city's translations know.
        let index =
            Index::new(catalog_of(&["ワッフルメーカー", "コーヒーメーカー", "クーラーボックス", "カラーボックス"]));
        assert_eq!(best(&index, "waffle maker"), "ワッフルメーカー");
        assert_eq!(best(&index, "cooler box"), "クーラーボックス");
        assert!(index.search("PR", 3, 0.5).is_empty(), "an acronym is not read as a loanword");
    }

    #[test]
    fn a_short_word_with_a_voicing_mark_mistyped_is_found() {
        let index = Index::new(catalog_of(&["ギター", "ギフト券", "ハンガー"]));
        assert_eq!(best(&index, "ギダー"), "ギター");
        assert_eq!(best(&index, "ばんがー"), "ハンガー");
        assert_eq!(voicings('ハ'), vec!['バ', 'パ']);
        assert!(voicings('ア').is_empty() && voicings('a').is_empty());
    }

    #[test]
    fn two_neighbours_swapped_are_one_typo_and_beat_a_name_sharing_only_the_first_word() {
        let chars = |s: &str| s.chars().collect::<Vec<char>>();
        assert_eq!(edit_distance(&chars("ケルト"), &chars("ケトル"), f64::INFINITY), Some(SWAP));
        let distance = |a: &str, b: &str| edit_distance(&chars(a), &chars(b), f64::INFINITY).unwrap();
        assert!(distance("ケルト", "ケトル") < distance("ケルト", "ケルン"), "lighter than a letter replaced");
        assert_eq!(edit_distance(&chars("ケトル"), &chars("ケトル"), f64::INFINITY), Some(0.0));
        let index = Index::new(catalog_of(&["電気ポット", "電気ケトル"]));
        assert_eq!(best(&index, "電気ケルト"), "電気ケトル");
    }

    #[test]
    fn an_edit_distance_cut_off_at_a_bound_is_the_whole_distance_under_it_and_none_at_or_over_it() {
        let chars = |s: &str| s.chars().collect::<Vec<char>>();
        let pairs = [
            ("ケルト", "ケトル"),
            ("abcdef", "badcfe"),
            ("ドライアー", "ドライヤー"),
            ("掃除器", "掃除機"),
            ("トースタ", "トースター"),
            ("tosterr", "toaster"),
            ("電気ケルトポット", "ポット電気"),
            ("", "ab"),
            ("マトレス", "マツトレス"),
            ("ツツツ", "アツ"),
            ("バケツ型洗濯機", "バ型ケツ洗濯"),
        ];
        for (a, b) in pairs {
            let whole = edit_distance(&chars(a), &chars(b), f64::INFINITY).unwrap();
            for tenths in 0..80 {
                let below = f64::from(tenths) / 10.0;
                let cut = edit_distance(&chars(a), &chars(b), below);
                assert_eq!(cut, (whole < below).then_some(whole), "{a} {b} below {below}");
            }
        }
    }

    #[test]
    fn a_mistyped_word_is_not_taken_for_the_name_it_ends_with() {
        let index = Index::new(catalog_of(&["カメラ", "ビデオカメラ", "皿"]));
        assert_eq!(best(&index, "ビテオカメラ"), "ビデオカメラ");
        assert_eq!(best(&index, "割れた皿"), "皿", "a short phrase still finds its last noun");
    }

    #[test]
    fn a_kanji_read_alike_is_a_smaller_typo_than_another_kanji() {
        let index = Index::new(catalog_of(&["掃除棒（プラスチック製）", "掃除棒（木製）", "掃除機"]));
        assert_eq!(best(&index, "掃除器"), "掃除機");
        assert_eq!(best(&index, "掃除捧"), "掃除棒（プラスチック製）");
        let index = Index::new(catalog_of(&["包丁", "包帯", "自転車", "自動車"]));
        assert_eq!(best(&index, "包体"), "包帯", "a two-kanji name shares no bigram with its typo");
        assert_eq!(best(&index, "自転者"), "自転車");
    }

    #[test]
    fn a_query_in_kanji_the_city_writes_in_kana_meets_the_name_by_how_the_list_reads_its_kanji() {
        let mut catalog =
            catalog_of(&["枝きりはさみ", "はさみ", "つめ切り", "座いす（木製）", "いす（木製）", "椅子マット"]);
        let readings = ["えだきりはさみ", "はさみ", "つめきり", "ざいす（もくせい）", "いす（もくせい）", "いすまっと"];
        for (item, reading) in catalog.items.iter_mut().zip(readings) {
            item.reading = Some(reading.into());
        }
        let index = Index::new(catalog);
        assert_eq!(best(&index, "枝切りばさみ"), "枝きりはさみ", "枝 read as the list reads it, 切 as in つめ切り");
        let top: Vec<&str> =
            index.search("座椅子", 3, 0.0).iter().map(|hit| index.catalog.items[hit.item].name.as_str()).collect();
        assert!(top.contains(&"座いす"), "座 as in 座いす, 椅子 as in 椅子マット: {top:?}");
    }

    #[test]
    fn a_name_the_vocabulary_writes_in_kanji_finds_the_item_a_city_writes_in_kana() {
        let mut catalog = catalog_of(&["ばぐ", "はさみ"]);
        for item in &mut catalog.items {
            item.reading = Some(item.name.clone());
        }
        let index = Index::new(catalog);
        // The vocabulary reads `bridle` as 馬具, which this city writes in kana: read バグ (on readings, as a compound),
        // it is the reading of the city's ばぐ.
        assert_eq!(best(&index, "bridle"), "ばぐ");
    }

    #[test]
    fn a_name_with_an_english_word_in_latin_letters_is_found_by_the_loanword_residents_write() {
        let index = Index::new(catalog_of(&["クーラーBOX（一辺の長さ30cm以下）", "カラーボックス", "CDラジカセ"]));
        assert_eq!(best(&index, "クーラーボックス"), "クーラーBOX（一辺の長さ30cm以下）");
        assert_eq!(with_loanwords("ＣＤラジカセ"), None, "letters read one by one are no word");
    }

    #[test]
    fn a_name_one_letter_off_beats_a_shorter_name_the_query_ends_with() {
        let index = Index::new(catalog_of(&["テレビ", "テレビ台", "ポータブルテレビ"]));
        assert_eq!(best(&index, "ポータブテレビ"), "ポータブルテレビ");
    }

    #[test]
    fn a_small_tsu_left_out_is_a_lighter_slip_than_another_letter() {
        let chars = |s: &str| fold(s).chars().collect::<Vec<char>>();
        let distance = |a: &str, b: &str| edit_distance(&chars(a), &chars(b), 9.0).unwrap();
        assert!(distance("マトレス", "マットレス") < distance("マトレス", "マクトレス"));
        assert!(distance("マットレス", "マトレス") < distance("マクトレス", "マトレス"));
        let index = Index::new(catalog_of(&["ベッド", "ベビーカー", "ベンチ"]));
        assert_eq!(best(&index, "ベド"), "ベッド", "a two-letter query shares no bigram with the name");
    }

    #[test]
    fn kana_that_sound_alike_make_a_smaller_typo_than_kana_that_do_not() {
        let chars = |s: &str| s.chars().collect::<Vec<char>>();
        let similar = |a: &str, b: &str| {
            let grams = |s: &str| {
                let mut g: Vec<(char, char)> = bigrams(&chars(s)).collect();
                g.sort_unstable();
                g
            };
            similarity(&chars(a), &chars(b), dice(&grams(a), &grams(b)), 0.0)
        };
        assert!(
            edit_distance(&chars("ドライア"), &chars("ドライヤ"), f64::INFINITY)
                < edit_distance(&chars("ドライア"), &chars("ドライバ"), f64::INFINITY)
        );
        assert!(similar("tosterr", "toaster") > similar("tosterr", "poster"));
    }

    #[test]
    fn ranking_is_deterministic_and_nonsense_finds_nothing() {
        let index = Index::new(demo());
        assert_eq!(index.search("なべ", 5, 0.4), index.search("なべ", 5, 0.4));
        assert!(index.search("zzqqxx", 5, 0.5).is_empty());
    }
}
