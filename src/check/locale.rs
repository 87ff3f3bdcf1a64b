//! Part of `check`: the report's `language` against the theme's locales.
//! Every word the theme writes comes from its `locales/<tag>.yaml`; a
//! string the language's file lacks is shown in British English, and the
//! author hears of it here, once for the language (`missing-translation`),
//! with how many strings and which, rather than once per string.

use crate::content::yaml::pos_of;
use crate::diagnostic::Diagnostic;
use crate::model::{Located, Review};
use crate::site::locale::{FALLBACK, Locales};

/// How many missing keys the message names before "and N more".
const NAMED: usize = 5;

/// A warning for each key of a project theme's locale file that no
/// template asks for (`unknown-locale-key`), with the key it probably
/// meant.
pub fn stray_keys(locales: &Locales) -> Vec<Diagnostic> {
    let known = locales.keys();
    locales
        .strays
        .iter()
        .map(|s| {
            let help = match crate::diagnostic::nearest(&s.key, &known) {
                Some(k) => format!("did you mean `{k}`? The default theme's `{FALLBACK}.yaml` lists every key"),
                None => format!("use a key of the default theme's `{FALLBACK}.yaml`, which lists every string the theme writes"),
            };
            Diagnostic::warning(
                "unknown-locale-key",
                format!(
                    "{}:{}: `{}` is not a string the theme writes, so its text is never shown",
                    s.path, s.line, s.key
                ),
            )
            .help(help)
        })
        .collect()
}

/// The warnings for the strings the theme has no words for in each of the
/// report's languages, at the language's tag in `report.yaml`; none for a
/// language it has them all in.
pub fn missing_words(review: &Review, locales: &Locales) -> Vec<Diagnostic> {
    let report = &review.report;
    let written: Vec<&Located<String>> = match (&report.languages, &report.language) {
        (Some(languages), _) => languages.iter().collect(),
        (None, Some(language)) => vec![language],
        // British English, the default theme's own.
        (None, None) => Vec::new(),
    };
    written
        .into_iter()
        .filter_map(|language| missing_in(review, locales, language))
        .collect()
}

/// The warning for one language, if the theme lacks strings in it.
fn missing_in(
    review: &Review,
    locales: &Locales,
    language: &Located<String>,
) -> Option<Diagnostic> {
    let missing = locales.missing(&language.value);
    if missing.is_empty() {
        return None;
    }
    let named: Vec<String> = missing
        .iter()
        .take(NAMED)
        .map(|k| format!("`{k}`"))
        .collect();
    let more = missing.len().saturating_sub(NAMED);
    let list = if more > 0 {
        format!("{}, and {more} more", named.join(", "))
    } else {
        named.join(", ")
    };
    let message = if locales.has(&language.value) {
        format!(
            "the theme has no words in `{}` for {} of its strings ({list}); they are shown in British English",
            language.value,
            missing.len()
        )
    } else {
        format!(
            "the theme has no words in `{}`; its {} strings are shown in British English",
            language.value,
            missing.len()
        )
    };
    let theme = &review.report.theme.value;
    let help = format!(
        "add them to `themes/{theme}/locales/{}.yaml` (the default theme's `{FALLBACK}.yaml` lists every key), or use a language the theme has: {}",
        language.value,
        locales.tags().join(", ")
    );
    Some(
        Diagnostic::warning("missing-translation", message)
            .at(review.report_file, pos_of(language))
            .help(help),
    )
}
