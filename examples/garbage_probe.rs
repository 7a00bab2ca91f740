//! Runs self-made probe queries (from `bench/garbage_probe/probe.py`, read on stdin: city, kind, query, right names
//! separated by `|`) against Setagaya's and Tsu's real lists in `../shared`, and prints top-1 and top-3 per city and
//! kind; with `PROBE_MISSES=1`, every query whose first answer was wrong.
//!
//! `python3 bench/garbage_probe/probe.py | cargo run --release --example garbage_probe`

use madoguchi::garbage::import::{Format, import};
use madoguchi::garbage::search::Index;
use std::collections::BTreeMap;
use std::io::BufRead;
use std::path::Path;

fn main() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/catalogs");
    if !shared.exists() {
        println!("skipped: the cities' lists are not at {}", shared.display());
        return;
    }
    let index = |format, city, path: &str| {
        Index::new(import(format, city, &shared.join(path), &|_, _| {}).expect("the city's list imports").catalog)
    };
    let tsu = index(Format::Tsu, "tsu", "tsu-mie/original.csv");
    let setagaya =
        index(Format::TokyoStd, "setagaya", "setagaya-tokyo-opendata/131121_setagayaku_garbage_separate.csv");
    let show_misses = std::env::var_os("PROBE_MISSES").is_some();
    let mut by_kind: BTreeMap<(String, String), (usize, usize, usize)> = BTreeMap::new();
    for line in std::io::stdin().lock().lines() {
        let line = line.expect("stdin reads");
        let [city, kind, query, right] = line.split('\t').collect::<Vec<_>>()[..] else { continue };
        let index = if city == "tsu" { &tsu } else { &setagaya };
        let right: Vec<&str> = right.split('|').collect();
        let names: Vec<String> =
            index.search(query, 3, 0.0).iter().map(|hit| index.item(hit.item).unwrap().full_name()).collect();
        let top1 = names.first().is_some_and(|name| right.contains(&name.as_str()));
        let top3 = names.iter().any(|name| right.contains(&name.as_str()));
        let counts = by_kind.entry((city.to_owned(), kind.to_owned())).or_default();
        *counts = (counts.0 + 1, counts.1 + usize::from(top1), counts.2 + usize::from(top3));
        if show_misses && !top1 {
            println!("  miss [{city} {kind}] {query:?} → {names:?} (expected {right:?})");
        }
    }
    println!("| city | kind | queries | top-1 | top-3 |\n| --- | --- | --- | --- | --- |");
    for ((city, kind), (count, top1, top3)) in by_kind {
        let pct = |n: usize| 100.0 * n as f64 / count as f64;
        println!("| {city} | {kind} | {count} | {:.1}% | {:.1}% |", pct(top1), pct(top3));
    }
}
