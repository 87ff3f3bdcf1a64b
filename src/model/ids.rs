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
