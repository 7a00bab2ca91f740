//! Rebuilds the crate when a migration, a shipped flow or a shipped locale changes, so nothing embedded is stale.

fn main() {
    println!("cargo:rerun-if-changed=migrations");
    println!("cargo:rerun-if-changed=flows");
    println!("cargo:rerun-if-changed=locales");
}
