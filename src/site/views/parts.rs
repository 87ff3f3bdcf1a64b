//! The shapes several pages share: a finding, a group of findings, a
//! standard, a key question, and a domain's case matrix.

use super::figures::{PromptView, RatingView};
use crate::model::TocEntry;
use serde::Serialize;
use std::borrow::Cow;

/// A finding as one page shows it (`f` in `partials/finding.html`).
#[derive(Debug, Serialize)]
pub struct FindingView<'a> {
    /// Its slug: the file name without `.md`, written in ASCII when it is
    /// not (`évaluation` → `evaluation`).
    pub slug: &'a str,
    /// `finding-<slug>` the first time the page shows it, null after that,
    /// so no page repeats an id.
    pub id: Option<String>,
    /// The id the finding carries on this page, where it is shown in
    /// full (`finding-<slug>`): a later place links to `#` it.
    pub anchor: String,
    /// True the first time this page shows the finding.
    pub first: bool,
    /// Its title.
    pub title: &'a str,
    /// Its kind's id.
    pub kind: &'a str,
    /// The name of one finding of its kind (the kind's `singular`, else
    /// its `label`): "Strength".
    pub kind_tag: &'a str,
    /// The body, with links made relative to this page. Empty when not
    /// `first`.
    pub html: String,
    /// Its home: the page of its first criterion (or `index.html`), with
    /// `#finding-<slug>`.
    pub url: Cow<'a, str>,
    /// The criteria it names.
    pub criteria: Vec<CriterionLink<'a>>,
    /// The focus areas it is tagged with.
    pub focus: Vec<FocusLink<'a>>,
    /// The cases it draws on (none in the public edition).
    pub cases: Vec<CaseLink<'a>>,
    /// True for a draft shown with `--drafts`.
    pub draft: bool,
    /// Null, unless the finding has no translation into the page's
    /// language: then the language it is shown in (the report's default),
    /// for its `lang` and a note that it is not translated.
    pub untranslated: Option<&'a str>,
}

/// A criterion a finding names: `{id, title, url}`.
#[derive(Debug, Serialize)]
pub struct CriterionLink<'a> {
    /// The standard's or domain's id.
    pub id: &'a str,
    /// "2.1 Assessment", or "Domain 2: Court disposals".
    pub title: &'a str,
    /// Its page.
    pub url: Cow<'a, str>,
}

/// A focus area a finding is tagged with: `{slug, title, url}`.
#[derive(Debug, Serialize)]
pub struct FocusLink<'a> {
    /// The focus area's slug.
    pub slug: &'a str,
    /// Its title.
    pub title: &'a str,
    /// Its page.
    pub url: Cow<'a, str>,
}

/// A case a finding draws on: `{id, url}`.
#[derive(Debug, Serialize)]
pub struct CaseLink<'a> {
    /// The case's id.
    pub id: &'a str,
    /// Where the case is shown.
    pub url: Cow<'a, str>,
}

/// A group of findings of one kind. Only kinds that have findings appear,
/// in the report's kind order.
#[derive(Debug, Serialize)]
pub struct KindGroup<'a> {
    /// The kind's id.
    pub kind: &'a str,
    /// The group's id on this page, or null where the default theme gives
    /// the group none: `kind-<kind>` on a standard's page and the list of
    /// all findings, `other-<kind>` on the home page.
    pub anchor: Option<String>,
    /// The kind's label, e.g. "Strengths".
    pub label: &'a str,
    /// Its findings, in display order.
    pub findings: Vec<FindingView<'a>>,
}

/// How many findings of one kind: `{kind, label, count, plural, noun,
/// text}`, zeros included.
#[derive(Debug, Serialize)]
pub struct KindCount<'a> {
    /// The kind's id.
    pub kind: &'a str,
    /// The kind's label, as the author wrote it ("Strengths").
    pub label: &'a str,
    /// The name of one finding of the kind (its `singular`, else its
    /// `label`), as the author wrote it.
    pub singular: &'a str,
    /// The number of findings.
    pub count: usize,
    /// The CLDR plural category `count` takes in the report's `language`:
    /// `zero`, `one`, `two`, `few`, `many` or `other`.
    pub plural: &'static str,
    /// The kind's name as it reads after the count in a sentence: the
    /// singular when `plural` is `one`, else the label, its first letter
    /// in lower case unless its first word is in capitals ("strength",
    /// "areas for consideration", "NHS referrals").
    pub noun: String,
    /// The count and the noun: "1 strength", "2 strengths".
    pub text: String,
}

/// A standard (`standard` on its own page, items of `domain.standards`
/// and of `report_domains[].standards`).
#[derive(Debug, Serialize)]
pub struct StandardView<'a> {
    /// The standard's id.
    pub id: &'a str,
    /// `std-<id>`: its section id on the domain page and in the report.
    pub anchor: String,
    /// Its title.
    pub title: &'a str,
    /// Its page.
    pub url: String,
    /// The framework's statement.
    pub statement_html: String,
    /// The narrative from `content/standards/<id>.md`, or null.
    pub narrative_html: Option<String>,
    /// The narrative's headings.
    pub narrative_toc: Vec<TocEntry>,
    /// The narrative's `title:` front matter, or null (shown as a heading
    /// over the narrative).
    pub narrative_title: Option<&'a str>,
    /// When the narrative has no translation into the page's language, the language
    /// it is shown in instead (the report's default); else absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub narrative_untranslated: Option<&'a str>,

    /// `"cases"` or `"judgement"`.
    pub assessed_by: &'static str,
    /// True when assessed from the case audits.
    pub by_cases: bool,
    /// Its findings, grouped by kind.
    pub groups: Vec<KindGroup<'a>>,
    /// How many findings of each kind, zeros included.
    pub counts: Vec<KindCount<'a>>,
    /// How many findings name it.
    pub finding_count: usize,
    /// The key questions.
    pub questions: Vec<QuestionView<'a>>,
    /// The lowest key question's percentage, one decimal; null when
    /// ratings are not shown, since it is the figure that decides a rating.
    pub lowest: Option<f64>,
    /// The same as text (`"62.5%"`, `"–"`); null when ratings are not shown.
    pub lowest_text: Option<String>,
    /// Null unless ratings are shown; else `{label, score, indicative, by,
    /// computed, reason}` (`partials/rating.html` shows one as `r`).
    pub rating: Option<RatingView<'a>>,
    /// The most cases any of its key questions applied to.
    pub sample: usize,
    /// Whether that is below the report's `small_sample` (then say so:
    /// `partials/small-sample.html`).
    pub small_sample: bool,
    /// The report's `small_sample`.
    pub small_sample_below: usize,
}

/// A key question (items of `questions`; `partials/questions.html` reads
/// them from `s`).
#[derive(Debug, Serialize)]
pub struct QuestionView<'a> {
    /// Its id.
    pub id: &'a str,
    /// The question.
    pub text: &'a str,
    /// Its prompts: `id` null and `answerable` false for guidance;
    /// `answered` is whether any case answered it.
    pub prompts: Vec<PromptView<'a>>,
    /// The dimension's title, or null.
    pub dimension: Option<&'a str>,
    /// Cases that met it.
    pub met: usize,
    /// Cases that did not.
    pub not_met: usize,
    /// Cases it did not apply to.
    pub excluded: usize,
    /// Cases that did not answer it.
    pub unanswered: usize,
    /// Met + not met.
    pub applicable: usize,
    /// Met as a percentage of applicable, one decimal, or null.
    pub percent: Option<f64>,
    /// The same as text (`"80.0%"`, `"–"`).
    pub percent_text: String,
    /// Met of applicable as `"4/5"`, to show beside every percentage.
    pub share: String,
}

/// One domain's case matrix (`matrices`): every case's answer to every
/// key question of the domain.
#[derive(Debug, Serialize)]
pub struct MatrixView<'a> {
    /// The domain's id.
    pub id: &'a str,
    /// The matrix's id, `matrix-<id>`.
    pub anchor: String,
    /// The id of the answers' notes below it, `notes-<id>`.
    pub notes_anchor: String,
    /// The id of the case notes below it, `case-notes-<id>`.
    pub case_notes_anchor: String,
    /// The domain's title.
    pub title: &'a str,
    /// The columns: `{id, text}`.
    pub questions: Vec<QuestionRef<'a>>,
    /// The cases that have `notes:`, in file order.
    pub case_notes: Vec<CaseNotes<'a>>,
    /// A row per case.
    pub rows: Vec<MatrixRow<'a>>,
    /// One per key question: `{id, met, applicable, percent_text}`.
    pub totals: Vec<MatrixTotal<'a>>,
    /// The answers' notes, numbered.
    pub notes: Vec<AnswerNote<'a>>,
}

/// A key question as a column: `{id, text}`.
#[derive(Debug, Serialize)]
pub struct QuestionRef<'a> {
    /// Its id.
    pub id: &'a str,
    /// The question.
    pub text: &'a str,
}

/// A case's notes below its domain's matrix: `{id, notes_html}`.
#[derive(Debug, Serialize)]
pub struct CaseNotes<'a> {
    /// The case's id.
    pub id: &'a str,
    /// Its notes.
    pub notes_html: Option<String>,
}

/// A case's row: `{id, anchor, url, disposal, audit, started, notes_html,
/// answers}`.
#[derive(Debug, Serialize)]
pub struct MatrixRow<'a> {
    /// The case's id.
    pub id: &'a str,
    /// `case-<id>`, the row's id.
    pub anchor: String,
    /// Where the case is shown.
    pub url: String,
    /// Its disposal.
    pub disposal: &'a str,
    /// How it was audited.
    pub audit: &'a str,
    /// The month it started, in words, or null.
    pub started: Option<String>,
    /// Its notes, or null.
    pub notes_html: Option<String>,
    /// One per key question, in column order.
    pub answers: Vec<AnswerCell<'a>>,
}

/// A case's answer in the matrix.
#[derive(Debug, Serialize)]
pub struct AnswerCell<'a> {
    /// The answer, or null when the case did not answer.
    pub answer: Option<&'a str>,
    /// The auditor's note, or null.
    pub note: Option<&'a str>,
    /// The note's number in `notes`, or null.
    pub note_no: Option<usize>,
    /// The note's id below the matrix (absent when there is no answer).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note_anchor: Option<String>,
    /// `met`, `not-met`, `excluded` or `missing` (no answer); null for an
    /// answer the scale does not know.
    pub counts: Option<&'static str>,
}

/// A key question's total in the matrix.
#[derive(Debug, Serialize)]
pub struct MatrixTotal<'a> {
    /// Its id.
    pub id: &'a str,
    /// Cases that met it.
    pub met: usize,
    /// Met + not met.
    pub applicable: usize,
    /// `"80.0%"`, or `"–"`.
    pub percent_text: String,
}

/// An answer's note: `{no, case, question, note, anchor}`.
#[derive(Debug, Serialize)]
pub struct AnswerNote<'a> {
    /// Its number, from 1.
    pub no: usize,
    /// The case's id.
    pub case: &'a str,
    /// The key question's id.
    pub question: &'a str,
    /// The note.
    pub note: &'a str,
    /// Its id.
    pub anchor: String,
}
