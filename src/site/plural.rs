//! Plural rules: which CLDR plural category a count takes in the report's
//! `language`, so that pages write "1 case" and "2 cases" and a theme in a
//! language with more forms (Welsh has six: zero, one, two, few, many,
//! other) can choose the right one. The planner makes one [`Plurals`] per
//! build and puts each count's category beside it in the page views.
//!
//! The rules come from `icu_plurals` (ICU4X) with its compiled CLDR data.
//! It shares its locale and data-provider crates (`icu_locale_core`,
//! `icu_provider`, `zerovec`) with `icu_normalizer` and `icu_properties`,
//! already here under ammonia, so it adds only itself, its data and two
//! small helpers; `intl_pluralrules` would have brought a second locale
//! stack (`unic-langid`). The categories and their rules are CLDR's
//! (Unicode CLDR, "Language Plural Rules").

use icu_locale_core::Locale;
use icu_plurals::{PluralCategory, PluralRules};

/// The cardinal plural rules of one language.
///
/// It keeps the locale, not the loaded `PluralRules`: those hold their
/// data behind an `Rc` unless `icu_provider`'s `sync` feature is on, and
/// pages are planned on several threads. With compiled data, loading the
/// rules is a lookup in static tables, done once per count a page writes.
#[derive(Debug)]
pub struct Plurals {
    locale: Locale,
}

impl Plurals {
    /// The rules of `language` (a BCP 47 tag such as `en-GB` or `cy`).
    /// A tag that does not parse takes English's, the language of the
    /// default theme's own words; a language CLDR has no rules for gets
    /// CLDR's root rules, by ICU4X's locale fallback.
    pub fn new(language: &str) -> Plurals {
        let locale = Locale::try_from_str(language).unwrap_or_else(|_| english());
        Plurals { locale }
    }

    /// The category `n` takes: `zero`, `one`, `two`, `few`, `many` or
    /// `other` (CLDR's names; every language uses `other`).
    pub fn category(&self, n: usize) -> &'static str {
        let rules = PluralRules::try_new_cardinal((&self.locale).into())
            .or_else(|_| PluralRules::try_new_cardinal((&english()).into()))
            .expect("the compiled data holds English's rules");
        match rules.category_for(n) {
            PluralCategory::Zero => "zero",
            PluralCategory::One => "one",
            PluralCategory::Two => "two",
            PluralCategory::Few => "few",
            PluralCategory::Many => "many",
            PluralCategory::Other => "other",
        }
    }

    /// `n` followed by `one` when `n` takes the `one` category, else by
    /// `other`: for words that have two forms, as English nouns do.
    pub fn count(&self, n: usize, one: &str, other: &str) -> String {
        let word = if self.category(n) == "one" {
            one
        } else {
            other
        };
        format!("{n} {word}")
    }
}

fn english() -> Locale {
    Locale::try_from_str("en").expect("`en` is a valid tag")
}

/// A label as it reads inside a sentence: its first letter in lower case,
/// unless its first word is an abbreviation written in capitals ("NHS
/// referrals" stays as written, "Strengths" reads "strengths").
pub fn in_sentence(label: &str) -> String {
    let first_word = label.split_whitespace().next().unwrap_or("");
    let capitals = first_word.chars().filter(|c| c.is_alphabetic()).count() > 1
        && !first_word.chars().any(|c| c.is_lowercase());
    let mut chars = label.chars();
    match chars.next() {
        Some(c) if !capitals => c.to_lowercase().chain(chars).collect(),
        _ => label.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_has_one_and_other() {
        let p = Plurals::new("en-GB");
        assert_eq!(p.category(1), "one");
        assert_eq!(p.category(0), "other");
        assert_eq!(p.category(2), "other");
        assert_eq!(p.count(1, "case", "cases"), "1 case");
        assert_eq!(p.count(21, "case", "cases"), "21 cases");
    }

    #[test]
    fn welsh_has_six_forms() {
        let p = Plurals::new("cy");
        let got: Vec<_> = [0, 1, 2, 3, 6, 7].iter().map(|&n| p.category(n)).collect();
        assert_eq!(got, ["zero", "one", "two", "few", "many", "other"]);
    }

    #[test]
    fn a_tag_that_does_not_parse_takes_english() {
        assert_eq!(Plurals::new("not a tag!").category(1), "one");
    }

    #[test]
    fn labels_keep_abbreviations() {
        assert_eq!(in_sentence("Strengths"), "strengths");
        assert_eq!(in_sentence("NHS referrals"), "NHS referrals");
        assert_eq!(
            in_sentence("Areas for improvement"),
            "areas for improvement"
        );
        assert_eq!(in_sentence("A"), "a");
    }
}
