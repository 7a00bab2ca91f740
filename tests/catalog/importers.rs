//! Each importer on real and on hand-written files.

use crate::shared_catalogs;
use madoguchi::garbage::import::{Format, import};

fn no_progress(_: u64, _: u64) {}

#[test]
fn setagayas_tokyo_standard_csv_imports_with_its_one_duplicate_skipped_and_sentences_resolved() {
    let Some(data) = shared_catalogs() else { return };
    let path = data.join("setagaya-tokyo-opendata/131121_setagayaku_garbage_separate.csv");
    let imported = import(Format::TokyoStd, "setagaya", &path, &no_progress).unwrap();
    assert_eq!(imported.rows, 914);
    assert_eq!(imported.catalog.items.len() + imported.skipped.len(), 914);
    assert_eq!(imported.skipped.len(), 1, "{:?}", imported.skipped);
    assert!(imported.skipped[0].entry.contains("写真フィルム（ネガ）"));
    assert!(imported.skipped[0].entry.starts_with("line 324"), "{:?}", imported.skipped);
    assert!(imported.skipped[0].reason.contains("line 323"), "{:?}", imported.skipped);
    let iron = imported.catalog.items.iter().find(|i| i.full_name() == "アイロン台（一辺の長さ30cm超）").unwrap();
    assert_eq!((iron.name.as_str(), iron.qualifier.as_deref()), ("アイロン台", Some("一辺の長さ30cm超")));
    assert_eq!(iron.names["en"][0], "Ironing board (over 30 cm in length per side)", "the city's own name first");
    assert!(iron.names["en"].contains(&"ironing board".to_owned()), "the demo city's name of that size after it");
    assert!(iron.names.contains_key("vi") && imported.lent > 100, "{} items named by the demo city", imported.lent);
    assert_eq!(iron.reading.as_deref(), Some("アイロンダイ"));
    let tube = imported.catalog.items.iter().find(|i| i.name == "蛍光管・蛍光灯").unwrap();
    assert_eq!(tube.category, "不燃ごみ", "a category written as a sentence naming one main category");
    assert!(tube.notes["ja"].starts_with("（ケースに入れて）不燃ごみ"));
    assert_eq!(imported.catalog.categories["可燃ごみ"].name["en"], "Burnable waste");
}

#[test]
fn a_shift_jis_copy_imports_exactly_as_the_utf8_original() {
    let Some(data) = shared_catalogs() else { return };
    let path = data.join("setagaya-tokyo-opendata/131121_setagayaku_garbage_separate.csv");
    // The one character Shift_JIS lacks (ℓ, in a fee note) written as cities using Shift_JIS would.
    let text = std::fs::read_to_string(&path).unwrap().replace('ℓ', "L");
    let (sjis, _, unmappable) = encoding_rs::SHIFT_JIS.encode(text.trim_start_matches('\u{feff}'));
    assert!(!unmappable, "the sample fits Shift_JIS");
    let dir = tempfile::tempdir().unwrap();
    let (utf8_copy, sjis_copy) = (dir.path().join("utf8.csv"), dir.path().join("sjis.csv"));
    std::fs::write(&utf8_copy, &text).unwrap();
    std::fs::write(&sjis_copy, &sjis).unwrap();
    let original = import(Format::TokyoStd, "setagaya", &utf8_copy, &no_progress).unwrap();
    let converted = import(Format::TokyoStd, "setagaya", &sjis_copy, &no_progress).unwrap();
    assert_eq!(converted.catalog.items.len(), 913);
    assert_eq!(converted.catalog.items, original.catalog.items);
}

#[test]
fn a_tokyo_file_with_shifted_columns_is_realigned_and_bad_rows_are_skipped_with_reasons() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("city.csv");
    let rows = [
        "全国地方公共団体コード,ID,地方公共団体名,地区名,ゴミの品目,ゴミの品目_カナ,ゴミの品目_英字,分別区分,注意点,備考,粗大ごみ回収料金",
        "131000,X1,テスト区,全域,アイロン,アイロン,Iron,不燃ごみ,,,",
        // One stray empty cell after the district shifts every later column right.
        "131000,X2,テスト区,全域,,ソファ,ソファ,Sofa,粗大ごみ,,,\"1,200円\"",
        "131000,X3,テスト区,全域,,アイロン,Iron,不燃ごみ,,,",
        "131000,X4,テスト区,全域,傘,カサ,Umbrella,,,,",
        "131000,X5,テスト区,全域,アイロン,アイロン,Iron,不燃ごみ,,,",
        "131000,X6,テスト区,全域,机,ツクエ,Desk,粗大ごみ,,,要予約",
    ];
    std::fs::write(&path, rows.join("\r\n")).unwrap();
    let imported = import(Format::TokyoStd, "test", &path, &no_progress).unwrap();
    let names: Vec<String> = imported.catalog.items.iter().map(|i| i.full_name()).collect();
    assert_eq!(names, ["アイロン", "ソファ", "机"]);
    let sofa = &imported.catalog.items[1];
    assert_eq!((sofa.category.as_str(), sofa.fee), ("粗大ごみ", Some(1200)));
    assert_eq!(imported.repaired.len(), 1, "{:?}", imported.repaired);
    assert!(imported.repaired[0].reason.contains("column 5"), "{:?}", imported.repaired);
    let reasons: Vec<String> = imported.skipped.iter().map(|s| format!("{} — {}", s.entry, s.reason)).collect();
    assert_eq!(reasons.len(), 3, "{reasons:?}");
    assert!(reasons[0].starts_with("line 4") && reasons[0].contains("no item name"), "{reasons:?}");
    assert!(reasons[1].starts_with("line 5: 傘") && reasons[1].contains("no category"), "{reasons:?}");
    assert!(reasons[2].starts_with("line 6: アイロン") && reasons[2].contains("line 2"), "{reasons:?}");
    assert_eq!(imported.catalog.items[2].notes["ja"], "要予約", "a fee column holding text keeps it as a note");
}

#[test]
fn tsus_list_imports_with_readings_and_translations_from_the_companion_files_and_its_duplicates_reported() {
    let Some(data) = shared_catalogs() else { return };
    let imported = import(Format::Tsu, "tsu", &data.join("tsu-mie/original.csv"), &no_progress).unwrap();
    assert_eq!(imported.rows, 3984);
    assert_eq!(imported.catalog.items.len(), 3979);
    assert_eq!(imported.skipped.len(), 5, "{:?}", imported.skipped);
    assert!(imported.skipped.iter().all(|s| s.reason.starts_with("the same item")));
    let first = &imported.catalog.items[0];
    assert_eq!(first.full_name(), "アートパネル（木製）");
    assert_eq!(first.id.as_deref(), Some("1"));
    assert_eq!(first.reading.as_deref(), Some("あーとぱねる"));
    assert_eq!(first.notes["ja"], "金具は出来る限り取り除く。");
    assert!(imported.catalog.categories.contains_key("燃やせるゴミ"));
    let bucket = imported.catalog.items.iter().find(|item| item.full_name() == "バケツ(プラスチック製)").unwrap();
    assert_eq!(bucket.names["en"][0], "Bucket", "the city's own translation first, without its bracket");
    assert!(bucket.names.contains_key("es") && bucket.names.contains_key("zh-Hans"), "{:?}", bucket.names);
}

#[test]
fn kanazawas_5374_folder_imports_items_guidance_and_collection_days() {
    let Some(data) = shared_catalogs() else { return };
    let imported = import(Format::Five374, "kanazawa", &data.join("kanazawa-5374"), &no_progress).unwrap();
    assert_eq!(imported.rows, 1251);
    assert_eq!(imported.catalog.items.len() + imported.skipped.len(), 1251);
    let burnable = &imported.catalog.categories["燃やすごみ"];
    assert!(burnable.how["ja"].contains("週2回"), "{:?}", burnable.how);
    let cup = imported.catalog.items.iter().find(|i| i.full_name() == "アイスクリームのカップ容器紙製").unwrap();
    assert_eq!((cup.name.as_str(), cup.qualifier.as_deref()), ("アイスクリームのカップ容器", Some("紙製")));
    let days = imported.catalog.collection_days.as_ref().unwrap();
    assert_eq!(days.header[0], "校下・地区");
    assert!(days.rows.len() > 50, "{}", days.rows.len());
}

#[test]
fn madoguchis_own_csv_carries_translations_synonyms_and_category_guidance() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("categories.csv"),
        "id,name:ja,name:en,how:ja,how:en\nburn,もえるごみ,Burnable,袋に入れて出す,Put it in a bag\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("items.csv"),
        "name,reading,qualifier,category,synonyms,fee,notes,notes:en,name:en,name:vi\n\
         傘,かさ,,burn,アンブレラ|かさ,,骨は外す,Remove the ribs,umbrella,cái ô\n\
         鍋,なべ,,burn,,abc,,,pot,\n",
    )
    .unwrap();
    let imported = import(Format::Madoguchi, "t", &dir.path().join("items.csv"), &no_progress).unwrap();
    assert_eq!(imported.catalog.items.len(), 1);
    let umbrella = &imported.catalog.items[0];
    assert_eq!(umbrella.synonyms, ["アンブレラ", "かさ"]);
    assert_eq!(umbrella.names["vi"], ["cái ô"]);
    assert_eq!(umbrella.notes["en"], "Remove the ribs");
    assert_eq!(imported.catalog.categories["burn"].how["en"], "Put it in a bag");
    assert!(imported.skipped[0].entry.contains("鍋") && imported.skipped[0].reason.contains("fee"));
}

#[test]
fn a_tsu_translation_is_found_by_the_japanese_name_since_the_older_list_numbers_rows_otherwise() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("original.csv"),
        "ID,並び順,50音,品目,分別区分,分別区分（略称）,出し方のポイント\n\
         1,1,か,傘（金属製）,燃やせないゴミ,不燃,\n\
         2,2,か,かご,燃やせるゴミ,可燃,\n",
    )
    .unwrap();
    let older = dir.path().join("2015-multilingual");
    std::fs::create_dir(&older).unwrap();
    std::fs::write(older.join("tsu_gomi.ja.utf8.csv"), "7,かさ（ぷらすちっく）,傘（プラスチック製）,x,x,\n").unwrap();
    std::fs::write(older.join("tsu_gomi.en.utf8.csv"), "7,Umbrella (plastic),x,x,\n8,Basket,x,x,\n").unwrap();
    let imported = import(Format::Tsu, "tsu", &dir.path().join("original.csv"), &no_progress).unwrap();
    let [umbrella, basket] = &imported.catalog.items[..] else { panic!("{:?}", imported.catalog.items) };
    assert_eq!(umbrella.names["en"][0], "Umbrella", "every variant of 傘 is an umbrella");
    assert!(!basket.names.get("en").is_some_and(|names| names.contains(&"Basket".to_owned())), "row 8 names nothing");
}
