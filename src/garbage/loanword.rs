//! English words read as the katakana loanwords Japanese makes of them (`projector` → プロジェクター, `yoga mat` →
//! ヨガマット), so that a resident typing in English meets items the city lists only in Japanese.
//!
//! English spelling does not fix its sounds, so the reading is a guess by the common rules (a vowel before one consonant
//! and a final e is long, `er` at the end is アー, a short vowel doubles the final consonant, a consonant without a vowel
//! takes ウ or オ). The search weighs it as a reading and lets its n-gram similarity forgive the rest.

/// The loanword reading of `text`, words joined as Japanese writes compounds; none when it is not English letters.
pub fn to_katakana(text: &str) -> Option<String> {
    let words: Vec<&str> = text.split([' ', '-']).filter(|word| !word.is_empty()).collect();
    if words.is_empty() || !words.iter().all(|word| word.chars().all(|c| c.is_ascii_alphabetic())) {
        return None;
    }
    // Capitals and two-letter words are read letter by letter (`IH`, `PC`, `TV`), not as a loanword.
    let acronym = |word: &&str| word.len() <= 2 || (word.len() > 1 && word.chars().all(|c| c.is_ascii_uppercase()));
    if words.iter().any(acronym) {
        return None;
    }
    words.iter().map(|word| read(&word.to_ascii_lowercase())).collect()
}

fn is_vowel(c: char) -> bool {
    "aeiou".contains(c)
}

/// One word's reading, syllable by syllable.
fn read(word: &str) -> Option<String> {
    let spelled = word.replace("tion", "shon").replace("sion", "jon").replace("ture", "char");
    // An x is ks, and after a vowel its k doubles: `box` ボックス.
    let mut w: Vec<char> = Vec::with_capacity(spelled.len() + 2);
    for c in spelled.chars() {
        if c == 'x' {
            if w.last().is_some_and(|v| is_vowel(*v)) {
                w.push('k');
            }
            w.extend(['k', 's']);
        } else {
            w.push(c);
        }
    }
    let mut out = String::new();
    let mut at = 0;
    let mut consonant: Option<(&'static str, char)> = None;
    let mut first_vowel = true;
    while at < w.len() {
        let c = w[at];
        let vowel_y = c == 'y' && at > 0 && (!is_vowel(w[at - 1]) || !w.get(at + 1).is_some_and(|n| is_vowel(*n)));
        if is_vowel(c) || vowel_y {
            let (sound, length) = vowel(&w, at, first_vowel);
            first_vowel = false;
            at += length;
            if sound.is_empty() {
                continue;
            }
            out.push_str(&syllable(consonant.take().map(|(c, _)| c).unwrap_or(""), &sound)?);
            continue;
        }
        if let Some((onset, epenthetic)) = consonant.take() {
            out.push_str(&syllable(onset, &epenthetic.to_string())?);
        }
        // A doubled l, m, n, r, s or z sounds once: `glass`, `pillow`.
        if w.get(at + 1) == Some(&c) && "lmnrsz".contains(c) {
            at += 1;
            continue;
        }
        // An m before b or p is the moraic n: `lamp`, `umbrella`.
        if c == 'm' && w.get(at + 1).is_some_and(|n| "bp".contains(*n)) {
            out.push('ン');
            at += 1;
            continue;
        }
        // A doubled consonant after a short vowel, or a short vowel's final stop, is a small tsu.
        let doubled = w.get(at + 1) == Some(&c) && "tpkdgfc".contains(c);
        let after_short_vowel = at >= 2 && is_vowel(w[at - 1]) && !is_vowel(w[at - 2]);
        let final_stop = after_short_vowel
            && ((at + 1 == w.len() && "tpkdgc".contains(c)) || (at + 2 == w.len() && c == 's' && w[at + 1] == 'h'));
        let stop_pair = matches!((c, w.get(at + 1), w.get(at + 2)), ('c', Some('k'), _) | ('t', Some('c'), Some('h')));
        if doubled || final_stop || stop_pair {
            out.push('ッ');
            if doubled {
                at += 1;
            }
        }
        let (onset, epenthetic, length) = onset(&w, at);
        at += length;
        if onset == "n" && !w.get(at).is_some_and(|n| is_vowel(*n) || *n == 'y') {
            out.push('ン');
            continue;
        }
        if !onset.is_empty() {
            consonant = Some((onset, epenthetic));
        }
    }
    if let Some((onset, epenthetic)) = consonant {
        out.push_str(&syllable(onset, &epenthetic.to_string())?);
    }
    (!out.is_empty()).then_some(out)
}

/// The consonant at `at` as a romaji onset, the vowel it takes when none follows, and how many letters it spans.
fn onset(w: &[char], at: usize) -> (&'static str, char, usize) {
    let next = w.get(at + 1).copied();
    let before_front_vowel = next.is_some_and(|n| "eiy".contains(n));
    match (w[at], next) {
        ('s', Some('h')) => ("sh", 'u', 2),
        ('c', Some('h')) => ("ch", 'i', 2),
        ('t', Some('c')) if w.get(at + 2) == Some(&'h') => ("ch", 'i', 3),
        ('t', Some('h')) => ("s", 'u', 2),
        ('p', Some('h')) => ("f", 'u', 2),
        ('w', Some('h')) => ("w", 'u', 2),
        ('g', Some('h')) => ("", 'u', 2),
        ('k', Some('n')) if at == 0 => ("n", 'u', 2),
        ('w', Some('r')) if at == 0 => ("r", 'u', 2),
        ('c', Some('k')) => ("k", 'u', 2),
        ('c', _) if before_front_vowel => ("s", 'u', 1),
        ('c' | 'k' | 'q', _) => ("k", 'u', 1),
        ('g', Some('e')) if at + 2 == w.len() => ("j", 'i', 1),
        ('g', _) => ("g", 'u', 1),
        ('j', _) => ("j", 'i', 1),
        ('v' | 'b', _) => ("b", 'u', 1),
        ('l' | 'r', _) => ("r", 'u', 1),
        ('t', _) => ("t", 'o', 1),
        ('d', _) => ("d", 'o', 1),
        ('s', _) => ("s", 'u', 1),
        ('z', _) => ("z", 'u', 1),
        ('f', _) => ("f", 'u', 1),
        ('h', _) => ("h", 'u', 1),
        ('m', _) => ("m", 'u', 1),
        ('n', _) => ("n", 'u', 1),
        ('p', _) => ("p", 'u', 1),
        ('w', _) => ("w", 'u', 1),
        ('y', _) => ("y", 'i', 1),
        _ => ("", 'u', 1),
    }
}

/// The vowel sound at `at` in romaji (empty for a silent e) and how many letters it spans, an `r` after it included.
fn vowel(w: &[char], at: usize, first: bool) -> (String, usize) {
    let rest: String = w[at..].iter().take(3).collect();
    let end = |length: usize| at + length >= w.len();
    let digraph = [
        ("igh", "ai"),
        ("ee", "ii"),
        ("ea", "ii"),
        ("oo", "uu"),
        ("ai", "ee"),
        ("ay", "ee"),
        ("ei", "ee"),
        ("ey", "ii"),
        ("oa", "oo"),
        ("au", "oo"),
        ("aw", "oo"),
        ("oi", "oi"),
        ("oy", "oi"),
        ("ou", "au"),
        ("ew", "yuu"),
        ("ue", "yuu"),
        ("ui", "uu"),
        ("ie", "ii"),
    ];
    for (spelling, sound) in digraph {
        if rest.starts_with(spelling) {
            let length = spelling.len();
            if w.get(at + length) == Some(&'r') && !w.get(at + length + 1).is_some_and(|n| is_vowel(*n)) {
                return (format!("{sound}aa"), length + 1);
            }
            return (sound.to_owned(), length);
        }
    }
    if rest.starts_with("ow") {
        return (if end(2) { "oo" } else { "au" }.to_owned(), 2);
    }
    let c = w[at];
    // A final e after a consonant is silent (`make`, `waffle`), unless the word is that short.
    if c == 'e' && end(1) && at >= 2 {
        return (String::new(), 1);
    }
    if c == 'y' {
        return (if end(1) { "ii" } else { "ai" }.to_owned(), 1);
    }
    if w.get(at + 1) == Some(&'r') && !w.get(at + 2).is_some_and(|n| is_vowel(*n) || "ry".contains(*n)) {
        // An ending `or` after the first syllable is unstressed: `projector`, `monitor`; `door`, `cord` are not.
        let stressed = c == 'o' && (first || !end(2));
        return (if stressed { "oo" } else { "aa" }.to_owned(), 2);
    }
    if end(1) {
        return (
            match c {
                'i' => "ii",
                'u' => "yuu",
                other => return (other.to_string(), 1),
            }
            .to_owned(),
            1,
        );
    }
    // Before one consonant and a vowel (or `le`), a vowel says its name: `maker`, `tube`, `table`.
    let consonants = w[at + 1..].iter().take_while(|c| !is_vowel(**c) && **c != 'y').count();
    let after = w.get(at + 1 + consonants).copied();
    let open = after.is_some()
        && (consonants == 1 || (consonants == 2 && "lr".contains(w[at + 2]) && w[at + 1] != w[at + 2]))
        && !(consonants == 1 && "x".contains(w[at + 1]));
    let magic_e = open && consonants == 1 && after == Some('e') && at + 3 == w.len();
    let sound = match c {
        'a' if open => "ee",
        'i' if magic_e || (open && first) => "ai",
        'u' if open => "yuu",
        'o' if magic_e => "oo",
        'e' if magic_e => "ii",
        'u' => "a",
        other => return (other.to_string(), 1),
    };
    (sound.to_owned(), 1)
}

/// The katakana of one onset and vowel sound, through the romaji table; where the table lacks the pair (`fyu`), the
/// glide is dropped.
fn syllable(onset: &str, sound: &str) -> Option<String> {
    let piece = match (onset, sound.chars().next()) {
        ("t", Some('i')) => format!("th{sound}"),
        ("w", Some('u' | 'o')) | ("y", Some('i')) => sound.to_owned(),
        _ => format!("{onset}{sound}"),
    };
    super::romaji::to_katakana(&piece)
        .or_else(|| super::romaji::to_katakana(&piece.replacen('y', "", 1)))
        .or_else(|| super::romaji::to_katakana(sound))
}

#[cfg(test)]
mod tests {
    use super::to_katakana;

    #[test]
    fn english_names_of_household_things_read_as_their_loanwords() {
        for (english, katakana) in [
            ("projector", "プロジェクター"),
            ("yoga mat", "ヨガマット"),
            ("waffle maker", "ワッフルメーカー"),
            ("table", "テーブル"),
            ("cable", "ケーブル"),
            ("battery", "バッテリー"),
            ("tube", "チューブ"),
            ("printer", "プリンター"),
            ("speaker", "スピーカー"),
            ("carpet", "カーペット"),
            ("dish rack", "ディッシュラック"),
            ("cooler box", "クーラーボックス"),
            ("umbrella", "アンブレラ"),
            ("glass", "グラス"),
            ("hair dryer", "ヘーアードライアー"),
        ] {
            assert_eq!(to_katakana(english).as_deref(), Some(katakana), "{english}");
        }
    }

    #[test]
    fn what_is_not_english_letters_has_no_loanword_reading() {
        assert_eq!(to_katakana("30cm"), None);
        assert_eq!(to_katakana("アイロン"), None);
        assert_eq!(to_katakana("  "), None);
        assert_eq!(to_katakana("IH"), None, "an acronym is read letter by letter");
        assert_eq!(to_katakana("LED light"), None);
    }
}
