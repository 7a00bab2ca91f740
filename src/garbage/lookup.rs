//! The `garbage.lookup` action flows call: a resident's words (or the candidate they picked) in, the city's answer
//! out as variables in the resident's language: `result` = `found` (item, category, how, notes, fee), `choose`
//! (up to three `candidates`) or `none`. Every lookup is logged for the usage report.

use super::catalog::Item;
use super::correct::Corrector;
use super::search::{Hit, Index};
use super::shelf::Shelf;
use crate::flow::action::{Action, ActionContext, ActionError, ActionOutcome};
use futures::future::BoxFuture;
use serde_json::{Map, Value, json};
use sqlx::SqlitePool;
use std::sync::Arc;

/// The postback value of a candidate: this prefix and the item's full official name.
pub const PICKED: &str = "garbage-item=";
/// Below this score a hit is not offered at all.
const FLOOR: f64 = 0.45;
/// From this score on, a hit clearly ahead of the rest is taken as the item meant.
const SURE: f64 = 0.9;
/// How far ahead of the next item the best must be to be taken without asking.
const MARGIN: f64 = 0.05;
/// A likely hit (a typo, a description) far enough ahead of every other is taken without asking too.
const LIKELY: f64 = 0.75;
const LEAD: f64 = 0.2;
/// At most this many candidates are offered.
const CANDIDATES: usize = 3;
/// LINE's limit on a quick-reply label.
const LABEL_CHARS: usize = 20;

/// One city's catalog answering lookups, and the database the lookups are logged in (none in `flows check`).
pub struct GarbageLookup {
    shelf: Arc<Shelf>,
    corrector: Option<Arc<Corrector>>,
    pool: Option<SqlitePool>,
}

impl GarbageLookup {
    pub fn new(shelf: Arc<Shelf>, corrector: Option<Arc<Corrector>>, pool: Option<SqlitePool>) -> GarbageLookup {
        GarbageLookup { shelf, corrector, pool }
    }

    /// What to answer for `args` from `index`, asking the language model where one is configured and nothing
    /// matched well; no logging.
    pub async fn answer(
        &self,
        index: &Index,
        args: &Map<String, Value>,
        language: &str,
    ) -> Result<Answer, ActionError> {
        if let Some(picked) = args.get("item").and_then(Value::as_str) {
            let key = picked.strip_prefix(PICKED).unwrap_or(picked);
            let items = &index.catalog().items;
            let found = items
                .iter()
                .position(|item| item.key() == key)
                .or_else(|| items.iter().position(|item| item.full_name() == key));
            return Ok(match found {
                Some(item) => Answer::Found(item),
                None => Answer::None,
            });
        }
        let query = args
            .get("query")
            .and_then(Value::as_str)
            .ok_or_else(|| ActionError::Argument("query".into(), "a text or an `item` is needed".into()))?;
        let hits = super::correct::search(index, self.corrector.as_deref(), query, language, 10, FLOOR).await;
        Ok(decide(index, &hits))
    }

    /// The variables for a flow: what the resident is told, in their language. Every variable is set on every
    /// lookup (empty when it does not apply), so nothing of an earlier lookup lingers in the session.
    pub fn vars(index: &Index, answer: &Answer, language: &str) -> Map<String, Value> {
        let mut vars = Map::new();
        for name in ["item", "category", "how", "notes", "fee"] {
            vars.insert(name.into(), json!(""));
        }
        vars.insert("candidates".into(), json!([]));
        match answer {
            Answer::Found(item) => {
                let item = &index.catalog().items[*item];
                let category = &index.catalog().categories[&item.category];
                vars.insert("result".into(), json!("found"));
                vars.insert("item".into(), json!(display_name(item, language)));
                vars.insert("category".into(), json!(localized(&category.name, language)));
                vars.insert("how".into(), json!(localized(&category.how, language)));
                if let Some(notes) = localized(&item.notes, language) {
                    vars.insert("notes".into(), json!(notes));
                }
                if let Some(fee) = item.fee {
                    vars.insert(
                        "fee".into(),
                        json!(if language == "ja" { format!("{fee}円") } else { format!("¥{fee}") }),
                    );
                }
            }
            Answer::Choose(items) => {
                let items: Vec<&Item> = items.iter().map(|&i| &index.catalog().items[i]).collect();
                let names: Vec<String> = items.iter().map(|item| resident_name(item, language)).collect();
                let candidates: Vec<Value> = items
                    .iter()
                    .zip(&names)
                    .map(|(item, name)| {
                        // The resident's own word tells candidates apart unless two share it; then the qualifier
                        // does, or else the category.
                        let shared = names.iter().filter(|other| *other == name).count() > 1;
                        let label = match (&item.qualifier, shared) {
                            (Some(qualifier), true) => format!("{name} {qualifier}"),
                            (None, true) => {
                                let category = &index.catalog().categories[&item.category];
                                format!("{name} {}", localized(&category.name, language).unwrap_or(&item.category))
                            }
                            _ => name.clone(),
                        };
                        let label: String = label.chars().take(LABEL_CHARS).collect();
                        json!({"label": label.trim_end(), "value": format!("{PICKED}{}", item.key())})
                    })
                    .collect();
                vars.insert("result".into(), json!("choose"));
                vars.insert("candidates".into(), Value::Array(candidates));
            }
            Answer::None => {
                vars.insert("result".into(), json!("none"));
            }
        }
        vars
    }

    async fn log(
        &self,
        index: &Index,
        context: &ActionContext,
        args: &Map<String, Value>,
        answer: &Answer,
    ) -> Result<(), sqlx::Error> {
        let Some(pool) = &self.pool else { return Ok(()) };
        let (method, query) =
            match (args.get("item").and_then(Value::as_str), args.get("query").and_then(Value::as_str)) {
                (Some(item), _) => ("choice", item.strip_prefix(PICKED).unwrap_or(item)),
                (None, query) => ("text", query.unwrap_or_default()),
            };
        let (outcome, item) = match answer {
            Answer::Found(item) => ("found", Some(index.catalog().items[*item].full_name())),
            Answer::Choose(_) => ("choose", None),
            Answer::None => ("none", None),
        };
        sqlx::query(
            "INSERT INTO garbage_lookups (event_id, at, city, language, method, query, item, outcome)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING",
        )
        .bind(context.event_id.as_deref().map(|id| format!("{id}:{method}")))
        .bind(context.now_ms)
        .bind(&index.catalog().city)
        .bind(&context.language)
        .bind(method)
        .bind(query)
        .bind(item)
        .bind(outcome)
        .execute(pool)
        .await?;
        Ok(())
    }
}

/// What a lookup found: one item (by position in the catalog), items to choose from, or nothing.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    Found(usize),
    Choose(Vec<usize>),
    None,
}

/// One sure item is the answer (or its size and material variants to choose from); otherwise the best few.
fn decide(index: &Index, hits: &[Hit]) -> Answer {
    let Some(best) = hits.first() else { return Answer::None };
    let name = &index.catalog().items[best.item].name;
    let next_other = hits.iter().find(|h| &index.catalog().items[h.item].name != name);
    let ahead_by = |lead: f64| next_other.is_none_or(|h| h.score + lead <= best.score);
    let sure = (best.score >= SURE && ahead_by(MARGIN)) || (best.score >= LIKELY && ahead_by(LEAD));
    if sure {
        let variants = index.variants(best.item);
        return match variants.len() {
            1 => Answer::Found(best.item),
            _ => Answer::Choose(variants.into_iter().take(CANDIDATES).collect()),
        };
    }
    let mut offered: Vec<usize> = Vec::new();
    for hit in hits {
        if offered.len() == CANDIDATES {
            break;
        }
        for variant in index.variants(hit.item) {
            if offered.len() < CANDIDATES && !offered.contains(&variant) {
                offered.push(variant);
            }
        }
    }
    if offered.len() == 1 { Answer::Found(offered[0]) } else { Answer::Choose(offered) }
}

/// Text in the resident's language, else English, else Japanese.
pub fn localized<'a>(texts: &'a std::collections::BTreeMap<String, String>, language: &str) -> Option<&'a str> {
    [language, "en", "ja"].iter().find_map(|l| texts.get(*l)).map(String::as_str).filter(|t| !t.is_empty())
}

/// The item as the resident calls it, with the city's official name beside it for the collection point.
fn display_name(item: &Item, language: &str) -> String {
    match resident_name(item, language) {
        theirs if language != "ja" && theirs != item.name => format!("{theirs} ({})", item.full_name()),
        _ => item.full_name(),
    }
}

/// The item's name in the resident's language, the official name where none is known.
fn resident_name(item: &Item, language: &str) -> String {
    match item.names.get(language).and_then(|names| names.first()) {
        Some(theirs) if language != "ja" => theirs.clone(),
        _ => item.name.clone(),
    }
}

impl Action for GarbageLookup {
    fn call<'a>(
        &'a self,
        context: &'a ActionContext,
        args: &'a Map<String, Value>,
    ) -> BoxFuture<'a, Result<ActionOutcome, ActionError>> {
        Box::pin(async move {
            let index = self.shelf.index().await;
            let answer = self.answer(&index, args, &context.language).await?;
            self.log(&index, context, args, &answer).await?;
            Ok(ActionOutcome { vars: GarbageLookup::vars(&index, &answer, &context.language), messages: Vec::new() })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::garbage::catalog::demo;

    async fn lookup() -> (tempfile::TempDir, GarbageLookup, SqlitePool) {
        let dir = tempfile::tempdir().unwrap();
        let pool = crate::db::connect(&format!("sqlite://{}", dir.path().join("g.db").display())).await.unwrap();
        (dir, GarbageLookup::new(Arc::new(Shelf::fixed(demo())), None, Some(pool.clone())), pool)
    }

    fn context(event: &str) -> ActionContext {
        ActionContext { user_id: "U1".into(), language: "en".into(), event_id: Some(event.into()), now_ms: 7 }
    }

    #[tokio::test]
    async fn every_lookup_is_logged_once_per_event_with_what_was_found_or_not() {
        let (_dir, lookup, pool) = lookup().await;
        let query = |q: &str| Map::from_iter([("query".to_owned(), json!(q))]);
        lookup.call(&context("01A"), &query("battery")).await.unwrap();
        lookup.call(&context("01A"), &query("battery")).await.unwrap();
        lookup.call(&context("01B"), &query("qwzx")).await.unwrap();
        let rows: Vec<(String, String, Option<String>, String, String)> =
            sqlx::query_as("SELECT language, query, item, outcome, method FROM garbage_lookups ORDER BY id")
                .fetch_all(&pool)
                .await
                .unwrap();
        assert_eq!(
            rows,
            [
                ("en".into(), "battery".into(), Some("乾電池".into()), "found".into(), "text".into()),
                ("en".into(), "qwzx".into(), None, "none".into(), "text".into()),
            ]
        );
    }

    #[tokio::test]
    async fn a_picked_candidate_is_answered_by_its_full_official_name_and_stale_answers_do_not_linger() {
        let (_dir, lookup, _pool) = lookup().await;
        let picked = Map::from_iter([("item".to_owned(), json!("garbage-item=アイロン台（一辺の長さ30cm超）"))]);
        let outcome = lookup.call(&context("01C"), &picked).await.unwrap();
        assert_eq!(outcome.vars["result"], "found");
        assert_eq!(outcome.vars["fee"], "¥400");
        let plain = Map::from_iter([("query".to_owned(), json!("アイロン"))]);
        let outcome = lookup.call(&context("01D"), &plain).await.unwrap();
        assert_eq!(outcome.vars["result"], "found");
        assert_eq!(outcome.vars["fee"], "", "no fee left over from the earlier answer");
    }
}
