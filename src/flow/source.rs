//! Where flows and wording come from: the operators' folders when they exist, otherwise the copies compiled into the
//! binary; and the `file:line:column: message` diagnostics every loader reports in.

use include_dir::{Dir, include_dir};
use std::fmt;
use std::path::{Path, PathBuf};

static EMBEDDED_FLOWS: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/flows");
static EMBEDDED_LOCALES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/locales");

/// One file an operator wrote, with the path diagnostics name it by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// As shown to the operator: the path on disk, or `flows/…` for an embedded file.
    pub path: String,
    /// Path relative to its folder, with `/` separators (`menu.yaml`, `ja/main.ftl`).
    pub relative: String,
    pub text: String,
}

/// One problem found in a flow, a commands file or a locale, located for the operator's editor.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    pub file: String,
    /// 1-based; 0 when the problem is about the file as a whole.
    pub line: u32,
    pub col: u32,
    pub message: String,
}

impl Diagnostic {
    pub fn new(file: impl Into<String>, line: u32, col: u32, message: impl Into<String>) -> Diagnostic {
        Diagnostic { file: file.into(), line, col, message: message.into() }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: {}", self.file, self.line, self.col, self.message)
    }
}

/// Which folder a set of files comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Folder(PathBuf),
    /// The defaults shipped inside the binary.
    Embedded,
}

impl Origin {
    /// The folder when it exists, the embedded defaults otherwise.
    pub fn folder_or_embedded(folder: &Path) -> Origin {
        if folder.is_dir() { Origin::Folder(folder.to_owned()) } else { Origin::Embedded }
    }
}

/// The flow files (`*.yaml`) of an origin, sorted by path.
pub fn flow_files(origin: &Origin) -> Result<Vec<SourceFile>, Diagnostic> {
    read(origin, &EMBEDDED_FLOWS, "flows", &["yaml", "yml"])
}

/// The Fluent files (`<locale>/*.ftl`) of an origin, sorted by path.
pub fn locale_files(origin: &Origin) -> Result<Vec<SourceFile>, Diagnostic> {
    read(origin, &EMBEDDED_LOCALES, "locales", &["ftl"])
}

fn read(
    origin: &Origin,
    embedded: &Dir<'static>,
    name: &str,
    extensions: &[&str],
) -> Result<Vec<SourceFile>, Diagnostic> {
    let wanted = |path: &Path| path.extension().and_then(|e| e.to_str()).is_some_and(|e| extensions.contains(&e));
    let mut files = Vec::new();
    match origin {
        Origin::Embedded => collect_embedded(embedded, name, &wanted, &mut files),
        Origin::Folder(folder) => collect_folder(folder, folder, &wanted, &mut files)?,
    }
    files.sort_by(|a, b| a.relative.cmp(&b.relative));
    Ok(files)
}

fn collect_embedded(dir: &Dir<'static>, name: &str, wanted: &dyn Fn(&Path) -> bool, files: &mut Vec<SourceFile>) {
    for file in dir.files() {
        if wanted(file.path()) {
            let relative = file.path().to_string_lossy().replace('\\', "/");
            files.push(SourceFile {
                path: format!("{name}/{relative}"),
                relative,
                text: String::from_utf8_lossy(file.contents()).into_owned(),
            });
        }
    }
    for sub in dir.dirs() {
        collect_embedded(sub, name, wanted, files);
    }
}

fn collect_folder(
    root: &Path,
    folder: &Path,
    wanted: &dyn Fn(&Path) -> bool,
    files: &mut Vec<SourceFile>,
) -> Result<(), Diagnostic> {
    let unreadable =
        |path: &Path, error: std::io::Error| Diagnostic::new(path.display().to_string(), 0, 0, error.to_string());
    let entries = std::fs::read_dir(folder).map_err(|e| unreadable(folder, e))?;
    for entry in entries {
        let path = entry.map_err(|e| unreadable(folder, e))?.path();
        if path.is_dir() {
            collect_folder(root, &path, wanted, files)?;
        } else if wanted(&path) {
            let text = std::fs::read_to_string(&path).map_err(|e| unreadable(&path, e))?;
            let relative = path.strip_prefix(root).unwrap_or(&path).to_string_lossy().replace('\\', "/");
            files.push(SourceFile { path: path.display().to_string(), relative, text });
        }
    }
    Ok(())
}

/// Line and column (1-based, in characters) of a byte offset in `text`.
pub fn line_col(text: &str, offset: usize) -> (u32, u32) {
    let offset = offset.min(text.len());
    let before = &text[..text.floor_char_boundary(offset)];
    let line = before.matches('\n').count() as u32 + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) as u32 + 1;
    (line, col)
}
