//! Load and parse: from the files in `content/` to the typed [`Review`].
//!
//! 1. [`load`] walks `content/` (sorted, so every run sees the same order),
//!    reads each file whole and keeps its text in [`Sources`], with the line
//!    starts needed to turn offsets into line:column.
//! 2. [`frontmatter`] splits a Markdown file into its YAML block and body,
//!    keeping whole-file line numbers.
//! 3. [`yaml`] deserialises strictly and turns YAML errors into diagnostics,
//!    reading on past each problem where the text allows; the mistakes
//!    authors make most often are recognised by `mistakes`, which shows
//!    the line put right.
//! 4. [`markdown`] renders a body to sanitised HTML with heading ids, a
//!    contents list, footnotes, GFM alerts and placeholders for internal links.
//! 5. [`parse`] does the above for each file of each content type and
//!    assembles the [`Review`]. Each file is parsed on its own, so results can
//!    be cached per file.
//! 6. [`Memos`] keeps the results of reading and parsing each file (and of
//!    the privacy lint's scan of it) between the live preview's rebuilds;
//!    the preview owns it and passes it to each run.
//!
//! [`Review`]: crate::model::Review

pub mod frontmatter;
mod load;
pub mod markdown;
mod memo;
mod mistakes;
pub mod parse;
pub mod reader;
mod removed;
pub mod resources;
pub mod sanitise;
pub mod yaml;

pub use load::{ContentKind, is_ignored_name, load, relative_path};
pub(crate) use memo::FileKey;
pub use memo::Memos;
pub use parse::parse;

use reader::ReaderText;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

pub use crate::model::FileId;

/// One file read from the project, with its text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the project root, with `/` separators.
    pub path: String,
    /// What the file is, by where it lives.
    pub kind: ContentKind,
    /// The whole text.
    pub text: String,
    /// The file is not UTF-8: `text` is what there is to show of it in
    /// its diagnostic (each byte that is not UTF-8 as U+FFFD), and no stage
    /// parses or scans it.
    pub unreadable: bool,
    line_starts: Vec<usize>,
    /// A hash of `text`, worked out the first time it is asked for.
    hash: OnceLock<u64>,
    /// The text as a reader sees it: left by `parse` when it renders the
    /// file's body, else worked out the first time it is asked for.
    reading: OnceLock<ReaderText>,
}

impl SourceFile {
    /// A file from its project-relative path and text.
    pub fn new(path: impl Into<String>, kind: ContentKind, text: String) -> Self {
        // A line ends at `\n`, `\r\n` or a `\r` alone, as CommonMark and
        // YAML both count lines, so a position either parser reports is a
        // line here too (found by fuzzing: a file with old Mac line
        // endings had YAML errors on lines this index did not have).
        let bytes = text.as_bytes();
        let line_starts = std::iter::once(0)
            .chain(bytes.iter().enumerate().filter_map(|(i, b)| match b {
                b'\n' => Some(i + 1),
                b'\r' if bytes.get(i + 1) != Some(&b'\n') => Some(i + 1),
                _ => None,
            }))
            .collect();
        SourceFile {
            path: path.into(),
            kind,
            text,
            unreadable: false,
            line_starts,
            hash: OnceLock::new(),
            reading: OnceLock::new(),
        }
    }

    /// The text as a reader sees it (see [`reader`]): a Markdown file's
    /// front matter and body, anything else read as YAML. Each file is read
    /// once: `parse` leaves the reading of a file whose body it renders,
    /// made from the same parse of the body.
    pub fn reading(&self) -> &ReaderText {
        self.reading
            .get_or_init(|| reader::reader_text(&self.text, self.path.ends_with(".md")))
    }

    /// Keep `reading` as the file's reading, unless it has one already.
    pub(crate) fn read_as(&self, reading: ReaderText) {
        let _ = self.reading.set(reading);
    }

    /// A hash of the whole text, computed once per file: the preview's
    /// memos and its "which files changed" both key on it.
    pub fn text_hash(&self) -> u64 {
        *self.hash.get_or_init(|| {
            use std::hash::{Hash, Hasher};
            let mut h = std::collections::hash_map::DefaultHasher::new();
            self.text.hash(&mut h);
            h.finish()
        })
    }

    /// The file stem (`diverse-needs` for `findings/a/diverse-needs.md`).
    pub fn stem(&self) -> &str {
        let name = self.path.rsplit('/').next().unwrap_or(&self.path);
        name.rsplit_once('.').map_or(name, |(stem, _)| stem)
    }

    /// Text of a 1-based line, without its line ending.
    pub fn line(&self, line: usize) -> Option<&str> {
        let start = *self.line_starts.get(line.checked_sub(1)?)?;
        let end = self
            .line_starts
            .get(line)
            .copied()
            .unwrap_or(self.text.len());
        Some(self.text[start..end].trim_end_matches(['\n', '\r']))
    }

    /// 1-based line and character column of a byte offset.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&s| s <= offset);
        let start = self.line_starts[line - 1];
        let column = self.text[start..offset].chars().count() + 1;
        (line, column)
    }
}

/// Every file read from the project.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    /// The project root.
    pub root: PathBuf,
    /// The files, sorted by path.
    pub files: Vec<SourceFile>,
    /// The resources (images and downloads) among them, with their bytes.
    pub resources: crate::model::Resources,
}

impl Sources {
    /// Sources for a root with no files yet.
    pub fn new(root: &Path) -> Self {
        Sources {
            root: root.to_path_buf(),
            files: Vec::new(),
            resources: crate::model::Resources::new(),
        }
    }

    /// Add a file and return its id.
    pub fn add(&mut self, file: SourceFile) -> FileId {
        self.files.push(file);
        self.files.len() - 1
    }

    /// The file with this id.
    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id]
    }

    /// The project-relative path of a file, for messages.
    pub fn path_string(&self, id: FileId) -> String {
        self.files
            .get(id)
            .map_or_else(String::new, |f| f.path.clone())
    }

    /// Text of a 1-based line of a file.
    pub fn line(&self, id: FileId, line: usize) -> Option<&str> {
        self.files.get(id)?.line(line)
    }

    /// Files of one kind, with their ids.
    pub fn of_kind(&self, kind: ContentKind) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files
            .iter()
            .enumerate()
            .filter(move |(_, f)| f.kind == kind)
    }

    /// The id of the file at a project-relative path.
    pub fn find(&self, path: &str) -> Option<FileId> {
        self.files.iter().position(|f| f.path == path)
    }
}

impl crate::diagnostic::SourceText for Sources {
    fn path(&self, file: FileId) -> String {
        self.path_string(file)
    }

    fn line(&self, file: FileId, line: usize) -> Option<&str> {
        Sources::line(self, file, line)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_lines_and_character_columns() {
        let f = SourceFile::new("x.md", ContentKind::Page, "ab\r\né x\n\nlast".into());
        assert_eq!(f.line(1), Some("ab"));
        assert_eq!(f.line(2), Some("é x"));
        assert_eq!(f.line(4), Some("last"));
        assert_eq!(f.line(5), None);
        assert_eq!(f.position(0), (1, 1));
        // "é" is two bytes; the x after it is column 3.
        assert_eq!(f.position(4 + 3), (2, 3));
        assert_eq!(f.position(f.text.len()), (4, 5));
        assert_eq!(f.stem(), "x");
        // A carriage return alone ends a line too.
        let mac = SourceFile::new("x.yaml", ContentKind::Report, "a: 1\rb: 2\r\rc".into());
        assert_eq!(mac.line(2), Some("b: 2"));
        assert_eq!(mac.line(4), Some("c"));
        assert_eq!(mac.position(5), (2, 1));
    }
}
