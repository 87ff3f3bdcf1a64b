//! Text the templates of `evident init` and `evident new` write for the
//! reviewer to replace, and the check, part of `check`, that warns
//! (`placeholder`) wherever it is still there, so that `build --strict`,
//! the check to run before publishing, fails until it is gone.
//!
//! The templates are written from the constants here, and the check looks
//! for the same constants ([`PLACEHOLDERS`]): the two cannot drift apart.
//!
//! Two kinds of placeholder are looked for in every content file but the
//! framework (a draft left out of the build is not published, and is not
//! looked at):
//!
//! - **Prose**: each sentence of the text on its own, as written, with any
//!   run of white space (a line break from rewrapping, say) matching any
//!   other; so a sentence kept when the rest was rewritten is still found.
//!   One warning per placeholder and file, at the first sentence left.
//! - **A value**: a YAML line `key: value` whose value is the whole
//!   placeholder (`disposal: Not recorded yet`); a short value is only a
//!   placeholder there, never in a sentence.

use crate::content::{ContentKind, Sources};
use crate::diagnostic::{Diagnostic, Pos};
use crate::model::{LeftOut, Review};

// `evident init`: the example project.

/// The example report's title.
pub const TITLE: &str = "Review of the service";
/// The example report's organisation.
pub const ORGANISATION: &str = "The service reviewed";
/// The example review team's organisation.
pub const REVIEWING_ORGANISATION: &str = "The reviewing organisation";
/// The example summary.
pub const SUMMARY: &str = "Write the overall summary of the review here. It is shown on the home page and at the start of the printed report.";
/// The example chapter's first paragraph.
pub const BACKGROUND: &str =
    "Why the review took place, who asked for it and which domains it covered.";
/// The example chapter's scope.
pub const BACKGROUND_SCOPE: &str =
    "The review looked at [court disposals](domain:2) and out-of-court disposals.";
/// The example finding's text.
pub const EXAMPLE_FINDING: &str = "Describe what the reviewers saw, and in which cases. Link to other content with\n`std:2.1`, `case:C01`, `focus:example-focus` or a relative path such as\n[the background](../../pages/background.md).";
/// The example focus area's title.
pub const EXAMPLE_FOCUS_TITLE: &str = "Example focus area";
/// The example focus area's text.
pub const EXAMPLE_FOCUS: &str = "A cross-cutting theme the review was asked to look at. Findings and cases that name\n`example-focus` are listed on this page.";
/// The example narrative of standard 2.1.
pub const NARRATIVE: &str = "Optional narrative shown at the top of standard 2.1's page.";

// `evident new`, and `init`'s example case.

/// A case's notes.
pub const CASE_NOTES: &str = "A short, anonymised note on the case.";
/// A new case's disposal.
pub const NOT_RECORDED: &str = "Not recorded yet";
/// A new finding's text.
pub const NEW_FINDING: &str = "What the reviewers found, and in which cases. Link to the evidence with\n`case:C01`, to a standard with `std:2.1`, or to another file by its path.";
/// A new chapter's text.
pub const NEW_PAGE: &str =
    "Write this chapter here. Link to a standard with `std:2.1`, to a case with\n`case:C01`.";
/// A new focus area's first sentence (the next names the focus area).
pub const NEW_FOCUS: &str = "What this theme covers and what the review found about it.";

/// Which command's template wrote a placeholder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Template {
    /// `evident init`'s example project.
    Init,
    /// `evident new`.
    New,
    /// Both.
    InitAndNew,
}

impl Template {
    fn name(self) -> &'static str {
        match self {
            Template::Init => "`evident init`",
            Template::New => "`evident new`",
            Template::InitAndNew => "`evident init` or `evident new`",
        }
    }
}

/// Where a placeholder stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Sentences anywhere in a file.
    Prose,
    /// The whole value of this YAML key.
    Value(&'static str),
}

/// One text a template writes for the reviewer to replace.
#[derive(Debug, Clone, Copy)]
pub struct Placeholder {
    /// The text, as the template writes it.
    pub text: &'static str,
    /// Prose, or a value.
    pub kind: Kind,
    /// What it is, for the message ("the example summary").
    pub what: &'static str,
    /// Which template writes it.
    pub template: Template,
}

const fn prose(text: &'static str, what: &'static str, template: Template) -> Placeholder {
    Placeholder {
        text,
        kind: Kind::Prose,
        what,
        template,
    }
}

const fn value(
    key: &'static str,
    text: &'static str,
    what: &'static str,
    template: Template,
) -> Placeholder {
    Placeholder {
        text,
        kind: Kind::Value(key),
        what,
        template,
    }
}

/// Every placeholder the templates write.
pub const PLACEHOLDERS: &[Placeholder] = &[
    value("title", TITLE, "the example title", Template::Init),
    value(
        "organisation",
        ORGANISATION,
        "the example organisation",
        Template::Init,
    ),
    value(
        "organisation",
        REVIEWING_ORGANISATION,
        "the example reviewing organisation",
        Template::Init,
    ),
    prose(SUMMARY, "the example summary", Template::Init),
    prose(BACKGROUND, "the example chapter's text", Template::Init),
    prose(
        BACKGROUND_SCOPE,
        "the example chapter's text",
        Template::Init,
    ),
    prose(
        EXAMPLE_FINDING,
        "the example finding's text",
        Template::Init,
    ),
    value(
        "title",
        EXAMPLE_FOCUS_TITLE,
        "the example focus area's title",
        Template::Init,
    ),
    prose(
        EXAMPLE_FOCUS,
        "the example focus area's text",
        Template::Init,
    ),
    prose(NARRATIVE, "the example narrative", Template::Init),
    value(
        "notes",
        CASE_NOTES,
        "the placeholder for case notes",
        Template::InitAndNew,
    ),
    value(
        "disposal",
        NOT_RECORDED,
        "the placeholder disposal",
        Template::New,
    ),
    prose(
        NEW_FINDING,
        "the placeholder text of a new finding",
        Template::New,
    ),
    prose(
        NEW_PAGE,
        "the placeholder text of a new page",
        Template::New,
    ),
    prose(
        NEW_FOCUS,
        "the placeholder text of a new focus area",
        Template::New,
    ),
];

/// A warning at every placeholder left in the review's content files.
pub fn check(review: &Review, sources: &Sources, out: &mut Vec<Diagnostic>) {
    for (id, file) in sources.files.iter().enumerate() {
        let skipped = matches!(
            file.kind,
            ContentKind::Framework | ContentKind::Resource | ContentKind::Unread
        ) || matches!(review.left_out.get(&file.path), Some(LeftOut::Draft));
        if skipped {
            continue;
        }
        for p in PLACEHOLDERS {
            let Some((at, len)) = find(&file.text, p) else {
                continue;
            };
            let (line, column) = file.position(at);
            out.push(
                Diagnostic::warning(
                    "placeholder",
                    format!("{} from {} is still here", p.what, p.template.name()),
                )
                .at(id, Some(Pos::new(line, column, len)))
                .help("replace it with the review's own text, or remove the example; `evident build --strict`, the check to run before publishing, fails until it is gone"),
            );
        }
    }
}

/// Where the first of `p` is in `text`: its byte offset and its length in
/// characters on its first line.
fn find(text: &str, p: &Placeholder) -> Option<(usize, usize)> {
    let found = match p.kind {
        Kind::Prose => sentences(p.text)
            .filter_map(|s| find_words(text, s))
            .min_by_key(|(at, _)| *at),
        Kind::Value(key) => find_value(text, key, p.text),
    }?;
    let (at, end) = found;
    let first_line = text[at..end].lines().next().unwrap_or("");
    Some((at, first_line.chars().count().max(1)))
}

/// The sentences of a text: each ends at a `.`, `?` or `!` followed by
/// white space or the end.
fn sentences(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text.trim();
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let bytes = rest.as_bytes();
        let end = (0..bytes.len())
            .find(|&i| {
                matches!(bytes[i], b'.' | b'?' | b'!')
                    && bytes.get(i + 1).is_none_or(u8::is_ascii_whitespace)
            })
            .map_or(rest.len(), |i| i + 1);
        let sentence = &rest[..end];
        rest = rest[end..].trim_start();
        Some(sentence)
    })
}

/// The first place `phrase` is written in `text`, a run of white space in
/// one matching any run in the other: its start and end.
fn find_words(text: &str, phrase: &str) -> Option<(usize, usize)> {
    let words: Vec<&str> = phrase.split_whitespace().collect();
    let (first, rest) = words.split_first()?;
    text.match_indices(first).find_map(|(at, _)| {
        let mut end = at + first.len();
        for word in rest {
            let after = &text[end..];
            let gap = after.len() - after.trim_start().len();
            if gap == 0 || !after[gap..].starts_with(word) {
                return None;
            }
            end += gap + word.len();
        }
        Some((at, end))
    })
}

/// The first YAML line `key: value` (indented, or an item of a list) whose
/// whole value, quoted or not, with any comment after it, is `value`: the
/// value's start and end.
fn find_value(text: &str, key: &str, value: &str) -> Option<(usize, usize)> {
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let start = line_start;
        line_start += line.len();
        // `at` follows `rest` through the line.
        let mut rest = line.trim_start();
        if let Some(item) = rest.strip_prefix("- ") {
            rest = item.trim_start();
        }
        let Some(after_key) = rest.strip_prefix(key).and_then(|r| r.strip_prefix(':')) else {
            continue;
        };
        let written = after_key.trim_start();
        let at = start + line.len() - written.len();
        let written = written
            .split_once(" #")
            .map_or(written, |(v, _)| v)
            .trim_end();
        let unquoted = written
            .strip_prefix('"')
            .and_then(|w| w.strip_suffix('"'))
            .or_else(|| {
                written
                    .strip_prefix('\'')
                    .and_then(|w| w.strip_suffix('\''))
            })
            .unwrap_or(written);
        if unquoted == value {
            return Some((at, at + written.len()));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_end_at_a_stop_and_white_space() {
        assert_eq!(
            sentences(EXAMPLE_FINDING).collect::<Vec<_>>(),
            [
                "Describe what the reviewers saw, and in which cases.",
                "Link to other content with\n`std:2.1`, `case:C01`, `focus:example-focus` or a relative path such as\n[the background](../../pages/background.md)."
            ]
        );
        assert_eq!(sentences(NARRATIVE).count(), 1);
    }

    #[test]
    fn prose_is_found_however_it_is_wrapped() {
        let text = "Intro.\nWrite the overall\nsummary of  the review here.";
        let p = prose(SUMMARY, "", Template::Init);
        assert_eq!(find(text, &p), Some((7, 17)));
        assert_eq!(
            find("Write the overall summary of the reviews here.", &p),
            None
        );
        // One sentence kept is enough.
        let kept = "Ours. It is shown on the home page and at the start of the printed report.";
        assert_eq!(find(kept, &p).map(|(at, _)| at), Some(6));
    }

    #[test]
    fn a_value_is_the_whole_value_of_its_key() {
        let p = value("disposal", NOT_RECORDED, "", Template::New);
        assert_eq!(
            find("id: C1\ndisposal: Not recorded yet\n", &p),
            Some((17, 16))
        );
        assert_eq!(
            find("- id: C1\n  disposal: \"Not recorded yet\"  # later\n", &p),
            Some((21, 18))
        );
        assert_eq!(find("disposal: Not recorded yet, but soon\n", &p), None);
        assert_eq!(find("notes: Not recorded yet\n", &p), None);
        assert_eq!(find("The disposal was Not recorded yet.\n", &p), None);
    }
}
