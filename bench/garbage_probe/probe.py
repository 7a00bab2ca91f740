#!/usr/bin/env python3
"""Writes self-made probe queries from the cities' own lists in ../shared: each name with one slip a resident makes
(a voicing mark, a small ッ or a long vowel left out, two neighbours swapped, a letter left out, a kanji of the same
reading), and each reading typed in romaji with long vowels doubled or left out. One line per query, for
`cargo run --release --example garbage_probe`: city, kind, query, the names that count as right (separated by |).

Usage (from the repository root): python3 bench/garbage_probe/probe.py > /tmp/probe.tsv
"""
import csv
import random
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "data" / "catalogs"
PER_CITY = 300  # names per city for the slips; readings per city for romaji: 400

KANA = dict(zip(
    "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをんがぎぐげござじずぜぞだぢづでどばびぶべぼぱぴぷぺぽゔ",
    "a i u e o ka ki ku ke ko sa shi su se so ta chi tsu te to na ni nu ne no ha hi fu he ho ma mi mu me mo ya yu yo "
    "ra ri ru re ro wa o n ga gi gu ge go za ji zu ze zo da ji zu de do ba bi bu be bo pa pi pu pe po vu".split()))
YOON = {"ゃ": "a", "ゅ": "u", "ょ": "o"}
SMALL = {"ぁ": "a", "ぃ": "i", "ぅ": "u", "ぇ": "e", "ぉ": "o"}


def hiragana(text):
    text = unicodedata.normalize("NFKC", text)
    return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in text)


def romaji(text, long_vowels):
    """Hepburn; a long vowel mark doubles the vowel (`double`) or is left out with every long vowel (`drop`)."""
    text, out, at = hiragana(text), "", 0
    while at < len(text):
        c, after = text[at], text[at + 1] if at + 1 < len(text) else ""
        at += 1
        if c == "っ":
            following = romaji(after, long_vowels) if after else ""
            out += following[0] if following and following[0] not in "aiueo" else ""
        elif c == "ー":
            out += out[-1] if long_vowels == "double" and out and out[-1] in "aiueo" else ""
        elif c in KANA:
            sound = KANA[c]
            if after in YOON:
                stem = sound[:-1]
                sound = stem + YOON[after] if stem in ("sh", "ch", "j") else stem + "y" + YOON[after]
                at += 1
            elif after in SMALL:
                sound = sound[:-1] + SMALL[after]
                at += 1
            out += sound
        elif c in SMALL:
            out += SMALL[c]
    if long_vowels == "drop":
        out = out.replace("ou", "o").replace("uu", "u").replace("oo", "o")
    return out


def base(name):
    return re.sub(r"[（(][^）)]*[）)]", "", name).strip()


def readings_of_kanji():
    first = {}
    for line in (ROOT / "src" / "garbage" / "on_readings.tsv").read_text().splitlines():
        kanji, _, read = line.partition("\t")
        if not line.startswith("#") and read.split():
            first.setdefault(read.split()[0], []).append(kanji)
    return {kanji: read for read, alike in first.items() for kanji in alike if len(alike) > 1}, first


def slips(name, rng, usual, kanji_of):
    voiced = dict(zip("かきくけこさしすせそたちつてとはひふへほカキクケコサシスセソタチツテトハヒフヘホ",
                      "がぎぐげござじずぜぞだぢづでどばびぶべぼガギグゲゴザジズゼゾダヂヅデドバビブベボ"))
    voiced.update({v: k for k, v in voiced.items()})
    chars = list(name)
    out = []
    at = [i for i, c in enumerate(chars) if c in voiced]
    if at:
        i = rng.choice(at)
        out.append(("voicing", name[:i] + voiced[chars[i]] + name[i + 1:]))
    if "ー" in name:
        out.append(("long-vowel", name.replace("ー", "", 1)))
    if "ッ" in name or "っ" in name:
        out.append(("small-tsu", re.sub("[ッっ]", "", name, count=1)))
    if len(chars) >= 4:
        i = rng.randrange(1, len(chars) - 1)
        swapped = chars[:i] + [chars[i + 1], chars[i]] + chars[i + 2:]
        if swapped != chars:
            out.append(("swap", "".join(swapped)))
        i = rng.randrange(1, len(chars))
        out.append(("left-out", "".join(chars[:i] + chars[i + 1:])))
    at = [i for i, c in enumerate(chars) if c in usual]
    if at:
        i = rng.choice(at)
        alike = [k for k in kanji_of[usual[chars[i]]] if k != chars[i]]
        out.append(("kanji-read-alike", name[:i] + rng.choice(alike) + name[i + 1:]))
    return out


def main():
    rng = random.Random(11)
    usual, kanji_of = readings_of_kanji()
    tsu = list(csv.DictReader(open(SHARED / "tsu-mie" / "original.csv", encoding="utf-8-sig")))
    tsu_kana = list(csv.DictReader(open(SHARED / "tsu-mie" / "tsu_gomi.ja_hira.utf8.csv", encoding="utf-8-sig")))
    setagaya = list(csv.reader(open(SHARED / "setagaya-tokyo-opendata" / "131121_setagayaku_garbage_separate.csv",
                                    encoding="utf-8-sig")))[1:]
    cities = {
        "tsu": ([row["品目"] for row in tsu], [row["hiragana"] for row in tsu_kana]),
        "setagaya": ([row[4] for row in setagaya], [row[5] for row in setagaya]),
    }
    for city, (names, kana) in cities.items():
        by_base = {}
        for name in names:
            if len(base(name)) >= 3 and not re.search(r"[・、，,／/A-Za-zＡ-Ｚ０-９0-9]", base(name)):
                by_base.setdefault(base(name), []).append(name)
        chosen = sorted(by_base)
        rng.shuffle(chosen)
        for name in chosen[:PER_CITY]:
            for kind, query in slips(name, rng, usual, kanji_of):
                if query != name and query not in by_base:
                    print(f"{city}\t{kind}\t{query}\t{'|'.join(by_base[name])}")
        by_reading = {}
        for name, reading in zip(names, kana):
            read = base(reading)
            if len(read) >= 3 and not re.search("[・、]", read):
                by_reading.setdefault(read, []).append(name)
        chosen = sorted(by_reading)
        rng.shuffle(chosen)
        for read in chosen[:400]:
            for mode in ("double", "drop"):
                query = romaji(read, mode)
                if re.fullmatch("[a-z]+", query):
                    print(f"{city}\tromaji-{mode}\t{query}\t{'|'.join(by_reading[read])}")
    if len(tsu) != len(tsu_kana):
        sys.exit("Tsu's readings do not line up with its list")


if __name__ == "__main__":
    main()
