//! Each page kind's own variables, beside the [`super::Chrome`] every page
//! has.

use super::figures::{CountView, FrameworkView, OverallView, SampleView};
use super::parts::{KindCount, KindGroup, MatrixView, StandardView};
use serde::Serialize;

/// `index.html`.
#[derive(Debug, Serialize)]
pub struct HomePage<'a> {
    /// The report's facts.
    pub report: ReportFacts<'a>,
    /// `{id, title, version, in_use, label, sources}`: `in_use` the dates
    /// in words or null, `label` the title with version and dates for
    /// "Assessed against …", `sources` a list of `{citation, url}`.
    pub framework: FrameworkView<'a>,
    /// The indicative overall rating, or null unless ratings are shown and
    /// the framework has `overall:` (`partials/overall.html`).
    pub overall: Option<OverallView<'a>>,
    /// `{title, html}`; `html` is null without `content/summary.md`.
    pub summary: SummaryView<'a>,
    /// A card for each domain in scope.
    pub domains: Vec<DomainCard<'a>>,
    /// `{id, title}` of the domains not in scope.
    pub out_of_scope: Vec<DomainRef<'a>>,
    /// Groups of the findings that name no criteria.
    pub other_findings: Vec<KindGroup<'a>>,
    /// Number of cases.
    pub sample_size: usize,
    /// The disclosure threshold, for a withheld count in `domains[].cases`.
    pub min_count: usize,
    /// The chapters: `{title, url, position}`.
    pub pages: Vec<ChapterLink<'a>>,
    /// The focus areas: `{title, url}`.
    pub focus_areas: Vec<TitledLink<'a>>,
    /// `changes.html`, when this build was compared with an earlier one
    /// (`build --compare`); else null.
    pub changes_url: Option<&'static str>,
    /// `actions.html`, when the report has actions; else null.
    pub actions_url: Option<&'static str>,
}

/// The report's facts (`report`). Dates are in long form ("10 March
/// 2020"); the `_iso` keys are for `<time datetime>`.
#[derive(Debug, Serialize)]
pub struct ReportFacts<'a> {
    /// From `report.yaml`.
    pub title: &'a str,
    /// From `report.yaml`, or null.
    pub subtitle: Option<&'a str>,
    /// The service reviewed.
    pub organisation: &'a str,
    /// Who commissioned the review, or null.
    pub commissioned_by: Option<&'a str>,
    /// E.g. "Peer review".
    pub review_type: String,
    /// `{start, end, start_iso, end_iso}`, or null.
    pub fieldwork: Option<FieldworkView>,
    /// The publication date in words, or null.
    pub published: Option<String>,
    /// The same as `YYYY-MM-DD`, or null.
    pub published_iso: Option<String>,
    /// The review team: `{name, role, organisation}`.
    pub team: Vec<TeamMemberView<'a>>,
    /// `"draft"` or `"final"`.
    pub status: &'static str,
    /// The protective marking, or null.
    pub classification: Option<&'a str>,
}

/// The fieldwork dates.
#[derive(Debug, Serialize)]
pub struct FieldworkView {
    /// The first day, in words.
    pub start: String,
    /// The last day, in words.
    pub end: String,
    /// The first day as `YYYY-MM-DD`.
    pub start_iso: String,
    /// The last day as `YYYY-MM-DD`.
    pub end_iso: String,
}

/// A member of the review team.
#[derive(Debug, Serialize)]
pub struct TeamMemberView<'a> {
    /// Their name, or null (reviewers may be named by role only).
    pub name: Option<&'a str>,
    /// Their role, or null.
    pub role: Option<&'a str>,
    /// Their organisation, or null.
    pub organisation: Option<&'a str>,
}

/// The summary (`summary`).
#[derive(Debug, Serialize)]
pub struct SummaryView<'a> {
    /// Its `title:`, else "Summary" in the report's language.
    pub title: String,
    /// Its body, or null without `content/summary.md`.
    pub html: Option<String>,
    /// The language `title` is in when not the page's: an untranslated
    /// summary's own `title:`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title_lang: Option<&'a str>,
    /// When it has no translation into the page's language, the language
    /// it is shown in instead (the report's default); else absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub untranslated: Option<&'a str>,
}

/// A domain's card on the home page.
#[derive(Debug, Serialize)]
pub struct DomainCard<'a> {
    /// The domain's id.
    pub id: &'a str,
    /// Its title.
    pub title: &'a str,
    /// Its page.
    pub url: String,
    /// The framework's summary of it.
    pub summary_html: String,
    /// Findings in the domain by kind, zeros included.
    pub counts: Vec<KindCount<'a>>,
    /// The cases audited under the domain as `{count, suppressed, plural}`
    /// under the disclosure rule, or null when none were.
    pub cases: Option<CountView<'a>>,
    /// Its standards: `{id, title, url}`.
    pub standards: Vec<StandardLink<'a>>,
}

/// A standard in a list of links: `{id, title, url}`, and on a standard's
/// page whether it is that standard.
#[derive(Debug, Serialize)]
pub struct StandardLink<'a> {
    /// The standard's id.
    pub id: &'a str,
    /// Its title.
    pub title: &'a str,
    /// Its page.
    pub url: String,
    /// On a standard's page: true for that standard.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub current: Option<bool>,
}

/// A domain named but not linked: `{id, title}`.
#[derive(Debug, Serialize)]
pub struct DomainRef<'a> {
    /// The domain's id.
    pub id: &'a str,
    /// Its title.
    pub title: &'a str,
}

/// A chapter in the home page's list: `{title, url, position}`.
#[derive(Debug, Serialize)]
pub struct ChapterLink<'a> {
    /// Its title.
    pub title: &'a str,
    /// Its page.
    pub url: String,
    /// `"before"` or `"after"` the findings.
    pub position: &'static str,
    /// When the chapter has no translation into the page's language, the language
    /// it is shown in instead (the report's default); else absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub untranslated: Option<&'a str>,
}

/// A page in a list of links: `{title, url}`.
#[derive(Debug, Serialize)]
pub struct TitledLink<'a> {
    /// Its title.
    pub title: &'a str,
    /// Its page.
    pub url: String,
    /// When the page has no translation into the page's language, the language
    /// it is shown in instead (the report's default); else absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub untranslated: Option<&'a str>,
}

/// `page.html`: a chapter.
#[derive(Debug, Serialize)]
pub struct ChapterPage<'a> {
    /// The chapter's body. `page.toc` holds its headings.
    pub html: String,
    /// When it has no translation into the page's language, the language
    /// it is shown in instead (the report's default); else absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub untranslated: Option<&'a str>,
}

/// `domain.html`.
#[derive(Debug, Serialize)]
pub struct DomainPage<'a> {
    /// The domain.
    pub domain: DomainView<'a>,
}

/// A domain on its page (`domain`) or in the report (`report_domains`).
#[derive(Debug, Serialize)]
pub struct DomainView<'a> {
    /// The domain's id.
    pub id: &'a str,
    /// Its title.
    pub title: &'a str,
    /// In the report: `domain-<id>`, its section's id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub anchor: Option<String>,
    /// The framework's summary of it.
    pub summary_html: String,
    /// The narrative from `content/standards/<id>.md`, or null.
    pub narrative_html: Option<String>,
    /// The narrative's `title:`, or null.
    pub narrative_title: Option<&'a str>,
    /// When the narrative has no translation into the page's language, the language
    /// it is shown in instead (the report's default); else absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub narrative_untranslated: Option<&'a str>,
    /// Findings that name the domain itself, grouped by kind.
    pub groups: Vec<KindGroup<'a>>,
    /// A standard for each standard of the domain.
    pub standards: Vec<StandardView<'a>>,
    /// On the domain's page: the report's `show_ratings`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub show_ratings: Option<bool>,
}

/// `standard.html`.
#[derive(Debug, Serialize)]
pub struct StandardPage<'a> {
    /// The standard.
    pub standard: StandardView<'a>,
    /// Its domain and sibling standards: `{id, title, url, standards:
    /// [{id, title, url, current}]}`.
    pub domain: DomainLinks<'a>,
    /// The report's `show_ratings`.
    pub show_ratings: bool,
}

/// A domain with links to its standards.
#[derive(Debug, Serialize)]
pub struct DomainLinks<'a> {
    /// The domain's id.
    pub id: &'a str,
    /// Its title.
    pub title: &'a str,
    /// Its page.
    pub url: String,
    /// Its standards, `current` true for this page's.
    pub standards: Vec<StandardLink<'a>>,
}

/// `focus.html`.
#[derive(Debug, Serialize)]
pub struct FocusPage<'a> {
    /// The focus area.
    pub focus: FocusView<'a>,
}

/// A focus area on its page.
#[derive(Debug, Serialize)]
pub struct FocusView<'a> {
    /// Its slug.
    pub slug: &'a str,
    /// Its title.
    pub title: &'a str,
    /// Its body.
    pub html: String,
    /// When it has no translation into the page's language, the language
    /// it is shown in instead (the report's default); else absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub untranslated: Option<&'a str>,
    /// For each domain in scope, a group for findings naming the domain
    /// itself, then one for each of its standards with findings in this
    /// focus area; then "Other findings" (with `url` null).
    pub groups: Vec<FocusGroup<'a>>,
    /// The cases flagged with it: `{id, url, disposal, domain}` (none in
    /// the public edition).
    pub cases: Vec<FocusCase<'a>>,
    /// How many findings are tagged with it.
    pub finding_count: usize,
}

/// Findings of a focus area under one criterion: `{title, url, findings}`.
#[derive(Debug, Serialize)]
pub struct FocusGroup<'a> {
    /// The criterion, e.g. "2.1 Assessment"; "Other findings".
    pub title: String,
    /// The criterion's page, or null.
    pub url: Option<String>,
    /// The findings.
    pub findings: Vec<super::parts::FindingView<'a>>,
}

/// A case flagged with a focus area.
#[derive(Debug, Serialize)]
pub struct FocusCase<'a> {
    /// The case's id.
    pub id: &'a str,
    /// Where it is shown.
    pub url: String,
    /// Its disposal.
    pub disposal: &'a str,
    /// Its domain's id.
    pub domain: &'a str,
}

/// `cases.html`.
#[derive(Debug, Serialize)]
pub struct CasesPage<'a> {
    /// The sample's tables under the disclosure rule.
    pub sample: SampleView<'a>,
    /// One for each domain in scope that has cases (none in the public
    /// edition).
    pub matrices: Vec<MatrixView<'a>>,
    /// From `content/cases/index.md`, or null.
    pub intro_html: Option<String>,
    /// Its `title:`, or null.
    pub intro_title: Option<&'a str>,
    /// When the introduction has no translation into the page's language, the language
    /// it is shown in instead (the report's default); else absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub intro_untranslated: Option<&'a str>,

    /// True when each case has its own page.
    pub case_pages: bool,
    /// The data files the site publishes, for readers who want the figures
    /// in their own tools: `{url, name, what}`.
    pub data_files: Vec<DataFileView>,
}

/// A data file of the site: `{url, name, what}`.
#[derive(Debug, Serialize)]
pub struct DataFileView {
    /// Its path from the site root (`data/cases.csv`).
    pub url: &'static str,
    /// Its file name.
    pub name: &'static str,
    /// What it holds, in a sentence.
    pub what: String,
}

/// `case.html`.
#[derive(Debug, Serialize)]
pub struct CasePage<'a> {
    /// The case.
    pub case: CaseView<'a>,
}

/// A case on its own page.
#[derive(Debug, Serialize)]
pub struct CaseView<'a> {
    /// Its id.
    pub id: &'a str,
    /// Its domain's id.
    pub domain: &'a str,
    /// Its disposal.
    pub disposal: &'a str,
    /// How it was audited.
    pub audit: &'a str,
    /// The month it started, in words, or null.
    pub started: Option<String>,
    /// Its notes.
    pub notes_html: String,
    /// In the order written: `{id, text, answer, note}`.
    pub answers: Vec<CaseAnswer<'a>>,
    /// The findings that draw on this case: `{title, url, kind_tag}`.
    pub findings: Vec<FindingLink<'a>>,
}

/// A case's answer on its page.
#[derive(Debug, Serialize)]
pub struct CaseAnswer<'a> {
    /// The key question's or prompt's id.
    pub id: &'a str,
    /// Its text, or null.
    pub text: Option<&'a str>,
    /// The answer.
    pub answer: &'a str,
    /// The auditor's note, or null.
    pub note: Option<&'a str>,
}

/// A finding in a list of links: `{title, url, kind_tag}`.
#[derive(Debug, Serialize)]
pub struct FindingLink<'a> {
    /// Its title.
    pub title: &'a str,
    /// Its home.
    pub url: String,
    /// The name of one finding of its kind.
    pub kind_tag: &'a str,
}

/// `findings.html`.
#[derive(Debug, Serialize)]
pub struct FindingsPage<'a> {
    /// Every finding, grouped by kind.
    pub groups: Vec<KindGroup<'a>>,
    /// For the filter form.
    pub filters: Filters<'a>,
    /// Number of findings.
    pub total: usize,
    /// The CLDR plural category of `total` in the report's language
    /// (`one`, `other`…).
    pub total_plural: &'static str,
}

/// `actions.html`: the action plan (`plan`).
#[derive(Debug, Serialize)]
pub struct ActionsPage<'a> {
    /// The action plan.
    pub plan: ActionPlan<'a>,
}

/// The action plan: on `actions.html`, and as a section of `report.html`.
#[derive(Debug, Serialize)]
pub struct ActionPlan<'a> {
    /// Every action, in the plan's order: by priority (most urgent
    /// first), then due date (soonest first, none last).
    pub actions: Vec<ActionView<'a>>,
    /// The day open actions past their due date were judged overdue on,
    /// in long form ("1 March 2026"): `--as-of`, else the report's
    /// `published` date; null when there is neither, and then no action
    /// is marked overdue.
    pub as_of: Option<String>,
    /// How many actions are overdue on `as_of` (0 without it).
    pub overdue: usize,
    /// How many actions have each status, every status listed in order:
    /// `[{id, label, count}]`.
    pub by_status: Vec<CountOf<'a>>,
    /// How many actions each owner has: the report's `owners` in its
    /// order (else the owners named, in the plan's order), then those
    /// without an owner (`id` `-`), when there are any.
    pub by_owner: Vec<CountOf<'a>>,
    /// The choices of the filters: owners (`-` for none), statuses and
    /// the standards actions name.
    pub filters: ActionFilters<'a>,
    /// Number of actions.
    pub total: usize,
}

/// One action: a finding of an actionable kind, with its action fields.
#[derive(Debug, Serialize)]
pub struct ActionView<'a> {
    /// Its id: its finding's slug.
    pub id: &'a str,
    /// Its finding's title.
    pub title: &'a str,
    /// Its finding: on its page, or in `report.html` its place there.
    pub url: String,
    /// Its finding's kind's tag ("Area for consideration").
    pub kind: &'a str,
    /// The standards and domains its finding names, by id.
    pub criteria: Vec<&'a str>,
    /// Who owns it; null when no owner is named.
    pub owner: Option<&'a str>,
    /// Its priority's id as written (`high`); null when none.
    pub priority_id: Option<&'a str>,
    /// Its priority as the page says it (the theme's word for the default
    /// priorities, else as written); null when none.
    pub priority: Option<String>,
    /// When it is due, in long form ("September 2026"); null when not
    /// given.
    pub due: Option<String>,
    /// `due` as written (`2026-09`), for a `<time datetime>`.
    pub due_iso: Option<String>,
    /// Its status's id: `not-started`, `in-progress`, `done` or
    /// `superseded`.
    pub status: &'static str,
    /// Its status in words.
    pub status_label: String,
    /// Whether it is open and past due on `as_of`.
    pub overdue: bool,
    /// The latest word on it: `{date, date_iso, note}`; null when none.
    pub progress: Option<ProgressView<'a>>,
}

/// The latest progress on an action.
#[derive(Debug, Serialize)]
pub struct ProgressView<'a> {
    /// When, in long form.
    pub date: String,
    /// When, as written.
    pub date_iso: String,
    /// What has been done.
    pub note: &'a str,
}

/// A count of actions under one heading (a status, an owner).
#[derive(Debug, Serialize)]
pub struct CountOf<'a> {
    /// The value filtered on (`in-progress`, `Police`; `-` for no owner).
    pub id: &'a str,
    /// What it says.
    pub label: String,
    /// How many actions.
    pub count: usize,
}

/// The choices of the action plan's filters.
#[derive(Debug, Serialize)]
pub struct ActionFilters<'a> {
    /// The owners, then `-` (no owner) when an action has none.
    pub owners: Vec<Choice<'a>>,
    /// Every status.
    pub statuses: Vec<Choice<'a>>,
    /// The standards and domains the actions name, in framework order,
    /// then "no standard" (`-`) when an action names none.
    pub standards: Vec<Choice<'a>>,
}

/// The choices of the findings filter: `{kinds: [{id, label}], standards:
/// [{id, title}], focus: [{id, title}]}`.
#[derive(Debug, Serialize)]
pub struct Filters<'a> {
    /// The finding kinds.
    pub kinds: Vec<super::chrome::KindView<'a>>,
    /// The standards in scope.
    pub standards: Vec<Choice<'a>>,
    /// The focus areas.
    pub focus: Vec<Choice<'a>>,
}

/// One choice of a filter: `{id, title}`.
#[derive(Debug, Serialize)]
pub struct Choice<'a> {
    /// Its value.
    pub id: &'a str,
    /// What it says.
    pub title: String,
}

/// `report.html`: everything the home page has, and the report's parts.
#[derive(Debug, Serialize)]
pub struct ReportPage<'a> {
    /// The home page's variables, with links going to the report's own
    /// sections.
    #[serde(flatten)]
    pub home: HomePage<'a>,
    /// The theme's `style.css`, to inline in a `<style>` element.
    pub report_css: &'a str,
    /// The theme's `report.js` (the Print button), to inline in a
    /// `<script>` element; empty when the theme has none.
    pub report_js: &'a str,
    /// The printed page number ("Page 3 of 20", in the report's language)
    /// as a CSS `content` value, for the running footer.
    pub page_counter_css: String,
    /// The protective marking as a CSS string, for the running header and
    /// footer.
    pub classification_css: String,
    /// The version line ("Version 0.3, 12 May 2026") as a CSS string, for
    /// the running footer; empty without a version.
    pub version_css: String,
    /// The chapters placed before the findings: `{slug, title, html}`.
    pub before: Vec<ReportChapter<'a>>,
    /// The chapters placed after.
    pub after: Vec<ReportChapter<'a>>,
    /// Each domain in scope, with `anchor` `domain-<id>`.
    pub report_domains: Vec<DomainView<'a>>,
    /// Each focus area: `{slug, title, html, findings: [{title, id}]}`.
    pub report_focus: Vec<ReportFocus<'a>>,
    /// The action plan, as `actions.html` shows it (its links to places
    /// in the report); null when the report has no actions.
    pub actions: Option<ActionPlan<'a>>,
    /// As for `cases.html`.
    pub sample: SampleView<'a>,
    /// As for `cases.html`.
    pub matrices: Vec<MatrixView<'a>>,
    /// As for `cases.html`: the case sample's introduction, its ids behind
    /// `cases--`.
    pub intro_html: Option<String>,
    /// As for `cases.html`.
    pub intro_title: Option<&'a str>,
    /// As for `cases.html`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub intro_untranslated: Option<&'a str>,
    /// The report's `show_ratings`.
    pub show_ratings: bool,
    /// Always false here.
    pub case_pages: bool,
    /// The files the report offers to download (`{name, url}`, by name):
    /// the report carries its images in itself, but not these, so it
    /// lists them.
    pub attachments: Vec<AttachmentView>,
}

/// `404.html`: the page a web server shows for an address the site does
/// not have, at whatever depth that address is. So it carries its styles
/// and logo (`site.logo.url` is a `data:` URL: write it without `root`),
/// and its `root` is the site's base path (`/`, or `report.yaml`'s
/// `base_path`), not a way back from its own folder.
#[derive(Debug, Serialize)]
pub struct NotFoundPage<'a> {
    /// The theme's `style.css`, to inline in a `<style>` element.
    pub inline_css: &'a str,
}

/// A file to download: `{name, url}`.
#[derive(Debug, Serialize)]
pub struct AttachmentView {
    /// Its file name.
    pub name: String,
    /// Where the site publishes it, from the site root.
    pub url: String,
}

/// A chapter in the report.
#[derive(Debug, Serialize)]
pub struct ReportChapter<'a> {
    /// Its slug.
    pub slug: &'a str,
    /// Its section's id, `page-<slug>`.
    pub anchor: String,
    /// Its title.
    pub title: &'a str,
    /// Its body, its ids behind `page-<slug>--`.
    pub html: String,
    /// When it has no translation into the page's language, the language
    /// it is shown in instead (the report's default); else absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub untranslated: Option<&'a str>,
}

/// A focus area in the report.
#[derive(Debug, Serialize)]
pub struct ReportFocus<'a> {
    /// Its slug.
    pub slug: &'a str,
    /// Its section's id, `focus-<slug>`.
    pub anchor: String,
    /// Its title.
    pub title: &'a str,
    /// Its body, its ids behind `focus-<slug>--`.
    pub html: String,
    /// When it has no translation into the page's language, the language
    /// it is shown in instead (the report's default); else absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub untranslated: Option<&'a str>,

    /// Its findings: `{title, id}`.
    pub findings: Vec<FindingAnchor<'a>>,
}

/// A finding in the report's list of a focus area: `{title, id}`.
#[derive(Debug, Serialize)]
pub struct FindingAnchor<'a> {
    /// Its title.
    pub title: &'a str,
    /// `finding-<slug>`.
    pub id: String,
}

/// `changes.html`: what changed since the build this one was compared
/// with (`evident build --compare OLD`).
#[derive(Debug, Serialize)]
pub struct ChangesPage<'a> {
    /// The earlier build: `{version, date, title}` (`version` and `date`
    /// null when it gave none; `date` in words).
    pub before: EarlierBuild<'a>,
    /// True when nothing below changed.
    pub nothing: bool,
    /// Findings new in this build, as links.
    pub added: Vec<FindingLink<'a>>,
    /// Findings of the earlier build this one does not have: `{title,
    /// kind_tag}`.
    pub removed: Vec<RemovedFinding<'a>>,
    /// Findings that name other criteria, or are of another kind, now:
    /// `{title, url, before, now}`, where each is the kind and criteria in
    /// words.
    pub moved: Vec<MovedFinding<'a>>,
    /// Findings whose text changed: `{title, url, pieces}`, `pieces` the
    /// words as `{kind, text}` with `kind` `same`, `added` or `removed`.
    pub changed: Vec<ChangedFinding<'a>>,
    /// False when the earlier build's data did not carry its findings'
    /// texts, so changes to them cannot be shown.
    pub texts_known: bool,
    /// Every figure that moved: `{what, url, before, now}`, values as
    /// pages write them ("62.5%", "Good", "–").
    pub figures: Vec<FigureChange>,
    /// The earlier build's actions, each with its final status and this
    /// build's findings on the same standards; empty when it had none.
    pub previous_actions: Vec<PreviousActionView<'a>>,
}

/// One of the earlier build's actions, at the next review.
#[derive(Debug, Serialize)]
pub struct PreviousActionView<'a> {
    /// Its finding's title then.
    pub title: &'a str,
    /// Who owned it; null when no one did.
    pub owner: Option<&'a str>,
    /// The standards and domains it named, by id.
    pub standards: &'a [String],
    /// Its final status's id (`done`…), as the earlier build gave it.
    pub status: &'a str,
    /// Its final status in words.
    pub status_label: String,
    /// This build's findings on any of the same standards.
    pub related: Vec<FindingLink<'a>>,
}

/// The build compared with.
#[derive(Debug, Serialize)]
pub struct EarlierBuild<'a> {
    /// Its title.
    pub title: &'a str,
    /// Its version, or null.
    pub version: Option<&'a str>,
    /// Its version's date in words, or null.
    pub date: Option<String>,
}

/// A finding the earlier build had and this one does not.
#[derive(Debug, Serialize)]
pub struct RemovedFinding<'a> {
    /// Its title then.
    pub title: &'a str,
    /// The name of one finding of its kind.
    pub kind_tag: &'a str,
}

/// A finding that moved between standards or kinds.
#[derive(Debug, Serialize)]
pub struct MovedFinding<'a> {
    /// Its title.
    pub title: &'a str,
    /// Its place in this build.
    pub url: String,
    /// Its kind and criteria before ("Strength: 2.1, 3.1").
    pub before: String,
    /// And now.
    pub now: String,
}

/// A finding whose text changed.
#[derive(Debug, Serialize)]
pub struct ChangedFinding<'a> {
    /// Its title.
    pub title: &'a str,
    /// Its place in this build.
    pub url: String,
    /// The words, old to new.
    pub pieces: Vec<PieceView>,
}

/// A run of words of a changed text.
#[derive(Debug, Serialize)]
pub struct PieceView {
    /// `same`, `added` or `removed`.
    pub kind: &'static str,
    /// The words; a long unchanged run keeps only the words beside the
    /// changes, with "…" for the rest.
    pub text: String,
}

/// A figure that moved.
#[derive(Debug, Serialize)]
pub struct FigureChange {
    /// What it is ("2.1.3 Does the assessment …", "Indicative rating of
    /// 2.1 Assessment").
    pub what: String,
    /// Where it is shown now, or null.
    pub url: Option<String>,
    /// Its value before.
    pub before: String,
    /// Its value now.
    pub now: String,
}
