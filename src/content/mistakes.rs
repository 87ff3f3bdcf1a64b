//! YAML mistakes: what authors most often get wrong in front matter and in
//! YAML files, recognised so that each gets a message saying what happened
//! and a help showing the line put right.
//!
//! [`super::yaml`] asks [`classify`] about every error serde-saphyr reports,
//! before falling back on its own messages. A mistake is decided from the
//! error's kind (serde-saphyr's [`Error`] variants, and granit-parser's
//! [`ErrorKind`] for syntax) and position, and then from the source line at
//! that position, read here as YAML's block structure (indentation, `- `,
//! `key: value`), never from the words of the library's message. The
//! mistakes, and where each was found to be common, are listed in
//! `docs/authoring.md` ("YAML mistakes").

use crate::diagnostic::{Diagnostic, Pos};
use serde_saphyr::granit_parser::ErrorKind;
use serde_saphyr::{Error, ExternalMessageSource};

/// A mistake recognised in a YAML text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Mistake {
    /// `title: Waiting times: what children said`: a second `: ` in a value.
    ColonInValue {
        key: Option<String>,
        colon: Pos,
        rewritten: String,
        /// The comment the line ends with (` # …`), left out of the
        /// rewritten line: it may have been meant as part of the value.
        comment: Option<String>,
    },
    /// A tab in a line's indentation.
    Tab {
        line: usize,
        tab: Pos,
        /// The nearest line above indented with spaces, and by how many.
        beside: Option<(usize, usize)>,
    },
    /// A line indented more or less than the block it probably belongs to.
    Indentation {
        line: usize,
        start: Pos,
        /// Its indentation less the block's (negative: too little).
        by: isize,
        /// The block's indentation.
        target: usize,
        /// A line of that block.
        beside: Beside,
    },
    /// `key:value`, or `-item`, with no space after the indicator.
    NoSpace {
        indicator: char,
        written: String,
        rewritten: String,
        at: Pos,
    },
    /// A quoted value that is never closed.
    UnclosedQuote {
        key: Option<String>,
        quote: char,
        at: Pos,
        rewritten: String,
    },
    /// A quoted value with its own quote character inside, closing it early.
    QuoteInside {
        key: Option<String>,
        quote: char,
        at: Pos,
        rewritten: String,
    },
    /// A plain value starting with a character YAML reads as syntax.
    IndicatorFirst {
        key: Option<String>,
        indicator: char,
        at: Pos,
        rewritten: String,
    },
    /// A list written as one piece of text, `cases: C01, C02`.
    ListWithoutBrackets {
        key: String,
        value: String,
        at: Pos,
        rewritten: String,
    },
    /// A `- item` line among `key: value` lines.
    ItemAmongKeys {
        item: String,
        at: Pos,
        /// The key above with a value of its own, its line and (when it is
        /// a list or one word) the line with the item added.
        key: String,
        key_line: usize,
        rewritten: Option<String>,
    },
    /// A `key:` line indented as the items of a list.
    KeyAmongItems {
        key: String,
        at: Pos,
        list_key: String,
        list_line: usize,
        list_indent: usize,
    },
    /// A `[` or `{` never closed.
    UnclosedBracket {
        open: char,
        at: Pos,
        rewritten: Option<String>,
    },
    /// `draft: yes` where `true` or `false` is taken.
    NotABoolean {
        key: Option<String>,
        word: String,
        at: Pos,
    },
    /// `order: ten` where a number is taken.
    NotANumber {
        key: Option<String>,
        word: String,
        at: Pos,
    },
    /// A key given twice in one mapping, with the line of the first.
    DuplicateKey { key: String, at: Pos, first: usize },
}

/// A line of the block a misindented line probably belongs to.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Beside {
    /// A key (`start` on line 5), in the mapping of `parent` when that is
    /// a key too.
    Key {
        name: String,
        line: usize,
        parent: Option<String>,
    },
    /// An item of a list (line 5), under the key `parent`.
    Item { line: usize, parent: Option<String> },
}

impl Mistake {
    /// Whether reading can go on with the mistake's line left out: the
    /// mistake is on that line alone, so what follows is read as written.
    pub(crate) fn on_its_line(&self) -> bool {
        matches!(
            self,
            Mistake::ColonInValue { .. }
                | Mistake::NoSpace { .. }
                | Mistake::UnclosedQuote { .. }
                | Mistake::QuoteInside { .. }
                | Mistake::IndicatorFirst { .. }
                | Mistake::ListWithoutBrackets { .. }
                | Mistake::NotABoolean { .. }
                | Mistake::NotANumber { .. }
                | Mistake::DuplicateKey { .. }
        )
    }

    /// Where the mistake is.
    pub(crate) fn pos(&self) -> Pos {
        match self {
            Mistake::ColonInValue { colon: at, .. }
            | Mistake::Tab { tab: at, .. }
            | Mistake::Indentation { start: at, .. }
            | Mistake::NoSpace { at, .. }
            | Mistake::UnclosedQuote { at, .. }
            | Mistake::QuoteInside { at, .. }
            | Mistake::IndicatorFirst { at, .. }
            | Mistake::ListWithoutBrackets { at, .. }
            | Mistake::ItemAmongKeys { at, .. }
            | Mistake::KeyAmongItems { at, .. }
            | Mistake::UnclosedBracket { at, .. }
            | Mistake::NotABoolean { at, .. }
            | Mistake::NotANumber { at, .. }
            | Mistake::DuplicateKey { at, .. } => *at,
        }
    }

    /// The diagnostic an author reads (its file is attached by the caller).
    pub(crate) fn diagnostic(&self) -> Diagnostic {
        let value_of = |key: &Option<String>| match key {
            Some(k) => format!("the value of `{k}`"),
            None => "the value".to_string(),
        };
        match self {
            Mistake::ColonInValue {
                key,
                rewritten,
                comment,
                ..
            } => Diagnostic::error(
                "yaml",
                format!(
                    "{} contains `: `, which YAML reads as the start of another key",
                    value_of(key)
                ),
            )
            .help(match comment {
                None => format!("put the value in quotes: `{rewritten}`"),
                Some(comment) => format!(
                    "put the value in quotes: `{rewritten}`; `{comment}` was read as a comment (a `#` after a space starts one): if it is part of the value, put it inside the quotes too"
                ),
            }),
            Mistake::Tab { line, beside, .. } => Diagnostic::error(
                "yaml",
                format!("line {line} is indented with a tab, and YAML indents with spaces only"),
            )
            .help(match beside {
                Some((other, 0)) => {
                    format!("replace the tab with spaces: line {other} is not indented")
                }
                Some((other, n)) => {
                    format!("replace the tab with spaces: line {other} is indented by {n}")
                }
                None => "replace the tab with spaces".to_string(),
            }),
            Mistake::Indentation {
                line,
                by,
                target,
                beside,
                ..
            } => {
                let how = if *by > 0 { "too far" } else { "too little" };
                let spaces = spaces(by.unsigned_abs());
                let (what, like) = match beside {
                    Beside::Key {
                        name,
                        line,
                        parent: Some(parent),
                    } => (format!("a key of `{parent}`"), format!("`{name}` is on line {line}")),
                    Beside::Key {
                        name,
                        line,
                        parent: None,
                    } => (format!("a key beside `{name}`"), format!("`{name}` is on line {line}")),
                    Beside::Item {
                        line,
                        parent: Some(parent),
                    } => (
                        format!("an item of the list under `{parent}`"),
                        format!("line {line} is"),
                    ),
                    Beside::Item { line, parent: None } => (
                        format!("an item of the list on line {line}"),
                        format!("line {line} is"),
                    ),
                };
                Diagnostic::error(
                    "yaml",
                    format!("line {line} is indented {spaces} {how} to be {what}"),
                )
                .help(indent_help(*target, &like))
            }
            Mistake::NoSpace {
                indicator: ':',
                written,
                rewritten,
                ..
            } => Diagnostic::error(
                "yaml",
                format!(
                    "`{written}` has no space after its colon, so YAML reads it as text, not as a key and its value"
                ),
            )
            .help(format!("add a space after the colon: `{rewritten}`")),
            Mistake::NoSpace {
                written, rewritten, ..
            } => Diagnostic::error(
                "yaml",
                format!(
                    "`{written}` has no space after its `-`, so YAML reads it as text, not as an item of a list"
                ),
            )
            .help(format!("add a space after the `-`: `{rewritten}`")),
            Mistake::UnclosedQuote { key, rewritten, .. } => Diagnostic::error(
                "yaml",
                format!("the quote that opens {} is never closed", value_of(key)),
            )
            .help(format!("close it at the end of the value: `{rewritten}`")),
            Mistake::QuoteInside {
                key,
                quote,
                rewritten,
                ..
            } => {
                let (inside, other) = if *quote == '\'' {
                    ("the apostrophe in", "double")
                } else {
                    ("the `\"` inside", "single")
                };
                let quotes = if *quote == '\'' { "single" } else { "double" };
                Diagnostic::error(
                    "yaml",
                    format!(
                        "{inside} {} closes its {quotes} quotes early",
                        value_of(key)
                    ),
                )
                .help(format!(
                    "put the value in {other} quotes instead: `{rewritten}`"
                ))
            }
            Mistake::IndicatorFirst {
                key,
                indicator,
                rewritten,
                ..
            } => {
                let reads = match indicator {
                    '*' => "reads as a reference to an anchor",
                    '&' => "reads as the name of an anchor",
                    '!' => "reads as a tag",
                    '|' | '>' => "reads as the start of a block of text on the lines below",
                    _ => "does not allow at the start of text without quotes",
                };
                Diagnostic::error(
                    "yaml",
                    format!(
                        "{} starts with `{indicator}`, which YAML {reads}",
                        value_of(key)
                    ),
                )
                .help(format!("put the value in quotes: `{rewritten}`"))
            }
            Mistake::ListWithoutBrackets {
                key,
                value,
                rewritten,
                ..
            } => Diagnostic::error(
                "yaml",
                format!("`{key}` takes a list, and `{value}` is written as one piece of text"),
            )
            .help(format!(
                "write the items in brackets: `{rewritten}`, or one `- item` per line below `{key}:`"
            )),
            Mistake::ItemAmongKeys {
                item,
                key,
                key_line,
                rewritten,
                ..
            } => Diagnostic::error(
                "yaml",
                format!(
                    "the list item `{item}` stands among keys, where YAML expects `key: value`"
                ),
            )
            .help(match rewritten {
                Some(r) => format!(
                    "`{key}` has its value on line {key_line} already; add the item there: `{r}`"
                ),
                None => format!(
                    "`{key}` has its value on line {key_line} already; write its items below it, one `- item` per line, or in brackets on line {key_line}"
                ),
            }),
            Mistake::KeyAmongItems {
                key,
                list_key,
                list_line,
                list_indent,
                ..
            } => Diagnostic::error(
                "yaml",
                format!(
                    "`{key}` is indented as an item of the list under `{list_key}`, but it is a key"
                ),
            )
            .help(indent_help(
                *list_indent,
                &format!("`{list_key}` is on line {list_line}"),
            )),
            Mistake::UnclosedBracket {
                open, rewritten, at, ..
            } => {
                let (what, close) = if *open == '[' {
                    ("list", ']')
                } else {
                    ("mapping", '}')
                };
                Diagnostic::error(
                    "yaml",
                    format!("the `{open}` on line {} is never closed", at.line),
                )
                .help(match rewritten {
                    Some(r) => format!("close the {what} at the end of line {}: `{r}`", at.line),
                    None => format!("close the {what} with `{close}` after its last item"),
                })
            }
            Mistake::NotABoolean { key, word, .. } => match key {
                Some(k) => Diagnostic::error(
                    "yaml",
                    format!("`{k}` is `true` or `false`, and `{word}` is neither"),
                )
                .help(format!("write `{k}: true` or `{k}: false`")),
                None => Diagnostic::error(
                    "yaml",
                    format!("`true` or `false` is expected here, and `{word}` is neither"),
                )
                .help("write `true` or `false`"),
            },
            Mistake::NotANumber { key, word, .. } => match key {
                Some(k) => Diagnostic::error(
                    "yaml",
                    format!("`{k}` takes a number, and `{word}` is not one"),
                )
                .help(format!("write it in digits, e.g. `{k}: 10`")),
                None => Diagnostic::error(
                    "yaml",
                    format!("a number is expected here, and `{word}` is not one"),
                )
                .help("write it in digits, e.g. `10`"),
            },
            Mistake::DuplicateKey { key, first, .. } => Diagnostic::error(
                "duplicate-key",
                format!("key `{key}` appears twice in the same mapping"),
            )
            .help(format!(
                "it is given on line {first} too; each key may appear once, so keep one of the two"
            )),
        }
    }
}

/// "1 space", "2 spaces".
fn spaces(n: usize) -> String {
    if n == 1 {
        "1 space".to_string()
    } else {
        format!("{n} spaces")
    }
}

/// How to indent a line by `target` spaces, as `like` ("line 5 is").
fn indent_help(target: usize, like: &str) -> String {
    if target == 0 {
        format!("start it at the beginning of the line, as {like}")
    } else {
        format!("indent it by {target} spaces, as {like}")
    }
}

/// What the parser reported, by its typed kind: only what telling the
/// mistakes apart needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cause {
    /// `: ` where no mapping value may start.
    ColonHere,
    /// A tab where YAML takes none.
    Tab,
    /// A block mapping or list missing its next key or `-`, or a line
    /// indented where no block is.
    Structure,
    /// A line read as a key has no `: `.
    KeyWithoutColon,
    /// A character that may not start a plain value, or an anchor, alias
    /// or block-scalar header that is not one.
    Indicator,
    /// An alias naming no anchor (`*Most*`).
    UnknownAnchor,
    UnclosedQuote,
    /// Text after a quoted value's closing quote.
    AfterQuote(char),
    UnclosedFlow(char),
    /// Syntax inside a list or mapping in brackets.
    InFlow,
    /// A list expected, something else found.
    ListExpected,
    /// A mapping expected, something else found.
    MappingExpected,
    /// No value where text is taken (an empty tag, `!important`).
    Null,
    NotABoolean,
    /// A number expected, a word found.
    NotANumber,
    DuplicateKey,
}

/// The shape of value serde-saphyr expected when it reports
/// `Error::Unexpected`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    /// A list.
    List,
    /// A mapping of keys to values.
    Mapping,
    /// One piece of text (a list or keys were written).
    Text,
}

/// serde-saphyr names the token it expected with a fixed token name (not a
/// message): `"sequence start"` or `"mapping start"`. The test
/// `expected_tokens_are_still_named_so` pins them, so an upgrade that
/// renames them is noticed.
pub(crate) fn expected_shape(token: &str) -> Option<Shape> {
    match token {
        "sequence start" => Some(Shape::List),
        "mapping start" => Some(Shape::Mapping),
        "string scalar" => Some(Shape::Text),
        _ => None,
    }
}

/// The error inside the wrappers serde-saphyr puts around it.
pub(crate) fn unwrapped(error: &Error) -> &Error {
    let mut inner = error;
    while let Error::AliasError { error, .. } | Error::WithSnippet { error, .. } = inner {
        inner = error;
    }
    inner
}

fn cause_of(error: &Error) -> Option<Cause> {
    Some(match unwrapped(error) {
        Error::ExternalMessage { source, .. } => match &**source {
            ExternalMessageSource::Parser(scan) => match scan.kind() {
                ErrorKind::MappingValueNotAllowed => Cause::ColonHere,
                ErrorKind::TabNotAllowed
                | ErrorKind::TabInBlockIndentation
                | ErrorKind::TabInIndentation
                | ErrorKind::TabInPlainScalar
                | ErrorKind::TabAtBlockScalarStart => Cause::Tab,
                ErrorKind::ExpectedBlockSequenceEntry
                | ErrorKind::ExpectedBlockMappingKey
                | ErrorKind::InvalidIndentation
                | ErrorKind::BlockSequenceEntryNotAllowed => Cause::Structure,
                ErrorKind::SimpleKeyExpected | ErrorKind::InvalidSimpleKey => {
                    Cause::KeyWithoutColon
                }
                ErrorKind::UnexpectedCharacter { .. }
                | ErrorKind::MissingAnchorOrAliasName
                | ErrorKind::InvalidBlockScalarHeader => Cause::Indicator,
                ErrorKind::UnclosedQuotedScalar => Cause::UnclosedQuote,
                ErrorKind::InvalidTrailingSingleQuotedScalar => Cause::AfterQuote('\''),
                ErrorKind::InvalidTrailingDoubleQuotedScalar => Cause::AfterQuote('"'),
                ErrorKind::UnclosedFlowCollection { open } => Cause::UnclosedFlow(*open),
                ErrorKind::InvalidColonPlacement
                | ErrorKind::ExpectedFlowSequenceSeparator
                | ErrorKind::ExpectedFlowMappingSeparator
                | ErrorKind::MisplacedFlowCollectionEnd
                | ErrorKind::UnexpectedEofFlowSequence
                | ErrorKind::UnexpectedEofFlowMapping => Cause::InFlow,
                _ => return None,
            },
            _ => return None,
        },
        Error::UnknownAnchor { .. } => Cause::UnknownAnchor,
        Error::Unexpected { expected, .. } => match expected_shape(expected)? {
            Shape::List => Cause::ListExpected,
            Shape::Mapping => Cause::MappingExpected,
            // Nothing on the line to put right: said in general.
            Shape::Text => return None,
        },
        Error::NullIntoString { .. } => Cause::Null,
        Error::InvalidBooleanStrict { .. } => Cause::NotABoolean,
        // serde-saphyr reports a scalar it could not read as the number
        // type asked for so (Evident reads no other scalar types itself).
        Error::InvalidScalar { .. } => Cause::NotANumber,
        Error::DuplicateMappingKey { .. } => Cause::DuplicateKey,
        _ => return None,
    })
}

/// The mistake behind `error` in `text`, when it is one of those this
/// module knows. `line` and `column` are the error's 1-based position.
pub(crate) fn classify(error: &Error, text: &str, line: usize, column: usize) -> Option<Mistake> {
    let cause = cause_of(error)?;
    let lines = Lines::new(text);
    let entry = Entry::read(lines.get(line)?);
    // A tab in the indentation is the mistake whatever the parser tripped
    // on first: its own kind, or a line that no longer lines up.
    if cause != Cause::DuplicateKey
        && let Some(m) = tab(&lines, line, cause == Cause::Tab)
    {
        return Some(m);
    }
    if matches!(
        cause,
        Cause::KeyWithoutColon | Cause::MappingExpected | Cause::ListExpected | Cause::Structure
    ) && let Some(m) = no_space(&lines, line)
    {
        return Some(m);
    }
    match cause {
        Cause::ColonHere => match entry.value_col {
            Some(start) if column > start => Some(Mistake::ColonInValue {
                colon: Pos::new(line, column, 1),
                rewritten: entry.rewritten(&quoted(entry.value)),
                key: entry.key_name(),
                comment: Some(entry.raw_value[entry.value.len()..].trim())
                    .filter(|c| c.starts_with('#'))
                    .map(str::to_string),
            }),
            _ => indentation(&lines, line),
        },
        Cause::Tab => None,
        Cause::Structure | Cause::KeyWithoutColon => indentation(&lines, line),
        Cause::Indicator | Cause::UnknownAnchor | Cause::Null => {
            let start = entry.value_col?;
            let indicator = entry.value.chars().next()?;
            ("*&!|>@`%".contains(indicator) && column >= start).then(|| Mistake::IndicatorFirst {
                at: Pos::new(line, start, 1),
                rewritten: entry.rewritten(&quoted(entry.value)),
                key: entry.key_name(),
                indicator,
            })
        }
        Cause::UnclosedQuote => {
            let start = entry.value_col?;
            let quote = entry
                .raw_value
                .chars()
                .next()
                .filter(|q| *q == '"' || *q == '\'')?;
            let inner = entry.raw_value[1..].trim_end();
            Some(Mistake::UnclosedQuote {
                at: Pos::new(line, start, 1),
                rewritten: entry.rewritten(&format!("{quote}{inner}{quote}")),
                key: entry.key_name(),
                quote,
            })
        }
        Cause::AfterQuote(quote) => {
            let start = entry.value_col?;
            let raw = entry.raw_value.trim_end();
            let inner = raw.strip_prefix(quote)?;
            let inner = inner.strip_suffix(quote).unwrap_or(inner);
            let rewritten = if quote == '\'' && !inner.contains(['"', '\\']) {
                format!("\"{inner}\"")
            } else {
                format!("'{}'", inner.replace('\'', "''"))
            };
            Some(Mistake::QuoteInside {
                at: Pos::new(line, column.saturating_sub(1).max(start), 1),
                rewritten: entry.rewritten(&rewritten),
                key: entry.key_name(),
                quote,
            })
        }
        Cause::UnclosedFlow(_) | Cause::InFlow => unclosed_bracket(&lines, line, column),
        Cause::ListExpected => {
            let key = entry.key_name()?;
            let start = entry.value_col?;
            let value = entry.value;
            if value.is_empty() || value.starts_with(['[', '{', '"', '\'']) {
                return None;
            }
            // Ids that look like numbers are quoted, as the examples do.
            let items: Vec<String> = value
                .split(',')
                .map(str::trim)
                .map(|item| {
                    let numeric =
                        !item.is_empty() && item.chars().all(|c| c.is_ascii_digit() || c == '.');
                    if numeric {
                        format!("\"{item}\"")
                    } else {
                        item.to_string()
                    }
                })
                .collect();
            Some(Mistake::ListWithoutBrackets {
                at: Pos::new(line, start, value.chars().count()),
                rewritten: entry.rewritten(&format!("[{}]", items.join(", "))),
                value: value.to_string(),
                key,
            })
        }
        Cause::MappingExpected => None,
        Cause::NotABoolean => Some(Mistake::NotABoolean {
            at: Pos::new(line, entry.value_col?, entry.value.chars().count().max(1)),
            word: entry.value.to_string(),
            key: entry.key_name(),
        }),
        Cause::NotANumber => Some(Mistake::NotANumber {
            at: Pos::new(line, entry.value_col?, entry.value.chars().count().max(1)),
            word: entry.value.to_string(),
            key: entry.key_name(),
        }),
        Cause::DuplicateKey => {
            let key = entry.key_name()?;
            let level = column.checked_sub(1)?;
            let first = (1..line).rev().find_map(|n| {
                let above = Entry::read(lines.get(n)?);
                if !above.is_content() {
                    return None;
                }
                match above.key_level() {
                    Some(l) if l == level && above.key_name().as_deref() == Some(key.as_str()) => {
                        Some(Some(n))
                    }
                    // Out of the mapping: the first is not in this text.
                    _ if above.indent < level => Some(None),
                    _ => None,
                }
            })??;
            Some(Mistake::DuplicateKey {
                at: Pos::new(line, column, entry.key_len().max(1)),
                key,
                first,
            })
        }
    }
}

/// A tab in the indentation of `line`, or, when the parser reported a tab
/// (`told`), of the first line from `line` on that has one: a tab that
/// continues a value is reported at the end of the value before it.
fn tab(lines: &Lines<'_>, line: usize, told: bool) -> Option<Mistake> {
    let last = if told { lines.count() } else { line };
    let (line, column) = (line..=last).find_map(|n| {
        let text = lines.get(n)?;
        let indentation: String = text
            .chars()
            .take_while(|c| *c == ' ' || *c == '\t')
            .collect();
        let at = indentation.chars().position(|c| c == '\t')?;
        // Indentation stands before something: a line of spaces and tabs
        // is blank.
        (indentation.len() < text.len()).then_some((n, at + 1))
    })?;
    let beside = (1..line).rev().find_map(|n| {
        let text = lines.get(n)?;
        let entry = Entry::read(text);
        let indentation: String = text.chars().take_while(|c| c.is_whitespace()).collect();
        (entry.is_content() && !indentation.contains('\t')).then_some((n, entry.indent))
    });
    Some(Mistake::Tab {
        line,
        tab: Pos::new(line, column, 1),
        beside,
    })
}

/// `key:value` or `-item` on `line`.
fn no_space(lines: &Lines<'_>, line: usize) -> Option<Mistake> {
    let text = lines.get(line)?;
    let indent = text.len() - text.trim_start_matches(' ').len();
    let content = &text[indent..];
    let column = |byte: usize| text[..byte].chars().count() + 1;
    if let Some(after) = content.strip_prefix('-') {
        let first = after.chars().next()?;
        if first.is_whitespace() || first == '-' {
            return None;
        }
        return Some(Mistake::NoSpace {
            indicator: '-',
            written: content.trim_end().to_string(),
            rewritten: format!("- {}", after.trim_end()),
            at: Pos::new(line, column(indent), 1),
        });
    }
    let colon = content.find(':')?;
    let key = &content[..colon];
    let after = content[colon + 1..].chars().next()?;
    let plain_key = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || "_-.".contains(c));
    if !plain_key || after.is_whitespace() || after == ':' || after == '/' {
        return None;
    }
    let value = content[colon + 1..].trim_end();
    Some(Mistake::NoSpace {
        indicator: ':',
        written: content.trim_end().to_string(),
        rewritten: format!("{key}: {value}"),
        at: Pos::new(line, column(indent + colon), 1),
    })
}

/// A line indented where no block of the lines above it is, or a key among
/// the items of a list, or an item among keys.
fn indentation(lines: &Lines<'_>, line: usize) -> Option<Mistake> {
    let entry = Entry::read(lines.get(line)?);
    if !entry.is_content() {
        return None;
    }
    let blocks = open_blocks(lines, line);
    let indent = entry.indent;
    let start = Pos::new(line, indent + 1, entry.first_token_len());
    let at_level = |level: usize| blocks.iter().filter(move |b| b.level == level);
    if let Some(same) = at_level(indent).next() {
        // At the indentation of a block, yet not what that block holds.
        return match (&same.role, entry.dash, entry.key_name()) {
            (Role::Item, false, Some(key)) => {
                let (list_key, list_line, list_indent) = list_parent(lines, same.line, indent)?;
                Some(Mistake::KeyAmongItems {
                    key,
                    at: Pos::new(line, indent + 1, entry.key_len().max(1)),
                    list_key,
                    list_line,
                    list_indent,
                })
            }
            (Role::Key { .. }, true, _) => {
                let above = at_level(indent).find_map(|b| match &b.role {
                    Role::Key { value, name } if !value.is_empty() => {
                        Some((b.line, name.clone(), value.clone()))
                    }
                    _ => None,
                })?;
                let (key_line, key, value) = above;
                let item = entry.raw_value.trim_end();
                let rewritten = if let Some(list) = value.strip_prefix('[') {
                    let list = list.trim_end().strip_suffix(']')?.trim_end();
                    let sep = if list.is_empty() { "" } else { ", " };
                    Some(format!("{key}: [{list}{sep}{item}]"))
                } else if !value.starts_with(['{', '"', '\'', '|', '>']) {
                    Some(format!("{key}: [{value}, {item}]"))
                } else {
                    None
                };
                Some(Mistake::ItemAmongKeys {
                    item: format!("- {item}"),
                    at: Pos::new(line, indent + 1, 1),
                    key,
                    key_line,
                    rewritten,
                })
            }
            _ => None,
        };
    }
    // The block it is closest to; between two as close, one holding what
    // it is (an item, or a key).
    let closest = blocks.iter().min_by_key(|b| {
        let same_role = matches!(b.role, Role::Item) == entry.dash;
        (b.level.abs_diff(indent), !same_role)
    })?;
    let beside = match &closest.role {
        Role::Key { name, .. } => Beside::Key {
            name: name.clone(),
            line: closest.line,
            parent: key_parent(lines, closest.line, closest.level),
        },
        Role::Item => Beside::Item {
            line: closest.line,
            parent: list_parent(lines, closest.line, closest.level).map(|(k, _, _)| k),
        },
    };
    Some(Mistake::Indentation {
        line,
        start,
        by: indent as isize - closest.level as isize,
        target: closest.level,
        beside,
    })
}

/// A block open above a line: the indentation at which a line may go on
/// with it, and the line that shows it.
#[derive(Debug)]
struct Block {
    level: usize,
    line: usize,
    role: Role,
}

#[derive(Debug)]
enum Role {
    /// Keys of a mapping; `name: value` is the nearest one.
    Key { name: String, value: String },
    /// Items of a list.
    Item,
}

/// The blocks open above `line`, nearest first: each line above, from the
/// nearest, opens the levels less indented than all the lines after it.
fn open_blocks(lines: &Lines<'_>, line: usize) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut limit = usize::MAX;
    for n in (1..line).rev() {
        let Some(text) = lines.get(n) else { continue };
        let entry = Entry::read(text);
        if !entry.is_content() || (!entry.dash && entry.key.is_none()) {
            // Blank lines, comments and the lines of a value go on with
            // whatever block they are in.
            continue;
        }
        if let (Some(level), Some(name)) = (entry.key_level(), entry.key_name())
            && level < limit
        {
            blocks.push(Block {
                level,
                line: n,
                role: Role::Key {
                    name,
                    value: entry.value.to_string(),
                },
            });
        }
        if entry.dash && entry.indent < limit {
            blocks.push(Block {
                level: entry.indent,
                line: n,
                role: Role::Item,
            });
        }
        limit = limit.min(entry.indent);
        if limit == 0 {
            break;
        }
    }
    blocks
}

/// The key a list belongs to, from one of its items (on `line`, at
/// `level`): the nearest key above at most as indented, with no value of
/// its own on its line, as its name, line and indentation.
fn list_parent(lines: &Lines<'_>, line: usize, level: usize) -> Option<(String, usize, usize)> {
    (1..line).rev().find_map(|n| {
        let entry = Entry::read(lines.get(n)?);
        if !entry.is_content() {
            return None;
        }
        let key_level = entry.key_level()?;
        if key_level > level {
            return None;
        }
        entry
            .value
            .is_empty()
            .then(|| entry.key_name().map(|k| (k, n, key_level)))
            .flatten()
    })
}

/// The key whose mapping holds the key on `line` (at `level`): the
/// nearest key above, less indented, with no value of its own.
fn key_parent(lines: &Lines<'_>, line: usize, level: usize) -> Option<String> {
    for n in (1..line).rev() {
        let entry = Entry::read(lines.get(n)?);
        if !entry.is_content() || entry.indent >= level {
            continue;
        }
        // An item of a list holding this mapping: the mapping has no key.
        if entry.dash {
            return None;
        }
        return entry.key_name().filter(|_| entry.value.is_empty());
    }
    None
}

/// The `[` or `{` left open on `line` (up to the error's `column`) or on
/// the nearest line above with one.
fn unclosed_bracket(lines: &Lines<'_>, line: usize, column: usize) -> Option<Mistake> {
    (1..=line).rev().find_map(|n| {
        let text = lines.get(n)?;
        let upto: String = if n == line {
            text.chars().take(column).collect()
        } else {
            text.to_string()
        };
        let (open, col) = open_bracket(&upto)?;
        let close = if open == '[' { ']' } else { '}' };
        let whole = text.trim();
        // Closed at the end of its line, unless the line goes on to the
        // next (it ends with a comma) or holds more after the bracket.
        let rewritten = (open_bracket(text) == Some((open, col)) && !whole.ends_with(','))
            .then(|| format!("{whole}{close}"));
        Some(Mistake::UnclosedBracket {
            open,
            at: Pos::new(n, col, 1),
            rewritten,
        })
    })
}

/// The last `[` or `{` of `text` left open, outside quotes, with its
/// 1-based column.
fn open_bracket(text: &str) -> Option<(char, usize)> {
    let mut open: Vec<(char, usize)> = Vec::new();
    let mut quote: Option<char> = None;
    for (i, c) in text.chars().enumerate() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '#') => break,
            (None, '[' | '{') => open.push((c, i + 1)),
            (None, ']' | '}') => {
                open.pop();
            }
            _ => {}
        }
    }
    open.pop()
}

/// A text with one entry left out, to read it again past a problem.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Blanked {
    /// The text with the entry's lines blank (every other line keeps its
    /// number, and every character its column).
    pub text: String,
    /// The key of the entry left out, when it had one.
    pub key: Option<String>,
    /// Only a key written on a line of its own (with its value) was left
    /// out, not an item of a list or a larger entry holding the problem.
    pub just_the_key: bool,
}

/// `text` without the entry the problem at `line`:`column` is in: the
/// line's key (from the key on, keeping a `- ` before it) and the lines of
/// its value, or, for a list item with no key, the item. `None` when the
/// line is neither (a value written over several lines, or a whole text
/// written in brackets).
pub(crate) fn leave_out(text: &str, line: usize, column: usize) -> Option<Blanked> {
    let lines = Lines::new(text);
    let entry = Entry::read(lines.get(line)?);
    if let Some(level) = entry.key_level() {
        return Some(Blanked {
            text: blank(&lines, line, level),
            key: entry.key_name(),
            just_the_key: column == entry.content_col,
        });
    }
    entry.dash.then(|| Blanked {
        text: blank(&lines, line, entry.indent),
        key: None,
        just_the_key: false,
    })
}

/// `text` without the mapping that starts at `line`:`column`: the list
/// item it is, or the entry of the key it is the value of. `None` for the
/// text's own mapping, which cannot be left out.
pub(crate) fn leave_out_mapping(text: &str, line: usize, column: usize) -> Option<Blanked> {
    let lines = Lines::new(text);
    let entry = Entry::read(lines.get(line)?);
    let level = column.checked_sub(1).filter(|l| *l > 0)?;
    if entry.dash && entry.content_col == column {
        return Some(Blanked {
            text: blank(&lines, line, entry.indent),
            key: None,
            just_the_key: false,
        });
    }
    // A mapping in brackets after its key, on the key's line.
    if entry.key_level().is_some_and(|l| l < level) {
        return leave_out(text, line, entry.content_col);
    }
    let parent = (1..line).rev().find(|n| {
        lines.get(*n).is_some_and(|t| {
            let above = Entry::read(t);
            above.is_content() && above.indent < level
        })
    })?;
    let above = Entry::read(lines.get(parent)?);
    match above.key_level() {
        Some(l) if l < level => leave_out(text, parent, above.content_col),
        _ => above.dash.then(|| Blanked {
            text: blank(&lines, parent, above.indent),
            key: None,
            just_the_key: false,
        }),
    }
}

/// The last line of the entry on `line`: the lines after it indented more
/// than its key (or its `- `), or items of a list at the key's own
/// indentation, are its value.
pub(crate) fn entry_end(text: &str, line: usize) -> usize {
    let lines = Lines::new(text);
    let Some(entry) = lines.get(line).map(Entry::read) else {
        return line;
    };
    let level = entry.key_level().unwrap_or(entry.indent);
    let mut end = line;
    for n in line + 1..=lines.count() {
        let Some(next) = lines.get(n).map(Entry::read) else {
            break;
        };
        if !next.is_content() {
            continue;
        }
        // A list may stand at its key's own indentation.
        let item_of_key = entry.key.is_some() && next.dash && next.indent == level;
        if next.indent <= level
            && !item_of_key
            && !lines.get(n).is_some_and(|t| t.starts_with('\t'))
        {
            break;
        }
        end = n;
    }
    end
}

/// The text of `lines` with the entry at `line` blank from column
/// `level + 1` on, and the lines after it indented more than `level`.
fn blank(lines: &Lines<'_>, line: usize, level: usize) -> String {
    let mut out = String::new();
    let mut in_value = false;
    for (i, text) in lines.0.iter().enumerate() {
        let n = i + 1;
        if n > 1 {
            out.push('\n');
        }
        if n == line {
            out.extend(text.chars().take(level));
            in_value = true;
            continue;
        }
        if in_value {
            let entry = Entry::read(text);
            if !entry.is_content() || entry.indent > level {
                continue;
            }
            in_value = false;
        }
        out.push_str(text);
    }
    out
}

/// A value written in quotes: double quotes, or single quotes (with any
/// apostrophe doubled) when it holds a `"` or a backslash.
pub(crate) fn quoted(value: &str) -> String {
    if value.contains(['"', '\\']) {
        format!("'{}'", value.replace('\'', "''"))
    } else {
        format!("\"{value}\"")
    }
}

/// The lines of a text, 1-based, ended as the source files' lines are
/// (`\n`, `\r\n` or a `\r` alone), so line numbers agree with the parser's.
struct Lines<'a>(Vec<&'a str>);

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Self {
        let mut lines = Vec::new();
        let mut rest = text;
        while let Some(end) = rest.find(['\n', '\r']) {
            lines.push(&rest[..end]);
            let skip = if rest[end..].starts_with("\r\n") {
                2
            } else {
                1
            };
            rest = &rest[end + skip..];
        }
        lines.push(rest);
        Lines(lines)
    }

    fn get(&self, line: usize) -> Option<&'a str> {
        self.0.get(line.checked_sub(1)?).copied()
    }

    fn count(&self) -> usize {
        self.0.len()
    }
}

/// One line read as YAML's block structure: `indent`, an optional `- `,
/// an optional `key:` and the value after it.
#[derive(Debug)]
struct Entry<'a> {
    /// Spaces before the content.
    indent: usize,
    /// The line is an item of a list (`- …`).
    dash: bool,
    /// What stands before the dash and the key: indentation and `- `.
    lead: &'a str,
    /// The key as written (quotes and all), when the line has one.
    key: Option<&'a str>,
    /// 1-based column of the key, or of the item's content.
    content_col: usize,
    /// The value as written to the end of the line.
    raw_value: &'a str,
    /// The value without a trailing comment or space.
    value: &'a str,
    /// 1-based column of the value, when the line has one.
    value_col: Option<usize>,
}

impl<'a> Entry<'a> {
    fn read(text: &'a str) -> Self {
        let indent = text.len() - text.trim_start_matches(' ').len();
        let mut rest = &text[indent..];
        let dash = rest == "-" || rest.starts_with("- ");
        if dash {
            rest = rest[1..].trim_start_matches(' ');
        }
        let lead_len = text.len() - rest.len();
        let column = |s: &str| text[..text.len() - s.len()].chars().count() + 1;
        let (key, raw_value) = match key_end(rest) {
            Some(end) => (
                Some(&rest[..end]),
                rest[end + 1..].trim_start_matches([' ', '\t']),
            ),
            None => (None, rest),
        };
        let value = strip_comment(raw_value).trim_end();
        Entry {
            indent,
            dash,
            lead: &text[..lead_len],
            key,
            content_col: column(rest),
            raw_value,
            value,
            value_col: (!raw_value.is_empty()).then(|| column(raw_value)),
        }
    }

    /// Neither blank nor a comment.
    fn is_content(&self) -> bool {
        let rest = self.raw_value.trim();
        self.dash || self.key.is_some() || !(rest.is_empty() || rest.starts_with('#'))
    }

    /// The key without its quotes.
    fn key_name(&self) -> Option<String> {
        let key = self.key?;
        let unquoted = key
            .strip_prefix('"')
            .and_then(|k| k.strip_suffix('"'))
            .or_else(|| key.strip_prefix('\'').and_then(|k| k.strip_suffix('\'')))
            .unwrap_or(key);
        Some(unquoted.to_string())
    }

    fn key_len(&self) -> usize {
        self.key.map_or(0, |k| k.chars().count())
    }

    /// The indentation of the line's key (after `- ` when it has one).
    fn key_level(&self) -> Option<usize> {
        self.key.map(|_| self.content_col - 1)
    }

    /// How much of the line to underline when pointing at its start: its
    /// key, or its `-`.
    fn first_token_len(&self) -> usize {
        if self.dash { 1 } else { self.key_len().max(1) }
    }

    /// The line with `value` for its value, without its indentation.
    fn rewritten(&self, value: &str) -> String {
        let lead = &self.lead[self.indent..];
        match self.key {
            Some(key) => format!("{lead}{key}: {value}"),
            None => format!("{lead}{value}"),
        }
    }
}

/// The byte offset of the colon that ends a line's key: a quoted key
/// followed by `:`, or the first `: ` (or a `:` ending the line) of a
/// plain one.
fn key_end(rest: &str) -> Option<usize> {
    let ends_key = |after: &str| after.is_empty() || after.starts_with([' ', '\t']);
    if let Some(q) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') {
        let close = rest[1..].find(q)? + 1;
        let after = &rest[close + 1..];
        return (after.starts_with(':') && ends_key(&after[1..])).then_some(close + 1);
    }
    if rest.starts_with(['[', '{', '#', '|', '>', '*', '&', '!', '%', '@', '`']) {
        return None;
    }
    let mut from = 0;
    while let Some(i) = rest[from..].find(':') {
        let at = from + i;
        let key = &rest[..at];
        if key.contains(" #") {
            return None;
        }
        if ends_key(&rest[at + 1..]) {
            return (!key.is_empty()).then_some(at);
        }
        from = at + 1;
    }
    None
}

/// A value without a comment after it: ` #` outside quotes starts one.
fn strip_comment(value: &str) -> &str {
    let mut quote: Option<char> = None;
    let mut previous = ' ';
    for (i, c) in value.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') if previous == ' ' && i == 0 => quote = Some(c),
            (None, '#') if previous.is_whitespace() => return &value[..i],
            _ => {}
        }
        previous = c;
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The mistake serde-saphyr's error on `text` is taken for.
    fn mistake(text: &str) -> Option<Mistake> {
        let options = serde_saphyr::options! { strict_booleans: true };
        let error = serde_saphyr::from_str_with_options::<crate::model::FindingMeta>(text, options)
            .unwrap_err();
        let location = error.location().unwrap();
        classify(
            &error,
            text,
            location.line() as usize,
            location.column() as usize,
        )
    }

    fn message(text: &str) -> (String, String, (usize, usize)) {
        let m = mistake(text).unwrap_or_else(|| panic!("no mistake found in {text:?}"));
        let d = m.diagnostic();
        (d.message, d.help.unwrap(), (m.pos().line, m.pos().column))
    }

    #[test]
    fn every_indicator_at_the_start_of_a_value_asks_for_quotes() {
        for (value, reads) in [
            ("*Most* of them", "reads as a reference to an anchor"),
            ("& Co", "reads as the name of an anchor"),
            (
                "@home",
                "does not allow at the start of text without quotes",
            ),
            (
                "`code` first",
                "does not allow at the start of text without quotes",
            ),
            ("%age", "does not allow at the start of text without quotes"),
            ("!important", "reads as a tag"),
            (
                "| one",
                "reads as the start of a block of text on the lines below",
            ),
            (
                "> one",
                "reads as the start of a block of text on the lines below",
            ),
        ] {
            let text = format!("\ntitle: {value}\nkind: strength\n");
            let first = value.chars().next().unwrap();
            assert_eq!(
                message(&text),
                (
                    format!("the value of `title` starts with `{first}`, which YAML {reads}"),
                    format!("put the value in quotes: `title: {}`", quoted(value)),
                    (2, 8)
                ),
                "{value}"
            );
        }
    }

    #[test]
    fn quotes_are_chosen_by_what_the_value_holds() {
        assert_eq!(quoted("a: b"), "\"a: b\"");
        assert_eq!(quoted("say \"no\": it's"), "'say \"no\": it''s'");
        // A double quote inside double quotes.
        assert_eq!(
            message("\ntitle: \"A \"quoted\" word\"\nkind: strength\n"),
            (
                "the `\"` inside the value of `title` closes its double quotes early".into(),
                "put the value in single quotes instead: `title: 'A \"quoted\" word'`".into(),
                (2, 11)
            )
        );
    }

    #[test]
    fn a_colon_is_placed_in_characters() {
        let (m, h, at) = message("\ntitle: é: x\nkind: strength\n");
        assert!(m.contains("`title`"), "{m}");
        assert_eq!(h, "put the value in quotes: `title: \"é: x\"`");
        // Columns count characters.
        assert_eq!(at, (2, 9));
        // A `#` after a space ends the value: said, in case it was text.
        let (_, h, _) = message("\nowner: Early help: team #1\nkind: strength\n");
        assert_eq!(
            h,
            "put the value in quotes: `owner: \"Early help: team\"`; `#1` was read as a comment (a `#` after a space starts one): if it is part of the value, put it inside the quotes too"
        );
    }

    #[test]
    fn a_key_written_with_no_space_after_its_colon_on_the_first_line() {
        assert_eq!(
            message("\ntitle:A\nkind: strength\n"),
            (
                "`title:A` has no space after its colon, so YAML reads it as text, not as a key and its value".into(),
                "add a space after the colon: `title: A`".into(),
                (2, 6)
            )
        );
        // A web address is not a key without its space.
        assert_eq!(no_space(&Lines::new("https://x.org"), 1), None);
        assert_eq!(
            message("\ntitle: A\nkind: strength\ncases:\n  -C1\n"),
            (
                "`-C1` has no space after its `-`, so YAML reads it as text, not as an item of a list".into(),
                "add a space after the `-`: `- C1`".into(),
                (5, 3)
            )
        );
    }

    #[test]
    fn a_top_level_key_indented_by_one_space() {
        assert_eq!(
            message("\ntitle: A\n kind: strength\n"),
            (
                "line 3 is indented 1 space too far to be a key beside `title`".into(),
                "start it at the beginning of the line, as `title` is on line 2".into(),
                (3, 2)
            )
        );
    }

    #[test]
    fn a_list_item_indented_two_spaces_too_far() {
        assert_eq!(
            message("\ntitle: A\nkind: strength\ncriteria:\n  - \"1.1\"\n    - \"1.2\"\n"),
            (
                "line 6 is indented 2 spaces too far to be an item of the list under `criteria`"
                    .into(),
                "indent it by 2 spaces, as line 5 is".into(),
                (6, 5)
            )
        );
    }

    #[test]
    fn a_tab_after_the_line_the_parser_names() {
        // A tab that would continue a value is reported at the end of the
        // value before it; the mistake is on the next line.
        let (m, h, at) = message("\ntitle: A\n\tkind: strength\n");
        assert_eq!(
            m,
            "line 3 is indented with a tab, and YAML indents with spaces only"
        );
        assert_eq!(h, "replace the tab with spaces: line 2 is not indented");
        assert_eq!(at, (3, 1));
    }

    #[test]
    fn an_item_among_keys_after_a_single_value() {
        // The syntax error, which `yaml::read` reports before the value
        // the item makes wrong.
        let text = "\ntitle: A\nkind: strength\ncases: C01\n- C02\n";
        assert_eq!(entry_end(text, 4), 5);
        let error = serde_saphyr::from_str::<serde::de::IgnoredAny>(text).unwrap_err();
        let at = unwrapped(&error).location().unwrap();
        let m = classify(&error, text, at.line() as usize, at.column() as usize).unwrap();
        let d = m.diagnostic();
        let (m, h) = (d.message, d.help.unwrap());
        assert_eq!(
            m,
            "the list item `- C02` stands among keys, where YAML expects `key: value`"
        );
        assert_eq!(
            h,
            "`cases` has its value on line 4 already; add the item there: `cases: [C01, C02]`"
        );
    }

    #[test]
    fn a_word_where_a_number_is_taken() {
        assert_eq!(
            message("\ntitle: A\nkind: strength\norder: ten\n"),
            (
                "`order` takes a number, and `ten` is not one".into(),
                "write it in digits, e.g. `order: 10`".into(),
                (4, 8)
            )
        );
    }

    #[test]
    fn lines_are_read_as_the_parser_reads_them() {
        let e = Entry::read("  - \"2.1.1\": \"yes\" # first");
        assert_eq!(
            (e.indent, e.dash, e.key, e.value),
            (2, true, Some("\"2.1.1\""), "\"yes\"")
        );
        assert_eq!((e.key_level(), e.value_col), (Some(4), Some(14)));
        let e = Entry::read("logo: https://example.org/a.png");
        assert_eq!(
            (e.key, e.value),
            (Some("logo"), "https://example.org/a.png")
        );
        let e = Entry::read("# a comment: with a colon");
        assert!(!e.is_content());
        let lines = Lines::new("a\r\nb\rc\n");
        assert_eq!(
            (lines.get(2), lines.get(3), lines.get(4)),
            (Some("b"), Some("c"), Some(""))
        );
    }

    #[test]
    fn expected_tokens_are_still_named_so() {
        // serde-saphyr names what it expected with these tokens; if an
        // upgrade renames them, lists written as text lose their help.
        for (text, shape) in [
            (
                "\ntitle: A\nkind: strength\ncases: C01\n",
                Cause::ListExpected,
            ),
            ("just text\n", Cause::MappingExpected),
        ] {
            let options = serde_saphyr::options! { strict_booleans: true };
            let error =
                serde_saphyr::from_str_with_options::<crate::model::FindingMeta>(text, options)
                    .unwrap_err();
            assert_eq!(cause_of(&error), Some(shape), "{text:?}");
        }
    }
}
