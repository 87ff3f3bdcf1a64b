//! How ids become paths and HTML ids, and how the ids of one page are kept
//! apart. Kept with the data, not the site, because checking an `#anchor`,
//! rendering Markdown and planning a page must all agree on them.
//!
//! Ids come from two places. The theme gives its own elements fixed ids
//! ([`RESERVED_IDS`]) and ids made from names (`std-2-1`, `case-C04`,
//! `finding-<slug>`…, behind [`RESERVED_PREFIXES`]). Bodies written in
//! Markdown give headings, footnotes and raw HTML ids. The two never meet:
//! an id a body would carry that the theme could also make is renamed when
//! the body is rendered ([`IdSet::claim_for_body`]), and the ids of the
//! bodies that share a page are made unique when the plan places them
//! there ([`IdSet::claim`]). Nothing renames ids in a finished page.
//!
//! Findings, pages and focus areas are named by their files. The name as
//! written ([`file_name`], `asesiad-ŵyr`) is what authors refer to and what
//! diagnostics show; the slug made from it here, once ([`file_slug`],
//! `asesiad-wyr`), is what paths, anchors and HTML ids are made of. A name
//! of ASCII letters, digits, `-` and `_` is its own slug; any other name
//! is written in lower-case ASCII. Names are kept in composed form (NFC):
//! macOS lists file names decomposed (`w` and a combining circumflex), and
//! a keyboard types `ŵ` as one character (git's `core.precomposeUnicode`
//! exists for the same reason, git commit 76759c7, "git on Mac OS and
//! precomposed unicode"; Apple's Technical Q&A QA1235).
//!
//! Transliteration is `deunicode`'s table (Text::Unidecode's data, kept up
//! to date and extended; no dependencies, about 450 KB of tables). Beside
//! `any_ascii`, the other maintained choice, it is the smaller crate (its
//! package is 170 KB to 300 KB, its source 0.5 MB to 2.7 MB, and it has
//! no command-line program in it), and it says when it has no ASCII form
//! for a character (`deunicode_char` gives `None`, where `any_ascii` gives
//! an empty string, as it also does on purpose): a name is then refused,
//! not silently shortened. Which characters are letters comes from ICU's
//! Unicode data, already in the tree under ammonia.

use std::collections::{HashMap, HashSet};

/// The ids of the sections a page's contents list links to: the plan
/// writes them into `page.toc` and gives them to the theme as `page.ids`,
/// so the link and the element it leads to are made in one place.
pub mod section {
    /// The top of a page.
    pub const TOP: &str = "top";
    /// The summary, in the printable report.
    pub const SUMMARY: &str = "summary";
    /// A standard's or domain's narrative.
    pub const NARRATIVE: &str = "narrative";
    /// A standard's key questions.
    pub const QUESTIONS: &str = "questions";
    /// A focus area's findings.
    pub const FINDINGS: &str = "findings";
    /// A focus area's cases; the case sample in the printable report.
    pub const CASES: &str = "cases";
    /// The case sample's tables.
    pub const SAMPLE: &str = "sample";
    /// The case sample's introduction.
    pub const INTRO: &str = "intro";
    /// The findings that name no criterion.
    pub const OTHER_FINDINGS: &str = "other-findings";
    /// A domain's own findings on its page.
    pub const DOMAIN_WIDE: &str = "domain-wide";
    /// The framework's sources, in the printable report.
    pub const FRAMEWORK_SOURCES: &str = "framework-sources";
    /// The files to download, listed in the printable report.
    pub const ATTACHMENTS: &str = "attachments";
    /// The data files, on the case sample page.
    pub const DATA: &str = "data";
    /// The action plan, in the printable report.
    pub const ACTIONS: &str = "actions";
}

/// Ids the default theme gives its own elements, and the sections' ids. A
/// body's id that would be one of these gets a number instead (`main-1`),
/// so `## Cases` on a focus page does not take the id of the page's own
/// "Cases" section.
pub const RESERVED_IDS: &[&str] = &[
    "main",
    section::TOP,
    "contents",
    "contents-heading",
    "toc-heading",
    "toc-section-heading",
    section::SUMMARY,
    "summary-heading",
    "chapters-heading",
    "domains-heading",
    "focus-heading",
    "other-heading",
    section::OTHER_FINDINGS,
    section::DOMAIN_WIDE,
    section::NARRATIVE,
    section::INTRO,
    section::FINDINGS,
    section::CASES,
    section::SAMPLE,
    section::QUESTIONS,
    "chart-title",
    "site-search-q",
    "search-q",
    "search-status",
    "search-results",
    "finding-filters",
    "filter-kind",
    "filter-standard",
    "filter-focus",
    "filter-status",
    "overall-heading",
    section::FRAMEWORK_SOURCES,
    section::ATTACHMENTS,
    section::DATA,
    section::ACTIONS,
    "action-filters",
    "filter-owner",
    "filter-action-status",
    "filter-action-standard",
    "filter-group",
    "action-status",
];

/// Beginnings of ids the theme and the plan make from names (`case-C04`,
/// `std-2-1`, `finding-<slug>`, `fn-…` for footnotes…). A body's heading,
/// `{#id}` or raw HTML id that starts like one gets `h-` in front, so
/// `## Case C04` cannot take the id of case C04's row.
pub const RESERVED_PREFIXES: &[&str] = &[
    "case-", "matrix-", "notes-", "note-", "page-", "focus-", "std-", "domain-", "kind-",
    "finding-", "fn-", "fnref-", "other-", "filter-", "site-", "search-", "toc-", "chart-",
];

/// The ids one page (or one body) carries so far. [`IdSet::claim`] hands
/// out each id once: the first asker gets the id as asked, later ones a
/// numbered form (`x-1`, `x-2`…). Linear in the number of ids, however
/// many ask for the same one: each base remembers the next number to try.
#[derive(Debug, Clone, Default)]
pub struct IdSet {
    used: HashSet<String>,
    next: HashMap<String, usize>,
    /// Whether the theme's fixed ids ([`RESERVED_IDS`]) count as taken.
    /// They are looked up where they are, not copied into every set: a
    /// set is made for every body and every page.
    reserved: bool,
}

impl IdSet {
    /// An empty set.
    pub fn new() -> Self {
        IdSet::default()
    }

    /// A set holding the theme's fixed ids, so no body takes one.
    pub fn with_theme_ids() -> Self {
        IdSet {
            reserved: true,
            ..IdSet::default()
        }
    }

    /// How many ids have been handed out (the theme's fixed ids included,
    /// when the set holds them).
    pub fn len(&self) -> usize {
        self.used.len() + if self.reserved { RESERVED_IDS.len() } else { 0 }
    }

    /// Whether no id has been handed out.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether `id` has been handed out.
    pub fn contains(&self, id: &str) -> bool {
        self.used.contains(id) || self.is_reserved(id)
    }

    fn is_reserved(&self, id: &str) -> bool {
        self.reserved && RESERVED_IDS.contains(&id)
    }

    /// `id` if no one has it yet, else the first free `id-N` (N from 1).
    /// An empty id is `section`.
    pub fn claim(&mut self, id: &str) -> String {
        let id = if id.is_empty() { "section" } else { id };
        if !self.is_reserved(id) && self.used.insert(id.to_string()) {
            return id.to_string();
        }
        let mut n = self.next.get(id).copied().unwrap_or(1);
        loop {
            let candidate = format!("{id}-{n}");
            n += 1;
            if !self.is_reserved(&candidate) && self.used.insert(candidate.clone()) {
                self.next.insert(id.to_string(), n);
                return candidate;
            }
        }
    }

    /// [`IdSet::claim`] for an id a body gives an element (a heading, a
    /// `{#id}`, raw HTML): one the theme could make from a name gets `h-`
    /// in front first.
    pub fn claim_for_body(&mut self, id: &str) -> String {
        if RESERVED_PREFIXES.iter().any(|p| id.starts_with(p)) {
            self.claim(&format!("h-{id}"))
        } else {
            self.claim(id)
        }
    }
}

/// A path-safe form of an id: letters, digits, `-` and `_` kept, anything
/// else becomes `-` (`2.1` → `2-1`).
pub fn path_id(id: &str) -> String {
    id.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect()
}

/// The HTML id of a standard's section on its domain page (`std-2-1`).
pub fn standard_anchor(id: &str) -> String {
    format!("std-{}", path_id(id))
}

/// The HTML id of a case's row on the cases page (`case-C04`).
pub fn case_anchor(id: &str) -> String {
    format!("case-{}", path_id(id))
}

/// The HTML id of a finding wherever it is shown in full (`finding-<slug>`).
pub fn finding_anchor(slug: &str) -> String {
    format!("finding-{slug}")
}

/// The HTML id of a group of findings of one kind (`kind-strength`).
pub fn kind_anchor(kind: &str) -> String {
    format!("kind-{}", path_id(kind))
}

/// The HTML id of a group of the findings that name no criterion, on the
/// home page (`other-strength`).
pub fn other_kind_anchor(kind: &str) -> String {
    format!("other-{}", path_id(kind))
}

/// The HTML id of a domain's case matrix (`matrix-2`).
pub fn matrix_anchor(domain: &str) -> String {
    format!("matrix-{}", path_id(domain))
}

/// The HTML id of the notes below a domain's case matrix (`notes-2`).
pub fn matrix_notes_anchor(domain: &str) -> String {
    format!("notes-{}", path_id(domain))
}

/// The HTML id of the case notes below a domain's matrix (`case-notes-2`).
pub fn case_notes_anchor(domain: &str) -> String {
    format!("case-notes-{}", path_id(domain))
}

/// The HTML id of a case's note on one answer (`note-C04-2-1-1`).
pub fn answer_note_anchor(case: &str, question: &str) -> String {
    format!("note-{}-{}", path_id(case), path_id(question))
}

/// The HTML id of a chapter's section in the printable report
/// (`page-approach`).
pub fn chapter_anchor(slug: &str) -> String {
    format!("page-{slug}")
}

/// The HTML id of a focus area's section in the printable report
/// (`focus-exploitation`).
pub fn focus_anchor(slug: &str) -> String {
    format!("focus-{slug}")
}

/// The HTML id of a domain's section in the printable report (`domain-2`).
pub fn domain_anchor(id: &str) -> String {
    format!("domain-{}", path_id(id))
}

/// Why a file's name cannot be published.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BadName {
    /// The name is empty.
    Empty,
    /// It holds a character that is not a letter, a digit, `-` or `_` (a
    /// space, `&`, an emoji…).
    Character(char),
    /// It holds a letter that has no ASCII form, so its address cannot
    /// be written.
    NoAsciiForm(char),
    /// Written in ASCII, nothing of it is left (only combining marks).
    NothingLeft,
}

/// The name of a content file named by its stem: the stem in composed
/// form, so a name saved decomposed is the name an author types.
pub fn file_name(stem: &str) -> String {
    icu_normalizer::ComposingNormalizerBorrowed::new_nfc()
        .normalize(stem)
        .into_owned()
}

/// The slug a file named `name` is published under (its pages' paths,
/// its anchors, its HTML ids), or why it cannot be published. A name of
/// ASCII letters, digits, `-` and `_` is its own slug, so those names keep
/// the addresses they have always had. Any other name is written in
/// lower-case ASCII: `évaluation-ünïcödé` → `evaluation-unicode`,
/// `asesiad-ŵyr` → `asesiad-wyr`, `北京` → `bei-jing`.
pub fn try_file_slug(name: &str) -> Result<String, BadName> {
    if name.is_empty() {
        return Err(BadName::Empty);
    }
    if name.chars().all(is_ascii_name_char) {
        return Ok(name.to_string());
    }
    let mut slug = Slug::default();
    for c in name.chars() {
        if c.is_ascii() {
            if !is_ascii_name_char(c) {
                return Err(BadName::Character(c));
            }
            slug.push_ascii(c);
        } else if !is_name_letter(c) {
            return Err(BadName::Character(c));
        } else {
            let ascii = deunicode::deunicode_char(c).ok_or(BadName::NoAsciiForm(c))?;
            ascii.chars().for_each(|a| slug.push_ascii(a));
        }
    }
    let slug = slug.finish();
    if slug.is_empty() {
        Err(BadName::NothingLeft)
    } else {
        Ok(slug)
    }
}

/// [`try_file_slug`] for a name that is published. A name that cannot be
/// keeps itself as its slug: `check` refuses it before anything is made
/// of it, and no other place needs to know why.
pub fn file_slug(name: &str) -> String {
    try_file_slug(name).unwrap_or_else(|_| name.to_string())
}

/// A name close to `name` that can be published, for the help line of a
/// name that cannot: never `name` itself, and not one whose slug `taken`
/// says another file has. Tried in turn: `name` with every character that
/// cannot be published turned into `-` (`gangs & knives` →
/// `gangs-knives`, `l'évaluation` → `l-évaluation`); `name` written in
/// ASCII (`😀` → `grinning`); `fallback`. A number is added while the
/// slug is taken.
pub fn usable_file_name(name: &str, fallback: &str, taken: impl Fn(&str) -> bool) -> String {
    let mut kept = Slug::default();
    for c in name.chars() {
        let usable = if c.is_ascii() {
            is_ascii_name_char(c)
        } else {
            is_name_letter(c) && deunicode::deunicode_char(c).is_some()
        };
        if usable && c != '-' {
            kept.push_kept(c);
        } else {
            kept.dash();
        }
    }
    let mut ascii = Slug::default();
    for c in name.chars() {
        deunicode::deunicode_char(c)
            .unwrap_or(" ")
            .chars()
            .for_each(|a| ascii.push_ascii(a));
    }
    let base = [kept.finish(), ascii.finish(), fallback.to_string()]
        .into_iter()
        .find(|c| c != name && try_file_slug(c).is_ok())
        .unwrap_or_else(|| "renamed".to_string());
    let mut candidate = base.clone();
    let mut n = 2;
    while taken(&file_slug(&candidate)) {
        candidate = format!("{base}-{n}");
        n += 1;
    }
    candidate
}

/// A character an ASCII name may hold as it is.
fn is_ascii_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || c == '_'
}

/// A character beyond ASCII that a name may hold: a letter of any
/// alphabet, a mark on one (a Devanagari vowel sign, say), or a digit.
fn is_name_letter(c: char) -> bool {
    use icu_properties::CodePointMapData;
    use icu_properties::props::{GeneralCategory, GeneralCategoryGroup};
    let category = CodePointMapData::<GeneralCategory>::new().get(c);
    [
        GeneralCategoryGroup::Letter,
        GeneralCategoryGroup::Mark,
        GeneralCategoryGroup::Number,
    ]
    .iter()
    .any(|group| group.contains(category))
}

/// A slug being written: runs of separators become one `-`, with none at
/// either end.
#[derive(Default)]
struct Slug {
    text: String,
    dash: bool,
}

impl Slug {
    /// An ASCII character of a transliterated name: letters in lower
    /// case, digits and `_` as they are, anything else a separator
    /// (`deunicode` writes `北京` as `Bei Jing `).
    fn push_ascii(&mut self, c: char) {
        if c.is_ascii_alphanumeric() || c == '_' {
            self.push_kept(c.to_ascii_lowercase());
        } else {
            self.dash();
        }
    }

    fn push_kept(&mut self, c: char) {
        if self.dash && !self.text.is_empty() {
            self.text.push('-');
        }
        self.dash = false;
        self.text.push(c);
    }

    fn dash(&mut self) {
        self.dash = true;
    }

    fn finish(self) -> String {
        self.text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_path_safe() {
        assert_eq!(path_id("2.1"), "2-1");
        assert_eq!(path_id("C04"), "C04");
        assert_eq!(standard_anchor("A1.2"), "std-A1-2");
        assert_eq!(case_anchor("C 1"), "case-C-1");
        assert_eq!(finding_anchor("plans"), "finding-plans");
    }

    #[test]
    fn ascii_names_are_their_own_slugs() {
        for name in ["plans", "Plans_2", "knife-crime-and-gangs", "-x", "C04"] {
            assert_eq!(try_file_slug(name), Ok(name.to_string()));
        }
    }

    #[test]
    fn other_names_are_written_in_lower_case_ascii() {
        for (name, slug) in [
            ("évaluation-ünïcödé", "evaluation-unicode"),
            ("asesiad-ŵyr", "asesiad-wyr"),
            ("Évaluation_Plan", "evaluation_plan"),
            ("straße", "strasse"),
            ("北京", "bei-jing"),
            ("ымкод--ß-", "ymkod-ss"),
            // A mark is part of the letter it sits on.
            ("e\u{301}tude", "etude"),
        ] {
            assert_eq!(try_file_slug(name), Ok(slug.to_string()), "{name}");
            assert_eq!(file_slug(name), slug);
        }
    }

    #[test]
    fn names_that_cannot_be_published_say_why() {
        assert_eq!(try_file_slug(""), Err(BadName::Empty));
        assert_eq!(try_file_slug("a b"), Err(BadName::Character(' ')));
        assert_eq!(try_file_slug("é&"), Err(BadName::Character('&')));
        assert_eq!(try_file_slug("😀"), Err(BadName::Character('😀')));
        // A Limbu letter has no ASCII form in the table.
        assert_eq!(
            try_file_slug("cynllun-\u{1900}"),
            Err(BadName::NoAsciiForm('\u{1900}'))
        );
        assert_eq!(try_file_slug("\u{301}"), Err(BadName::NothingLeft));
        // Such a name is still given a slug: the check refuses it first.
        assert_eq!(file_slug("a b"), "a b");
    }

    #[test]
    fn a_name_that_cannot_be_published_gets_one_that_can() {
        let none = |_: &str| false;
        for (name, suggested) in [
            ("gangs & knives", "gangs-knives"),
            ("l'évaluation", "l-évaluation"),
            ("évaluation 2024", "évaluation-2024"),
            ("😀", "grinning"),
            ("cynllun-\u{1900}", "cynllun"),
            ("\u{1900}", "page"),
            ("\u{301}", "page"),
            ("", "page"),
        ] {
            let got = usable_file_name(name, "page", none);
            assert_eq!(got, suggested, "{name:?}");
            assert_ne!(got, name);
            assert!(try_file_slug(&got).is_ok(), "{got}");
        }
        // Not a name another file is published under.
        let taken = |slug: &str| ["gangs-knives", "gangs-knives-2"].contains(&slug);
        assert_eq!(
            usable_file_name("gangs & knives", "page", taken),
            "gangs-knives-3"
        );
    }

    #[test]
    fn names_are_kept_composed() {
        assert_eq!(file_name("asesiad-w\u{302}yr"), "asesiad-ŵyr");
        assert_eq!(file_name("plans"), "plans");
    }

    #[test]
    fn claims_are_unique_and_numbered_in_order() {
        let mut ids = IdSet::with_theme_ids();
        assert_eq!(ids.claim("main"), "main-1");
        assert_eq!(ids.claim("x"), "x");
        assert_eq!(ids.claim("x"), "x-1");
        // `x-2` is taken by someone else: the next `x` skips it.
        assert_eq!(ids.claim("x-2"), "x-2");
        assert_eq!(ids.claim("x"), "x-3");
        assert_eq!(ids.claim(""), "section");
        assert_eq!(ids.claim_for_body("case-C04"), "h-case-C04");
        assert_eq!(ids.claim_for_body("finding-x"), "h-finding-x");
        assert_eq!(ids.claim_for_body("notes"), "notes");
    }

    #[test]
    fn claiming_one_id_many_times_is_linear() {
        // 20,000 identical headings: each claim tries one number, not all
        // the numbers before it.
        let mut ids = IdSet::new();
        let started = std::time::Instant::now();
        for _ in 0..20_000 {
            ids.claim("same");
        }
        assert!(ids.contains("same-19999"));
        assert!(started.elapsed() < std::time::Duration::from_secs(2));
    }
}
