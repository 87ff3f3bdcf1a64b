//! Parse: each loaded file becomes typed data, one file at a time.
//!
//! Every function here takes one [`SourceFile`] and returns its parsed form
//! or the diagnostics that stopped it, so a caller may cache results per
//! file. [`parse`] runs them all and assembles the [`Review`]; a file that
//! fails is left out and its diagnostics are returned, so one run reports
//! every broken file.

use super::frontmatter::{self, Unclosed};
use super::markdown::{self, BodySource};
use super::memo::Memo;
use super::{ContentKind, FileId, SourceFile, Sources, yaml};
use crate::diagnostic::{Diagnostic, Pos};
use crate::model::{
    Body, CaseAudit, CaseFile, Finding, FindingMeta, FocusArea, FocusMeta, Framework, Narrative,
    NarrativeMeta, Page, PageMeta, Report, Review, Summary, SummaryMeta,
};
use crate::model::{LeftOut, Located};
use serde::de::DeserializeOwned;
use std::any::Any;
use std::sync::Arc;

/// What a file's parse depends on: the file (its path and text) and its
/// index, which parsed items and diagnostics carry.
#[derive(Debug, PartialEq, Eq, Hash)]
pub(crate) struct FileKey {
    path: String,
    id: FileId,
    step: &'static str,
    len: usize,
    hash: u64,
}

/// Files parsed before (see [`super::memo`]); each value is the
/// `Result<T, Vec<Diagnostic>>` of one parse function.
pub(crate) static PARSED: Memo<FileKey, Arc<dyn Any + Send + Sync>> = Memo::new();

/// `parse()` of one file, or its remembered result when the file is
/// unchanged (same path, index and text).
fn remembered<T: Clone + Send + Sync + 'static>(
    id: FileId,
    file: &SourceFile,
    step: &'static str,
    parse: impl FnOnce() -> Result<T, Vec<Diagnostic>>,
) -> Result<T, Vec<Diagnostic>> {
    if !PARSED.is_on() {
        return parse();
    }
    let key = FileKey {
        path: file.path.clone(),
        id,
        step,
        len: file.text.len(),
        hash: file.text_hash(),
    };
    if let Some(kept) = PARSED.get(&key)
        && let Some(result) = kept.downcast_ref::<Result<T, Vec<Diagnostic>>>()
    {
        return result.clone();
    }
    let result = parse();
    PARSED.put(key, Arc::new(result.clone()));
    result
}

/// Parse every file and assemble the review. Returns `None` when a file the
/// review cannot do without (`report.yaml`, the framework) is missing or
/// broken; the diagnostics say why.
pub fn parse(sources: &Sources) -> (Option<Review>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let d = &mut diagnostics;

    let mut reports = sources.of_kind(ContentKind::Report);
    let report = match reports.next() {
        Some((id, file)) => {
            keep(d, remembered(id, file, "report", || parse_report(id, file))).map(|r| (r, id))
        }
        None => {
            keep::<()>(
                d,
                Err(
                    vec![Diagnostic::error(
                "missing-report",
                "the project has no `content/report.yaml`",
            )
            .help("create it with at least `title:` and `organisation:` (or run `evident init`)")],
                ),
            );
            None
        }
    };

    for (id, _) in reports {
        d.push(
            Diagnostic::warning(
                "second-report",
                "there is already a report.yaml; this second one is ignored",
            )
            .at(id, Some(Pos::file_start()))
            .help("keep one of `content/report.yaml` and `content/report.yml`"),
        );
    }
    let mut frameworks = sources.of_kind(ContentKind::Framework);
    let framework = match frameworks.next() {
        Some((id, file)) => keep(
            d,
            remembered(id, file, "framework", || parse_framework(id, file)),
        )
        .map(|f| (f, id)),
        None => {
            keep::<()>(d, Err(vec![Diagnostic::error(
                "missing-framework",
                "the project has no criteria framework in `content/criteria/`",
            )
            .help("add one framework as `content/criteria/<id>.yaml`; `evident init` writes the HMIP youth justice standards")]));
            None
        }
    };
    for (id, _) in frameworks {
        keep::<()>(
            d,
            Err(vec![
                Diagnostic::error(
                    "second-framework",
                    "a project has exactly one criteria framework; this is a second one",
                )
                .at(id, Some(Pos::file_start()))
                .help("keep one file in `content/criteria/` and move the other out of `content/`"),
            ]),
        );
    }

    let summary = sources
        .of_kind(ContentKind::Summary)
        .next()
        .and_then(|(id, f)| {
            keep(
                d,
                remembered(id, f, "summary", || parse_summary(id, f, "summary-")),
            )
        });
    let cases_intro = sources
        .of_kind(ContentKind::CasesIntro)
        .next()
        .and_then(|(id, f)| {
            keep(
                d,
                remembered(id, f, "cases-intro", || parse_summary(id, f, "")),
            )
        });
    let mut pages: Vec<Page> = sources
        .of_kind(ContentKind::Page)
        .filter_map(|(id, f)| keep(d, remembered(id, f, "page", || parse_page(id, f))))
        .collect();
    let findings: Vec<Finding> = sources
        .of_kind(ContentKind::Finding)
        .filter_map(|(id, f)| keep(d, remembered(id, f, "finding", || parse_finding(id, f))))
        .collect();
    let cases: Vec<CaseAudit> = sources
        .of_kind(ContentKind::Cases)
        .filter_map(|(id, f)| keep(d, remembered(id, f, "cases", || parse_cases(id, f))))
        .flatten()
        .collect();
    let mut focus_areas: Vec<FocusArea> = sources
        .of_kind(ContentKind::Focus)
        .filter_map(|(id, f)| keep(d, remembered(id, f, "focus", || parse_focus(id, f))))
        .collect();
    let narratives: Vec<Narrative> = sources
        .of_kind(ContentKind::Narrative)
        .filter_map(|(id, f)| keep(d, remembered(id, f, "narrative", || parse_narrative(id, f))))
        .collect();
    for (id, file) in sources.of_kind(ContentKind::Stray) {
        diagnostics.push(
            Diagnostic::warning(
                "stray-file",
                format!("`{}` is not in a place Evident reads, so it is ignored", file.path),
            )
            .at(id, Some(Pos::file_start()))
            .help("findings go in content/findings/, pages in content/pages/, focus areas in content/focus/, cases in content/cases/, narratives in content/standards/"),
        );
    }

    pages.sort_by(|a, b| {
        a.meta
            .position
            .cmp(&b.meta.position)
            .then_with(|| by_order(a.meta.order.as_ref(), b.meta.order.as_ref()))
            .then_with(|| a.meta.title.cmp(&b.meta.title))
            .then_with(|| a.slug.cmp(&b.slug))
    });
    focus_areas.sort_by(|a, b| {
        by_order(a.meta.order.as_ref(), b.meta.order.as_ref())
            .then_with(|| a.meta.title.cmp(&b.meta.title))
            .then_with(|| a.slug.cmp(&b.slug))
    });

    let left_out = diagnostics
        .iter()
        .filter(|d| d.is_error())
        .filter_map(|d| d.file)
        .map(|f| (sources.get(f).path.clone(), LeftOut::Failed))
        .collect();
    // With a broken or missing report.yaml the rest is still checked, against
    // a placeholder report; without a framework there is nothing to check
    // references against.
    let report_ok = report.is_some();
    let (report, report_file) = report.unwrap_or_else(|| (Report::placeholder(), usize::MAX));
    let review = match framework {
        Some((framework, framework_file)) => Some(Review {
            report,
            report_ok,
            report_file,
            framework,
            framework_file,
            summary,
            cases_intro,
            pages,
            findings,
            cases,
            focus_areas,
            narratives,
            left_out,
            edition: crate::model::Edition::Full,
        }),
        _ => None,
    };
    (review, diagnostics)
}

/// The value, or `None` with its diagnostics kept.
fn keep<T>(out: &mut Vec<Diagnostic>, result: Result<T, Vec<Diagnostic>>) -> Option<T> {
    match result {
        Ok(v) => Some(v),
        Err(mut d) => {
            out.append(&mut d);
            None
        }
    }
}

/// Compare two optional `order` values: items without one go last. A total
/// order even for values `check` rejects (`.nan`, `.inf`), so sorting never
/// panics on them.
pub fn by_order(a: Option<&Located<f64>>, b: Option<&Located<f64>>) -> std::cmp::Ordering {
    let key = |o: Option<&Located<f64>>| o.map_or(f64::INFINITY, |o| o.value);
    key(a).total_cmp(&key(b))
}

/// Parse `content/report.yaml`.
pub fn parse_report(id: FileId, file: &SourceFile) -> Result<Report, Vec<Diagnostic>> {
    yaml::from_str_all::<Report>(&file.text, id)
}

/// Parse a criteria framework file.
pub fn parse_framework(id: FileId, file: &SourceFile) -> Result<Framework, Vec<Diagnostic>> {
    let mut framework = yaml::from_str_all::<Framework>(&file.text, id)?;
    for domain in &mut framework.domains {
        if let Some(text) = &domain.summary {
            let prefix = format!("d{}-", markdown::slug(&domain.id.value));
            domain.summary_body = render_scalar(file, text, &prefix);
        }
        for standard in &mut domain.standards {
            if let Some(text) = &standard.statement {
                let prefix = format!("s{}-", markdown::slug(&standard.id.value));
                standard.statement_body = render_scalar(file, text, &prefix);
            }
        }
    }
    Ok(framework)
}

/// Render Markdown written as a YAML string. Its text is not a slice of the
/// file (quoting and folding change it), so links and images are placed at
/// the start of the value rather than at their exact column.
fn render_scalar(file: &SourceFile, text: &crate::model::Located<String>, prefix: &str) -> Body {
    let source = BodySource { file, offset: None };
    let mut body = markdown::render(&text.value, Some(source), prefix);
    if let Some(pos) = yaml::pos_of(text) {
        for link in &mut body.links {
            link.line = pos.line;
            link.column = pos.column;
            link.len = pos.len;
        }
        for image in &mut body.images {
            image.line = pos.line;
            image.column = pos.column;
            image.len = pos.len;
        }
        if let Some(overrun) = &mut body.overrun {
            overrun.line = pos.line;
            overrun.column = pos.column;
        }
    }
    body
}

/// Parse a case file: one case or a list of cases.
pub fn parse_cases(id: FileId, file: &SourceFile) -> Result<Vec<CaseAudit>, Vec<Diagnostic>> {
    if file.text.trim().is_empty() {
        return Err(vec![
            Diagnostic::error("empty-file", "this case file is empty")
                .at(id, Some(Pos::file_start()))
                .help("write one case (`id:`, `domain:`, `disposal:`, `audit:`, `answers:`) or a list of them"),
        ]);
    }
    let CaseFile(mut cases) = yaml::from_str_all::<CaseFile>(&file.text, id)?;
    for case in &mut cases {
        case.file = id;
        if let Some(notes) = &case.notes {
            // Not `case-`: that is how the theme names a case's row.
            let prefix = format!("c-{}-", markdown::slug(&case.id.value));
            case.notes_body = render_scalar(file, notes, &prefix);
        }
    }
    Ok(cases)
}

/// Split front matter and deserialise it; a missing block is an error only
/// when the type has required keys (`required`).
fn front<T: DeserializeOwned + Default>(
    id: FileId,
    file: &SourceFile,
    required: bool,
) -> Result<(T, usize), Vec<Diagnostic>> {
    let split = frontmatter::split(&file.text).map_err(|Unclosed| {
        vec![
            Diagnostic::error(
                "unclosed-front-matter",
                "front matter opened with `---` is never closed",
            )
            .at(id, Some(Pos::new(1, 1, 3)))
            .help("add a line `---` after the last front-matter key"),
        ]
    })?;
    match split.yaml {
        Some(mut text) => {
            // An empty block is an empty mapping, so a missing required key
            // is named rather than reported as "end of input".
            if text.trim().is_empty() {
                text.push_str("{}");
            }
            let meta = yaml::from_str_all::<T>(&text, id)?;
            Ok((meta, split.body_offset))
        }
        None if required => Err(vec![
            Diagnostic::error("missing-front-matter", "this file has no front matter")
                .at(id, Some(Pos::new(1, 1, 1)))
                .help("start the file with a line `---`, then `title: …` (and the other keys), then a line `---`"),
        ]),
        None => Ok((T::default(), 0)),
    }
}

/// Front matter for types without a `Default` (they have required keys).
fn front_required<T: DeserializeOwned>(
    id: FileId,
    file: &SourceFile,
) -> Result<(T, usize), Vec<Diagnostic>> {
    let (Required(meta), offset) = front::<Required<T>>(id, file, true)?;
    meta.map(|m| (m, offset)).ok_or_else(|| {
        vec![
            Diagnostic::error("missing-front-matter", "this file has no front matter")
                .at(id, Some(Pos::file_start())),
        ]
    })
}

/// Adapter so [`front`] can be used for types with required keys: a missing
/// block is an error before `Default` is ever needed.
struct Required<T>(Option<T>);

impl<T> Default for Required<T> {
    fn default() -> Self {
        Required(None)
    }
}

impl<'de, T: serde::Deserialize<'de>> serde::Deserialize<'de> for Required<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        T::deserialize(d).map(|v| Required(Some(v)))
    }
}

fn body(file: &SourceFile, offset: usize, prefix: &str) -> Body {
    let source = BodySource {
        file,
        offset: Some(offset),
    };
    markdown::render(&file.text[offset..], Some(source), prefix)
}

/// Parse a finding file.
pub fn parse_finding(id: FileId, file: &SourceFile) -> Result<Finding, Vec<Diagnostic>> {
    let (meta, offset) = front_required::<FindingMeta>(id, file)?;
    let slug = file.stem().to_string();
    let body = body(file, offset, &format!("{slug}-"));
    Ok(Finding {
        slug,
        file: id,
        meta,
        body,
    })
}

/// Parse a narrative page.
pub fn parse_page(id: FileId, file: &SourceFile) -> Result<Page, Vec<Diagnostic>> {
    let (meta, offset) = front_required::<PageMeta>(id, file)?;
    Ok(Page {
        slug: file.stem().to_string(),
        file: id,
        meta,
        body: body(file, offset, ""),
    })
}

/// Parse a focus area.
pub fn parse_focus(id: FileId, file: &SourceFile) -> Result<FocusArea, Vec<Diagnostic>> {
    let (meta, offset) = front_required::<FocusMeta>(id, file)?;
    Ok(FocusArea {
        slug: file.stem().to_string(),
        file: id,
        meta,
        body: body(file, offset, ""),
    })
}

/// Parse a standard's or domain's narrative.
pub fn parse_narrative(id: FileId, file: &SourceFile) -> Result<Narrative, Vec<Diagnostic>> {
    let (meta, offset) = front::<NarrativeMeta>(id, file, false)?;
    let std_id = file.stem().to_string();
    let prefix = format!("n{}-", markdown::slug(&std_id));
    Ok(Narrative {
        id: std_id,
        file: id,
        meta,
        body: body(file, offset, &prefix),
    })
}

/// Parse the summary (or the case sample's introduction, which has the
/// same form), with heading ids behind `prefix`.
pub fn parse_summary(
    id: FileId,
    file: &SourceFile,
    prefix: &str,
) -> Result<Summary, Vec<Diagnostic>> {
    let (meta, offset) = front::<SummaryMeta>(id, file, false)?;
    Ok(Summary {
        file: id,
        meta,
        body: body(file, offset, prefix),
    })
}

#[cfg(test)]
mod memo_tests {
    use super::*;

    #[test]
    fn a_remembered_parse_is_the_fresh_one_and_knows_its_file() {
        crate::content::remember();
        let file = SourceFile::new(
            "content/findings/x.md",
            ContentKind::Finding,
            "---\ntitle: X\nkind: strength\n---\nBody.\n".to_string(),
        );
        let fresh = parse_finding(3, &file).unwrap();
        let first = remembered(3, &file, "finding", || parse_finding(3, &file)).unwrap();
        let again: Finding =
            remembered(3, &file, "finding", || unreachable!("remembered")).unwrap();
        assert_eq!((first.file, again.file, fresh.file), (3, 3, 3));
        assert_eq!(again.meta.title, fresh.meta.title);
        assert_eq!(again.body, fresh.body);
        // The same file at another index (a file was added before it) is
        // parsed again, so what it carries names the right file.
        let moved = remembered(4, &file, "finding", || parse_finding(4, &file)).unwrap();
        assert_eq!(moved.file, 4);
        // Changed text: parsed again.
        let edited = SourceFile::new(
            "content/findings/x.md",
            ContentKind::Finding,
            "---\ntitle: Y\nkind: strength\n---\nBody.\n".to_string(),
        );
        let changed = remembered(3, &edited, "finding", || parse_finding(3, &edited)).unwrap();
        assert_eq!(changed.meta.title, "Y");
    }
}
