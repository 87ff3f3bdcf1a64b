//! Plan: decide every page of the site — its path, its template and the
//! context it is rendered with.
//!
//! - Here, the site map: every page's path and what plans it, kept in a
//!   map, and the reading order that gives previous/next links
//!   ([`Planner::new`]).
//! - [`chrome`]: the variables every page shares (header, navigation,
//!   breadcrumbs, pager, sidebar).
//! - [`parts`]: the shapes several pages show (a finding, a group of
//!   findings, a standard and its key questions, a case matrix).
//! - [`pages`]: one builder per page kind.
//!
//! A context is a typed view ([`super::views`]) that borrows from the
//! review and its statistics; which findings a page shows comes from the
//! [`ReviewIndex`] made once per build. A finding shown twice on one page
//! gets its `finding-<slug>` id only the first time; later places link
//! back to it, so no page carries the same id twice.

mod actions;
mod chrome;
mod numbers;
mod pages;
mod parts;

pub use numbers::{NumberedParagraph, ParagraphNumbers};

use super::locale::{KindWords, Locale, Locales};
use super::plural::Plurals;
use super::urls::{self, Links};
use super::views::{LinkView, PageContext};
use crate::analyse::Analysis;
use crate::content::Sources;
use crate::model::{
    BasePath, CaseAudit, Domain, FocusArea, Page, Position, Review, ReviewIndex, Standard,
};
use std::collections::{BTreeMap, HashMap};

pub use parts::css_string;

/// One page to render.
#[derive(Debug)]
pub struct PagePlan<'a> {
    /// Output path, root-relative.
    pub path: String,
    /// Template name.
    pub template: &'static str,
    /// The page's context.
    pub context: PageContext<'a>,
}

impl PagePlan<'_> {
    /// The page as the theme renders it.
    pub fn page(&self) -> crate::site::render::Page<'_, PageContext<'_>> {
        crate::site::render::Page {
            path: &self.path,
            template: self.template,
            context: &self.context,
        }
    }
}

/// Names of the theme's static files after content hashing.
pub type AssetNames = BTreeMap<String, String>;

/// Plans the pages of one review: knows every page's path and builds the
/// context of any one of them on request. `build` plans them all; the live
/// preview plans the pages open in a browser first.
pub struct Planner<'a> {
    review: &'a Review,
    analysis: &'a Analysis,
    index: &'a ReviewIndex,
    links: Links,
    assets: &'a AssetNames,
    report_css: &'a str,
    report_js: &'a str,
    /// Where the site is published on its server: the 404 page's links
    /// start from it.
    base_path: &'a BasePath,
    /// The reading order: each page's title and path.
    sequence: Vec<LinkView>,
    /// Each page's place in `sequence`.
    positions: HashMap<String, usize>,
    /// Every page, in reading order and then the pages outside it.
    paths: Vec<String>,
    /// What plans each page, by path.
    jobs: HashMap<String, Job<'a>>,
    /// What every finding's view holds whatever page shows it, by slug.
    facts: HashMap<&'a str, parts::FindingFacts<'a>>,
    /// The report language's plural rules, for counts written in words.
    plurals: Plurals,
    /// The theme's words in the report's language, for the names Evident
    /// gives pages and sections.
    locale: Locale<'a>,
    /// Each finding kind's names in the report's language, by id.
    kind_words: HashMap<String, KindWords>,
    /// The report's languages, and which this site is in.
    languages: Languages<'a>,
    /// Each language's name in itself ("Cymraeg"), in `languages` order.
    language_names: Vec<String>,
    /// The audit modes' names in the report's language: with the case
    /// manager, and a file read.
    audit_words: [String; 2],
    /// How each answer of the scale is shown, by the id auditors write:
    /// its label in this language, the locale's word for the default
    /// scale's, else the id itself.
    answer_words: HashMap<String, String>,
    /// The paragraphs' numbers, when the report numbers them.
    numbers: ParagraphNumbers,
    /// What changed since the build compared with, when there is one.
    changes: Option<&'a crate::compare::Changes>,
    /// The day open actions past their due date are overdue on.
    as_of: Option<&'a crate::model::Date>,
}

/// A page kind, and what it shows.
#[derive(Clone, Copy)]
enum Job<'a> {
    Home,
    Page(&'a Page),
    Domain(&'a Domain),
    Standard(&'a Domain, &'a Standard),
    Focus(&'a FocusArea),
    Cases,
    Case(&'a CaseAudit),
    Findings,
    Report,
    Search,
    NotFound,
    Changes(&'a crate::compare::Changes),
    Actions,
}

/// The report's languages, for the switcher and `hreflang` links: every
/// language's tag and folder (`""` for the default, `cy/`), and which one
/// this site is.
#[derive(Clone, Copy)]
pub struct Languages<'a> {
    /// `(tag, folder)`, the default first.
    pub all: &'a [(String, String)],
    /// This site's place in `all`.
    pub current: usize,
}

/// Where this site stands in the build: its base path, its language among
/// the report's, and what changed since the build it is compared with.
#[derive(Clone, Copy)]
pub struct ThisSite<'a> {
    /// Where the site is published on its server (the 404 page's links).
    pub base_path: &'a BasePath,
    /// The report's languages, and which this site is in.
    pub languages: Languages<'a>,
    /// What changed since an earlier build (`build --compare`), if any.
    pub changes: Option<&'a crate::compare::Changes>,
    /// The day open actions past their due date are overdue on, if any.
    pub as_of: Option<&'a crate::model::Date>,
}

/// What the planner takes from the theme.
#[derive(Clone, Copy)]
pub struct FromTheme<'a> {
    /// The static files' output names.
    pub assets: &'a AssetNames,
    /// `style.css`: the printable report's and the 404 page's styles,
    /// carried in those pages.
    pub css: &'a str,
    /// `report.js`: the printable report's Print button, carried in it.
    pub js: &'a str,
    /// The theme's words in every language it has.
    pub locales: &'a Locales,
}

impl<'a> Planner<'a> {
    /// Work out the pages of the site and their reading order.
    pub fn new(
        review: &'a Review,
        sources: &Sources,
        analysis: &'a Analysis,
        index: &'a ReviewIndex,
        theme: FromTheme<'a>,
        site: ThisSite<'a>,
    ) -> Planner<'a> {
        let ThisSite {
            base_path,
            languages,
            changes,
            as_of,
        } = site;
        let locale = theme.locales.locale(review.language());
        let mut jobs: Vec<(String, Job<'a>)> = vec![("index.html".to_string(), Job::Home)];
        jobs.extend(
            review
                .pages
                .iter()
                .map(|x| (urls::page(&x.slug), Job::Page(x))),
        );
        for domain in review.domains_in_scope() {
            jobs.push((urls::domain(&domain.id.value), Job::Domain(domain)));
            jobs.extend(domain.standards.iter().map(|s| {
                (
                    urls::standard(&domain.id.value, &s.id.value),
                    Job::Standard(domain, s),
                )
            }));
        }
        jobs.extend(
            review
                .focus_areas
                .iter()
                .map(|f| (urls::focus(&f.slug), Job::Focus(f))),
        );
        jobs.push(("cases/index.html".to_string(), Job::Cases));
        if review.report.case_pages {
            jobs.extend(
                review
                    .cases
                    .iter()
                    .map(|c| (urls::case(review, &c.id.value), Job::Case(c))),
            );
        }
        jobs.extend([
            ("findings.html".to_string(), Job::Findings),
            ("report.html".to_string(), Job::Report),
            ("search.html".to_string(), Job::Search),
            ("404.html".to_string(), Job::NotFound),
        ]);
        if let Some(changes) = changes {
            jobs.push(("changes.html".to_string(), Job::Changes(changes)));
        }
        if !index.actions().is_empty() {
            jobs.push(("actions.html".to_string(), Job::Actions));
        }
        let sequence = reading_order(review, index, &locale);
        let positions = sequence
            .iter()
            .enumerate()
            .map(|(i, link)| (link.url.clone(), i))
            .collect();
        Planner {
            review,
            analysis,
            index,
            links: Links::new(review, sources),
            assets: theme.assets,
            report_css: theme.css,
            report_js: theme.js,
            base_path,
            sequence,
            positions,
            paths: jobs.iter().map(|(path, _)| path.clone()).collect(),
            jobs: jobs.into_iter().collect(),
            facts: parts::FindingFacts::of(review, &locale),
            plurals: Plurals::new(review.language()),
            kind_words: review
                .kinds()
                .iter()
                .map(|k| (k.id.value.clone(), locale.kind_words(k)))
                .collect(),
            languages,
            language_names: languages
                .all
                .iter()
                .map(|(tag, _)| theme.locales.locale(tag).text("language_name"))
                .collect(),
            audit_words: [
                locale.text("audit_with_case_manager"),
                locale.text("audit_file_read"),
            ],
            numbers: ParagraphNumbers::new(review, index),
            changes,
            as_of,
            answer_words: review
                .framework
                .answers
                .iter()
                .map(|a| {
                    let shown = match (&a.label, a.locale_key) {
                        (Some(label), _) => label.clone(),
                        (None, Some(key)) => locale.text(key),
                        (None, None) => a.id.value.clone(),
                    };
                    (a.id.value.clone(), shown)
                })
                .collect(),
            locale,
        }
    }

    /// The path of every HTML page, root-relative.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.paths.iter().map(String::as_str)
    }

    /// The plan of the page at `path`, if the site has one there.
    pub fn plan(&'a self, path: &str) -> Option<PagePlan<'a>> {
        let planned = match *self.jobs.get(path)? {
            Job::Home => self.home(),
            Job::Page(page) => self.chapter(page),
            Job::Domain(domain) => self.domain(domain),
            Job::Standard(domain, standard) => self.standard(domain, standard),
            Job::Focus(focus) => self.focus(focus),
            Job::Cases => self.cases(),
            Job::Case(case) => self.case(case),
            Job::Findings => self.findings_page(),
            Job::Report => self.report(),
            Job::Search => self.simple("search.html", "search.html", &self.locale.text("search")),
            Job::NotFound => self.not_found(),
            Job::Changes(changes) => self.changes(changes),
            Job::Actions => self.actions_page(),
        };
        debug_assert_eq!(planned.path, path, "a page planned at another path");
        Some(planned)
    }

    /// The name of one finding of kind `id` ("Strength"); the id itself
    /// for a kind the report does not list.
    fn kind_tag(&'a self, id: &'a str) -> &'a str {
        self.kind_tag_of(id)
    }

    /// As [`Planner::kind_tag`], for an id borrowed for less long (an
    /// earlier build's).
    fn kind_tag_of<'k>(&'a self, id: &'k str) -> &'k str
    where
        'a: 'k,
    {
        self.kind_words.get(id).map_or(id, |w| w.one.as_str())
    }

    /// For a file with no translation into this site's language, the
    /// language it is shown in instead (the report's default).
    fn untranslated(&'a self, file: crate::content::FileId) -> Option<&'a str> {
        self.review.untranslated_lang(file)
    }

    /// The paragraphs' numbers, when the report numbers them.
    pub fn numbers(&self) -> &ParagraphNumbers {
        &self.numbers
    }

    /// The title of the page at `path`, in reading order's words ("2.1
    /// Assessment"), for a page in the reading order.
    pub fn title_of(&self, path: &str) -> Option<&str> {
        let at = *self.positions.get(path)?;
        self.sequence.get(at).map(|link| link.title.as_str())
    }

    /// The body of `file` placed on the page, its paragraphs numbered when
    /// the report numbers them, with `prefix` in front of its ids.
    fn place(
        &'a self,
        place: &crate::site::html::Placement<'_>,
        file: crate::content::FileId,
        body: &crate::model::Body,
        prefix: &str,
    ) -> crate::site::html::Placed {
        place.body_numbered(body, prefix, self.numbers.of(file))
    }

    /// How an answer is shown: the id auditors wrote, in this language's
    /// words for it.
    fn answer_label(&'a self, id: &'a str) -> &'a str {
        self.answer_words.get(id).map_or(id, String::as_str)
    }

    /// How a case was audited, in the report's language.
    fn audit_label(&'a self, mode: crate::model::AuditMode) -> &'a str {
        match mode {
            crate::model::AuditMode::WithCaseManager => &self.audit_words[0],
            crate::model::AuditMode::FileRead => &self.audit_words[1],
        }
    }

    /// The heading of the findings of kind `id` ("Strengths").
    fn kind_label(&'a self, id: &'a str) -> &'a str {
        self.kind_words.get(id).map_or(id, |w| w.label.as_str())
    }

    /// The domains in scope, in the framework's order.
    fn domains_in_scope(&'a self) -> impl Iterator<Item = &'a Domain> + use<'a> {
        self.review.domains_in_scope()
    }

    /// Whether this is the public edition: no case is named or shown.
    fn public(&'a self) -> bool {
        self.review.edition == crate::model::Edition::Public
    }
}

/// The reading order: home → chapters before → each domain in scope and
/// its standards → focus areas → cases → chapters after → all findings →
/// the action plan, when there is one.
fn reading_order(review: &Review, index: &ReviewIndex, locale: &Locale<'_>) -> Vec<LinkView> {
    let link = |url: String, title: String| LinkView::new(title, url);
    // A chapter's or focus area's title, in the language it is shown in.
    let own = |url: String, title: &str, file| {
        link(url, title.to_string()).in_lang(review.untranslated_lang(file))
    };
    let mut seq = vec![link("index.html".to_string(), locale.text("home"))];
    let (before, after): (Vec<_>, Vec<_>) = review
        .pages
        .iter()
        .partition(|p| p.meta.position == Position::Before);
    for p in before {
        seq.push(own(urls::page(&p.slug), &p.meta.title, p.file));
    }
    for d in review.domains_in_scope() {
        seq.push(link(urls::domain(&d.id.value), d.title.clone()));
        for s in &d.standards {
            seq.push(link(
                urls::standard(&d.id.value, &s.id.value),
                format!("{} {}", s.id.value, s.title),
            ));
        }
    }
    for f in &review.focus_areas {
        seq.push(own(urls::focus(&f.slug), &f.meta.title, f.file));
    }
    seq.push(link(
        "cases/index.html".to_string(),
        locale.text("case_sample"),
    ));
    if review.report.case_pages {
        for c in &review.cases {
            seq.push(link(
                urls::case(review, &c.id.value),
                locale.with("case_title", &[("id", &c.id.value)]),
            ));
        }
    }
    for p in after {
        seq.push(own(urls::page(&p.slug), &p.meta.title, p.file));
    }
    seq.push(link(
        "findings.html".to_string(),
        locale.text("all_findings"),
    ));
    if !index.actions().is_empty() {
        seq.push(link("actions.html".to_string(), locale.text("action_plan")));
    }
    seq
}
