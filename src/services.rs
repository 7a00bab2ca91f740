//! The services this build offers flows, as named actions: the one list `serve`, `flows check` and `flows test` share.

use crate::flow::action::Actions;
use sqlx::SqlitePool;

/// Every action; with a database, what they record (lookups for the usage report) is kept there.
pub fn actions(pool: Option<&SqlitePool>) -> Actions {
    let mut actions = Actions::new();
    crate::garbage::register_demo(&mut actions, pool.cloned());
    actions
}

/// Every action, recording nothing: for checking flows, and for tests.
pub fn without_database() -> Actions {
    actions(None)
}

/// The names of every action, for checking flows.
pub fn action_names() -> Vec<String> {
    without_database().names().map(str::to_owned).collect()
}
