//! What the demo city knows of an item a city lists under the same name: its reading, its colloquial names and its
//! names in the other 12 languages, lent to the city's item where the city's own list says nothing of them. Most
//! cities publish names in Japanese only; residents write in 13 languages and in kana or romaji.

use crate::garbage::catalog::{Item, demo};
use crate::garbage::normalize::{fold, fold_all};
use std::collections::{HashMap, HashSet};

/// Lends the demo city's reading, synonyms and names to every item of `items` with a demo item's name (its whole name
/// or one part of a name that lists several things) or written as it is read (いす for 椅子, which is also lent). The
/// reading goes to every variant; the rest of a demo item with a qualifier only to the city's variant of the same
/// qualifier. What a city wrote itself is never replaced (its names stay first), and no item is given another of the
/// city's item names or qualifiers as a synonym. Returns how many items were lent anything.
pub fn lend_from_demo(items: &mut [Item]) -> usize {
    let demo = demo();
    let mut by_name: HashMap<String, Vec<&Item>> = HashMap::new();
    let mut by_reading: HashMap<String, Vec<&Item>> = HashMap::new();
    // By its own name or reading only: the demo's colloquial names are often wider (its 掃除機 is also ロボット掃除機).
    for item in &demo.items {
        by_name.entry(fold(&item.name)).or_default().push(item);
        if let Some(reading) = &item.reading {
            by_reading.entry(fold(reading)).or_default().push(item);
        }
    }
    // A city that lists トースター and オーブントースター apart keeps them apart: no item borrows another's name.
    let names: HashSet<String> = items
        .iter()
        .flat_map(|item| std::iter::once(fold(&item.name)).chain(item.qualifier.as_deref().map(fold_all)))
        .collect();
    let mut lent = 0;
    for item in items.iter_mut() {
        let whole = fold(&item.name);
        // The same word written otherwise (いす / 椅子, 茶わん / 茶碗): the city's name, or its reading, is the demo's
        // reading. The other spelling is lent to every variant; the rest follows the qualifier.
        let said_alike: Vec<&Item> = [Some(whole.clone()), item.reading.as_deref().map(fold)]
            .into_iter()
            .flatten()
            .filter_map(|sound| by_reading.get(&sound))
            .flatten()
            .copied()
            .collect();
        for demo in &said_alike {
            let spelling = fold(&demo.name);
            if spelling != whole && !names.contains(&spelling) && !item.synonyms.contains(&demo.name) {
                item.synonyms.push(demo.name.clone());
            }
        }
        // A name is read the same whatever its size or material: the demo's reading goes to every variant, beside
        // the city's own where they differ (傘 is かさ to residents, からかさ in Tsu's list).
        let reading = by_name.get(&whole).into_iter().flatten().find_map(|demo| demo.reading.as_ref());
        let read = match (reading, &item.reading) {
            (Some(reading), None) => {
                item.reading = Some(reading.clone());
                true
            }
            (Some(reading), Some(ours)) if fold(ours) != fold(reading) && !item.synonyms.contains(reading) => {
                item.synonyms.push(reading.clone());
                true
            }
            _ => false,
        };
        let lender = std::iter::once(whole.clone())
            .chain(item.name.split(['・', '、', '/', '／']).map(fold).filter(|part| *part != whole))
            .filter_map(|name| by_name.get(&name))
            .flatten()
            .chain(&said_alike)
            .find(|demo| match (&demo.qualifier, &item.qualifier) {
                (None, _) => true,
                (Some(theirs), Some(ours)) => fold_all(theirs) == fold_all(ours),
                (Some(_), None) => false,
            });
        let Some(demo) = lender else {
            lent += usize::from(read || !said_alike.is_empty());
            continue;
        };
        for synonym in &demo.synonyms {
            if !item.synonyms.contains(synonym) && !names.contains(&fold(synonym)) {
                item.synonyms.push(synonym.clone());
            }
        }
        // A demo item wider than the city's (its 革製品 is also 財布, which the city lists apart) lends in each language
        // only its own name, which comes first: its other names there are the things the city lists apart (`wallet`).
        let wider = demo.synonyms.iter().any(|synonym| names.contains(&fold(synonym)));
        for (language, theirs) in &demo.names {
            let ours = item.names.entry(language.clone()).or_default();
            for name in theirs.iter().take(if wider { 1 } else { usize::MAX }) {
                if !ours.contains(name) {
                    ours.push(name.clone());
                }
            }
        }
        lent += 1;
    }
    lent
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(name: &str, qualifier: Option<&str>) -> Item {
        Item {
            id: None,
            name: name.into(),
            official: None,
            reading: None,
            category: "x".into(),
            qualifier: qualifier.map(Into::into),
            synonyms: Vec::new(),
            notes: Default::default(),
            fee: None,
            names: Default::default(),
        }
    }

    #[test]
    fn an_item_the_demo_city_knows_gets_its_reading_and_names_in_other_languages() {
        let mut items = vec![item("アイロン", None), item("携帯電話・スマートフォン", None), item("謎の物体", None)];
        assert_eq!(lend_from_demo(&mut items), 2);
        assert!(items[0].names["en"].contains(&"iron".to_owned()));
        assert!(items[0].reading.is_some());
        assert!(!items[1].names.is_empty());
        assert!(items[2].names.is_empty() && items[2].reading.is_none());
    }

    #[test]
    fn an_item_written_in_kana_borrows_the_demo_kanji_for_every_variant() {
        let mut items = vec![item("いす", Some("木製")), item("いす", Some("金属製"))];
        lend_from_demo(&mut items);
        assert!(items.iter().all(|item| item.synonyms.contains(&"椅子".to_owned())), "{items:?}");
    }

    #[test]
    fn every_variant_is_read_as_the_demo_reads_its_name_beside_the_city_own_reading() {
        let mut items = vec![item("傘", Some("骨組みが金属の物")), item("傘", Some("布製"))];
        items[0].reading = Some("からかさ".into());
        assert_eq!(lend_from_demo(&mut items), 2, "a reading alone is lent too");
        assert!(items[0].synonyms.contains(&"カサ".to_owned()), "{:?}", items[0]);
        assert_eq!(items[0].reading.as_deref(), Some("からかさ"));
        assert_eq!(items[1].reading.as_deref(), Some("カサ"));
        assert!(items[1].names.is_empty(), "the names of a variant stay with the variant");
    }

    #[test]
    fn a_variant_borrows_only_from_the_demo_variant_of_the_same_size_and_the_city_own_words_stay() {
        let mut items = vec![item("アイロン台", Some("一辺の長さ30cm超")), item("アイロン台", Some("木製"))];
        items[0].names.insert("en".into(), vec!["big ironing board".into()]);
        lend_from_demo(&mut items);
        assert_eq!(items[0].names["en"][0], "big ironing board");
        assert!(items[0].names["en"].contains(&"ironing board".to_owned()));
        assert!(items[0].names.contains_key("ko"));
        assert!(items[1].names.is_empty());
    }

    #[test]
    fn a_demo_item_wider_than_the_city_lends_only_its_own_name_in_each_language() {
        let mut items = vec![item("革製品", None), item("財布", None), item("時計", None)];
        lend_from_demo(&mut items);
        assert_eq!(items[0].names["en"], ["leather goods"], "wallet is the city's 財布");
        assert!(!items[0].synonyms.contains(&"財布".to_owned()));
        assert_eq!(items[2].names["en"], ["clock", "watch", "alarm clock"], "no 腕時計 of the city's own");
    }
}
