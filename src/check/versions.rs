//! Framework versions and the overall rating: part of `check`.
//!
//! - A framework's `applies_from` comes before its `applies_until`
//!   (`bad-dates`), and the review's fieldwork falls between them: a review
//!   held in March 2020 shown against the standards of 2021 misleads its
//!   reader (`framework-dates`, a warning: a team may choose newer standards
//!   on purpose, and says so in its report).
//! - `overall:` adds up what the ratings can give: it names standards of the
//!   framework, once each; every rating level has a score; `max` is the best
//!   score times the standards counted; bands are best first and the last
//!   starts at 0, so every total has a band (`bad-overall`, `levels-order`,
//!   `unknown-standard`).

use super::{at, suggest};
use crate::diagnostic::Diagnostic;
use crate::model::{Date, Located, Review};
use std::collections::HashSet;

/// Every problem with the framework's dates and its overall rule.
pub(super) fn check(review: &Review, out: &mut Vec<Diagnostic>) {
    dates(review, out);
    overall(review, out);
}

fn dates(review: &Review, out: &mut Vec<Diagnostic>) {
    let fw = &review.framework;
    let file = review.framework_file;
    let (from, until) = (fw.applies_from.as_ref(), fw.applies_until.as_ref());
    if let (Some(from), Some(until)) = (from, until)
        && from.value.first_day() > until.value.last_day()
    {
        out.push(
            at(
                Diagnostic::error(
                    "bad-dates",
                    format!(
                        "`applies_until` ({}) comes before `applies_from` ({})",
                        until.value, from.value
                    ),
                ),
                file,
                until,
            )
            .help("write the first day the standards were used as `applies_from` and the last as `applies_until`"),
        );
        return;
    }
    if !review.report_ok {
        return;
    }
    let Some(fieldwork) = &review.report.fieldwork else {
        return;
    };
    let named = match &fw.version {
        Some(v) => format!("`{}` (version {v})", fw.id),
        None => format!("`{}`", fw.id),
    };
    let help = "assess the review against the standards in use at the time of its fieldwork: `evident frameworks` lists the built-in ones with their dates; if the team chose these standards on purpose, say so in the report";
    if let Some(from) = from
        && fieldwork.start.value.first_day() < from.value.first_day()
    {
        out.push(outside(
            review,
            &fieldwork.start,
            format!(
                "the fieldwork began on {}, before the framework {named} came into use on {}",
                fieldwork.start.value.long(),
                from.value.long()
            ),
            help,
        ));
    }
    if let Some(until) = until
        && fieldwork.end.value.last_day() > until.value.last_day()
    {
        out.push(outside(
            review,
            &fieldwork.end,
            format!(
                "the fieldwork ended on {}, after the framework {named} was last used on {}",
                fieldwork.end.value.long(),
                until.value.long()
            ),
            help,
        ));
    }
}

fn outside(review: &Review, date: &Located<Date>, message: String, help: &str) -> Diagnostic {
    at(
        Diagnostic::warning("framework-dates", message),
        review.report_file,
        date,
    )
    .help(help)
}

fn overall(review: &Review, out: &mut Vec<Diagnostic>) {
    let fw = &review.framework;
    let file = review.framework_file;
    let Some(overall) = &fw.overall else {
        return;
    };
    let standards: Vec<&str> = fw.standards().map(|(_, s)| s.id.value.as_str()).collect();
    let mut seen = HashSet::new();
    for id in &overall.counts {
        if !standards.contains(&id.value.as_str()) {
            out.push(suggest(
                at(
                    Diagnostic::error(
                        "unknown-standard",
                        format!("`overall.counts` names unknown standard `{}`", id.value),
                    ),
                    file,
                    id,
                ),
                &id.value,
                &standards,
                "standards",
            ));
        } else if !seen.insert(id.value.as_str()) {
            out.push(
                at(
                    Diagnostic::error(
                        "bad-overall",
                        format!("`overall.counts` names standard `{}` twice", id.value),
                    ),
                    file,
                    id,
                )
                .help("list each counted standard once"),
            );
        }
    }
    let levels = fw
        .ratings
        .as_ref()
        .map(|r| r.levels.as_slice())
        .unwrap_or(&[]);
    let unscored: Vec<&str> = levels
        .iter()
        .filter(|l| l.score.is_none_or(|s| s < 0))
        .map(|l| l.label.as_str())
        .collect();
    if levels.is_empty() || !unscored.is_empty() {
        let message = if levels.is_empty() {
            "`overall:` adds up the scores of rating levels, but the framework has no `ratings.levels`".to_string()
        } else {
            format!(
                "`overall:` adds up the scores of rating levels, but {} has no score of 0 or more",
                unscored
                    .iter()
                    .map(|l| format!("`{l}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        out.push(
            at(Diagnostic::error("bad-overall", message), file, &overall.max)
                .help("give every level of `ratings.levels` a `score:` (HMIP: Outstanding 3, Good 2, Requires improvement 1, Inadequate 0), or remove `overall:`"),
        );
    } else {
        let best = levels.iter().filter_map(|l| l.score).max().unwrap_or(0);
        let expected = u64::try_from(best).unwrap_or(0) * overall.counts.len() as u64;
        if u64::from(overall.max.value) != expected {
            out.push(
                at(
                    Diagnostic::error(
                        "bad-overall",
                        format!(
                            "`overall.max` is {}, but {} counted standards at a best score of {best} add up to {expected}",
                            overall.max.value,
                            overall.counts.len()
                        ),
                    ),
                    file,
                    &overall.max,
                )
                .help(format!("set `max: {expected}`, or list the standards that count in `overall.counts`")),
            );
        }
    }
    for pair in overall.bands.windows(2) {
        let (before, after) = (&pair[0], &pair[1]);
        if after.min.value >= before.min.value {
            out.push(
                at(
                    Diagnostic::error(
                        "levels-order",
                        format!(
                            "overall band `{}` (min {}) comes after `{}` (min {}): bands are listed best first",
                            after.label, after.min.value, before.label, before.min.value
                        ),
                    ),
                    file,
                    &after.min,
                )
                .help("reorder `overall.bands` so each `min` is lower than the one before"),
            );
        }
    }
    match overall.bands.last() {
        None => out.push(
            at(
                Diagnostic::error("bad-overall", "`overall.bands` is empty, so no total has a label"),
                file,
                &overall.max,
            )
            .help("list the bands best first, as `{label, min}`, the last with `min: 0`"),
        ),
        Some(last) if last.min.value != 0 => out.push(
            at(
                Diagnostic::error(
                    "bad-overall",
                    format!(
                        "the last overall band, `{}`, starts at {}, so a total below it has no label",
                        last.label, last.min.value
                    ),
                ),
                file,
                &last.min,
            )
            .help("give the last band `min: 0`"),
        ),
        Some(_) => {}
    }
}
