//! Strict YAML: deserialise with serde-saphyr and turn its errors into
//! diagnostics that name the line, the column and what would be accepted.

use crate::content::FileId;
use crate::diagnostic::{Diagnostic, Pos, code_list, nearest};
use serde::de::DeserializeOwned;
use serde_saphyr::{DefaultMessageFormatter, Error, MessageFormatter};

/// Deserialise `text` into `T`, rejecting unknown keys and duplicate keys.
/// Only `true` and `false` are booleans (YAML 1.2): an unquoted `yes` or `no`
/// stays the word the author wrote, as the default answer scale needs.
pub fn from_str<T: DeserializeOwned>(text: &str, file: FileId) -> Result<T, Diagnostic> {
    let options = serde_saphyr::options! { strict_booleans: true };
    serde_saphyr::from_str_with_options::<T>(text, options).map_err(|e| to_diagnostic(&e, file))
}

/// Like [`from_str`], but goes on past unknown keys: serde stops at the first
/// error, so each unknown key written on a line of its own (in block style)
/// is blanked out, with the lines of its value, and the text read again. The
/// first error of any other kind ends the search. Every problem found is
/// returned.
pub fn from_str_all<T: DeserializeOwned>(text: &str, file: FileId) -> Result<T, Vec<Diagnostic>> {
    let mut text = text.to_string();
    let mut found = Vec::new();
    // Each round removes one key, so a file cannot loop; the bound only
    // keeps a pathological file from taking long.
    for _ in 0..50 {
        match from_str::<T>(&text, file) {
            Ok(value) if found.is_empty() => return Ok(value),
            Ok(_) => return Err(found),
            // A required key spelt wrong is reported once, as the unknown
            // key with its suggestion, not again as missing.
            Err(d) if d.code == "missing-key" && found.iter().any(|u| suggests(u, &d)) => {
                return Err(found);
            }
            Err(d) => {
                let blanked = d
                    .pos
                    .filter(|_| d.code == "unknown-key")
                    .and_then(|pos| blank_key(&text, pos.line, pos.column));
                found.push(d);
                match blanked {
                    // With every key gone, what is left is an empty mapping.
                    Some(next) if next.trim().is_empty() => text = next + "{}",
                    Some(next) => text = next,
                    None => return Err(found),
                }
            }
        }
    }
    Err(found)
}

/// Whether unknown-key diagnostic `unknown` suggested the key `missing` says is missing.
fn suggests(unknown: &Diagnostic, missing: &Diagnostic) -> bool {
    let key = missing.message.split('`').nth(1).unwrap_or_default();
    unknown.code == "unknown-key"
        && unknown
            .help
            .as_deref()
            .is_some_and(|h| h.contains(&format!("did you mean `{key}`?")))
}

/// `text` with the block-style key at `line`:`column` (1-based) and the
/// more-indented lines of its value turned into blank lines, keeping every
/// other line where it was. `None` when the key shares its line with others.
fn blank_key(text: &str, line: usize, column: usize) -> Option<String> {
    let lines: Vec<&str> = text.split('\n').collect();
    let key_line = *lines.get(line.checked_sub(1)?)?;
    let before: String = key_line.chars().take(column.saturating_sub(1)).collect();
    // Only `key:` alone at the start of its line (perhaps after `- `).
    if !before.trim_start_matches([' ', '-']).is_empty() || before.contains('{') {
        return None;
    }
    let indent = column - 1;
    let mut out: Vec<&str> = lines.clone();
    out[line - 1] = "";
    for (i, l) in lines.iter().enumerate().skip(line) {
        let own = l.len() - l.trim_start().len();
        if l.trim().is_empty() || own > indent {
            out[i] = "";
        } else {
            break;
        }
    }
    Some(out.join("\n"))
}

fn to_diagnostic(error: &Error, file: FileId) -> Diagnostic {
    let mut inner = error;
    while let Error::AliasError { error, .. } | Error::WithSnippet { error, .. } = inner {
        inner = error;
    }
    let pos = inner.location().filter(|l| l.line() > 0).map(|l| {
        let len = usize::try_from(l.span().len()).unwrap_or(1).clamp(1, 80);
        Pos::new(l.line() as usize, (l.column() as usize).max(1), len)
    });
    let diagnostic = match inner {
        Error::SerdeUnknownField {
            field, expected, ..
        } => {
            let mut d = Diagnostic::error("unknown-key", format!("unknown key `{field}`"));
            let list = code_list(expected);
            d = match nearest(field, expected) {
                Some(k) => d.help(format!("did you mean `{k}`? accepted keys here: {list}")),
                None => d.help(format!("accepted keys here: {list}")),
            };
            d
        }
        Error::SerdeMissingField { field, .. } => {
            Diagnostic::error("missing-key", format!("required key `{field}` is missing"))
                .help(format!("add `{field}: …`"))
        }
        Error::SerdeUnknownVariant {
            variant, expected, ..
        } => {
            let list = code_list(expected);
            let d = Diagnostic::error("unknown-value", format!("`{variant}` is not accepted here"));
            match nearest(variant, expected) {
                Some(k) => d.help(format!("did you mean `{k}`? accepted: {list}")),
                None => d.help(format!("accepted: {list}")),
            }
        }
        Error::DuplicateMappingKey { key, .. } => Diagnostic::error(
            "duplicate-key",
            match key {
                Some(k) => format!("key `{k}` appears twice in the same mapping"),
                None => "a key appears twice in the same mapping".to_string(),
            },
        )
        .help("each key may appear once; remove or rename the repeated key"),
        Error::Unexpected { expected, .. } if expected.contains("sequence") => {
            Diagnostic::error("yaml", "a list is expected here")
                .help("write `[first, second]`, or one `- item` per line below the key")
        }
        Error::Unexpected { expected, .. } if expected.contains("mapping") => {
            Diagnostic::error("yaml", "keys and values are expected here")
                .help("write `key: value` pairs, one per line, indented below the key")
        }
        Error::NullIntoString { .. } => Diagnostic::error("yaml", "a value is missing here").help(
            "write the text after the colon (quote it if it looks like a number, a date or `null`)",
        ),
        Error::Eof { .. } => Diagnostic::error("yaml", "the YAML ends before a value was given")
            .help("finish the last key, or remove it"),
        other => Diagnostic::error(
            "yaml",
            DefaultMessageFormatter.format_message(other).into_owned(),
        ),
    };
    match pos {
        Some(pos) => diagnostic.at(file, Some(pos)),
        None => diagnostic.at(file, Some(Pos::file_start())),
    }
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
        let all = from_str_all::<FindingMeta>(text, 0).unwrap_err();
        let found: Vec<(&str, usize)> = all.iter().map(|d| (d.code, d.pos.unwrap().line)).collect();
        // `title` and `kind` are missing because they are misspelt: the
        // suggestions say so, and they are not reported again as missing.
        assert_eq!(
            found,
            [("unknown-key", 3), ("unknown-key", 4), ("unknown-key", 5)]
        );
        let all = from_str_all::<FindingMeta>("\nkind: strength\nfocuss: []\n", 0).unwrap_err();
        let found: Vec<&str> = all.iter().map(|d| d.code).collect();
        assert_eq!(
            found,
            ["unknown-key", "missing-key"],
            "`title` is missing, not misspelt"
        );
    }

    #[test]
    fn keys_in_flow_style_stop_the_search() {
        let all = from_str_all::<FindingMeta>("{title: A, knid: x, kinnd: y}\n", 0).unwrap_err();
        assert_eq!(all.len(), 1);
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
