//! Helpers: a scratch copy of the shipped flows and locales that a test may edit.

use std::path::{Path, PathBuf};

/// The crate's root, where `flows/`, `locales/` and `tests/conversations/` live.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A temporary folder holding copies of `flows/` and `locales/`.
pub struct Scratch {
    pub dir: tempfile::TempDir,
}

impl Scratch {
    pub fn new() -> Scratch {
        let dir = tempfile::tempdir().expect("a temporary folder");
        copy(&root().join("flows"), &dir.path().join("flows"));
        copy(&root().join("locales"), &dir.path().join("locales"));
        Scratch { dir }
    }

    pub fn flows(&self) -> PathBuf {
        self.dir.path().join("flows")
    }

    pub fn locales(&self) -> PathBuf {
        self.dir.path().join("locales")
    }

    /// Writes `text` to `relative` (under the scratch folder), creating folders as needed.
    pub fn write(&self, relative: &str, text: &str) -> PathBuf {
        let path = self.dir.path().join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        path
    }

    /// Appends `text` to an existing file.
    pub fn append(&self, relative: &str, text: &str) {
        let path = self.dir.path().join(relative);
        let mut old = std::fs::read_to_string(&path).unwrap();
        old.push_str(text);
        std::fs::write(&path, old).unwrap();
    }
}

fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}
