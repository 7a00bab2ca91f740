//! Garbage sorting: a city's catalog, a search that forgives how residents write, and the `garbage.lookup` action.

pub mod catalog;
pub mod lookup;
pub mod normalize;
pub mod search;

use crate::flow::action::Actions;
use sqlx::SqlitePool;
use std::sync::Arc;

/// Registers `garbage.lookup` over the demo city's catalog, logging lookups in `pool` when there is one.
pub fn register_demo(actions: &mut Actions, pool: Option<SqlitePool>) {
    let index = Arc::new(search::Index::new(catalog::demo()));
    actions.register("garbage.lookup", Arc::new(lookup::GarbageLookup::new(index, pool)));
}
