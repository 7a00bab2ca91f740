//! `madoguchi catalog import|search|list` as operators run them, against a real SQLite file.

use crate::shared_catalogs;
use std::process::Command;

fn madoguchi(database: &str, args: &[&str]) -> (bool, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_madoguchi"))
        .args(args)
        .env("MADOGUCHI_DATABASE_URL", database)
        .env_remove("MADOGUCHI_CITY")
        .env_remove("MADOGUCHI_LLM_URL")
        .output()
        .unwrap();
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into(),
        String::from_utf8_lossy(&output.stderr).into(),
    )
}

#[test]
fn an_imported_city_is_searched_as_json_with_official_names_and_a_reimport_replaces_it_whole() {
    let Some(data) = shared_catalogs() else { return };
    let dir = tempfile::tempdir().unwrap();
    let database = format!("sqlite://{}", dir.path().join("m.db").display());
    let csv = data.join("setagaya-tokyo-opendata/131121_setagayaku_garbage_separate.csv");
    let (ok, out, err) = madoguchi(
        &database,
        &["catalog", "import", "--format", "tokyo-std", "--city", "setagaya", csv.to_str().unwrap()],
    );
    assert!(ok, "{out}{err}");
    assert!(out.contains("skipped line 324: 写真フィルム（ネガ）"), "{out}");
    assert!(out.contains("setagaya: 913 items") && out.contains("1 skipped") && out.contains("generation 1"), "{out}");

    let (ok, out, err) =
        madoguchi(&database, &["catalog", "search", "--city", "setagaya", "--limit", "3", "--json", "ｱｲﾛﾝﾀﾞｲ"]);
    assert!(ok, "{err}");
    let candidates: serde_json::Value = serde_json::from_str(&out).unwrap();
    let names: Vec<&str> = candidates.as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap()).collect();
    assert_eq!(names[..2], ["アイロン台（一辺の長さ30cm以下）", "アイロン台（一辺の長さ30cm超）"]);
    assert_eq!(candidates[0]["category"], "可燃ごみ");
    assert!(candidates[0]["score"].as_f64().unwrap() > candidates[2]["score"].as_f64().unwrap());
    let (_, out, _) =
        madoguchi(&database, &["catalog", "search", "--city", "setagaya", "--lang", "en", "--json", "アイロン"]);
    let candidates: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(candidates[0]["category"], "Non-burnable waste");

    let small = dir.path().join("small.csv");
    std::fs::write(&small, "ゴミの品目,分別区分\n傘,不燃ごみ\n").unwrap();
    let (ok, out, err) = madoguchi(
        &database,
        &["catalog", "import", "--format", "tokyo-std", "--city", "setagaya", small.to_str().unwrap()],
    );
    assert!(ok && out.contains("setagaya: 1 items") && out.contains("generation 2"), "{out}{err}");
    let (_, out, _) = madoguchi(&database, &["catalog", "search", "--city", "setagaya", "--json", "アイロン"]);
    assert_eq!(out.trim(), "[]", "the old catalog is gone whole");
    let (_, out, _) = madoguchi(&database, &["catalog", "list"]);
    assert!(out.contains("setagaya: 1 items from 1 rows (tokyo-std"), "{out}");
}

#[test]
fn a_file_with_no_items_leaves_the_stored_catalog_alone_and_an_unknown_city_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let database = format!("sqlite://{}", dir.path().join("m.db").display());
    let empty = dir.path().join("empty.csv");
    std::fs::write(&empty, "ゴミの品目,分別区分\n,\n傘,\n").unwrap();
    let (ok, out, err) =
        madoguchi(&database, &["catalog", "import", "--format", "tokyo-std", "--city", "x", empty.to_str().unwrap()]);
    assert!(!ok, "{out}");
    assert!(out.contains("no category") && err.contains("unchanged"), "{out}{err}");
    let (ok, _, err) = madoguchi(&database, &["catalog", "search", "--city", "nowhere", "--json", "傘"]);
    assert!(!ok && err.contains("nowhere") && err.contains("catalog import"), "{err}");
    let (ok, out, _) = madoguchi(&database, &["catalog", "search", "--json", "battery"]);
    assert!(ok && out.contains("乾電池"), "the demo city answers without an import: {out}");
}
