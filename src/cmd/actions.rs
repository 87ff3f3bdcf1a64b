//! `evident actions import FILE.csv`: the service's tracker (`data/actions.csv`
//! as the service kept it) read back into the findings' front matter, the
//! status and progress of each action and nothing else ([`crate::tracker`]).
//! Rows whose id names no action are refused and listed; exit 1 when any
//! is, so a script sees it.

use super::{CONTENT_ERRORS, FAILURE, OK, fail, report};
use crate::diagnostic::suggestion;
use crate::files;
use crate::pipeline::{self, Options};
use crate::tracker::{self, Update};
use std::path::Path;

/// Run `actions import`: `sheet` as given (from the current folder), the
/// project at `root`.
pub fn import(sheet: &Path, root: &Path) -> u8 {
    let shown = sheet.display().to_string();
    let bytes = match std::fs::read(sheet) {
        Ok(b) => b,
        Err(e) => return fail(&format!("cannot read `{shown}`: {e}")),
    };
    let updates = match tracker::read_updates(&bytes) {
        Ok(u) => u,
        Err(problems) => {
            for e in &problems {
                eprintln!("error: `{shown}`:{}:{}: {}", e.line, e.column, e.message);
            }
            eprintln!("nothing was changed: put the sheet right, then import it again");
            return FAILURE;
        }
    };
    // Drafts too: an action in a draft finding is still the service's.
    let options = Options {
        drafts: true,
        ..Options::default()
    };
    let checked = match pipeline::check(root, options) {
        Ok(c) => c,
        Err(e) => return fail(&e),
    };
    let review = match checked.review {
        Some(r) if !checked.diagnostics.iter().any(|d| d.is_error()) => r,
        _ => {
            report(&checked.diagnostics, &checked.sources);
            eprintln!(
                "the report has errors: mend them, then import the sheet again; nothing was changed"
            );
            return CONTENT_ERRORS;
        }
    };
    let actions: Vec<&crate::model::Finding> = review
        .findings
        .iter()
        .filter(|f| {
            review
                .kind(&f.meta.kind.value)
                .is_some_and(|k| k.is_actionable())
        })
        .collect();
    let ids: Vec<&str> = actions.iter().map(|f| f.slug.as_str()).collect();
    let mut refused = Vec::new();
    let mut changed = 0;
    let mut unchanged = 0;
    for update in &updates {
        let Some(finding) = actions.iter().find(|f| f.slug == update.id) else {
            let why = if review.findings.iter().any(|f| f.slug == update.id) {
                format!(
                    "the finding `{}` is not an action (its kind is not actionable)",
                    update.id
                )
            } else if let Some(stem) = update.id.strip_suffix(".md")
                && ids.contains(&stem)
            {
                format!(
                    "no action has the id `{}`; an id is its finding's file name without `.md`: `{stem}`",
                    update.id
                )
            } else {
                format!(
                    "no action has the id `{}`; {}",
                    update.id,
                    suggestion(&update.id, &ids, "actions")
                )
            };
            refused.push(format!("  line {}: {why}", update.line));
            continue;
        };
        let source = checked.sources.get(finding.file);
        let path = root.join(&source.path);
        match write_update(&path, &source.text, finding, update) {
            Ok(true) => {
                changed += 1;
                eprintln!("updated `{}`: {}", source.path, said(update));
            }
            Ok(false) => unchanged += 1,
            Err(why) => refused.push(format!("  line {}: `{}`: {why}", update.line, source.path)),
        }
    }
    eprintln!(
        "{changed} {} updated, {unchanged} already as the sheet says",
        if changed == 1 { "finding" } else { "findings" }
    );
    if refused.is_empty() {
        return OK;
    }
    eprintln!(
        "refused {} {} of `{shown}`:",
        refused.len(),
        if refused.len() == 1 { "row" } else { "rows" }
    );
    for line in &refused {
        eprintln!("{line}");
    }
    CONTENT_ERRORS
}

/// Write `update` into the finding file at `path`, whose text was `read`
/// when the review was checked. `Ok(false)` when it says so already. A
/// file changed on disk since it was read is left alone.
fn write_update(
    path: &Path,
    read: &str,
    finding: &crate::model::Finding,
    update: &Update,
) -> Result<bool, String> {
    let Some(edited) = tracker::edit(read, &finding.meta, update).map_err(|e| e.0)? else {
        return Ok(false);
    };
    // The review was read without a byte order mark at the start of a
    // file; one the file has is kept.
    let bom = match std::fs::read_to_string(path) {
        Ok(now) if now == read => "",
        Ok(now) if now.strip_prefix('\u{feff}') == Some(read) => "\u{feff}",
        Ok(_) => return Err("it changed while the sheet was read: import again".into()),
        Err(e) => return Err(format!("cannot read it: {e}")),
    };
    files::replace_file(path, format!("{bom}{edited}").as_bytes()).map_err(|e| e.to_string())?;
    Ok(true)
}

/// What an update set, in a few words: `status done, progress 2026-05-01`.
fn said(update: &Update) -> String {
    match &update.progress {
        Some((date, _)) => format!("status {}, progress {}", update.status.as_str(), date.iso()),
        None => format!("status {}", update.status.as_str()),
    }
}
