//! Strict YAML: deserialise with serde-saphyr and turn its errors into
//! diagnostics that name the line, the column and what would be accepted.
//!
//! serde stops at the first error, so [`read`] reads a text again with the
//! entry that stopped it left out (its lines blanked, so every other line
//! keeps its number and column), as long as what follows can still be read
//! as written, and reports every problem in one run. The mistakes authors
//! make most often are recognised by [`super::mistakes`], which words
//! their messages.

use super::mistakes::{self, unwrapped};
use crate::content::FileId;
use crate::diagnostic::{Diagnostic, Pos, code_list, nearest};
use serde::de::DeserializeOwned;
use serde_saphyr::{DefaultMessageFormatter, Error, MessageFormatter};

/// How many times one text is read again past its problems: each round
/// leaves one entry out, so this bounds the work a file full of mistakes
/// costs (each round is a whole parse) and the problems it reports.
const MAX_ROUNDS: usize = 50;

/// Only `true` and `false` are booleans (YAML 1.2): an unquoted `yes` or
/// `no` stays the word the author wrote, as the default answer scale needs.
fn deserialize<T: DeserializeOwned>(text: &str) -> Result<T, Error> {
    let options = serde_saphyr::options! { strict_booleans: true };
    serde_saphyr::from_str_with_options::<T>(text, options)
}

/// Deserialise `text` into `T`, rejecting unknown keys and duplicate keys:
/// the first problem only.
pub fn from_str<T: DeserializeOwned>(text: &str, file: FileId) -> Result<T, Diagnostic> {
    deserialize::<T>(text).map_err(|e| problem(&e, text).diagnostic.at_pos(file))
}

/// What reading a YAML text gave.
#[derive(Debug)]
pub struct Read<T> {
    /// The value, when the text could be read as `T` with nothing but
    /// unknown keys left out (they carry nothing Evident reads, so the
    /// rest of the value is what the author wrote).
    pub value: Option<T>,
    /// Every problem found, in the order found.
    pub diagnostics: Vec<Diagnostic>,
}

impl<T> Read<T> {
    /// The same reading with `f` applied to its value.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Read<U> {
        Read {
            value: self.value.map(f),
            diagnostics: self.diagnostics,
        }
    }

    /// The value, only when the text had no problem at all.
    pub fn whole(self) -> Result<T, Vec<Diagnostic>> {
        match self.value {
            Some(value) if self.diagnostics.is_empty() => Ok(value),
            _ => Err(self.diagnostics),
        }
    }
}

/// Like [`from_str`], but goes on past each problem where the text allows,
/// and returns them all: an entry with an unknown key, a value of the
/// wrong kind, or a mistake on one line is left out and the text read
/// again; a mistake that changes how the lines after it are read (a tab,
/// a line out of its block, a bracket never closed) ends the reading.
pub fn read<T: DeserializeOwned>(text: &str, file: FileId) -> Read<T> {
    let mut text = std::borrow::Cow::Borrowed(text);
    let mut diagnostics = Vec::new();
    // Keys whose absence a problem already reported explains: those left
    // out, and those an unknown key was taken to be a misspelling of.
    let mut explained: Vec<String> = Vec::new();
    let mut only_unknown_keys = true;
    // Leaving entries out makes no syntax error, so a text found free of
    // them is not parsed for them again.
    let mut syntax_checked = false;
    for _ in 0..MAX_ROUNDS {
        let error = match deserialize::<T>(&text) {
            Ok(value) => {
                return Read {
                    value: only_unknown_keys.then_some(value),
                    diagnostics,
                };
            }
            Err(error) => error,
        };
        let error = if syntax_checked {
            error
        } else {
            match serde_saphyr::from_str::<serde::de::IgnoredAny>(&text) {
                Ok(_) => {
                    syntax_checked = true;
                    error
                }
                Err(syntax) => cause(error, syntax, &text),
            }
        };
        let found = problem(&error, &text);
        let pos = found.diagnostic.pos;
        let left_out = match found.kind {
            Kind::MissingKey(field) => {
                if !explained.iter().any(|k| k == field) {
                    diagnostics.push(found.diagnostic.at_pos(file));
                }
                only_unknown_keys = false;
                // The mapping it is missing from is left out whole, when
                // it is an item of a list or the value of a key.
                pos.and_then(|p| mistakes::leave_out_mapping(&text, p.line, p.column))
            }
            Kind::UnknownKey(suggested) => {
                diagnostics.push(found.diagnostic.at_pos(file));
                explained.extend(suggested.map(str::to_string));
                let left_out = pos.and_then(|p| mistakes::leave_out(&text, p.line, p.column));
                if !left_out.as_ref().is_some_and(|l| l.just_the_key) {
                    only_unknown_keys = false;
                }
                left_out
            }
            Kind::Entry => {
                diagnostics.push(found.diagnostic.at_pos(file));
                only_unknown_keys = false;
                pos.and_then(|p| mistakes::leave_out(&text, p.line, p.column))
            }
            Kind::Last => {
                diagnostics.push(found.diagnostic.at_pos(file));
                None
            }
        };
        match left_out {
            // With every item of a list gone, there is nothing left to read.
            Some(left_out) if left_out.key.is_none() && left_out.text.trim().is_empty() => break,
            Some(left_out) => {
                // With every key gone, what is left is an empty mapping,
                // which names the required keys still missing.
                text = if left_out.text.trim().is_empty() {
                    (left_out.text + "{}").into()
                } else {
                    left_out.text.into()
                };
                explained.extend(left_out.key);
            }
            None => break,
        }
    }
    Read {
        value: None,
        diagnostics,
    }
}

/// The error to report for `error`, given the `syntax` error the text
/// has: the syntax error takes its place when it stands before the end of
/// the entry the error is about. A line indented too far, say, joins the
/// value above it, and that value is then wrong; the indentation is the
/// mistake to report. Syntax is looked at only once a text has failed, so
/// a good file is parsed once.
fn cause(error: Error, syntax: Error, text: &str) -> Error {
    let line = |e: &Error| {
        unwrapped(e)
            .location()
            .map(|l| l.line() as usize)
            .filter(|l| *l > 0)
    };
    match (line(&error), line(&syntax)) {
        (Some(at), Some(syntax_at)) if syntax_at > mistakes::entry_end(text, at) => error,
        _ => syntax,
    }
}

/// What a problem means for reading on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// An unknown key, with the known key it was probably meant to be.
    UnknownKey(Option<&'static str>),
    /// A required key is missing.
    MissingKey(&'static str),
    /// Something about one entry, which can be left out to read on.
    Entry,
    /// Nothing after it can be read as the author meant.
    Last,
}

/// A problem found: its diagnostic (with its position, without its file)
/// and what it means for reading on.
struct Problem {
    diagnostic: Diagnostic,
    kind: Kind,
}

trait AtPos {
    fn at_pos(self, file: FileId) -> Diagnostic;
}

impl AtPos for Diagnostic {
    /// Attach the file, keeping the position (the start of the file when
    /// there is none).
    fn at_pos(self, file: FileId) -> Diagnostic {
        let pos = self.pos.unwrap_or_else(Pos::file_start);
        self.at(file, Some(pos))
    }
}

fn problem(error: &Error, text: &str) -> Problem {
    let inner = unwrapped(error);
    let pos = inner.location().filter(|l| l.line() > 0).map(|l| {
        let len = usize::try_from(l.span().len()).unwrap_or(1).clamp(1, 80);
        Pos::new(l.line() as usize, (l.column() as usize).max(1), len)
    });
    if let Some(p) = pos
        && let Some(mistake) = mistakes::classify(inner, text, p.line, p.column)
    {
        let kind = if mistake.on_its_line() {
            Kind::Entry
        } else {
            Kind::Last
        };
        let mut diagnostic = mistake.diagnostic();
        diagnostic.pos = Some(mistake.pos());
        return Problem { diagnostic, kind };
    }
    let (diagnostic, kind) = match inner {
        Error::SerdeUnknownField {
            field, expected, ..
        } => {
            let d = Diagnostic::error("unknown-key", format!("unknown key `{field}`"));
            let list = code_list(expected);
            let suggested = nearest(field, expected);
            let d = match suggested {
                Some(k) => d.help(format!("did you mean `{k}`? accepted keys here: {list}")),
                None => d.help(format!("accepted keys here: {list}")),
            };
            (d, Kind::UnknownKey(suggested))
        }
        Error::SerdeMissingField { field, .. } => (
            Diagnostic::error("missing-key", format!("required key `{field}` is missing"))
                .help(format!("add `{field}: …`")),
            Kind::MissingKey(field),
        ),
        Error::SerdeUnknownVariant {
            variant, expected, ..
        } => {
            let list = code_list(expected);
            let d = Diagnostic::error("unknown-value", format!("`{variant}` is not accepted here"));
            let d = match nearest(variant, expected) {
                Some(k) => d.help(format!("did you mean `{k}`? accepted: {list}")),
                None => d.help(format!("accepted: {list}")),
            };
            (d, Kind::Entry)
        }
        Error::DuplicateMappingKey { key, .. } => (
            Diagnostic::error(
                "duplicate-key",
                match key {
                    Some(k) => format!("key `{k}` appears twice in the same mapping"),
                    None => "a key appears twice in the same mapping".to_string(),
                },
            )
            .help("each key may appear once; remove or rename the repeated key"),
            Kind::Entry,
        ),
        Error::Unexpected { expected, .. } => match mistakes::expected_shape(expected) {
            Some(mistakes::Shape::List) => (
                Diagnostic::error("yaml", "a list is expected here")
                    .help("write `[first, second]`, or one `- item` per line below the key"),
                Kind::Entry,
            ),
            Some(mistakes::Shape::Mapping) => (
                Diagnostic::error("yaml", "keys and values are expected here")
                    .help("write `key: value` pairs, one per line, indented below the key"),
                Kind::Entry,
            ),
            Some(mistakes::Shape::Text) => (
                Diagnostic::error("yaml", "one value is expected here, not a list or keys")
                    .help("write the one value after the colon (`priority: high`), without brackets or lines indented below it; quote it if it starts with `[`, `{` or `-`"),
                Kind::Entry,
            ),
            None => (generic(inner), Kind::Entry),
        },
        Error::NullIntoString { .. } => (
            Diagnostic::error("yaml", "a value is missing here").help(
                "write the text after the colon (quote it if it looks like a number, a date or `null`)",
            ),
            Kind::Entry,
        ),
        Error::Eof { .. } => (
            Diagnostic::error("yaml", "the YAML ends before a value was given")
                .help("finish the last key, or remove it"),
            Kind::Last,
        ),
        // A value Evident read and refused (a date that does not exist),
        // or one of the wrong type: its entry can be left out.
        Error::Message { .. }
        | Error::SerdeInvalidType { .. }
        | Error::SerdeInvalidValue { .. }
        | Error::SerdeInvalidLength { .. }
        | Error::InvalidScalar { .. }
        | Error::InvalidBooleanStrict { .. } => (generic(inner), Kind::Entry),
        other => (generic(other), Kind::Last),
    };
    Problem {
        diagnostic: Diagnostic { pos, ..diagnostic },
        kind,
    }
}

/// serde-saphyr's own words for an error no better message is known for.
fn generic(error: &Error) -> Diagnostic {
    Diagnostic::error(
        "yaml",
        DefaultMessageFormatter.format_message(error).into_owned(),
    )
}

/// The position of a located value, for a diagnostic.
pub fn pos_of<T>(value: &crate::model::Located<T>) -> Option<Pos> {
    let l = value.referenced;
    (l.line() > 0).then(|| {
        let len = usize::try_from(l.span().len()).unwrap_or(1).clamp(1, 80);
        Pos::new(l.line() as usize, (l.column() as usize).max(1), len)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::FindingMeta;

    #[test]
    fn unknown_key_names_line_and_suggests() {
        let d = from_str::<FindingMeta>("\n\ntitle: A\nknid: strength\n", 0).unwrap_err();
        assert_eq!(d.code, "unknown-key");
        assert!(d.message.contains("`knid`"), "{}", d.message);
        assert_eq!(d.pos.map(|p| p.line), Some(4));
        assert!(d.help.unwrap().contains("did you mean `kind`?"));
    }

    #[test]
    fn every_unknown_key_is_reported() {
        let text = "\n\ntitel: A\nknid: strength\nfocuss:\n  - a\n  - b\ncases: [C1]\n";
        let all = read::<FindingMeta>(text, 0).diagnostics;
        let found: Vec<(&str, usize)> = all.iter().map(|d| (d.code, d.pos.unwrap().line)).collect();
        // `title` and `kind` are missing because they are misspelt: the
        // suggestions say so, and they are not reported again as missing.
        assert_eq!(
            found,
            [("unknown-key", 3), ("unknown-key", 4), ("unknown-key", 5)]
        );
        let all = read::<FindingMeta>("\nkind: strength\nfocuss: []\n", 0).diagnostics;
        let found: Vec<&str> = all.iter().map(|d| d.code).collect();
        assert_eq!(
            found,
            ["unknown-key", "missing-key"],
            "`title` is missing, not misspelt"
        );
    }

    #[test]
    fn a_list_or_keys_where_one_value_goes_say_so() {
        for (text, line) in [
            ("\ntitle: A\nkind: consideration\npriority: [high]\n", 4),
            // At the keys below it.
            (
                "\ntitle: A\nkind: consideration\npriority:\n  level: high\n",
                5,
            ),
        ] {
            let all = read::<FindingMeta>(text, 0).diagnostics;
            assert_eq!(all.len(), 1, "{all:?}");
            assert_eq!(
                all[0].message, "one value is expected here, not a list or keys",
                "{text:?}"
            );
            assert_eq!(all[0].pos.map(|p| p.line), Some(line), "{text:?}");
        }
    }

    #[test]
    fn keys_in_flow_style_stop_the_search() {
        let all = read::<FindingMeta>("{title: A, knid: x, kinnd: y}\n", 0).diagnostics;
        assert_eq!(all.len(), 1);
    }

    #[test]
    fn reading_on_past_any_slip_never_panics_and_points_inside_the_text() {
        // Each text with one of the characters authors slip on typed at
        // every place in it: every problem is placed on a line of the text.
        let texts = [
            "\ntitle: 'The child's voice'\nkind: strength\ncriteria:\n  - \"2.1\"\ncases: [C01, C02]\norder: 3\n",
            "- id: C01\n  domain: \"2\"\n  audit: file-read\n  answers:\n    \"2.1.1\": \"yes\"\n- {id: C02, domain: \"2\"}\n",
        ];
        for text in texts {
            let chars: Vec<(usize, char)> = text.char_indices().collect();
            for (at, _) in chars.iter().copied().chain([(text.len(), ' ')]) {
                for slip in [
                    ":", "\t", "'", "\"", "[", "- ", " ", "#", "é", "\r", "*", "{",
                ] {
                    let slipped = format!("{}{slip}{}", &text[..at], &text[at..]);
                    let lines = slipped.split(['\n', '\r']).count();
                    let read_as = |diagnostics: Vec<Diagnostic>| {
                        for d in diagnostics {
                            let pos = d.pos.unwrap();
                            assert!(
                                pos.line >= 1 && pos.line <= lines && pos.column >= 1,
                                "{slipped:?}: {pos:?} {}",
                                d.message
                            );
                        }
                    };
                    read_as(read::<FindingMeta>(&slipped, 0).diagnostics);
                    read_as(read::<crate::model::CaseFile>(&slipped, 0).diagnostics);
                }
            }
        }
    }

    #[test]
    fn missing_key_is_reported() {
        let d = from_str::<FindingMeta>("title: A\n", 0).unwrap_err();
        assert_eq!(d.code, "missing-key");
        assert!(d.message.contains("`kind`"));
    }

    #[test]
    fn located_values_carry_file_lines() {
        let m = from_str::<FindingMeta>("\n\ntitle: A\nkind: strength\ncases: [C01, C02]\n", 0)
            .unwrap();
        assert_eq!(pos_of(&m.kind).map(|p| (p.line, p.column)), Some((4, 7)));
        assert_eq!(
            pos_of(&m.cases[1]).map(|p| (p.line, p.column, p.len)),
            Some((5, 14, 3))
        );
    }
}
