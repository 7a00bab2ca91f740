//! Garbage sorting: a city's catalog, a search that forgives how residents write, and the `garbage.lookup` action.

pub mod catalog;
pub mod correct;
pub mod describe;
pub mod homophones;
pub mod import;
pub mod loanword;
pub mod lookup;
pub mod normalize;
pub mod readings;
pub mod romaji;
pub mod search;
pub mod shelf;
pub mod tools;

use crate::flow::action::Actions;
use sqlx::SqlitePool;
use std::sync::Arc;

/// Registers `garbage.lookup` answering from `shelf` (with `corrector` for queries nothing matched), logging
/// lookups in `pool` when there is one.
pub fn register(
    actions: &mut Actions,
    shelf: Arc<shelf::Shelf>,
    corrector: Option<Arc<correct::Corrector>>,
    pool: Option<SqlitePool>,
) {
    actions.register("garbage.lookup", Arc::new(lookup::GarbageLookup::new(shelf, corrector, pool)));
}
