//! Diagnostics: what every stage reports about the content.
//!
//! A [`Diagnostic`] names the file, line and column it is about, says what is
//! wrong and, where it can, what would be accepted. Stages collect them and
//! never print; the commands render them once, as text (with the source line
//! and a caret, through annotate-snippets) or as JSON for editors and CI.

use crate::model::FileId;
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde::Serialize;

/// What rendering a diagnostic needs from the loaded files: a path to name
/// and a line to show. The loaded sources provide it; diagnostics know
/// nothing else about loading.
pub trait SourceText {
    /// The project-relative path of a file.
    fn path(&self, file: FileId) -> String;
    /// The text of a 1-based line of a file, without its line ending.
    fn line(&self, file: FileId, line: usize) -> Option<&str>;
}

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The content cannot be built as written.
    Error,
    /// The content builds, but something is probably unintended.
    Warning,
}

/// A position in a source file: 1-based line and column (in characters),
/// and how many characters to underline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pos {
    /// 1-based line number in the whole file.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
    /// Characters to underline (at least one is shown).
    pub len: usize,
}

impl Pos {
    /// A position with an underline of `len` characters.
    pub fn new(line: usize, column: usize, len: usize) -> Self {
        Pos { line, column, len }
    }

    /// The start of a file, for problems with the file as a whole (its name
    /// or its place); editors jump to line 1.
    pub fn file_start() -> Self {
        Pos::new(1, 1, 0)
    }
}

/// One problem found in the content.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// A short stable code, e.g. `unknown-key` or `unknown-case`.
    pub code: &'static str,
    /// What is wrong, in one sentence.
    pub message: String,
    /// The file it is about, when there is one.
    pub file: Option<FileId>,
    /// Where in that file.
    pub pos: Option<Pos>,
    /// What would be accepted instead.
    pub help: Option<String>,
}

impl Diagnostic {
    /// An error about a file position.
    pub fn error(code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            message: message.into(),
            file: None,
            pos: None,
            help: None,
        }
    }

    /// A warning.
    pub fn warning(code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, message)
        }
    }

    /// Attach the file and position.
    pub fn at(mut self, file: FileId, pos: Option<Pos>) -> Self {
        self.file = Some(file);
        self.pos = pos;
        self
    }

    /// Attach a hint saying what would be accepted.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Sort diagnostics by file, then position, so output is stable.
pub fn sort(diagnostics: &mut [Diagnostic], sources: &dyn SourceText) {
    diagnostics.sort_by(|a, b| {
        let path = |d: &Diagnostic| d.file.map(|f| sources.path(f));
        (path(a), a.pos, &a.message).cmp(&(path(b), b.pos, &b.message))
    });
}

/// Counts of errors and warnings.
pub fn counts(diagnostics: &[Diagnostic]) -> (usize, usize) {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    (errors, diagnostics.len() - errors)
}

/// Render diagnostics as human-readable text, each with its source line and
/// a caret, followed by a count line.
pub fn render_text(diagnostics: &[Diagnostic], sources: &dyn SourceText, color: bool) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    for d in diagnostics {
        out.push_str(&render_one(d, sources, &renderer));
        out.push_str("\n\n");
    }
    let (errors, warnings) = counts(diagnostics);
    if errors + warnings > 0 {
        out.push_str(&summary_line(errors, warnings));
        out.push('\n');
    }
    out
}

/// "2 errors, 1 warning" in words.
pub fn summary_line(errors: usize, warnings: usize) -> String {
    let plural = |n: usize, word: &str| {
        if n == 1 {
            format!("{n} {word}")
        } else {
            format!("{n} {word}s")
        }
    };
    format!(
        "{}, {}",
        plural(errors, "error"),
        plural(warnings, "warning")
    )
}

fn render_one(d: &Diagnostic, sources: &dyn SourceText, renderer: &Renderer) -> String {
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let path = d.file.map(|f| sources.path(f));
    let title = level.primary_title(d.message.as_str()).id(d.code);
    let mut groups: Vec<Group<'_>> = Vec::new();
    let line_text;
    match (d.file, d.pos, &path) {
        (Some(file), Some(pos), Some(path)) => {
            line_text = sources.line(file, pos.line).unwrap_or("").to_string();
            let (start, end) = char_range_to_bytes(&line_text, pos.column, pos.len);
            let snippet = Snippet::source(line_text.as_str())
                .line_start(pos.line)
                .path(path.as_str())
                .annotation(AnnotationKind::Primary.span(start..end));
            groups.push(title.element(snippet));
        }
        (Some(_), None, Some(path)) => {
            groups.push(title.element(annotate_snippets::Origin::path(path.as_str())));
        }
        _ => groups.push(Group::with_title(title)),
    }
    if let Some(help) = &d.help {
        groups.push(Group::with_title(
            Level::HELP.secondary_title(help.as_str()),
        ));
    }
    renderer.render(&groups)
}

/// Convert a 1-based character column and length into a byte range of `line`.
fn char_range_to_bytes(line: &str, column: usize, len: usize) -> (usize, usize) {
    let mut indices = line.char_indices().map(|(i, _)| i).chain([line.len()]);
    let start = indices.nth(column.saturating_sub(1)).unwrap_or(line.len());
    let mut rest = line[start..].char_indices().map(|(i, _)| i).skip(1);
    let end = if len == 0 {
        start
    } else {
        rest.nth(len - 1).map(|i| start + i).unwrap_or(line.len())
    };
    (start, end.max(start))
}

/// The JSON form of one diagnostic, for `check --format json` and the
/// preview's error panel.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct JsonDiagnostic {
    /// `error` or `warning`.
    pub severity: Severity,
    /// The stable code, e.g. `unknown-case`.
    pub code: &'static str,
    /// What is wrong.
    pub message: String,
    /// Project-relative path, when the problem is in a file.
    pub file: Option<String>,
    /// 1-based line.
    pub line: Option<usize>,
    /// 1-based column.
    pub column: Option<usize>,
    /// What would be accepted.
    pub help: Option<String>,
}

impl JsonDiagnostic {
    /// A diagnostic with its file named by path.
    pub fn new(d: &Diagnostic, sources: &dyn SourceText) -> JsonDiagnostic {
        JsonDiagnostic {
            severity: d.severity,
            code: d.code,
            message: d.message.clone(),
            file: d.file.map(|f| sources.path(f)),
            line: d.pos.map(|p| p.line),
            column: d.pos.map(|p| p.column),
            help: d.help.clone(),
        }
    }
}

/// Render diagnostics as a JSON document: `{"diagnostics": [...], "errors": N, "warnings": N}`.
pub fn render_json(diagnostics: &[Diagnostic], sources: &dyn SourceText) -> String {
    let list: Vec<JsonDiagnostic> = diagnostics
        .iter()
        .map(|d| JsonDiagnostic::new(d, sources))
        .collect();
    let (errors, warnings) = counts(diagnostics);
    let doc = serde_json::json!({"diagnostics": list, "errors": errors, "warnings": warnings});
    serde_json::to_string_pretty(&doc).unwrap_or_default()
}

/// Names as help text lists them: `` `a`, `b`, `c` ``.
pub fn code_list<S: AsRef<str>>(names: impl IntoIterator<Item = S>) -> String {
    names
        .into_iter()
        .map(|n| format!("`{}`", n.as_ref()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The known key closest to `word`, when one is close enough to be a likely
/// misspelling: at most a third of the word's characters changed (at least
/// one), and fewer than either has, so that a short id is never offered
/// for another that shares nothing with it (`5` is not a misspelling of
/// `1`, though one edit turns one into the other).
pub fn nearest<'a>(word: &str, known: &[&'a str]) -> Option<&'a str> {
    let length = word.chars().count();
    let limit = (length / 3).max(1);
    known
        .iter()
        .map(|k| (edit_distance(word, k), *k))
        .filter(|(d, k)| *d <= limit && *d < length.min(k.chars().count()))
        .min()
        .map(|(_, k)| k)
}

/// Help for `word`, which is none of `known` (`what` they are, in the
/// plural): the one it was probably meant to be, when one is close, and
/// the first twelve of them.
pub fn suggestion(word: &str, known: &[&str], what: &str) -> String {
    if known.is_empty() {
        return format!("there are no {what} yet");
    }
    let list = if known.len() <= 12 {
        code_list(known)
    } else {
        format!(
            "{} (and {} more)",
            code_list(&known[..12]),
            known.len() - 12
        )
    };
    match nearest(word, known) {
        Some(k) => format!("did you mean `{k}`? known {what}: {list}"),
        None => format!("known {what}: {list}"),
    }
}

/// Edit distance counting a swap of two neighbouring letters as one edit
/// (optimal string alignment), so `titel` is one step from `title`.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_suggests_close_keys_only() {
        assert_eq!(nearest("titel", &["title", "kind"]), Some("title"));
        assert_eq!(nearest("critera", &["criteria", "cases"]), Some("criteria"));
        assert_eq!(nearest("zzzzzz", &["title", "kind"]), None);
    }

    #[test]
    fn nearest_never_offers_a_short_id_that_shares_nothing() {
        // One edit turns `5` into `1`, but nothing of it is kept.
        assert_eq!(nearest("5", &["1", "2"]), None);
        assert_eq!(nearest("C1", &["C01", "C02"]), Some("C01"));
        assert_eq!(nearest("21", &["1.1", "2.1"]), Some("2.1"));
        assert_eq!(nearest("5", &["15"]), None);
        assert_eq!(
            suggestion("5", &["1", "2"], "domains"),
            "known domains: `1`, `2`"
        );
    }

    #[test]
    fn columns_are_characters_not_bytes() {
        assert_eq!(char_range_to_bytes("é: x", 3, 2), (3, 5));
        assert_eq!(char_range_to_bytes("abc", 1, 3), (0, 3));
        assert_eq!(char_range_to_bytes("abc", 9, 3), (3, 3));
    }

    #[test]
    fn summary_line_pluralises() {
        assert_eq!(summary_line(1, 0), "1 error, 0 warnings");
        assert_eq!(summary_line(2, 1), "2 errors, 1 warning");
    }
}
