use super::FileId;
use super::{Body, Located};
use serde::Deserialize;

/// Front matter of `content/pages/<slug>.md`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageMeta {
    /// Page title.
    pub title: String,
    /// Sort key.
    #[serde(default)]
    pub order: Option<Located<f64>>,
    /// Drafts appear only with `--drafts`.
    #[serde(default)]
    pub draft: bool,
    /// Before or after the findings.
    #[serde(default)]
    pub position: Position,
}

/// Where a narrative page sits relative to the findings.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Position {
    /// Before the domains (background, approach).
    #[default]
    Before,
    /// After the findings (conclusion).
    After,
}

/// A narrative chapter.
#[derive(Debug, Clone)]
pub struct Page {
    /// Its name: the file stem as written (composed), which `page:`
    /// links use.
    pub name: String,
    /// Its path part (`pages/<slug>.html`) and the base of its ids: the
    /// name, in ASCII when it is not ([`crate::model::file_slug`]).
    pub slug: String,
    /// Source file.
    pub file: FileId,
    /// Front matter.
    pub meta: PageMeta,
    /// Rendered body.
    pub body: Body,
}

/// Front matter of `content/focus/<slug>.md`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FocusMeta {
    /// Title.
    pub title: String,
    /// Sort key.
    #[serde(default)]
    pub order: Option<Located<f64>>,
    /// Drafts appear only with `--drafts`.
    #[serde(default)]
    pub draft: bool,
}

/// A cross-cutting focus area.
#[derive(Debug, Clone)]
pub struct FocusArea {
    /// Its name: the file stem as written (composed), which findings,
    /// cases and `focus:` links use.
    pub name: String,
    /// Its path part (`focus/<slug>.html`) and the base of its ids: the
    /// name, in ASCII when it is not ([`crate::model::file_slug`]).
    pub slug: String,
    /// Source file.
    pub file: FileId,
    /// Front matter.
    pub meta: FocusMeta,
    /// Rendered body.
    pub body: Body,
}

/// Optional front matter of `content/standards/<id>.md`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NarrativeMeta {
    /// Overrides the heading.
    #[serde(default)]
    pub title: Option<String>,
    /// A rating level label: the rating of a standard assessed by
    /// judgement, or, with [`NarrativeMeta::rating_reason`], the reviewers'
    /// rating in place of the one computed from the case audits.
    #[serde(default)]
    pub rating: Option<Located<String>>,
    /// Why the reviewers rate the standard as they do; required when
    /// `rating` overrides a computed rating, and shown beside it.
    #[serde(default)]
    pub rating_reason: Option<Located<String>>,
}

/// Narrative for a standard's or domain's page.
#[derive(Debug, Clone)]
pub struct Narrative {
    /// The standard or domain id (file stem).
    pub id: String,
    /// Source file.
    pub file: FileId,
    /// Front matter.
    pub meta: NarrativeMeta,
    /// Rendered body.
    pub body: Body,
}

/// Optional front matter of `content/summary.md`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SummaryMeta {
    /// Heading for the summary.
    #[serde(default)]
    pub title: Option<String>,
}

/// The overall summary shown on the home page.
#[derive(Debug, Clone)]
pub struct Summary {
    /// Source file.
    pub file: FileId,
    /// Front matter.
    pub meta: SummaryMeta,
    /// Rendered body.
    pub body: Body,
}

/// Front matter of a translation (`<name>.<tag>.md` beside `<name>.md`):
/// the text only. What the original sets (a finding's kind, standards and
/// cases; a chapter's order) it keeps in every language.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TranslationMeta {
    /// The title in the translation's language.
    #[serde(default)]
    pub title: Option<String>,
}

/// A file of content in another of the report's languages: a finding,
/// chapter, focus area, narrative, summary or case sample introduction
/// written again as `<name>.<tag>.md` beside its original `<name>.md`.
#[derive(Debug, Clone)]
pub struct Translation {
    /// Its file.
    pub file: FileId,
    /// Its language (`cy`), as its file name gives it.
    pub tag: String,
    /// The original's path (`content/findings/x.md`).
    pub of: String,
    /// The original's file, when the project has it.
    pub of_file: Option<FileId>,
    /// Front matter.
    pub meta: TranslationMeta,
    /// Rendered body.
    pub body: Body,
}
