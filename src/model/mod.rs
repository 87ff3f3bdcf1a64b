//! Plain data: the review as Evident understands it.
//!
//! These types have no behaviour beyond small accessors. The `parse` stage
//! fills them from `content/` (the YAML-facing ones derive `Deserialize` with
//! `deny_unknown_fields`, so an unknown key is an error), `check` validates
//! them, `analyse` computes statistics from them and `plan` reads them.

mod action;
mod body;
mod case;
mod finding;
mod framework;
pub mod ids;
mod index;
mod page;
mod report;
mod resource;
mod sanitised;
mod text;

pub use action::{ActionSettings, ActionStatus, DEFAULT_PRIORITIES, Progress, overdue};
pub use body::{
    Alt, Body, BodyHtml, Hole, ImageRef, Limit, LinkRef, LinkTarget, Overrun, Part, TocEntry,
};
pub use case::{Answer, Answers, AuditMode, CaseAudit, CaseFile};
pub use finding::{Finding, FindingMeta};
pub use framework::{
    AnswerOption, AssessedBy, Counts, Dimension, Domain, DomainTexts, Framework, FrameworkTexts,
    KeyQuestion, Overall, OverallBand, OverallRule, Prompt, RatingLevel, RatingRule, Ratings,
    Source, Standard, StandardTexts, TextOf,
};
pub use ids::{
    BadName, IdSet, answer_note_anchor, case_anchor, case_notes_anchor, chapter_anchor,
    domain_anchor, file_name, file_slug, finding_anchor, focus_anchor, kind_anchor, matrix_anchor,
    matrix_notes_anchor, other_kind_anchor, path_id, section, standard_anchor, try_file_slug,
    usable_file_name,
};
pub use index::{ReviewIndex, by_order, display_order};
pub use page::{
    FocusArea, FocusMeta, Narrative, NarrativeMeta, Page, PageMeta, Position, Summary, SummaryMeta,
    Translation, TranslationMeta,
};
pub use report::{
    BasePath, BasePathError, Editions, Fieldwork, Figures, FindingKind, Logo, Privacy,
    PublicEdition, Report, Status, TeamMember,
};
pub use resource::{ImageFormat, Resource, ResourceKind, Resources};
pub use sanitised::{Content, Removed, Sanitised};
pub use text::{Date, DateError, Localized, Located};

use std::collections::BTreeMap;

/// Index of a file in the loaded sources; diagnostics and parsed items
/// name their file by it.
pub type FileId = usize;

/// The whole review, parsed: everything in `content/`.
#[derive(Debug, Clone)]
pub struct Review {
    /// `content/report.yaml`, or a placeholder when it is missing or broken
    /// (`report_ok` is then false and the review is checked, never built).
    pub report: Report,
    /// Whether `report` was read from a valid `report.yaml`.
    pub report_ok: bool,
    /// The file `report.yaml` was read from (meaningful when `report_ok`).
    pub report_file: FileId,
    /// The one criteria framework in `content/criteria/`.
    pub framework: Framework,
    /// The file the framework was read from.
    pub framework_file: FileId,
    /// `content/summary.md`, when present.
    pub summary: Option<Summary>,
    /// `content/cases/index.md`: shown at the top of the case sample page.
    pub cases_intro: Option<Summary>,
    /// Narrative chapters, sorted by position, order, then title.
    pub pages: Vec<Page>,
    /// Every finding (drafts included; the plan leaves them out unless asked).
    pub findings: Vec<Finding>,
    /// Every case audit, in file order.
    pub cases: Vec<CaseAudit>,
    /// Cross-cutting focus areas, sorted by order then title.
    pub focus_areas: Vec<FocusArea>,
    /// Narrative added to a standard's or domain's page.
    pub narratives: Vec<Narrative>,
    /// Files written again in another of the report's languages.
    pub translations: Vec<Translation>,
    /// The framework's texts in the report's other languages.
    pub framework_texts: Vec<FrameworkTexts>,
    /// The language this review is shown in: `None` for the report's
    /// default language, else one of its other languages
    /// ([`Review::in_language`]).
    pub shown_in: Option<String>,
    /// In a review shown in another language, the files that have no
    /// translation into it and so are shown in the default language.
    pub untranslated: std::collections::BTreeSet<FileId>,
    /// Content files that exist but are not part of this review, by path:
    /// they failed to parse, or are drafts left out of this build. Checks
    /// use it to explain a missing target instead of calling it unknown.
    pub left_out: BTreeMap<String, LeftOut>,
    /// Which edition is being checked or built.
    pub edition: Edition,
    /// Resources (by path) named by drafts left out of this build: they
    /// are not published, and not reported as unused either.
    pub draft_resources: std::collections::BTreeSet<String>,
}

/// Which copy of the report is built.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Edition {
    /// Everything, case by case: for the review's own readers.
    #[default]
    Full,
    /// For wider circulation: no case ids, case rows, notes, start months
    /// or case pages, and only aggregates under the disclosure rule.
    Public,
}

impl Edition {
    /// `full` or `public`.
    pub fn as_str(self) -> &'static str {
        match self {
            Edition::Full => "full",
            Edition::Public => "public",
        }
    }
}

/// Why a content file is not part of the review.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeftOut {
    /// It has errors of its own (already reported).
    Failed,
    /// It is marked `draft: true` and the build was not asked for drafts.
    Draft,
}

impl Review {
    /// Every Markdown body of the review with the file it was written in:
    /// the summary and the case sample's introduction, pages, findings,
    /// focus areas, narratives, cases' notes, and the framework's domain
    /// summaries and standard statements.
    pub fn bodies(&self) -> Vec<(FileId, &Body)> {
        let mut v: Vec<(FileId, &Body)> = Vec::new();
        for s in self.summary.iter().chain(&self.cases_intro) {
            v.push((s.file, &s.body));
        }
        v.extend(self.pages.iter().map(|p| (p.file, &p.body)));
        v.extend(self.findings.iter().map(|f| (f.file, &f.body)));
        v.extend(self.focus_areas.iter().map(|f| (f.file, &f.body)));
        v.extend(self.narratives.iter().map(|n| (n.file, &n.body)));
        v.extend(self.cases.iter().map(|c| (c.file, &c.notes_body)));
        v.extend(self.translations.iter().map(|t| (t.file, &t.body)));
        for texts in &self.framework_texts {
            let domains = texts
                .domains
                .values()
                .filter_map(|d| d.summary_body.as_ref());
            let standards = texts
                .standards
                .values()
                .filter_map(|s| s.statement_body.as_ref());
            v.extend(domains.chain(standards).map(|b| (texts.file, b)));
        }
        for domain in &self.framework.domains {
            v.push((self.framework_file, &domain.summary_body));
            for standard in &domain.standards {
                v.push((self.framework_file, &standard.statement_body));
            }
        }
        v
    }

    /// The language the review's pages are in.
    pub fn language(&self) -> &str {
        self.shown_in
            .as_deref()
            .unwrap_or_else(|| self.report.language())
    }

    /// For a file with no translation into the language the review is
    /// shown in, the language it is shown in instead (the report's
    /// default); `None` for a translated file and in the default language.
    pub fn untranslated_lang(&self, file: FileId) -> Option<&str> {
        self.untranslated
            .contains(&file)
            .then(|| self.report.language())
    }

    /// A rating level's or overall band's label (as the analysis gives it,
    /// in the framework's own words) in the language the review is shown
    /// in: the framework's texts in that language give it, else it stays.
    pub fn rating_label<'a>(&'a self, label: &'a str) -> &'a str {
        self.shown_in
            .as_deref()
            .and_then(|tag| self.framework_texts.iter().find(|t| t.tag == tag))
            .and_then(|t| t.rating(label))
            .unwrap_or(label)
    }

    /// The review as its site in `tag` (one of the report's other
    /// languages) shows it: each translated file's title and text in place
    /// of the original's, and the files with no translation into `tag`
    /// listed in `untranslated` (shown in the default language).
    pub fn in_language(&self, tag: &str) -> Review {
        let mut review = self.clone();
        review.shown_in = Some(tag.to_string());
        review.report.choose_texts(tag);
        let translations: std::collections::HashMap<FileId, &Translation> = self
            .translations
            .iter()
            .filter(|t| t.tag == tag)
            .filter_map(|t| t.of_file.map(|f| (f, t)))
            .collect();
        let mut untranslated = std::collections::BTreeSet::new();
        let mut text =
            |file: FileId, title: Option<&mut String>, body: &mut Body| match translations
                .get(&file)
            {
                Some(t) => {
                    if let (Some(title), Some(translated)) = (title, &t.meta.title) {
                        title.clone_from(translated);
                    }
                    body.clone_from(&t.body);
                }
                None => {
                    untranslated.insert(file);
                }
            };
        for f in &mut review.findings {
            text(f.file, Some(&mut f.meta.title), &mut f.body);
        }
        for p in &mut review.pages {
            text(p.file, Some(&mut p.meta.title), &mut p.body);
        }
        for f in &mut review.focus_areas {
            text(f.file, Some(&mut f.meta.title), &mut f.body);
        }
        for n in &mut review.narratives {
            // A narrative's title is optional: a translation gives one only
            // where the original has one.
            let file = n.file;
            match (
                &mut n.meta.title,
                translations.get(&file).and_then(|t| t.meta.title.clone()),
            ) {
                (Some(title), Some(translated)) => *title = translated,
                (None, Some(translated)) => n.meta.title = Some(translated),
                _ => {}
            }
            text(file, None, &mut n.body);
        }
        for s in review
            .summary
            .iter_mut()
            .chain(review.cases_intro.iter_mut())
        {
            let file = s.file;
            if let Some(translated) = translations.get(&file).and_then(|t| t.meta.title.clone()) {
                s.meta.title = Some(translated);
            }
            text(file, None, &mut s.body);
        }
        review.untranslated = untranslated;
        // The framework's texts in `tag`, where it has them.
        if let Some(texts) = self.framework_texts.iter().find(|t| t.tag == tag) {
            let fw = &mut review.framework;
            if let Some(title) = &texts.title {
                fw.title.clone_from(title);
            }
            for dimension in &mut fw.dimensions {
                if let Some(title) = texts.dimension(&dimension.id.value) {
                    dimension.title = title.to_string();
                }
            }
            for answer in &mut fw.answers {
                if let Some(label) = texts.answer(&answer.id.value) {
                    answer.label = Some(label.to_string());
                }
            }
            // The scales' words: the thresholds stay; results, which the
            // analysis labels in the original's words, go through
            // `rating_label`.
            for level in fw.ratings.iter_mut().flat_map(|r| &mut r.levels) {
                if let Some(label) = texts.rating(&level.label) {
                    level.label = label.to_string();
                }
            }
            if let Some(overall) = &mut fw.overall {
                for band in &mut overall.bands {
                    if let Some(label) = texts.rating(&band.label) {
                        band.label = label.to_string();
                    }
                }
                if let Some(note) = &texts.overall_note {
                    overall.note = Some(note.clone());
                }
            }
            for domain in &mut fw.domains {
                if let Some(d) = texts.domain(&domain.id.value) {
                    if let Some(title) = &d.title {
                        domain.title.clone_from(title);
                    }
                    if let Some(body) = &d.summary_body {
                        domain.summary_body.clone_from(body);
                    }
                }
                for standard in &mut domain.standards {
                    if let Some(s) = texts.standard(&standard.id.value) {
                        if let Some(title) = &s.title {
                            standard.title.clone_from(title);
                        }
                        if let Some(body) = &s.statement_body {
                            standard.statement_body.clone_from(body);
                        }
                    }
                    for question in &mut standard.questions {
                        if let Some(text) = texts.question(&question.id.value) {
                            question.text = text.to_string();
                        }
                        // Answerable prompts have ids; guidance has none
                        // and stays as written.
                        for prompt in &mut question.prompts {
                            if let Prompt::Answerable { id, text } = prompt
                                && let Some(translated) = texts.question(&id.value)
                            {
                                *text = translated.to_string();
                            }
                        }
                    }
                }
            }
        }
        review
    }

    /// The resources the site shows or offers, by path: those its bodies
    /// name, and the logo. In the public edition, not those named only in
    /// cases' notes, which it does not show.
    pub fn resources_in_use(&self) -> std::collections::BTreeSet<String> {
        let public = self.edition == Edition::Public;
        let case_files: std::collections::HashSet<FileId> = if public {
            self.cases.iter().map(|c| c.file).collect()
        } else {
            Default::default()
        };
        let mut used: std::collections::BTreeSet<String> = self
            .bodies()
            .into_iter()
            .filter(|(file, _)| !case_files.contains(file))
            .flat_map(|(_, body)| &body.links)
            .filter_map(|link| match &link.target {
                LinkTarget::Resource(path) => Some(path.clone()),
                _ => None,
            })
            .collect();
        used.extend(self.report.logo.as_ref().map(Logo::path));
        used
    }

    /// The finding kinds of the report, in their declared order.
    pub fn kinds(&self) -> &[FindingKind] {
        &self.report.finding_kinds
    }

    /// The finding kind `id`, if the report lists it.
    pub fn kind(&self, id: &str) -> Option<&FindingKind> {
        self.kinds().iter().find(|k| k.id.value == id)
    }

    /// The tag of one finding of kind `id` ("Strength"); the id itself for
    /// a kind the report does not list.
    pub fn kind_tag<'s>(&'s self, id: &'s str) -> &'s str {
        self.kinds()
            .iter()
            .find(|k| k.id.value == id)
            .map_or(id, |k| k.tag())
    }

    /// Whether a case file failed to parse (its case ids are then unknown,
    /// and references to them say nothing new).
    pub fn case_file_failed(&self) -> bool {
        self.left_out
            .iter()
            .any(|(path, why)| *why == LeftOut::Failed && path.starts_with("content/cases/"))
    }

    /// Whether a domain is in the review's scope.
    pub fn in_scope(&self, domain_id: &str) -> bool {
        match &self.report.scope {
            None => true,
            Some(scope) => scope.iter().any(|d| d.value == domain_id),
        }
    }

    /// The framework's domains in the review's scope, in the framework's
    /// order.
    pub fn domains_in_scope(&self) -> impl Iterator<Item = &Domain> {
        self.framework
            .domains
            .iter()
            .filter(|d| self.in_scope(&d.id.value))
    }
}
