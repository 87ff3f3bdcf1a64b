//! Strict YAML: deserialise with serde-saphyr and turn its errors into
//! diagnostics that name the line, the column and what would be accepted.

use crate::content::FileId;
use crate::diagnostic::{Diagnostic, Pos, nearest};
use serde::de::DeserializeOwned;
use serde_saphyr::{DefaultMessageFormatter, Error, MessageFormatter};

/// Deserialise `text` into `T`, rejecting unknown keys and duplicate keys.
/// Only `true` and `false` are booleans (YAML 1.2): an unquoted `yes` or `no`
/// stays the word the author wrote, as the default answer scale needs.
pub fn from_str<T: DeserializeOwned>(text: &str, file: FileId) -> Result<T, Diagnostic> {
    let options = serde_saphyr::options! { strict_booleans: true };
    serde_saphyr::from_str_with_options::<T>(text, options).map_err(|e| to_diagnostic(&e, file))
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
            let list = expected
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ");
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
            let list = expected
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ");
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
