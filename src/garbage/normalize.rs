//! Folding what residents type into one spelling: NFKC (full- and half-width alike), lower case, hiragana as
//! katakana, long-vowel marks and small kana folded, qualifiers in brackets and punctuation dropped.

use unicode_normalization::UnicodeNormalization;

/// The searchable form of a name or a query.
pub fn fold(text: &str) -> String {
    fold_all(&strip_brackets(&text.nfkc().collect::<String>()))
}

/// The searchable form with what is in brackets kept: for matching qualifiers.
pub fn fold_all(text: &str) -> String {
    folded_chars(text, false).flatten().collect()
}

/// A text folded for the description vocabulary: as [`fold`] but with long-vowel marks and small kana kept, so a
/// word does not turn up inside unrelated ones (シーツ folded would be inside しっけ), and with where words start and
/// end: a Latin word is matched only from a word's start (`pc` is not in "step counter"), and a word in katakana or
/// kanji is whole only where the run of that script ends, since a Japanese compound is named by its last part
/// (ズボンプレッサー is a presser, not trousers; スマホケース is a case, not a phone).
pub struct Words {
    pub text: Vec<char>,
    /// Per character of `text`: whether a word starts there (after a space or punctuation, or where Latin letters
    /// follow other script).
    starts: Vec<bool>,
    /// Per character: whether a word may end there.
    ends: Vec<bool>,
    /// Per character: whether it is a case particle written in hiragana (`を`, `に`, `が`, `で`, `の`).
    particles: Vec<bool>,
    /// Where a phrase written head first (English, Spanish, Vietnamese…) goes on, after its head, with a word that
    /// links what follows to it (`stick for hitting a ball`, `herramienta para sacar el corcho`): what follows only
    /// modifies the head.
    linked_from: Option<usize>,
}

/// Words that link what follows to a head noun before them, in the languages that put the head first.
#[rustfmt::skip]
const LINKING: &[&str] = &[
    // English
    "for", "to", "that", "which", "who", "when", "where", "while", "with", "without", "you", "i", "we", "on", "in",
    "at", "of", "from", "by", "into", "after", "before",
    // Spanish and Portuguese
    "para", "que", "de", "del", "con", "en", "por", "da", "do", "dos", "das", "com", "no", "na", "cuando", "quando",
    // Vietnamese
    "để", "khi", "của", "bằng", "có", "cho", "mà", "trong", "ở",
    // Indonesian and Tagalog
    "untuk", "yang", "dari", "dengan", "saat", "ketika", "ng", "sa", "kapag", "pang",
];

/// Whether `c` is a kanji (a CJK ideograph, or 々 repeating one).
pub fn is_kanji(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '々')
}

#[derive(Clone, Copy, PartialEq)]
enum Script {
    Katakana,
    Kanji,
    Other,
}

impl Script {
    fn of(c: char) -> Script {
        match c {
            'ァ'..='ヺ' | 'ー' => Script::Katakana,
            c if is_kanji(c) => Script::Kanji,
            _ => Script::Other,
        }
    }
}

impl Words {
    pub fn new(text: &str) -> Words {
        let (mut folded, mut starts, mut scripts, mut particles) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let mut apart = true;
        let stripped = strip_brackets(&text.nfkc().collect::<String>());
        for c in stripped.nfkc().flat_map(char::to_lowercase) {
            let Some(folded_char) = fold_char(c, true) else { continue };
            let Some(c_folded) = folded_char else {
                apart = true;
                continue;
            };
            let latin_after_other = Words::is_latin(c_folded) && folded.last().is_some_and(|&p| !Words::is_latin(p));
            starts.push(apart || latin_after_other);
            scripts.push(Script::of(c));
            particles.push("をにがでの".contains(c));
            folded.push(c_folded);
            apart = false;
        }
        // Chinese writes its words without a break between them, and a phrase of it joins its modifiers with 的
        // (`量血压的机器`), which Japanese does not: in such text without kana any character may end a word.
        let chinese = folded.contains(&'的') && !scripts.contains(&Script::Katakana);
        let ends = (0..folded.len())
            .map(|at| {
                at + 1 == folded.len()
                    || starts[at + 1]
                    || scripts[at] == Script::Other
                    || scripts[at] != scripts[at + 1]
                    || chinese
            })
            .collect();
        // The first linking word after the first word, in text of letters with spaces (not Japanese, Chinese, Korean).
        let linked_from = if folded.iter().all(|&c| Words::is_latin(c)) {
            let word_starts: Vec<usize> = (0..folded.len()).filter(|&at| starts[at]).collect();
            word_starts.iter().enumerate().skip(1).find_map(|(n, &at)| {
                let end = word_starts.get(n + 1).copied().unwrap_or(folded.len());
                let word: String = folded[at..end].iter().collect();
                LINKING.contains(&word.as_str()).then_some(at)
            })
        } else {
            None
        };
        Words { text: folded, starts, ends, particles, linked_from }
    }

    /// Whether the text may be Chinese: it has no kana, and more kanji than a Japanese name written without kana has
    /// (`水槽 60cm` is Japanese, `做冰块的塑料盒` Chinese).
    pub fn may_be_chinese(&self) -> bool {
        let kanji = self.text.iter().filter(|&&c| Script::of(c) == Script::Kanji).count();
        kanji >= 4 && !self.text.iter().any(|&c| Script::of(c) == Script::Katakana)
    }

    /// Whether `c` is a digit or a letter of the Latin alphabet, with or without accents (`a`, `á`, `ư`).
    pub fn is_latin(c: char) -> bool {
        c.is_ascii_alphanumeric() || matches!(c, '\u{c0}'..='\u{24f}' | '\u{1e00}'..='\u{1eff}')
    }

    /// Whether the text is one word in katakana (or kana folded to it), a loanword like `サーキュレーダー`.
    pub fn is_one_katakana_word(&self) -> bool {
        !self.starts.iter().skip(1).any(|&start| start) && self.text.iter().all(|&c| Script::of(c) == Script::Katakana)
    }

    /// Whether text from `start` on only modifies a head written before it (`ball` in `stick for hitting a ball`).
    pub fn after_head(&self, start: usize) -> bool {
        self.linked_from.is_some_and(|linked| start >= linked)
    }

    /// Whether a word ending before `end` modifies what the text goes on to say: a case particle follows it, and more
    /// after that (`くぎ` in `くぎを打つ道具`, `瓶` in `瓶のふた`), so the text is not about it.
    pub fn modifies(&self, end: usize) -> bool {
        self.particles.get(end) == Some(&true) && end + 1 < self.text.len()
    }

    /// Whether `word` (folded the same way) occurs in the text at `at` (a Latin word only where a word starts), and
    /// if so whether it is a whole word there: one in katakana or kanji is where its run ends.
    pub fn has_at(&self, at: usize, word: &[char]) -> Option<bool> {
        // The text first: most words looked up are not there.
        let latin = || word.iter().all(|&c| Words::is_latin(c));
        (self.text.get(at..at + word.len()) == Some(word) && (self.starts[at] || !latin()))
            .then(|| self.ends[at + word.len() - 1])
    }
}

/// Each character of `text` folded: `None` where a space or punctuation parts words. Long-vowel marks and small kana
/// are folded away unless `keep_kana`.
fn folded_chars(text: &str, keep_kana: bool) -> impl Iterator<Item = Option<char>> + '_ {
    text.nfkc().flat_map(char::to_lowercase).filter_map(move |c| fold_char(c, keep_kana))
}

/// One character folded: none where it is dropped, `Some(None)` where it parts words.
fn fold_char(c: char, keep_kana: bool) -> Option<Option<char>> {
    let c = hiragana_to_katakana(c);
    if c == 'ー' {
        return keep_kana.then_some(Some(c));
    }
    if c == '-' || c == '‐' || c == '~' || c == '〜' || c.is_whitespace() {
        return Some(None);
    }
    if (c.is_ascii_punctuation() && c != '\'') || "・、。,.!?！？「」『』".contains(c) {
        return Some(None);
    }
    Some(Some(if keep_kana { c } else { small_to_large(c) }))
}

/// Whether folded text `hay` contains `needle` (not empty): compared only where the first character matches.
pub fn contains(hay: &[char], needle: &[char]) -> bool {
    let Some((&first, rest)) = needle.split_first() else { return false };
    hay.len() >= needle.len()
        && hay[..=hay.len() - needle.len()]
            .iter()
            .enumerate()
            .any(|(at, &c)| c == first && hay[at + 1..at + needle.len()] == *rest)
}

/// Drops bracketed qualifiers: `アイロン台（一辺の長さ30cm以下）` → `アイロン台`; keeps text without closing brackets.
fn strip_brackets(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut depth = 0_u32;
    for c in text.chars() {
        match c {
            '(' | '[' | '【' | '〔' => depth += 1,
            ')' | ']' | '】' | '〕' if depth > 0 => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    if out.trim().is_empty() { text.to_owned() } else { out }
}

/// Katakana written as hiragana (ー and other characters kept).
pub fn to_hiragana(text: &str) -> String {
    text.chars()
        .map(|c| if ('ァ'..='ヶ').contains(&c) { char::from_u32(c as u32 - 0x60).unwrap_or(c) } else { c })
        .collect()
}

fn hiragana_to_katakana(c: char) -> char {
    match c {
        'ぁ'..='ゖ' => char::from_u32(c as u32 + 0x60).unwrap_or(c),
        _ => c,
    }
}

fn small_to_large(c: char) -> char {
    match c {
        'ァ' => 'ア',
        'ィ' => 'イ',
        'ゥ' => 'ウ',
        'ェ' => 'エ',
        'ォ' => 'オ',
        'ッ' => 'ツ',
        'ャ' => 'ヤ',
        'ュ' => 'ユ',
        'ョ' => 'ヨ',
        'ヮ' => 'ワ',
        'ヵ' => 'カ',
        'ヶ' => 'ケ',
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::{Words, contains, fold};

    #[test]
    fn a_text_contains_a_word_anywhere_but_not_an_empty_or_longer_one() {
        let chars = |s: &str| s.chars().collect::<Vec<char>>();
        assert!(contains(&chars("アイロン台"), &chars("ロン台")));
        assert!(contains(&chars("アイロン"), &chars("アイロン")));
        assert!(!contains(&chars("アイロン"), &chars("アイロン台")));
        assert!(!contains(&chars("アイロン"), &chars("")));
        assert!(!contains(&chars("アイアン"), &chars("イロ")));
    }

    #[test]
    fn a_word_ends_where_its_run_of_kanji_does_unless_the_text_is_chinese() {
        let word: Vec<char> = "量血压".chars().collect();
        assert_eq!(Words::new("量血压的机器").has_at(0, &word), Some(true));
        assert_eq!(Words::new("量血压机器").has_at(0, &word), Some(false), "no 的: read as one Japanese word");
        let word: Vec<char> = "電池".chars().collect();
        assert_eq!(Words::new("電池式の時計").has_at(0, &word), Some(false), "kana: Japanese");
    }

    #[test]
    fn a_word_in_letters_starts_after_a_space_not_after_an_accented_letter() {
        let rio: Vec<char> = "rio".chars().collect();
        // Spaces fold away: `vasosanitário`, `orio`.
        assert_eq!(Words::new("vaso sanitário").has_at(10, &rio), None, "inside sanitário");
        assert_eq!(Words::new("o rio").has_at(1, &rio), Some(true));
    }

    #[test]
    fn half_width_kana_and_hiragana_fold_to_one_spelling() {
        assert_eq!(fold("ｱｲﾛﾝ"), fold("アイロン"));
        assert_eq!(fold("あいろん"), fold("アイロン"));
        assert_eq!(fold("ＰＥＴボトル"), fold("petボトル"));
    }

    #[test]
    fn long_vowels_small_kana_and_qualifiers_do_not_matter() {
        assert_eq!(fold("ドライヤー"), fold("ドライヤ"));
        assert_eq!(fold("キャップ"), fold("キヤツプ"));
        assert_eq!(fold("アイロン台（一辺の長さ30cm以下）"), fold("アイロン台"));
        assert_eq!(fold("Hair  Dryer!"), "hairdryer");
    }
}
