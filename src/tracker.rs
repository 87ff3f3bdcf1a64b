//! The service's action tracker read back (`evident actions import`): the
//! `data/actions.csv` a build wrote, kept up to date by the service, whose
//! `status` and progress are written into the findings' front matter.
//! Beside the pipeline: it reads a file the site published (with
//! [`crate::sheet`]) and is, with `init` and `new`, the only writer into
//! `content/`.
//!
//! Only the two fields change, and only in the front matter's text: the
//! line of `status:` (a comment after its value kept), and the lines of
//! `progress:` (the key and every indented line under it), or new lines
//! before the closing `---` where a field was not written. Every other
//! byte of the file stays as it was, its line ends included. The edited
//! front matter is read again before anything is written, and an edit
//! that would change any other field, or not give the fields asked for,
//! is refused.

use crate::model::{ActionStatus, Date, DateError, FindingMeta};
use crate::sheet::{Sheet, SheetError};

/// The columns `import` reads; the rest of the sheet is the service's.
const NEEDED: [&str; 2] = ["id", "status"];

/// One row of the tracker: an action's id and what the service says of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Update {
    /// The line of the sheet its row starts on.
    pub line: usize,
    /// The action's id: its finding's slug.
    pub id: String,
    /// Its status.
    pub status: ActionStatus,
    /// Its latest progress, when the row gives one.
    pub progress: Option<(Date, String)>,
}

/// Read a tracker: every row's update, or every problem found in it (each
/// at the line and column of its cell), so a sheet is put right in one go.
pub fn read_updates(bytes: &[u8]) -> Result<Vec<Update>, Vec<SheetError>> {
    let sheet =
        Sheet::read(bytes, &NEEDED, &crate::site::data::ACTIONS_HEAD).map_err(|e| vec![e])?;
    let mut updates = Vec::new();
    let mut problems = Vec::new();
    let mut seen = std::collections::HashMap::new();
    for row in &sheet.rows {
        let problem = |name: &str, message: String| {
            let (line, column) = sheet.at(row, name);
            SheetError {
                line,
                column,
                message,
            }
        };
        let id = sheet.cell(row, "id");
        if id.is_empty() {
            problems.push(problem("id", "this row has no `id`: each row names the action it is about, as the sheet Evident wrote does".into()));
            continue;
        }
        if let Some(first) = seen.insert(id.clone(), row.line) {
            problems.push(problem(
                "id",
                format!(
                    "the action `{id}` has a row already, on line {first}: give each action one row"
                ),
            ));
            continue;
        }
        let written = sheet.cell(row, "status");
        // As a person types it in a spreadsheet: `Done`, `In progress`.
        let status = if written.is_empty() {
            Some(ActionStatus::NotStarted)
        } else {
            ActionStatus::parse(&crate::sheet::as_typed(&written, "-"))
        };
        let Some(status) = status else {
            problems.push(problem(
                "status",
                format!(
                    "`{written}` is not a status: write one of {}",
                    ActionStatus::ALL
                        .map(|s| format!("`{}`", s.as_str()))
                        .join(", ")
                ),
            ));
            continue;
        };
        let (date, note) = (
            sheet.cell(row, "progress_date"),
            sheet.cell(row, "progress_note"),
        );
        let progress = match (date.is_empty(), note.is_empty()) {
            (true, true) => None,
            (false, true) => {
                problems.push(problem(
                    "progress_note",
                    "this row has a `progress_date` but no `progress_note`: say what was done by then, or empty both".into(),
                ));
                continue;
            }
            (true, false) => {
                problems.push(problem(
                    "progress_date",
                    "this row has a `progress_note` but no `progress_date`: give the date it was written (YYYY-MM-DD)".into(),
                ));
                continue;
            }
            (false, false) => match Date::read(&date) {
                Ok(d) => Some((d, note)),
                Err(e) => {
                    let mut message = e.message(&date);
                    // A spreadsheet shows a date in the computer's own form
                    // and saves it so ("20/11/2026"), whatever was typed.
                    if e == DateError::Form && date.contains(['/', '.']) {
                        message.push_str(
                            "; a spreadsheet saves dates in its own form: format the column as text (or with the custom format yyyy-mm-dd) and save the sheet again",
                        );
                    }
                    problems.push(problem("progress_date", message));
                    continue;
                }
            },
        };
        updates.push(Update {
            line: row.line,
            id,
            status,
            progress,
        });
    }
    if problems.is_empty() {
        Ok(updates)
    } else {
        Err(problems)
    }
}

/// Why a finding's text could not be edited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditError(pub String);

/// The text of a finding file with `update`'s status and progress written
/// into its front matter; `None` when the file says so already. `meta` is
/// the front matter as the file has it now.
pub fn edit(text: &str, meta: &FindingMeta, update: &Update) -> Result<Option<String>, EditError> {
    let status_now = meta.action_status();
    let progress_now = meta
        .progress
        .as_ref()
        .map(|p| (p.value.date.value, p.value.note.clone()));
    let status_changes = status_now != update.status;
    // An empty progress in the sheet leaves the finding's as it is.
    let progress_changes = update
        .progress
        .as_ref()
        .is_some_and(|p| !same_progress(Some(p), progress_now.as_ref()));
    if !status_changes && !progress_changes {
        return Ok(None);
    }
    let mut lines: Vec<&str> = text.split_inclusive('\n').collect();
    let eol = if lines.first().is_some_and(|l| l.ends_with("\r\n")) {
        "\r\n"
    } else {
        "\n"
    };
    if lines.first().map(|l| l.trim_end()) != Some("---") {
        return Err(EditError("it has no front matter".into()));
    }
    let Some(close) = lines
        .iter()
        .skip(1)
        .position(|l| l.trim_end() == "---")
        .map(|i| i + 1)
    else {
        return Err(EditError(
            "its front matter is not closed by a `---` line".into(),
        ));
    };
    let mut owned: Vec<String> = lines.drain(..).map(str::to_string).collect();
    let mut close = close;
    if status_changes {
        let new = format!("status: {}", update.status.as_str());
        match key_lines(&owned, close, "status") {
            Some((at, end)) => {
                // A comment after the value stays.
                let comment = (end == at + 1)
                    .then(|| comment_of(&owned[at]))
                    .flatten()
                    .unwrap_or_default();
                let replaced = format!("{new}{comment}{eol}");
                owned.splice(at..end, [replaced]);
                close -= end - at - 1;
            }
            None => {
                owned.insert(close, format!("{new}{eol}"));
                close += 1;
            }
        }
    }
    if progress_changes && let Some((date, note)) = &update.progress {
        let new = [
            format!("progress:{eol}"),
            format!("  date: {}{eol}", date.iso()),
            format!("  note: {}{eol}", quoted(note)),
        ];
        match key_lines(&owned, close, "progress") {
            Some((at, end)) => {
                owned.splice(at..end, new);
            }
            None => {
                owned.splice(close..close, new);
            }
        }
    }
    let edited: String = owned.concat();
    check_edit(&edited, meta, update)?;
    Ok(Some(edited))
}

/// The lines `[start, end)` of the top-level `key` in the front matter
/// (lines 1 to `close`): its own line and every line under it that is
/// indented or blank (a block mapping's or a folded value's).
fn key_lines(lines: &[String], close: usize, key: &str) -> Option<(usize, usize)> {
    let at = (1..close).find(|&i| {
        lines[i]
            .strip_prefix(key)
            .is_some_and(|rest| rest.trim_start_matches(' ').starts_with(':'))
    })?;
    let mut end = at + 1;
    while end < close {
        let line = &lines[end];
        let blank = line.trim().is_empty();
        if !(blank || line.starts_with([' ', '\t'])) {
            break;
        }
        end += 1;
    }
    // Blank lines after the value belong to what follows.
    while end > at + 1 && lines[end - 1].trim().is_empty() {
        end -= 1;
    }
    Some((at, end))
}

/// The comment after a one-line value (` # …`), without the line end.
fn comment_of(line: &str) -> Option<String> {
    let line = line.trim_end_matches(['\r', '\n']);
    let value = line.split_once(':')?.1;
    // A status is a plain word: a `#` after a space or a tab starts the
    // comment (YAML 1.2, 6.6: a comment is separated by white space).
    let hash = value
        .char_indices()
        .find(|&(i, c)| matches!(c, ' ' | '\t') && value[i + 1..].starts_with('#'))
        .map(|(i, _)| i)?;
    // From the end of the value, with the spaces before the `#`.
    let start = value[..hash].trim_end().len();
    Some(value[start..].to_string())
}

/// `text` as a YAML double-quoted scalar: always quoted, so nothing in a
/// note (a colon, a `#`, a leading `-`) is read as YAML.
fn quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Read the edited front matter again: the fields asked for are there,
/// and every other field is what it was.
fn check_edit(edited: &str, before: &FindingMeta, update: &Update) -> Result<(), EditError> {
    let split = crate::content::frontmatter::split(edited)
        .map_err(|_| EditError("the edited front matter is not closed".into()))?;
    let yaml = split.yaml.unwrap_or_default();
    let after: FindingMeta = crate::content::yaml::from_str(&yaml, 0).map_err(|d| {
        EditError(format!(
            "the edited front matter does not read back: {}",
            d.message
        ))
    })?;
    let progress = after
        .progress
        .as_ref()
        .map(|p| (p.value.date.value, p.value.note.clone()));
    let wanted_progress = update.progress.clone().or_else(|| {
        before
            .progress
            .as_ref()
            .map(|p| (p.value.date.value, p.value.note.clone()))
    });
    if after.action_status() != update.status
        || !same_progress(progress.as_ref(), wanted_progress.as_ref())
    {
        return Err(EditError(
            "the edited front matter does not say what the sheet says".into(),
        ));
    }
    if others(&after) != others(before) {
        return Err(EditError("the edit would change another field".into()));
    }
    Ok(())
}

/// Whether two progress entries say the same: a sheet's cells come
/// trimmed, so a note kept as a YAML block (`note: |`, which ends in a line
/// break) is the same note in the sheet without it.
fn same_progress(a: Option<&(Date, String)>, b: Option<&(Date, String)>) -> bool {
    match (a, b) {
        (Some((da, na)), Some((db, nb))) => da == db && na.trim() == nb.trim(),
        (a, b) => a.is_none() && b.is_none(),
    }
}

/// Every field of a finding's front matter but status and progress, as
/// values (positions left out: an edit may move lines).
fn others(m: &FindingMeta) -> impl PartialEq + use<> {
    let values = |v: &[crate::model::Located<String>]| -> Vec<String> {
        v.iter().map(|x| x.value.clone()).collect()
    };
    (
        (m.title.clone(), m.kind.value.clone(), values(&m.criteria)),
        (
            values(&m.focus),
            values(&m.cases),
            m.order.as_ref().map(|o| o.value.to_bits()),
        ),
        (
            m.draft,
            m.owner.as_ref().map(|o| o.value.clone()),
            m.priority.as_ref().map(|p| p.value.clone()),
            m.due.as_ref().map(|d| d.value),
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(text: &str) -> FindingMeta {
        let yaml = crate::content::frontmatter::split(text)
            .unwrap()
            .yaml
            .unwrap();
        crate::content::yaml::from_str(&yaml, 0).unwrap()
    }

    fn update(status: ActionStatus, progress: Option<(&str, &str)>) -> Update {
        Update {
            line: 2,
            id: "x".into(),
            status,
            progress: progress.map(|(d, n)| (Date::read(d).unwrap(), n.to_string())),
        }
    }

    #[test]
    fn only_the_status_and_progress_lines_change() {
        let text = "---\r\ntitle: Late\r\nkind: consideration\r\nstatus: not-started  # as agreed\r\nprogress:\r\n  date: 2026-01-01\r\n  note: Old\r\n\r\n# kept\r\ndue: 2026-09\r\n---\r\nBody: with a colon.\r\n";
        let edited = edit(
            text,
            &meta(text),
            &update(
                ActionStatus::InProgress,
                Some(("2026-05-01", "Said: \"soon\"")),
            ),
        )
        .unwrap()
        .unwrap();
        assert_eq!(
            edited,
            "---\r\ntitle: Late\r\nkind: consideration\r\nstatus: in-progress  # as agreed\r\nprogress:\r\n  date: 2026-05-01\r\n  note: \"Said: \\\"soon\\\"\"\r\n\r\n# kept\r\ndue: 2026-09\r\n---\r\nBody: with a colon.\r\n"
        );
    }

    #[test]
    fn missing_fields_are_added_before_the_closing_line_and_nothing_new_writes_nothing() {
        let text = "---\ntitle: Late\nkind: consideration\n---\nBody.\n";
        let m = meta(text);
        assert_eq!(
            edit(text, &m, &update(ActionStatus::NotStarted, None)),
            Ok(None)
        );
        assert_eq!(
            edit(
                text,
                &m,
                &update(ActionStatus::Done, Some(("2026-05", "Done")))
            )
            .unwrap()
            .unwrap(),
            "---\ntitle: Late\nkind: consideration\nstatus: done\nprogress:\n  date: 2026-05\n  note: \"Done\"\n---\nBody.\n"
        );
        // A flow mapping is replaced as a whole.
        let text = "---\ntitle: Late\nkind: consideration\nprogress: {date: 2026-01-01, note: Old}\nowner: Police\n---\n";
        assert_eq!(
            edit(
                text,
                &meta(text),
                &update(ActionStatus::NotStarted, Some(("2026-02-01", "New")))
            )
            .unwrap()
            .unwrap(),
            "---\ntitle: Late\nkind: consideration\nprogress:\n  date: 2026-02-01\n  note: \"New\"\nowner: Police\n---\n"
        );
    }
}
