//! `evident respond FILE.csv`: read a filled factual-accuracy response
//! sheet (`data/response.csv`, with the service's comments) and say, for
//! each comment, whether its paragraph is still there and whether its text
//! has changed since the sheet was made. Exit 1 when a comment's paragraph
//! is gone, so a script can stop a publication on it.

use super::{CONTENT_ERRORS, FAILURE, OK, fail, report};
use crate::content::Memos;
use crate::pipeline::{self, Options, Prepare};
use crate::respond::{self, Standing};
use std::path::Path;

/// Run `respond`: `sheet` as given (from the current folder), the project
/// at `root`, the site in `language` (default: the report's default).
pub fn run(sheet: &Path, root: &Path, language: Option<&str>, options: Options) -> u8 {
    let shown = sheet.display().to_string();
    let bytes = match std::fs::read(sheet) {
        Ok(b) => b,
        Err(e) => return fail(&format!("cannot read `{shown}`: {e}")),
    };
    let comments = match respond::read_sheet(&bytes) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: `{shown}`:{}:{}: {}", e.line, e.column, e.message);
            return FAILURE;
        }
    };
    let prepared = match pipeline::prepare(root, options, None, &Memos::off()) {
        Ok(Prepare::Ready(p)) => p,
        Ok(Prepare::Stopped(built)) => {
            report(&built.checked.diagnostics, &built.checked.sources);
            eprintln!("the report has errors: mend them, then run `evident respond` again");
            return CONTENT_ERRORS;
        }
        Err(e) => return fail(&e),
    };
    let Some(now) = prepared.paragraph_hashes(language) else {
        return fail(&format!(
            "the report is not in `{}`: give one of the languages report.yaml lists",
            language.unwrap_or_default()
        ));
    };
    if now.is_empty() {
        return fail(
            "the report does not number its paragraphs: set `numbered_paragraphs: true` in report.yaml, as when the sheet was made",
        );
    }
    let standings = respond::compare(&comments, &now);
    let width = comments
        .iter()
        .map(|c| c.paragraph.chars().count())
        .max()
        .unwrap_or(0)
        .max(6);
    println!(
        "`{shown}`: {} {}",
        comments.len(),
        if comments.len() == 1 {
            "comment"
        } else {
            "comments"
        }
    );
    let mut lost = 0;
    for (c, standing) in comments.iter().zip(&standings) {
        let what = match standing {
            Standing::Unchanged => "unchanged".to_string(),
            Standing::Moved { now } => {
                format!("moved: its text, unchanged, is now paragraph {now}")
            }
            Standing::Changed => {
                "changed: its text is not what it was when the sheet was made".to_string()
            }
            Standing::Gone => format!(
                "gone: the report has no paragraph {} now, and its text is nowhere in it",
                c.paragraph
            ),
            Standing::Unnumbered => {
                format!("line {}: a comment with no paragraph number", c.line)
            }
        };
        if standing.lost() {
            lost += 1;
        }
        let number = if c.paragraph.is_empty() {
            "–"
        } else {
            &c.paragraph
        };
        println!("  {number:<width$}  {what}");
    }
    let count = |f: fn(&Standing) -> bool| standings.iter().filter(|s| f(s)).count();
    println!(
        "{} unchanged, {} moved, {} changed, {} gone",
        count(|s| *s == Standing::Unchanged),
        count(|s| matches!(s, Standing::Moved { .. })),
        count(|s| *s == Standing::Changed),
        lost
    );
    if lost > 0 { CONTENT_ERRORS } else { OK }
}
