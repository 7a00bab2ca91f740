//! The services this build offers flows, as named actions: the one list `serve`, `flows check` and `flows test` share.

use crate::flow::action::Actions;
use crate::garbage::correct::Corrector;
use crate::garbage::shelf::Shelf;
use sqlx::SqlitePool;
use std::sync::Arc;

/// Every action, answering garbage questions from `garbage` (the city's catalog, and a language model to correct
/// queries where one is configured); with a database, what they record (lookups for the usage report) is kept there.
pub fn serving(garbage: Arc<Shelf>, corrector: Option<Arc<Corrector>>, pool: Option<&SqlitePool>) -> Actions {
    let mut actions = Actions::new();
    crate::garbage::register(&mut actions, garbage, corrector, pool.cloned());
    actions
}

/// Every action for the demo city built into the binary.
pub fn actions(pool: Option<&SqlitePool>) -> Actions {
    serving(Arc::new(Shelf::fixed(crate::garbage::catalog::demo())), None, pool)
}

/// Every action, recording nothing: for checking flows, and for tests.
pub fn without_database() -> Actions {
    actions(None)
}

/// The names of every action, for checking flows.
pub fn action_names() -> Vec<String> {
    without_database().names().map(str::to_owned).collect()
}
