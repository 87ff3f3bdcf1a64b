//! Data: the report's data for reuse (`data/report.json`, `data/cases.csv`)
//! and the search index (`search-index.js`), all read from the same review,
//! analysis and index as the pages, and each written straight to its
//! writer (a file when building, memory in the preview).
//!
//! `report.json` is written from typed structs. Its keys have always come
//! out in alphabetical order, so each struct lists its fields in that
//! order and the file stays the same byte for byte.
//!
//! Case attributes are tabulated with small-cell suppression on the cases
//! page and are deliberately left out of every per-case export.

use super::locale::Locale;
use super::urls;
use crate::analyse::{Analysis, Cell, OverallResult, Rating};
use crate::model::{AssessedBy, Review, ReviewIndex};
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::{self, Write};

/// `data/report.json` (SPEC §3, with a few more keys). Fields in
/// alphabetical order.
#[derive(Serialize)]
struct ReportJson<'a> {
    /// The actions, in the plan's order (priority, then due date).
    actions: Vec<ActionJson<'a>>,
    /// The day open actions past their due date were judged overdue on
    /// (`--as-of`, else the report's `published` date); null when none,
    /// and then no action's `overdue` is known.
    as_of: Option<String>,
    /// The case audits; empty in the public edition, which names no case.
    cases: Vec<CaseJson<'a>>,
    domains: Vec<DomainJson<'a>>,
    edition: &'static str,
    /// What the case figures are: `final`, `provisional` or
    /// `illustrative`; anything but final is said on every page too.
    figures: &'static str,
    findings: Vec<FindingJson<'a>>,
    focus: Vec<FocusJson<'a>>,
    framework: FrameworkJson<'a>,
    /// The indicative overall rating, when ratings are shown and every
    /// counted standard is rated; else null.
    overall: Option<OverallJson<'a>>,
    /// With ratings shown and no overall rating: the counted standards
    /// without a rating.
    overall_missing: Option<&'a [String]>,
    /// With `numbered_paragraphs`, each numbered paragraph in reading
    /// order: `{hash, number, url}`, the hash of its text as the response
    /// sheet gives it; empty otherwise.
    paragraphs: Vec<ParagraphJson>,
    report: ReportFactsJson<'a>,
    /// Aggregates under the one disclosure rule: a withheld count is null,
    /// with `suppressed: true`.
    sample: SampleJson<'a>,
}

/// An action: a finding of an actionable kind, with its action fields.
#[derive(Serialize)]
struct ActionJson<'a> {
    due: Option<String>,
    /// Its finding's slug.
    id: &'a str,
    kind: &'a str,
    /// Whether it is open and past due on `as_of`; null without `as_of`.
    overdue: Option<bool>,
    owner: Option<&'a str>,
    priority: Option<&'a str>,
    progress: Option<ProgressJson<'a>>,
    /// The standards and domains its finding names.
    standards: Vec<&'a str>,
    status: &'static str,
    title: &'a str,
    url: String,
}

#[derive(Serialize)]
struct ProgressJson<'a> {
    date: String,
    note: &'a str,
}

#[derive(Serialize)]
struct CaseJson<'a> {
    answers: BTreeMap<&'a str, &'a str>,
    audit: &'static str,
    disposal: &'a str,
    domain: &'a str,
    /// The slugs of its focus areas, as `focus[].slug` gives them.
    focus: Vec<String>,
    id: &'a str,
    started: Option<String>,
}

#[derive(Serialize)]
struct DomainJson<'a> {
    /// Findings that name the domain itself rather than one of its
    /// standards.
    findings: Vec<&'a str>,
    id: &'a str,
    in_scope: bool,
    standards: Vec<StandardJson<'a>>,
    title: &'a str,
    /// Out-of-scope domains are listed, not paged: no URL to follow.
    url: Option<String>,
}

#[derive(Serialize)]
struct StandardJson<'a> {
    assessed_by: &'static str,
    findings: Vec<&'a str>,
    id: &'a str,
    questions: Vec<QuestionJson<'a>>,
    rating: Option<&'a Rating>,
    title: &'a str,
    url: Option<String>,
}

#[derive(Serialize)]
struct QuestionJson<'a> {
    dimension: Option<&'a str>,
    excluded: usize,
    id: &'a str,
    met: usize,
    not_met: usize,
    percent: Option<f64>,
    /// Answerable prompts, shaped as questions are; guidance is not data.
    prompts: Vec<PromptJson<'a>>,
    text: &'a str,
}

#[derive(Serialize)]
struct PromptJson<'a> {
    excluded: usize,
    id: &'a str,
    met: usize,
    not_met: usize,
    percent: Option<f64>,
    text: &'a str,
}

#[derive(Serialize)]
struct FindingJson<'a> {
    cases: Vec<&'a str>,
    criteria: Vec<&'a str>,
    /// The slugs of its focus areas, as `focus[].slug` gives them.
    focus: Vec<String>,
    kind: &'a str,
    slug: &'a str,
    /// Its text as the edition shows it (plain, for comparing versions).
    text: &'a str,
    title: &'a str,
    url: String,
}

#[derive(Serialize)]
struct ParagraphJson {
    hash: String,
    number: String,
    url: String,
}

#[derive(Serialize)]
struct FocusJson<'a> {
    findings: Vec<&'a str>,
    slug: &'a str,
    title: &'a str,
    url: String,
}

#[derive(Serialize)]
struct FrameworkJson<'a> {
    applies_from: Option<String>,
    applies_until: Option<String>,
    id: &'a str,
    source: Vec<SourceJson<'a>>,
    title: &'a str,
    version: Option<&'a str>,
}

#[derive(Serialize)]
struct SourceJson<'a> {
    citation: &'a str,
    url: Option<&'a str>,
}

#[derive(Serialize)]
struct OverallJson<'a> {
    label: &'a str,
    max: u32,
    score: u32,
}

#[derive(Serialize)]
struct ReportFactsJson<'a> {
    classification: Option<&'a str>,
    commissioned_by: Option<&'a str>,
    fieldwork: Option<FieldworkJson>,
    finding_kinds: Vec<KindJson<'a>>,
    organisation: &'a str,
    published: Option<String>,
    review_type: &'a str,
    show_ratings: bool,
    status: &'static str,
    subtitle: Option<&'a str>,
    title: &'a str,
    version: Option<&'a str>,
    version_date: Option<String>,
}

#[derive(Serialize)]
struct FieldworkJson {
    end: String,
    start: String,
}

#[derive(Serialize)]
struct KindJson<'a> {
    id: &'a str,
    label: &'a str,
}

#[derive(Serialize)]
struct SampleJson<'a> {
    by_audit: Vec<CountJson<'a>>,
    by_disposal: Vec<CountJson<'a>>,
    by_domain: Vec<CountJson<'a>>,
    min_count: usize,
    total: usize,
}

/// One count of a sample table, withheld or not: `{<what>: value, count,
/// suppressed}`, where `<what>` is `audit`, `disposal` or `domain`.
#[derive(Serialize)]
struct CountJson<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    audit: Option<&'a str>,
    count: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    disposal: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    domain: Option<&'a str>,
    suppressed: bool,
}

impl<'a> CountJson<'a> {
    fn new(cell: Cell) -> Self {
        let (count, suppressed) = match cell {
            Cell::Count(n) => (Some(n), false),
            Cell::Suppressed => (None, true),
        };
        CountJson {
            audit: None,
            count,
            disposal: None,
            domain: None,
            suppressed,
        }
    }
}

/// Write `data/report.json` to `out`.
pub fn write_report_json<'a>(
    review: &'a Review,
    analysis: &'a Analysis,
    index: &ReviewIndex,
    numbers: &crate::site::plan::ParagraphNumbers,
    as_of: Option<&crate::model::Date>,
    out: impl Write,
) -> io::Result<()> {
    let slugs = |at: &[usize]| -> Vec<&str> {
        at.iter()
            .map(|&i| review.findings[i].slug.as_str())
            .collect()
    };
    let r = &review.report;
    let fw = &review.framework;
    // The public edition names no case: no case list, no case ids.
    let public = review.edition == crate::model::Edition::Public;
    let question = |q: &'a crate::model::KeyQuestion| -> QuestionJson<'a> {
        let r = analysis
            .questions
            .get(&q.id.value)
            .cloned()
            .unwrap_or_default();
        QuestionJson {
            dimension: q.dimension.as_ref().map(|d| d.value.as_str()),
            excluded: r.excluded,
            id: &q.id.value,
            met: r.met,
            not_met: r.not_met,
            percent: r.percent,
            prompts: q
                .prompts
                .iter()
                .filter_map(|p| p.id().map(|id| (id, p.text())))
                .map(|(id, text)| {
                    let r = analysis.prompts.get(&id.value).cloned().unwrap_or_default();
                    PromptJson {
                        excluded: r.excluded,
                        id: &id.value,
                        met: r.met,
                        not_met: r.not_met,
                        percent: r.percent,
                        text,
                    }
                })
                .collect(),
            text: &q.text,
        }
    };
    let domains = fw
        .domains
        .iter()
        .map(|d| {
            let in_scope = review.in_scope(&d.id.value);
            DomainJson {
                findings: slugs(index.naming(&d.id.value)),
                id: &d.id.value,
                in_scope,
                standards: d
                    .standards
                    .iter()
                    .map(|s| StandardJson {
                        assessed_by: s.assessed_by.as_str(),
                        findings: slugs(index.naming(&s.id.value)),
                        id: &s.id.value,
                        questions: s.questions.iter().map(question).collect(),
                        rating: analysis
                            .standards
                            .get(&s.id.value)
                            .and_then(|r| r.rating.as_ref()),
                        title: &s.title,
                        url: in_scope.then(|| urls::standard(&d.id.value, &s.id.value)),
                    })
                    .collect(),
                title: &d.title,
                url: in_scope.then(|| urls::domain(&d.id.value)),
            }
        })
        .collect();
    let findings = index
        .all()
        .iter()
        .map(|&i| {
            let f = &review.findings[i];
            FindingJson {
                cases: if public {
                    Vec::new()
                } else {
                    f.meta.cases.iter().map(|c| c.value.as_str()).collect()
                },
                criteria: f.meta.criteria.iter().map(|c| c.value.as_str()).collect(),
                focus: f
                    .meta
                    .focus
                    .iter()
                    .map(|c| urls::file_slug(&c.value))
                    .collect(),
                kind: &f.meta.kind.value,
                slug: &f.slug,
                text: f.body.shown_text(public),
                title: &f.meta.title,
                url: urls::finding(review, f),
            }
        })
        .collect();
    let actions = index
        .actions()
        .iter()
        .map(|&i| {
            let f = &review.findings[i];
            let m = &f.meta;
            ActionJson {
                due: m.due.as_ref().map(|d| d.value.iso()),
                id: &f.slug,
                kind: &m.kind.value,
                overdue: crate::model::overdue(
                    m.due.as_ref().map(|d| &d.value),
                    m.action_status(),
                    as_of,
                ),
                owner: m.owner.as_ref().map(|o| o.value.trim()),
                priority: m.priority.as_ref().map(|p| p.value.as_str()),
                progress: m.progress.as_ref().map(|p| ProgressJson {
                    date: p.value.date.value.iso(),
                    note: &p.value.note,
                }),
                standards: m.criteria.iter().map(|c| c.value.as_str()).collect(),
                status: m.action_status().as_str(),
                title: &m.title,
                url: urls::finding(review, f),
            }
        })
        .collect();
    let cases = if public {
        Vec::new()
    } else {
        review
            .cases
            .iter()
            .map(|c| CaseJson {
                answers: c
                    .answers
                    .iter()
                    .map(|(q, a)| (q.value.as_str(), a.value.answer.as_str()))
                    .collect(),
                audit: c.audit.as_str(),
                disposal: &c.disposal,
                domain: &c.domain.value,
                focus: c.focus.iter().map(|s| urls::file_slug(&s.value)).collect(),
                id: &c.id.value,
                started: c.started.as_ref().map(|d| d.iso()),
            })
            .collect()
    };
    let focus = review
        .focus_areas
        .iter()
        .map(|fa| FocusJson {
            findings: slugs(index.in_focus(&fa.name)),
            slug: &fa.slug,
            title: &fa.meta.title,
            url: urls::focus(&fa.slug),
        })
        .collect();
    let sample = &analysis.sample;
    let doc = ReportJson {
        actions,
        as_of: as_of.map(crate::model::Date::iso),
        cases,
        domains,
        edition: review.edition.as_str(),
        figures: r.figures.as_str(),
        findings,
        focus,
        framework: FrameworkJson {
            applies_from: fw.applies_from.as_ref().map(|d| d.value.iso()),
            applies_until: fw.applies_until.as_ref().map(|d| d.value.iso()),
            id: &fw.id,
            source: fw
                .source
                .iter()
                .map(|s| SourceJson {
                    citation: &s.citation,
                    url: s.url.as_deref(),
                })
                .collect(),
            title: &fw.title,
            version: fw.version.as_deref(),
        },
        overall: match &analysis.overall {
            Some(OverallResult::Rated { score, max, label }) => Some(OverallJson {
                label,
                max: *max,
                score: *score,
            }),
            _ => None,
        },
        overall_missing: match &analysis.overall {
            Some(OverallResult::Incomplete { missing }) => Some(missing),
            _ => None,
        },
        paragraphs: numbers
            .with_texts(review)
            .into_iter()
            .map(|(p, text)| ParagraphJson {
                hash: crate::site::paragraph_hash(text),
                number: p.number.clone(),
                url: format!("{}#p-{}", p.page, p.number),
            })
            .collect(),
        report: ReportFactsJson {
            classification: r.classification.as_deref(),
            commissioned_by: r.commissioned_by.as_deref(),
            fieldwork: r.fieldwork.as_ref().map(|f| FieldworkJson {
                end: f.end.value.iso(),
                start: f.start.value.iso(),
            }),
            finding_kinds: r
                .finding_kinds
                .iter()
                .map(|k| KindJson {
                    id: &k.id.value,
                    label: k.label.text(),
                })
                .collect(),
            organisation: r.organisation.value.text(),
            published: r.published.as_ref().map(|d| d.iso()),
            review_type: r.review_type.as_deref().unwrap_or("Review"),
            show_ratings: r.show_ratings,
            status: r.status.as_str(),
            subtitle: r.subtitle.as_ref().map(|t| t.value.text()),
            title: r.title.value.text(),
            version: r.version.as_ref().map(|v| v.value.as_str()),
            version_date: r.version_date.as_ref().map(|d| d.value.iso()),
        },
        sample: SampleJson {
            by_audit: sample
                .by_audit
                .iter()
                .map(|(a, c)| CountJson {
                    audit: Some(a.as_str()),
                    ..CountJson::new(*c)
                })
                .collect(),
            by_disposal: sample
                .by_disposal
                .iter()
                .map(|(d, c)| CountJson {
                    disposal: Some(d),
                    ..CountJson::new(*c)
                })
                .collect(),
            by_domain: sample
                .by_domain
                .iter()
                .map(|(d, c)| CountJson {
                    domain: Some(d),
                    ..CountJson::new(*c)
                })
                .collect(),
            min_count: sample.min_count,
            total: sample.total,
        },
    };
    let mut out = out;
    serde_json::to_writer_pretty(&mut out, &doc).map_err(io::Error::other)?;
    out.write_all(b"\n")
}

/// Quote a CSV field when it needs it (RFC 4180). A field that a spreadsheet
/// would run as a formula (`=`, `+`, `-`, `@`, tab or carriage return first)
/// is prefixed with `'`, as OWASP advises against CSV injection.
fn csv_field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// `data/cases.csv`: one row per case, one column per case-assessed key
/// question (each followed by its answerable prompts), and last a `figures` column saying on every row what the
/// figures are (`final`, `provisional`, `illustrative`): a comment line
/// would break CSV readers, and a row copied elsewhere keeps its label.
pub fn write_cases_csv(review: &Review, out: impl Write) -> io::Result<()> {
    let mut out = out;
    let figures = review.report.figures.as_str();
    let questions: Vec<&str> = review
        .framework
        .standards()
        .filter(|(d, s)| s.assessed_by == AssessedBy::Cases && review.in_scope(&d.id.value))
        .flat_map(|(_, s)| {
            s.questions.iter().flat_map(|q| {
                std::iter::once(q.id.value.as_str()).chain(
                    q.prompts
                        .iter()
                        .filter_map(|p| p.id())
                        .map(|id| id.value.as_str()),
                )
            })
        })
        .collect();
    let mut head = String::from("id,domain,disposal,audit,started");
    for q in &questions {
        head.push(',');
        head.push_str(&csv_field(q));
    }
    head.push_str(",figures\r\n");
    out.write_all(head.as_bytes())?;
    for c in &review.cases {
        let mut row = vec![
            csv_field(&c.id.value),
            csv_field(&c.domain.value),
            csv_field(&c.disposal),
            c.audit.as_str().to_string(),
            c.started.as_ref().map(|d| d.iso()).unwrap_or_default(),
        ];
        for q in &questions {
            row.push(
                c.answer(q)
                    .map(|a| csv_field(&a.answer))
                    .unwrap_or_default(),
            );
        }
        row.push(figures.to_string());
        out.write_all(row.join(",").as_bytes())?;
        out.write_all(b"\r\n")?;
    }
    Ok(())
}

/// `data/response.csv`, the factual-accuracy response sheet: one row per
/// numbered paragraph, in reading order, with its page (`title_of` names
/// it), a link to it, its first words and the hash of its text, then
/// empty columns for the service's comment, the evidence it offers and
/// the reviewers' decision. UTF-8 with a byte order mark and CRLF line
/// ends, so a spreadsheet opens it with its accents and in columns; every
/// cell formula-safe. `evident respond` reads it back.
pub fn write_response_csv(
    review: &Review,
    numbers: &crate::site::plan::ParagraphNumbers,
    title_of: impl Fn(&str) -> Option<String>,
    out: impl Write,
) -> io::Result<()> {
    let mut out = out;
    out.write_all("\u{feff}".as_bytes())?;
    out.write_all(RESPONSE_HEAD.join(",").as_bytes())?;
    out.write_all(b"\r\n")?;
    for (p, text) in numbers.with_texts(review) {
        let row = [
            csv_field(&p.number),
            csv_field(&title_of(&p.page).unwrap_or_default()),
            csv_field(&format!("{}#p-{}", p.page, p.number)),
            csv_field(&first_words(text, 12)),
            crate::site::paragraph_hash(text),
            String::new(),
            String::new(),
            String::new(),
        ];
        out.write_all(row.join(",").as_bytes())?;
        out.write_all(b"\r\n")?;
    }
    Ok(())
}

/// `data/actions.csv`, for the service's own tracker: one row per action,
/// in the plan's order, with the columns of [`ACTIONS_HEAD`]; `standards`
/// holds the ids its finding names, separated by `; `. UTF-8 with a byte
/// order mark and CRLF line ends, every cell formula-safe, as the
/// response sheet is. `evident actions import` reads it back.
pub fn write_actions_csv(review: &Review, index: &ReviewIndex, out: impl Write) -> io::Result<()> {
    let mut out = out;
    out.write_all("\u{feff}".as_bytes())?;
    out.write_all(ACTIONS_HEAD.join(",").as_bytes())?;
    out.write_all(b"\r\n")?;
    for &i in index.actions() {
        let f = &review.findings[i];
        let m = &f.meta;
        let standards: Vec<&str> = m.criteria.iter().map(|c| c.value.as_str()).collect();
        let row = [
            csv_field(&f.slug),
            csv_field(&m.title),
            csv_field(&standards.join("; ")),
            csv_field(m.owner.as_ref().map_or("", |o| o.value.trim())),
            csv_field(m.priority.as_ref().map_or("", |p| p.value.as_str())),
            m.due.as_ref().map(|d| d.value.iso()).unwrap_or_default(),
            m.action_status().as_str().to_string(),
            m.progress
                .as_ref()
                .map(|p| p.value.date.value.iso())
                .unwrap_or_default(),
            csv_field(m.progress.as_ref().map_or("", |p| p.value.note.as_str())),
            csv_field(&urls::finding(review, f)),
        ];
        out.write_all(row.join(",").as_bytes())?;
        out.write_all(b"\r\n")?;
    }
    Ok(())
}

/// The columns of `data/actions.csv`, in order.
pub const ACTIONS_HEAD: [&str; 10] = [
    "id",
    "title",
    "standards",
    "owner",
    "priority",
    "due",
    "status",
    "progress_date",
    "progress_note",
    "url",
];

/// The response sheet's columns, in order.
pub const RESPONSE_HEAD: [&str; 8] = [
    "paragraph",
    "page",
    "link",
    "first_words",
    "text_hash",
    "comment",
    "evidence",
    "decision",
];

/// One entry of the search index: `{k: kind, t: title, u: url, x: text}`
/// (in that order, as the index has always been written).
#[derive(Serialize)]
struct SearchEntry<'a> {
    /// What the entry is: a finding's kind tag, or "Standard", "Domain",
    /// "Page", "Focus area", "Case".
    k: std::borrow::Cow<'a, str>,
    t: std::borrow::Cow<'a, str>,
    u: String,
    x: std::borrow::Cow<'a, str>,
}

/// Writes JSON whose strings are safe inside a script: `</` becomes `<\/`,
/// so a `</script>` in a string cannot end an inline script early, and
/// U+2028/U+2029 are escaped, since they end a line in older JavaScript
/// parsers. serde_json hands each run of characters that needs no JSON
/// escape to `write_string_fragment` whole, so `<` and `/` are never split
/// between two calls.
struct ScriptSafe;

impl serde_json::ser::Formatter for ScriptSafe {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut rest = fragment;
        while let Some(at) = rest.find(['<', '\u{2028}', '\u{2029}']) {
            writer.write_all(&rest.as_bytes()[..at])?;
            let c = rest[at..].chars().next().unwrap_or('<');
            let after = &rest[at + c.len_utf8()..];
            match c {
                '<' if after.starts_with('/') => writer.write_all(b"<\\")?,
                '<' => writer.write_all(b"<")?,
                '\u{2028}' => writer.write_all(b"\\u2028")?,
                _ => writer.write_all(b"\\u2029")?,
            }
            rest = after;
        }
        writer.write_all(rest.as_bytes())
    }
}

/// Write `search-index.js` to `out`: a script that sets
/// `window.EVIDENT_SEARCH`, so search works from `file://` where fetching
/// JSON is refused (Quarto #3028).
pub fn write_search_index(
    review: &Review,
    index: &ReviewIndex,
    numbers: &crate::site::plan::ParagraphNumbers,
    locale: &Locale<'_>,
    out: impl Write,
) -> io::Result<()> {
    use std::borrow::Cow;
    let public = review.edition == crate::model::Edition::Public;
    let mut entries: Vec<SearchEntry<'_>> = Vec::new();
    for f in index.all().iter().map(|&i| &review.findings[i]) {
        entries.push(SearchEntry {
            k: review
                .kinds()
                .iter()
                .find(|k| k.id.value == f.meta.kind.value)
                .map_or(Cow::Borrowed(f.meta.kind.value.as_str()), |k| {
                    Cow::Owned(locale.kind_words(k).one)
                }),
            t: Cow::Borrowed(&f.meta.title),
            u: urls::finding(review, f),
            x: Cow::Borrowed(f.body.shown_text(public)),
        });
    }
    for (d, s) in review.framework.standards() {
        if review.in_scope(&d.id.value) {
            let text = format!(
                "{} {}",
                s.statement_body.shown_text(public),
                s.questions
                    .iter()
                    .map(|q| q.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            );
            entries.push(SearchEntry {
                k: Cow::Owned(locale.text("standard")),
                t: Cow::Owned(format!("{} {}", s.id.value, s.title)),
                u: urls::standard(&d.id.value, &s.id.value),
                x: Cow::Owned(text.trim().to_string()),
            });
        }
    }
    for d in &review.framework.domains {
        if review.in_scope(&d.id.value) {
            entries.push(SearchEntry {
                k: Cow::Owned(locale.text("domain")),
                t: Cow::Owned(
                    locale.with("domain_title", &[("id", &d.id.value), ("title", &d.title)]),
                ),
                u: urls::domain(&d.id.value),
                x: Cow::Borrowed(d.summary_body.shown_text(public)),
            });
        }
    }
    for p in &review.pages {
        entries.push(SearchEntry {
            k: Cow::Owned(locale.text("page")),
            t: Cow::Borrowed(&p.meta.title),
            u: urls::page(&p.slug),
            x: Cow::Borrowed(p.body.shown_text(public)),
        });
    }
    for f in &review.focus_areas {
        entries.push(SearchEntry {
            k: Cow::Owned(locale.text("focus_area")),
            t: Cow::Borrowed(&f.meta.title),
            u: urls::focus(&f.slug),
            x: Cow::Borrowed(f.body.shown_text(public)),
        });
    }
    // The public edition's search finds no case.
    if !public {
        for c in &review.cases {
            entries.push(SearchEntry {
                k: Cow::Owned(locale.text("case")),
                t: Cow::Owned(locale.with("case_title", &[("id", &c.id.value)])),
                u: urls::case(review, &c.id.value),
                x: Cow::Owned(format!("{} {}", c.disposal, c.notes_body.text)),
            });
        }
    }
    // Each numbered paragraph, found by its number ("2.1-4") and shown
    // with its first words; the text itself is searched in its finding's
    // or page's entry.
    let numbered = numbers.with_texts(review);
    if !numbered.is_empty() {
        let kind = locale.text("paragraph");
        for (p, text) in numbered {
            entries.push(SearchEntry {
                k: Cow::Owned(kind.clone()),
                t: Cow::Owned(p.number.clone()),
                u: format!("{}#p-{}", p.page, p.number),
                x: Cow::Owned(first_words(text, 12)),
            });
        }
    }
    let mut out = out;
    out.write_all(b"window.EVIDENT_SEARCH = ")?;
    let mut json = serde_json::Serializer::with_formatter(&mut out, ScriptSafe);
    entries.serialize(&mut json).map_err(io::Error::other)?;
    out.write_all(b";\n")
}

/// The first `n` words of `text`, with "…" when there are more.
pub fn first_words(text: &str, n: usize) -> String {
    let mut words = text.split_whitespace();
    let mut out: Vec<&str> = words.by_ref().take(n).collect();
    if words.next().is_some() {
        out.push("…");
    }
    out.join(" ")
}

#[cfg(test)]
mod tests {
    use super::csv_field;

    #[test]
    fn csv_fields_are_quoted_and_never_formulas() {
        assert_eq!(csv_field("Referral order"), "Referral order");
        assert_eq!(csv_field("a, b"), "\"a, b\"");
        assert_eq!(csv_field("say \"no\""), "\"say \"\"no\"\"\"");
        assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_field("@cmd"), "'@cmd");
    }
}
