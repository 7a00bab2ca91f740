//! Romaji as residents type it (Hepburn or kunrei, long vowels doubled, with a macron or left out: `doraiya`,
//! `teeburu`, `sōjiki`, `sojiki`) read as katakana, so it meets the catalog's readings. Text that is not wholly romaji
//! is left alone.

/// The katakana `text` spells in romaji, or none when any part of it is not romaji (English words, digits).
pub fn to_katakana(text: &str) -> Option<String> {
    spell(text, true)
}

/// What `text` may spell in romaji: a doubled vowel (or one with a macron) read as a long-vowel mark, as katakana words
/// write it (`teeburu` テーブル), and, where that differs, as the vowel itself, as the readings of kanji names write it
/// (`kyuusu` きゅうす for 急須, `fuurin` ふうりん for 風鈴, `sōjiki` そうじき for 掃除機).
pub fn readings(text: &str) -> Vec<String> {
    let mut readings: Vec<String> = spell(text, true).into_iter().collect();
    readings.extend(spell(text, false).filter(|spelled| !readings.contains(spelled)));
    readings
}

/// What `text` spells with the vowels made long that Hepburn without macrons most often leaves short, as kanji readings
/// have them: an o ending a syllable (`sojiki` そうじき, `hocho` ほうちょう), and a u after ky, sh, ch, j and the like
/// before another syllable (`kyusu` きゅうす, `judenki` じゅうでんき): a guess, and none where `text` is not romaji.
pub fn with_long_vowels(text: &str) -> Option<String> {
    let chars: Vec<char> = text.trim().to_lowercase().chars().collect();
    let mut long = String::new();
    for (at, &c) in chars.iter().enumerate() {
        long.push(c);
        let next = chars.get(at + 1).copied();
        let after_next = chars.get(at + 2).copied();
        // Not before a vowel, nor before an n that closes the syllable (`futon`).
        let syllable_ends = next.is_none_or(|next| !"aiueo".contains(next))
            && !(next == Some('n') && after_next.is_none_or(|c| !"aiueoy".contains(c)));
        let before = chars[..at].last().copied();
        let consonant_before = before.is_some_and(|p| p.is_ascii_alphabetic() && !"aiueo".contains(p));
        let palatal = match before {
            Some('y' | 'j') => true,
            Some('h') => at >= 2 && "sc".contains(chars[at - 2]),
            _ => false,
        } && next.is_some_and(|next| next.is_ascii_alphabetic());
        if syllable_ends && consonant_before && (c == 'o' || (c == 'u' && palatal)) {
            long.push('u');
        }
    }
    spell(&long, false)
}

fn spell(text: &str, long_vowel_mark: bool) -> Option<String> {
    let lower = text.trim().to_lowercase().replace('l', "r");
    // A macron or circumflex is a long vowel: ō is おう in a kanji's reading, オー in a katakana word.
    let mut text = String::new();
    for c in lower.chars() {
        text.push_str(match c {
            'ā' | 'â' => "aa",
            'ī' | 'î' => "ii",
            'ū' | 'û' => "uu",
            'ē' | 'ê' => "ee",
            'ō' | 'ô' if long_vowel_mark => "oo",
            'ō' | 'ô' => "ou",
            _ => {
                text.push(c);
                continue;
            }
        });
    }
    if text.is_empty() || !text.chars().any(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut at = 0;
    while at < chars.len() {
        let c = chars[at];
        if c == ' ' || c == '-' {
            if c == '-' {
                out.push('ー');
            }
            at += 1;
            continue;
        }
        if !c.is_ascii_alphabetic() {
            return None;
        }
        // A doubled consonant is a small tsu: kk, tt, ss, pp, tch.
        if let Some(&next) = chars.get(at + 1)
            && c == next
            && !"aiueon".contains(c)
        {
            out.push('ッ');
            at += 1;
            continue;
        }
        if c == 't' && chars.get(at + 1) == Some(&'c') && chars.get(at + 2) == Some(&'h') {
            out.push('ッ');
            at += 1;
            continue;
        }
        // Hepburn writes ん before b and p as m: `empitsu`, `shimbun`.
        if c == 'm' && chars.get(at + 1).is_some_and(|next| "bp".contains(*next)) {
            out.push('ン');
            at += 1;
            continue;
        }
        // A vowel after the same vowel is a long vowel mark.
        if "aiueo".contains(c) && at > 0 && chars[at - 1] == c && !out.ends_with('ッ') {
            out.push_str(if long_vowel_mark { "ー" } else { syllable(&c.to_string()).unwrap_or("ー") });
            at += 1;
            continue;
        }
        if c == 'n' {
            let next = chars.get(at + 1).copied();
            match next {
                Some('n') => {
                    out.push('ン');
                    at += 2;
                    // `nna` is ンナ, `nn` alone is ン.
                    if chars.get(at).is_some_and(|c| "aiueoy".contains(*c)) {
                        at -= 1;
                    }
                    continue;
                }
                Some('\'') => {
                    out.push('ン');
                    at += 2;
                    continue;
                }
                Some(v) if "aiueoy".contains(v) => {}
                _ => {
                    out.push('ン');
                    at += 1;
                    continue;
                }
            }
        }
        let mut matched = false;
        for length in [3, 2, 1] {
            if at + length > chars.len() {
                continue;
            }
            let piece: String = chars[at..at + length].iter().collect();
            if let Some(kana) = syllable(&piece) {
                out.push_str(kana);
                at += length;
                matched = true;
                break;
            }
        }
        if !matched {
            return None;
        }
    }
    Some(out)
}

#[rustfmt::skip]
fn syllable(piece: &str) -> Option<&'static str> {
    Some(match piece {
        "a" => "ア", "i" => "イ", "u" => "ウ", "e" => "エ", "o" => "オ",
        "ka" => "カ", "ki" => "キ", "ku" => "ク", "ke" => "ケ", "ko" => "コ",
        "ga" => "ガ", "gi" => "ギ", "gu" => "グ", "ge" => "ゲ", "go" => "ゴ",
        "sa" => "サ", "shi" => "シ", "si" => "シ", "su" => "ス", "se" => "セ", "so" => "ソ",
        "za" => "ザ", "ji" => "ジ", "zi" => "ジ", "zu" => "ズ", "ze" => "ゼ", "zo" => "ゾ",
        "ta" => "タ", "chi" => "チ", "ti" => "チ", "tsu" => "ツ", "tu" => "ツ", "te" => "テ", "to" => "ト",
        "da" => "ダ", "di" => "ディ", "du" => "ドゥ", "de" => "デ", "do" => "ド",
        "na" => "ナ", "ni" => "ニ", "nu" => "ヌ", "ne" => "ネ", "no" => "ノ",
        "ha" => "ハ", "hi" => "ヒ", "fu" => "フ", "hu" => "フ", "he" => "ヘ", "ho" => "ホ",
        "ba" => "バ", "bi" => "ビ", "bu" => "ブ", "be" => "ベ", "bo" => "ボ",
        "pa" => "パ", "pi" => "ピ", "pu" => "プ", "pe" => "ペ", "po" => "ポ",
        "ma" => "マ", "mi" => "ミ", "mu" => "ム", "me" => "メ", "mo" => "モ",
        "ya" => "ヤ", "yu" => "ユ", "yo" => "ヨ", "ye" => "イエ",
        "ra" => "ラ", "ri" => "リ", "ru" => "ル", "re" => "レ", "ro" => "ロ",
        "wa" => "ワ", "wi" => "ウィ", "we" => "ウェ", "wo" => "ヲ",
        "va" => "ヴァ", "vi" => "ヴィ", "vu" => "ヴ", "ve" => "ヴェ", "vo" => "ヴォ",
        "fa" => "ファ", "fi" => "フィ", "fe" => "フェ", "fo" => "フォ",
        "kya" => "キャ", "kyu" => "キュ", "kyo" => "キョ", "gya" => "ギャ", "gyu" => "ギュ", "gyo" => "ギョ",
        "sha" => "シャ", "shu" => "シュ", "sho" => "ショ", "she" => "シェ",
        "sya" => "シャ", "syu" => "シュ", "syo" => "ショ",
        "ja" => "ジャ", "ju" => "ジュ", "jo" => "ジョ", "je" => "ジェ",
        "zya" => "ジャ", "zyu" => "ジュ", "zyo" => "ジョ", "jya" => "ジャ", "jyu" => "ジュ", "jyo" => "ジョ",
        "cha" => "チャ", "chu" => "チュ", "cho" => "チョ", "che" => "チェ",
        "tya" => "チャ", "tyu" => "チュ", "tyo" => "チョ",
        "nya" => "ニャ", "nyu" => "ニュ", "nyo" => "ニョ", "hya" => "ヒャ", "hyu" => "ヒュ", "hyo" => "ヒョ",
        "bya" => "ビャ", "byu" => "ビュ", "byo" => "ビョ", "pya" => "ピャ", "pyu" => "ピュ", "pyo" => "ピョ",
        "mya" => "ミャ", "myu" => "ミュ", "myo" => "ミョ", "rya" => "リャ", "ryu" => "リュ", "ryo" => "リョ",
        "thi" => "ティ", "dhi" => "ディ",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::{readings, to_katakana, with_long_vowels};

    #[test]
    fn hepburn_and_kunrei_with_or_without_long_vowels_read_as_katakana() {
        assert_eq!(to_katakana("doraiya").as_deref(), Some("ドライヤ"));
        assert_eq!(to_katakana("teeburu").as_deref(), Some("テーブル"));
        assert_eq!(to_katakana("sentakuki").as_deref(), Some("センタクキ"));
        assert_eq!(to_katakana("syoukaki").as_deref(), to_katakana("shoukaki").as_deref());
        assert_eq!(to_katakana("kappu").as_deref(), Some("カップ"));
        assert_eq!(to_katakana("Konnyaku").as_deref(), Some("コンニャク"));
        assert_eq!(to_katakana("hon'ya").as_deref(), Some("ホンヤ"));
    }

    #[test]
    fn a_doubled_vowel_is_read_both_as_a_long_vowel_mark_and_as_the_vowel() {
        assert_eq!(readings("kyuusu"), ["キュース", "キュウス"]);
        assert_eq!(readings("teeburu"), ["テーブル", "テエブル"]);
        assert_eq!(readings("doraiya"), ["ドライヤ"]);
        assert!(readings("toaster").is_empty());
    }

    #[test]
    fn a_macron_is_a_long_vowel_and_m_before_b_or_p_is_n() {
        assert_eq!(readings("sōjiki"), ["ソージキ", "ソウジキ"]);
        assert_eq!(readings("hōchō"), readings("hôchô"));
        assert_eq!(readings("senpūki"), ["センプーキ", "センプウキ"]);
        assert_eq!(to_katakana("empitsu").as_deref(), Some("エンピツ"));
        assert_eq!(to_katakana("shimbun").as_deref(), Some("シンブン"));
    }

    #[test]
    fn long_vowels_left_out_are_guessed_after_o_and_u() {
        assert_eq!(with_long_vowels("sojiki").as_deref(), Some("ソウジキ"));
        assert_eq!(with_long_vowels("hocho").as_deref(), Some("ホウチョウ"));
        assert_eq!(with_long_vowels("kyusu").as_deref(), Some("キュウス"));
        assert_eq!(with_long_vowels("judenki").as_deref(), Some("ジュウデンキ"));
        assert_eq!(with_long_vowels("futon").as_deref(), Some("フトン"), "an n closing the syllable");
        assert_eq!(with_long_vowels("shokaki").as_deref(), Some("ショウカキ"));
        assert_eq!(with_long_vowels("soujiki").as_deref(), Some("ソウジキ"), "nothing left out");
        assert_eq!(with_long_vowels("nabe").as_deref(), Some("ナベ"));
        assert_eq!(with_long_vowels("toaster"), None);
    }

    #[test]
    fn english_words_and_digits_are_not_romaji() {
        assert_eq!(to_katakana("toaster"), None);
        assert_eq!(to_katakana("hair dryer"), None);
        assert_eq!(to_katakana("30cm"), None);
        assert_eq!(to_katakana("アイロン"), None);
    }
}
