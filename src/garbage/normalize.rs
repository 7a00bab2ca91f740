//! Folding what residents type into one spelling: NFKC (full- and half-width alike), lower case, hiragana as
//! katakana, long-vowel marks and small kana folded, qualifiers in brackets and punctuation dropped.

use unicode_normalization::UnicodeNormalization;

/// The searchable form of a name or a query.
pub fn fold(text: &str) -> String {
    fold_all(&strip_brackets(&text.nfkc().collect::<String>()))
}

/// The searchable form with what is in brackets kept: for matching qualifiers.
pub fn fold_all(text: &str) -> String {
    let nfkc: String = text.nfkc().collect();
    let mut folded = String::with_capacity(nfkc.len());
    for c in nfkc.chars().flat_map(char::to_lowercase) {
        let c = hiragana_to_katakana(c);
        let c = small_to_large(c);
        if c == 'ー' || c == '-' || c == '‐' || c == '~' || c == '〜' {
            continue;
        }
        if c.is_whitespace() || (c.is_ascii_punctuation() && c != '\'') || "・、。,.!?！？「」『』".contains(c)
        {
            continue;
        }
        folded.push(c);
    }
    folded
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
    use super::{contains, fold};

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
