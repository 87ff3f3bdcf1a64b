//! What every page's context has: the way back to the root, the site's
//! header and navigation, and the page's own place (title, breadcrumbs,
//! previous and next, contents list, sidebar section).

use super::figures::{EditionView, FiguresView, RatingRuleView};
use crate::model::TocEntry;
use serde::Serialize;
use std::collections::BTreeMap;

/// The variables every page receives, beside its own.
#[derive(Debug, Serialize)]
pub struct Chrome<'a> {
    /// `""`, `"../"` or `"../../"`: the way back to the site root. On
    /// `404.html`, the site's base path instead (`/`, or `base_path` from
    /// `report.yaml`), which holds at any address.
    pub root: String,
    /// The page's language, as `site.language`: the theme's words come in
    /// it, through `t(key=…)` (see Locales).
    pub lang: &'a str,
    /// Null unless the report shows ratings; else `{text}`: the rule the
    /// ratings follow, with its bands, to state once on every page that
    /// shows a rating (`.rating-rule`).
    pub ratings: Option<RatingRuleView>,
    /// Null when the case figures are final; else `{kind, label, text}`
    /// (`provisional` or `illustrative`, "Illustrative figures", a
    /// sentence): say it beside every table and chart of case figures
    /// (`partials/figures.html`) and in their captions.
    pub figures: Option<FiguresView>,
    /// Null in the full edition; else `{id, label, text}`: say it in a
    /// banner on every page and in print.
    pub edition: Option<EditionView>,
    /// The report's header and navigation.
    pub site: SiteView<'a>,
    /// This page's place in the site.
    pub page: PageView,
}

/// The report's header and navigation (`site`).
#[derive(Debug, Serialize)]
pub struct SiteView<'a> {
    /// From `report.yaml`.
    pub title: &'a str,
    /// From `report.yaml`, or null.
    pub subtitle: Option<&'a str>,
    /// What the header shows: `short_title` from `report.yaml`, else the
    /// title.
    pub header_title: &'a str,
    /// From `report.yaml`.
    pub organisation: &'a str,
    /// From `report.yaml`.
    pub review_type: String,
    /// The protective marking, or null.
    pub classification: Option<&'a str>,
    /// `"draft"` or `"final"`.
    pub status: &'static str,
    /// True when `status: draft`.
    pub is_draft: bool,
    /// The BCP 47 tag for `<html lang>`: the language of this page.
    pub language: &'a str,
    /// For a report in several languages, this page in each of them, the
    /// default first: `{tag, name, url, current}` (`name` in its own
    /// language, "Cymraeg"); for the language switcher and `hreflang`
    /// links. Empty for a report in one language. On `404.html`, each
    /// language's home page from the base path (not alternates of it).
    pub languages: Vec<LanguageLink<'a>>,
    /// The domains in scope. `current` is true on that domain's pages.
    pub nav: Vec<NavItem<'a>>,
    /// The static files' output paths, by key (see Assets).
    pub assets: &'a BTreeMap<String, String>,
    /// True when the review has focus areas.
    pub has_focus: bool,
    /// The finding kinds in order.
    pub kinds: Vec<KindView<'a>>,
    /// The organisation's logo (`report.yaml` `logo:`), or null.
    pub logo: Option<LogoView<'a>>,
    /// The report's version (`report.yaml` `version`, `version_date`), or
    /// null.
    pub version: Option<VersionView<'a>>,
    /// True when the report numbers its paragraphs (`numbered_paragraphs`):
    /// bodies carry their numbers, and the page makes room for them.
    pub numbered_paragraphs: bool,
}

/// The report's version: `{number, date, date_iso, line}`.
#[derive(Debug, Serialize)]
pub struct VersionView<'a> {
    /// As the authors number it (`0.3`).
    pub number: &'a str,
    /// Its date in the report's language, or null.
    pub date: Option<String>,
    /// Its date as `YYYY-MM-DD` (or `YYYY-MM`), or null.
    pub date_iso: Option<String>,
    /// Both in a line, in the report's language: "Version 0.3, 12 May 2026".
    pub line: String,
}

/// The logo: `{url, alt, width, height}`.
#[derive(Debug, Serialize)]
pub struct LogoView<'a> {
    /// Where the image is published, from the site root (templates put
    /// `root` in front); in `report.html` and `404.html`, a `data:` URL
    /// carrying the image itself.
    pub url: String,
    /// Its alternative text.
    pub alt: &'a str,
    /// Its width in pixels, or null when the file does not say.
    pub width: Option<u32>,
    /// Its height in pixels, or null.
    pub height: Option<u32>,
}

/// A domain in the site's navigation.
#[derive(Debug, Serialize)]
pub struct NavItem<'a> {
    /// The domain's id.
    pub id: &'a str,
    /// Its title.
    pub title: &'a str,
    /// Its page.
    pub url: String,
    /// True on the domain's own pages.
    pub current: bool,
}

/// A finding kind: `{id, label}`.
#[derive(Debug, Serialize)]
pub struct KindView<'a> {
    /// The kind's id, e.g. `strength`.
    pub id: &'a str,
    /// Its label, e.g. "Strengths".
    pub label: &'a str,
}

/// This page in one of the report's languages.
#[derive(Debug, Serialize)]
pub struct LanguageLink<'a> {
    /// Its tag, for `hreflang` and `lang`.
    pub tag: &'a str,
    /// The language's name in itself ("English", "Cymraeg").
    pub name: &'a str,
    /// The same page in it, relative to this page.
    pub url: String,
    /// True for this page's own language.
    pub current: bool,
}

/// This page's place in the site (`page`).
#[derive(Debug, Serialize)]
pub struct PageView {
    /// This page's output path, e.g. `domains/2/2-1.html`.
    pub path: String,
    /// This page's title.
    pub title: String,
    /// `home`, `page`, `domain`, `standard`, `focus`, `cases`, `case`,
    /// `findings`, `report`, `search` or `404`.
    pub kind: &'static str,
    /// From Home to this page.
    pub breadcrumbs: Vec<LinkView>,
    /// The page before in the reading order: home → chapters placed
    /// before the findings → each domain and its standards → focus areas
    /// → case sample (then each case page, with `case_pages: true`) →
    /// chapters placed after → all findings. Null on the first page.
    pub prev: Option<LinkView>,
    /// The page after, or null on the last. The search and 404 pages are
    /// outside the order: their `next` is the home page.
    pub next: Option<LinkView>,
    /// The "On this page" list.
    pub toc: Vec<TocEntry>,
    /// The group of pages this one belongs to, for the sidebar, or null.
    /// On a standard page: its domain (the domain's page as `url`) and the
    /// domain's standards (null on the domain's own page, whose `page.toc`
    /// lists them); on a focus page: the focus areas; on a chapter: the
    /// chapters (`url` null for both).
    pub section: Option<SectionView>,
    /// The ids of the page's sections, the same on every page: give them
    /// to the elements `page.toc` links to.
    pub ids: SectionIds,
}

/// The ids of a page's sections (`page.ids`).
#[derive(Debug, Serialize)]
pub struct SectionIds {
    /// `top`: the top of the page.
    pub top: &'static str,
    /// `summary`: the summary in the printable report.
    pub summary: &'static str,
    /// `narrative`: a standard's or domain's narrative.
    pub narrative: &'static str,
    /// `questions`: a standard's key questions.
    pub questions: &'static str,
    /// `findings`: a focus area's findings.
    pub findings: &'static str,
    /// `cases`: a focus area's cases; the case sample in the report.
    pub cases: &'static str,
    /// `sample`: the case sample's tables.
    pub sample: &'static str,
    /// `intro`: the case sample's introduction.
    pub intro: &'static str,
    /// `other-findings`: the findings that name no criterion.
    pub other_findings: &'static str,
    /// `domain-wide`: a domain's own findings on its page.
    pub domain_wide: &'static str,
    /// `framework-sources`: the framework's sources in the report.
    pub framework_sources: &'static str,
    /// `attachments`: the files to download, listed in the report.
    pub attachments: &'static str,
    /// `data`: the data files, on the case sample page.
    pub data: &'static str,
    /// `actions`: the action plan, in the printable report.
    pub actions: &'static str,
}

impl SectionIds {
    /// The sections' ids, from the one place they are made.
    pub fn new() -> SectionIds {
        use crate::model::section;
        SectionIds {
            top: section::TOP,
            summary: section::SUMMARY,
            narrative: section::NARRATIVE,
            questions: section::QUESTIONS,
            findings: section::FINDINGS,
            cases: section::CASES,
            sample: section::SAMPLE,
            intro: section::INTRO,
            other_findings: section::OTHER_FINDINGS,
            domain_wide: section::DOMAIN_WIDE,
            framework_sources: section::FRAMEWORK_SOURCES,
            attachments: section::ATTACHMENTS,
            data: section::DATA,
            actions: section::ACTIONS,
        }
    }
}

impl Default for SectionIds {
    fn default() -> Self {
        SectionIds::new()
    }
}

/// A link to a page: `{title, url}`, and `lang` when the title is in
/// another language than the page's (an untranslated chapter's).
#[derive(Debug, Clone, Serialize)]
pub struct LinkView {
    /// The page's title.
    pub title: String,
    /// Its root-relative URL.
    pub url: String,
    /// The language the title is in, when not the page's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
}

impl LinkView {
    /// A link whose title is in the page's language.
    pub fn new(title: String, url: String) -> LinkView {
        LinkView {
            title,
            url,
            lang: None,
        }
    }

    /// The same link, its title in `lang` when that is given.
    pub fn in_lang(self, lang: Option<&str>) -> LinkView {
        LinkView {
            lang: lang.map(str::to_string),
            ..self
        }
    }
}

/// A group of pages in the sidebar (`page.section`).
#[derive(Debug, Serialize)]
pub struct SectionView {
    /// The group's title, e.g. "Domain 2: Court disposals".
    pub title: String,
    /// The group's own page, or null.
    pub url: Option<String>,
    /// Always false: the group's own page is never shown with its group.
    pub current: bool,
    /// The pages of the group.
    pub items: Vec<SectionItem>,
}

/// A page in a sidebar group.
#[derive(Debug, Serialize)]
pub struct SectionItem {
    /// Its root-relative URL.
    pub url: String,
    /// Its title.
    pub title: String,
    /// True for this page.
    pub current: bool,
    /// The language its title is in, when not the page's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
}
