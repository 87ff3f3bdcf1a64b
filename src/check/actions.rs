//! The action fields of findings (`owner`, `priority`, `due`, `status`,
//! `progress`) and the settings they are checked against (`owners`,
//! `priorities`, `actions.required` in `report.yaml`), part of `check`.
//!
//! - An action's field on a finding whose kind is not actionable is an
//!   error at the field: a strength has no owner.
//! - An owner outside `owners:` (when the report lists them), or a
//!   priority outside `priorities:`, is an error with the nearest name.
//! - A due date before the fieldwork began is a warning: the action was
//!   due before the review that found it.
//! - With `actions.required: true`, an action without an owner is a
//!   warning, so `build --strict` fails until every action has one.

use super::at;
use crate::content::yaml::pos_of;
use crate::diagnostic::{Diagnostic, Pos, suggestion};
use crate::model::{Located, Review};
use std::collections::HashSet;

/// Check the settings in `report.yaml` and every finding's action fields.
pub(super) fn check(review: &Review, out: &mut Vec<Diagnostic>) {
    let report = &review.report;
    if review.report_ok {
        list(report.owners.as_deref(), "owners", "owner", review, out);
        list(
            report.priorities.as_deref(),
            "priorities",
            "priority",
            review,
            out,
        );
    }
    let owners: Option<Vec<&str>> = report
        .owners
        .as_ref()
        .map(|o| o.iter().map(|o| o.value.as_str()).collect());
    let priorities = report.priorities();
    let fieldwork = report.fieldwork.as_ref().map(|f| &f.start);
    for f in &review.findings {
        let file = f.file;
        let meta = &f.meta;
        let Some(kind) = review.kind(&meta.kind.value) else {
            // An unknown kind is its own error; nothing to add.
            continue;
        };
        if !kind.is_actionable() {
            for (key, pos) in fields(meta) {
                out.push(
                    Diagnostic::error(
                        "not-an-action",
                        format!(
                            "`{key}` belongs to an action, and findings of kind `{}` are not actions",
                            kind.id.value
                        ),
                    )
                    .at(file, pos)
                    .help(format!(
                        "remove `{key}`, or make the kind an action in report.yaml: `finding_kinds: - {{id: {}, …, actionable: true}}`",
                        kind.id.value
                    )),
                );
            }
            continue;
        }
        if let Some(owner) = &meta.owner {
            let name = owner.value.trim();
            if name.is_empty() {
                out.push(
                    at(Diagnostic::error("bad-owner", "`owner` is empty"), file, owner)
                        .help("name who owns the action (the service, a partner, the management board), or remove `owner`"),
                );
            } else if name == "-" {
                // The plan's filters and its address use `-` for an action
                // with no owner; an owner so named would be mixed with those.
                out.push(
                    at(Diagnostic::error("bad-owner", "`-` is not an owner: the action plan uses it for an action with none"), file, owner)
                        .help("remove `owner` to leave the action unassigned (the plan lists it as having no owner yet), or name who owns it"),
                );
            } else if let Some(known) = &owners
                && !known.contains(&name)
            {
                out.push(
                    at(
                        Diagnostic::error(
                            "unknown-owner",
                            format!("`{name}` is not one of the owners report.yaml lists"),
                        ),
                        file,
                        owner,
                    )
                    .help(suggestion(name, known, "owners")),
                );
            }
        } else if report.actions.required {
            out.push(
                at(
                    Diagnostic::warning(
                        "missing-owner",
                        format!(
                            "this {} is an action without an owner",
                            kind.tag().to_lowercase()
                        ),
                    ),
                    file,
                    &meta.kind,
                )
                .help("add `owner:` to its front matter (report.yaml sets `actions.required: true`, so every action needs one)"),
            );
        }
        if let Some(priority) = &meta.priority
            && !priorities.contains(&priority.value.as_str())
        {
            out.push(
                at(
                    Diagnostic::error(
                        "unknown-priority",
                        format!("`{}` is not a priority of this report", priority.value),
                    ),
                    file,
                    priority,
                )
                .help(suggestion(&priority.value, &priorities, "priorities")),
            );
        }
        if let (Some(due), Some(start)) = (&meta.due, fieldwork)
            && due.value.last_day() < start.value.first_day()
        {
            out.push(
                at(
                    Diagnostic::warning(
                        "due-before-fieldwork",
                        format!(
                            "the action is due {}, before the fieldwork began ({})",
                            due.value, start.value
                        ),
                    ),
                    file,
                    due,
                )
                .help("an action arises from the review, so it falls due after it: check the year"),
            );
        }
        if let Some(progress) = &meta.progress
            && progress.value.note.trim().is_empty()
        {
            out.push(
                at(
                    Diagnostic::error("bad-progress", "`progress.note` is empty"),
                    file,
                    progress,
                )
                .help("say what has been done, e.g. `progress: {date: 2026-09-01, note: Protocol agreed with the police}`"),
            );
        }
    }
}

/// The action fields `meta` gives, by key, where each is written.
fn fields(meta: &crate::model::FindingMeta) -> Vec<(&'static str, Option<Pos>)> {
    let mut found = Vec::new();
    if let Some(v) = &meta.owner {
        found.push(("owner", pos_of(v)));
    }
    if let Some(v) = &meta.priority {
        found.push(("priority", pos_of(v)));
    }
    if let Some(v) = &meta.due {
        found.push(("due", pos_of(v)));
    }
    if let Some(v) = &meta.status {
        found.push(("status", pos_of(v)));
    }
    if let Some(v) = &meta.progress {
        found.push(("progress", pos_of(v)));
    }
    found
}

/// `owners:` or `priorities:`: not empty, no name twice, none blank.
fn list(
    listed: Option<&[Located<String>]>,
    key: &str,
    one: &str,
    review: &Review,
    out: &mut Vec<Diagnostic>,
) {
    let Some(listed) = listed else { return };
    let file = review.report_file;
    if listed.is_empty() {
        out.push(
            Diagnostic::error(
                "empty-list",
                format!("`{key}` is empty, so an action can have no {one}"),
            )
            .at(file, Some(Pos::file_start()))
            .help(format!("list at least one {one}, or remove `{key}`")),
        );
    }
    let mut seen = HashSet::new();
    for item in listed {
        let name = item.value.trim();
        if name.is_empty() {
            out.push(at(
                Diagnostic::error("empty-name", format!("an entry of `{key}` is empty"))
                    .help(format!("give each {one} a name, or remove the entry")),
                file,
                item,
            ));
        } else if !seen.insert(name) {
            out.push(at(
                Diagnostic::error(
                    "duplicate-id",
                    format!("{one} `{name}` is listed twice in `{key}`"),
                )
                .help(format!("list each {one} once")),
                file,
                item,
            ));
        }
    }
}
