//! Locales: every word the theme and Evident write into a page, in the
//! report's `language`.
//!
//! A theme keeps its words in `locales/<tag>.yaml` (`en-GB.yaml`,
//! `cy.yaml`): a flat map from a key to a text, or to the text's plural
//! forms by CLDR category (`one`, `other`; Welsh also `zero`, `two`, `few`,
//! `many`). A text may hold `{name}` places, filled when it is used
//! (`{n}` is the count a plural form was chosen for). A project's theme
//! overrides single strings the way it overrides single templates: its
//! `locales/cy.yaml` needs only the keys it changes.
//!
//! Where it sits: the theme is loaded (render) with its locales merged
//! over the default theme's; the planner takes the report language's
//! [`Locale`] for the words Evident writes into views (breadcrumbs, kind
//! labels, dates), and templates call `t(key=…)` (registered on the Tera
//! instance by [`register`]), which reads the page's `lang`. A key the
//! language lacks falls back to British English, the default theme's own
//! language; check warns of each (`missing-translation`).
//!
//! No crate fits: Fluent (`fluent-bundle`) would bring its own syntax,
//! parser and a second locale stack beside ICU4X's; the plural rules here
//! are the ones the counts already use ([`super::plural::Plurals`]).

use super::plural::Plurals;
use crate::model::FindingKind;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// The language every theme's words fall back to.
pub const FALLBACK: &str = "en-GB";

/// The CLDR plural categories, the keys a plural text may have.
const CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// One entry of a locale file.
#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    /// A text.
    Text(String),
    /// Its forms by plural category; `other` is required.
    Plural(BTreeMap<String, String>),
}

/// A text, or a map of plural forms. Written by hand rather than as an
/// untagged enum: YAML reads an unquoted `yes`, `y` or `12` as something
/// other than text, and the author should hear that, at the value, rather
/// than that nothing matched.
impl<'de> Deserialize<'de> for Message {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Message;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a text (in quotes if YAML could read it as a number, `yes` or `no`), or plural forms such as `{one: …, other: …}`")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Message, E> {
                Ok(Message::Text(v.to_string()))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Message, A::Error> {
                let mut forms = BTreeMap::new();
                while let Some((k, v)) = map.next_entry::<String, String>()? {
                    forms.insert(k, v);
                }
                Ok(Message::Plural(forms))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// The strings of one language: key → message.
pub type Strings = HashMap<String, Message>;

/// A problem in a locale file, for the theme loader to report.
#[derive(Debug, PartialEq)]
pub struct LocaleProblem {
    /// The key, or empty for the file as a whole.
    pub key: String,
    /// What is wrong.
    pub message: String,
}

/// Check a parsed locale file: plural forms use CLDR's category names and
/// give `other`.
pub fn validate(strings: &Strings) -> Vec<LocaleProblem> {
    let mut problems = Vec::new();
    let mut keys: Vec<&String> = strings.keys().collect();
    keys.sort();
    for key in keys {
        if let Message::Plural(forms) = &strings[key] {
            if let Some(bad) = forms.keys().find(|c| !CATEGORIES.contains(&c.as_str())) {
                problems.push(LocaleProblem {
                    key: key.clone(),
                    message: format!(
                        "`{bad}` is not a plural category; use zero, one, two, few, many or other"
                    ),
                });
            } else if !forms.contains_key("other") {
                problems.push(LocaleProblem {
                    key: key.clone(),
                    message: "plural forms need `other`, used for any count no other form covers"
                        .to_string(),
                });
            }
        }
    }
    problems
}

/// Every language's strings a theme has, its own merged over its parents'.
#[derive(Debug, Default)]
pub struct Locales {
    by_tag: HashMap<String, Strings>,
    /// Keys a project theme's locale file gives that British English has
    /// not: most likely a misspelt key, whose text is then never shown.
    pub strays: Vec<StrayKey>,
}

/// A key of a project theme's locale file that no template asks for.
#[derive(Debug, Clone, PartialEq)]
pub struct StrayKey {
    /// The file, from the project folder (`themes/ours/locales/cy.yaml`).
    pub path: String,
    /// Its line (1-based), where the key is written.
    pub line: usize,
    /// The key.
    pub key: String,
}

impl Locales {
    /// Add `strings` for `tag` under those already there: a key already
    /// given (by a theme nearer the project) is kept.
    pub fn add_under(&mut self, tag: &str, strings: Strings) {
        let mine = self.by_tag.entry(tag.to_string()).or_default();
        for (key, message) in strings {
            mine.entry(key).or_insert(message);
        }
    }

    /// The keys British English has, sorted: every string the theme uses.
    pub fn keys(&self) -> Vec<&str> {
        let mut keys: Vec<&str> = self
            .by_tag
            .get(FALLBACK)
            .map(|s| s.keys().map(String::as_str).collect())
            .unwrap_or_default();
        keys.sort_unstable();
        keys
    }

    /// The tags that have a locale file, sorted.
    pub fn tags(&self) -> Vec<&str> {
        let mut tags: Vec<&str> = self.by_tag.keys().map(String::as_str).collect();
        tags.sort_unstable();
        tags
    }

    /// Whether `language` has a file of its own (`cy-GB` has `cy`'s).
    pub fn has(&self, language: &str) -> bool {
        self.own(language).is_some()
    }

    /// The strings of `language`: its own file (`cy-GB` also finds `cy`),
    /// with British English under it.
    pub fn locale(&self, language: &str) -> Locale<'_> {
        Locale {
            own: self.own(language),
            fallback: self.by_tag.get(FALLBACK),
            plurals: Plurals::new(language),
        }
    }

    /// The file of `language` itself, if any: the exact tag, else its
    /// language subtag (`cy` for `cy-GB`), compared without regard to case.
    fn own(&self, language: &str) -> Option<&Strings> {
        let find = |tag: &str| {
            self.by_tag
                .iter()
                .find(|(t, _)| t.eq_ignore_ascii_case(tag))
                .map(|(_, s)| s)
        };
        find(language).or_else(|| find(language.split(['-', '_']).next().unwrap_or(language)))
    }

    /// The keys British English has that `language` does not: empty for
    /// British English itself. English in another region (`en-US`) is
    /// English enough to need no warning.
    pub fn missing(&self, language: &str) -> Vec<&str> {
        let own = self.own(language);
        if language.eq_ignore_ascii_case(FALLBACK) {
            return Vec::new();
        }
        let english = language.split(['-', '_']).next() == Some("en");
        let Some(fallback) = self.by_tag.get(FALLBACK) else {
            return Vec::new();
        };
        let mut keys: Vec<&str> = fallback
            .keys()
            .filter(|k| own.is_none_or(|o| !o.contains_key(*k)))
            .filter(|_| !english || own.is_some())
            .map(String::as_str)
            .collect();
        keys.sort_unstable();
        keys
    }
}

/// The default theme's locales alone (every theme has them under its own).
pub fn default_locales() -> Result<Locales, String> {
    let mut locales = Locales::default();
    for (name, text) in crate::embedded::LOCALES {
        let tag = name.trim_end_matches(".yaml");
        let strings: Strings =
            serde_saphyr::from_str(text).map_err(|e| format!("locales/{name}: {e}"))?;
        locales.add_under(tag, strings);
    }
    Ok(locales)
}

/// A kind of finding's names in a page's language.
#[derive(Debug, Clone)]
pub struct KindWords {
    /// The heading of its findings ("Strengths").
    pub label: String,
    /// The name of one ("Strength").
    pub one: String,
    /// For a built-in kind, the key of its name after a count.
    counted: Option<String>,
}

/// The words of one language, falling back to British English.
#[derive(Debug)]
pub struct Locale<'a> {
    own: Option<&'a Strings>,
    fallback: Option<&'a Strings>,
    plurals: Plurals,
}

impl Locale<'_> {
    fn message(&self, key: &str) -> Option<&Message> {
        self.own
            .and_then(|s| s.get(key))
            .or_else(|| self.fallback.and_then(|s| s.get(key)))
    }

    /// The text of `key` as written, in the form for `n` when it is a
    /// plural text. `None` when no locale has the key.
    fn template(&self, key: &str, n: Option<usize>) -> Option<&str> {
        match self.message(key)? {
            Message::Text(t) => Some(t.as_str()),
            Message::Plural(forms) => {
                let category = self.plurals.category(n.unwrap_or(0));
                forms
                    .get(category)
                    .or_else(|| forms.get("other"))
                    .map(String::as_str)
            }
        }
    }

    /// The text of `key` with its `{name}` places filled from `args`; a
    /// plural text takes the form for `n` (and `{n}` is `n`). `None` when
    /// no locale has the key.
    pub fn get(&self, key: &str, n: Option<usize>, args: &[(&str, &str)]) -> Option<String> {
        let text = self.template(key, n)?;
        let n = n.map(|n| n.to_string());
        let mut all: Vec<(&str, &str)> = args.to_vec();
        if let Some(n) = &n {
            all.push(("n", n));
        }
        Some(fill(text, &all))
    }

    /// The text of `key`, or the key itself when no locale has it (a theme
    /// bug the tests catch: every key Evident uses is in `en-GB.yaml`).
    pub fn text(&self, key: &str) -> String {
        self.get(key, None, &[]).unwrap_or_else(|| key.to_string())
    }

    /// As [`Locale::text`], with `{name}` places filled.
    pub fn with(&self, key: &str, args: &[(&str, &str)]) -> String {
        self.get(key, None, args).unwrap_or_else(|| key.to_string())
    }

    /// The form of plural `key` for `n`, with `{n}` filled.
    pub fn count(&self, key: &str, n: usize) -> String {
        self.get(key, Some(n), &[])
            .unwrap_or_else(|| key.to_string())
    }

    /// A plural text's forms as (category, text), in CLDR's order; a plain
    /// text as its `other` form.
    pub fn forms(&self, key: &str) -> Vec<(&'static str, String)> {
        match self.message(key) {
            Some(Message::Plural(forms)) => CATEGORIES
                .iter()
                .filter_map(|c| forms.get(*c).map(|t| (*c, t.clone())))
                .collect(),
            Some(Message::Text(t)) => vec![("other", t.clone())],
            None => Vec::new(),
        }
    }

    /// The name of month `m` (1–12).
    pub fn month(&self, m: u8) -> String {
        self.text(&format!("month_{m}"))
    }

    /// What a page calls a kind of finding: its label ("Strengths") and
    /// the name of one ("Strength"). A kind the report declares is named
    /// as its author wrote it; a built-in one (the report declares none)
    /// by the theme (`kind_<id>`, `kind_<id>_one`).
    pub fn kind_words(&self, kind: &FindingKind) -> KindWords {
        if kind.builtin {
            let id = &kind.id.value;
            KindWords {
                label: self.text(&format!("kind_{id}")),
                one: self.text(&format!("kind_{id}_one")),
                counted: Some(format!("kind_{id}_counted")),
            }
        } else {
            KindWords {
                label: kind.label.to_string(),
                one: kind.tag().to_string(),
                counted: None,
            }
        }
    }

    /// The kind's name as it reads after `n` in a sentence ("1 strength",
    /// "2 gryfder"): a built-in kind's form for `n` from the theme; a
    /// declared kind's singular or label (by English's two forms), its
    /// first letter in lower case unless its first word is in capitals.
    pub fn kind_after_count(&self, words: &KindWords, n: usize) -> String {
        if let Some(key) = &words.counted
            && let Some(text) = self.get(key, Some(n), &[])
        {
            return text;
        }
        let name = if self.plurals.category(n) == "one" {
            &words.one
        } else {
            &words.label
        };
        super::plural::in_sentence(name)
    }

    /// `date` as the language writes it: "12 January 2026", "12 Ionawr
    /// 2026"; "January 2026" when it has no day.
    pub fn date(&self, date: &crate::model::Date) -> String {
        let month = self.month(date.month);
        let year = date.year.to_string();
        match date.day {
            Some(day) => self.with(
                "date_long",
                &[
                    ("day", &day.to_string()),
                    ("month", &month),
                    ("year", &year),
                ],
            ),
            None => self.with("date_month", &[("month", &month), ("year", &year)]),
        }
    }
}

/// `text` with each `{name}` replaced by its value in `args`; a place with
/// no value, and any other brace, stays as written.
fn fill(text: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match args.iter().find(|(k, _)| *k == name) {
                    Some((_, v)) => out.push_str(v),
                    None => out.push_str(&rest[open..open + close + 2]),
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// The message's arguments from a template call: `n` (a count) and the
/// other named values, each as text and whether it is marked safe.
struct Call {
    key: String,
    n: Option<usize>,
    values: Vec<(String, String, bool)>,
}

impl Call {
    fn read(kwargs: &tera::Kwargs) -> tera::TeraResult<Call> {
        let key = kwargs.must_get::<&str>("key")?.to_string();
        let n = kwargs
            .get::<i64>("n")?
            .map(|n| usize::try_from(n).unwrap_or(0));
        let values = kwargs
            .iter()
            .map(|(name, value)| (name.to_string(), value.to_string(), value.is_safe()))
            .filter(|(name, _, _)| name != "key" && name != "n")
            .collect();
        Ok(Call { key, n, values })
    }

    fn text(
        &self,
        locales: &Locales,
        state: &tera::State,
        escape: bool,
    ) -> tera::TeraResult<String> {
        let lang: Option<String> = state.get::<String>("lang")?;
        let locale = locales.locale(lang.as_deref().unwrap_or(FALLBACK));
        let message = locale
            .template(&self.key, self.n)
            .ok_or_else(|| missing(&self.key))?;
        let n = self.n.map(|n| n.to_string());
        let mut args: Vec<(&str, String)> = self
            .values
            .iter()
            .map(|(k, v, safe)| {
                let v = if escape && !safe {
                    html_escape(v)
                } else {
                    v.clone()
                };
                (k.as_str(), v)
            })
            .collect();
        if let Some(n) = n {
            args.push(("n", n));
        }
        let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let message = if escape {
            html_escape(message)
        } else {
            message.to_string()
        };
        Ok(fill(&message, &args))
    }
}

/// `text` escaped for HTML, as Tera escapes a value.
fn html_escape(text: &str) -> String {
    let mut out = Vec::with_capacity(text.len());
    tera::escape_html(text, &mut out).expect("writing to a Vec does not fail");
    String::from_utf8(out).expect("escaping keeps UTF-8")
}

fn missing(key: &str) -> tera::Error {
    tera::Error::message(format!(
        "no locale has the string `{key}`: add it to the theme's locales/{FALLBACK}.yaml"
    ))
}

/// `t_html(key=…, …)`: as `t`, for a sentence with markup in its places
/// (a link, a `<time>`): the text is escaped, a value marked `safe` goes
/// in as it is and any other value is escaped, and the whole is safe.
struct TextWithMarkup(Arc<Locales>);

impl tera::Function<tera::TeraResult<String>> for TextWithMarkup {
    fn call(&self, kwargs: tera::Kwargs, state: &tera::State) -> tera::TeraResult<String> {
        Call::read(&kwargs)?.text(&self.0, state, true)
    }

    fn is_safe(&self) -> bool {
        true
    }
}

/// Register the theme's functions on `tera`:
///
/// - `t(key=…, n=…, name=…)`: the text of `key` in the page's `lang` (a
///   top-level context value), its plural form for `n`, its places filled
///   from the other arguments; escaped like any other value.
/// - `t_html(key=…, …)`: the same for a sentence with markup in its
///   places (see [`TextWithMarkup`]).
/// - `plural_forms(key=…)`: a plural text's forms as `[category, text]`
///   pairs in CLDR's order, for a script that counts in the page
///   (`data-one`, `data-other`…).
pub fn register(tera: &mut tera::Tera, locales: Arc<Locales>) {
    let plain = Arc::clone(&locales);
    tera.register_function(
        "t",
        move |kwargs: tera::Kwargs, state: &tera::State| -> tera::TeraResult<String> {
            Call::read(&kwargs)?.text(&plain, state, false)
        },
    );
    tera.register_function("t_html", TextWithMarkup(Arc::clone(&locales)));
    tera.register_function(
        "plural_forms",
        move |kwargs: tera::Kwargs, state: &tera::State| -> tera::TeraResult<Vec<Vec<String>>> {
            let key = kwargs.must_get::<&str>("key")?;
            let lang: Option<String> = state.get::<String>("lang")?;
            let locale = locales.locale(lang.as_deref().unwrap_or(FALLBACK));
            // In CLDR's order, so a page is the same on every build.
            let forms = locale.forms(key);
            if forms.is_empty() {
                return Err(missing(key));
            }
            Ok(forms
                .into_iter()
                .map(|(c, t)| vec![c.to_string(), t])
                .collect())
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(yaml: &str) -> Strings {
        serde_saphyr::from_str(yaml).unwrap()
    }

    fn locales() -> Locales {
        let mut l = Locales::default();
        l.add_under(
            "en-GB",
            strings("search: Search\ncases:\n  one: \"{n} case\"\n  other: \"{n} cases\"\nback: Back to {title}\n"),
        );
        l.add_under(
            "cy",
            strings("search: Chwilio\ncases:\n  zero: \"{n} achos\"\n  one: \"{n} achos\"\n  two: \"{n} achos (two)\"\n  few: \"{n} achos (few)\"\n  many: \"{n} achos (many)\"\n  other: \"{n} achos (other)\"\n"),
        );
        l
    }

    #[test]
    fn a_text_comes_in_the_language_and_falls_back_to_british_english() {
        let l = locales();
        assert_eq!(l.locale("cy").text("search"), "Chwilio");
        assert_eq!(l.locale("cy-GB").text("search"), "Chwilio");
        assert_eq!(l.locale("en-GB").text("search"), "Search");
        assert_eq!(l.locale("cy").with("back", &[("title", "T")]), "Back to T");
        assert_eq!(l.missing("cy"), ["back"]);
        assert!(l.missing("en-GB").is_empty());
        // English elsewhere needs no file of its own.
        assert!(l.missing("en-US").is_empty());
        assert_eq!(l.missing("fr"), ["back", "cases", "search"]);
    }

    #[test]
    fn welsh_counts_take_each_of_their_six_forms() {
        let l = locales();
        let cy = l.locale("cy");
        let forms: Vec<String> = [0, 1, 2, 3, 6, 7]
            .iter()
            .map(|n| cy.count("cases", *n))
            .collect();
        assert_eq!(
            forms,
            [
                "0 achos",
                "1 achos",
                "2 achos (two)",
                "3 achos (few)",
                "6 achos (many)",
                "7 achos (other)"
            ]
        );
        let en = l.locale("en-GB");
        assert_eq!(en.count("cases", 1), "1 case");
        assert_eq!(en.count("cases", 0), "0 cases");
    }

    #[test]
    fn a_project_theme_overrides_single_strings() {
        let mut l = Locales::default();
        l.add_under("cy", strings("search: Chwilio'r adroddiad\n"));
        l.add_under("cy", strings("search: Chwilio\nhome: Hafan\n"));
        let cy = l.locale("cy");
        assert_eq!(cy.text("search"), "Chwilio'r adroddiad");
        assert_eq!(cy.text("home"), "Hafan");
    }

    #[test]
    fn places_are_filled_and_other_braces_kept() {
        assert_eq!(fill("{a} and {b}", &[("a", "1"), ("b", "2")]), "1 and 2");
        assert_eq!(fill("{a} {unknown} {", &[("a", "1")]), "1 {unknown} {");
    }

    #[test]
    fn a_text_yaml_reads_as_a_yes_asks_for_quotes() {
        let e = serde_saphyr::from_str::<Strings>("answer_yes: yes\n").unwrap_err();
        assert!(e.to_string().contains("in quotes"), "{e}");
        let ok: Strings = serde_saphyr::from_str("answer_yes: \"yes\"\n").unwrap();
        assert_eq!(ok["answer_yes"], Message::Text("yes".into()));
    }

    #[test]
    fn plural_forms_are_checked() {
        let bad = strings("a:\n  one: x\nb:\n  some: w\n  other: z\n");
        let problems = validate(&bad);
        assert_eq!(problems.len(), 2);
        assert_eq!(problems[0].key, "a");
        assert!(problems[1].message.contains("`some`"));
    }
}
