//! Parse: each loaded file becomes typed data, one file at a time.
//!
//! Every function here takes one [`SourceFile`] and returns its parsed form
//! or the diagnostics that stopped it, so a caller may cache results per
//! file. [`parse`] runs them all and assembles the [`Review`]; a file that
//! fails is left out and its diagnostics are returned, so one run reports
//! every broken file.

use super::frontmatter::{self, Unclosed};
use super::markdown::{self, BodySource};
use super::memo::{FileKey, Memos};
use super::yaml::{self, Read};
use super::{ContentKind, FileId, SourceFile, Sources, reader};
use crate::diagnostic::{Diagnostic, Pos};
use crate::model::{
    Body, CaseAudit, CaseFile, Finding, FindingMeta, FocusArea, FocusMeta, Framework,
    FrameworkTexts, Narrative, NarrativeMeta, Page, PageMeta, Report, Review, Summary, SummaryMeta,
    Translation, TranslationMeta,
};
use crate::model::{LeftOut, by_order, ids};
use rayon::prelude::*;
use serde::de::DeserializeOwned;

/// One file parsed, by what kind of file it is. The preview's memo keeps
/// these (see [`super::memo`]).
#[derive(Debug, Clone)]
pub(crate) enum Parsed {
    /// `content/report.yaml`.
    Report(Box<Report>),
    /// The criteria framework.
    Framework(Box<Framework>),
    /// `content/summary.md` or the case sample's introduction.
    Summary(Summary),
    /// A chapter in `content/pages/`.
    Page(Page),
    /// A finding.
    Finding(Box<Finding>),
    /// A case file: one case or a list of them.
    Cases(Vec<CaseAudit>),
    /// A focus area.
    Focus(FocusArea),
    /// A standard's or domain's narrative.
    Narrative(Narrative),
    /// A file in another of the report's languages.
    Translation(Translation),
    /// The framework's texts in another of the report's languages.
    FrameworkTexts(Box<FrameworkTexts>),
}

/// A file parsed: its parsed form, when it could be read (perhaps past
/// problems that leave it as its author meant it, see [`Read`]), and every
/// problem found in it.
#[derive(Debug, Clone)]
pub(crate) struct ParseResult {
    parsed: Option<Parsed>,
    diagnostics: Vec<Diagnostic>,
}

impl ParseResult {
    fn of<T>(read: Read<T>, wrap: impl FnOnce(T) -> Parsed) -> Self {
        ParseResult {
            parsed: read.value.map(wrap),
            diagnostics: read.diagnostics,
        }
    }
}

impl Parsed {
    /// The same result as made from the file with id `id`: a remembered
    /// result was made in an earlier run, where the file may have had
    /// another place among the sources.
    fn in_file(self, id: FileId) -> Self {
        match self {
            Parsed::Report(_) | Parsed::Framework(_) => self,
            Parsed::Summary(s) => Parsed::Summary(Summary { file: id, ..s }),
            Parsed::Page(p) => Parsed::Page(Page { file: id, ..p }),
            Parsed::Finding(f) => Parsed::Finding(Box::new(Finding { file: id, ..*f })),
            Parsed::Cases(cases) => Parsed::Cases(
                cases
                    .into_iter()
                    .map(|c| CaseAudit { file: id, ..c })
                    .collect(),
            ),
            Parsed::Focus(f) => Parsed::Focus(FocusArea { file: id, ..f }),
            Parsed::Narrative(n) => Parsed::Narrative(Narrative { file: id, ..n }),
            Parsed::Translation(t) => Parsed::Translation(Translation { file: id, ..t }),
            Parsed::FrameworkTexts(t) => {
                Parsed::FrameworkTexts(Box::new(FrameworkTexts { file: id, ..*t }))
            }
        }
    }
}

/// Parse one file by its kind.
fn parse_file(id: FileId, file: &SourceFile) -> ParseResult {
    use ParseResult as R;
    match file.kind {
        ContentKind::Report => R::of(parse_report(id, file), |r| Parsed::Report(Box::new(r))),
        ContentKind::Framework => R::of(parse_framework(id, file), |f| {
            Parsed::Framework(Box::new(f))
        }),
        ContentKind::Summary => R::of(parse_summary(id, file, "summary-"), Parsed::Summary),
        ContentKind::CasesIntro => R::of(parse_summary(id, file, ""), Parsed::Summary),
        ContentKind::Page => R::of(parse_page(id, file), Parsed::Page),
        ContentKind::Finding => R::of(parse_finding(id, file), |f| Parsed::Finding(Box::new(f))),
        ContentKind::Cases => R::of(parse_cases(id, file), Parsed::Cases),
        ContentKind::Focus => R::of(parse_focus(id, file), Parsed::Focus),
        ContentKind::Narrative => R::of(parse_narrative(id, file), Parsed::Narrative),
        ContentKind::Translation => R::of(parse_translation(id, file), Parsed::Translation),
        ContentKind::FrameworkTranslation => R::of(parse_framework_texts(id, file), |t| {
            Parsed::FrameworkTexts(Box::new(t))
        }),
        // Not content: there is nothing to parse and nothing to say (load
        // and `parse` report these files).
        ContentKind::Stray | ContentKind::Unread | ContentKind::Resource => ParseResult {
            parsed: None,
            diagnostics: Vec::new(),
        },
    }
}

/// `parse()` of file `id`, or its remembered result when a file at the
/// same path with the same text was parsed before.
fn remembered(
    id: FileId,
    file: &SourceFile,
    memos: &Memos,
    parse: impl FnOnce() -> ParseResult,
) -> ParseResult {
    if !memos.parsed.is_on() {
        return parse();
    }
    let key = FileKey::of(file);
    let result = match memos.parsed.get(&key) {
        Some(kept) => kept,
        None => {
            let fresh = parse();
            memos.parsed.put(key, fresh.clone());
            fresh
        }
    };
    let mut diagnostics = result.diagnostics;
    for d in &mut diagnostics {
        if d.file.is_some() {
            d.file = Some(id);
        }
    }
    ParseResult {
        parsed: result.parsed.map(|p| p.in_file(id)),
        diagnostics,
    }
}

/// Parse every file and assemble the review. Returns `None` when a file the
/// review cannot do without (`report.yaml`, the framework) is missing or
/// broken; the diagnostics say why. Results kept in `memos` are used for
/// files unchanged since they were parsed.
///
/// Files are parsed on every core, each on its own; the review and the
/// diagnostics are then assembled in the order of the files, so every run
/// gives the same result.
pub fn parse(sources: &Sources, memos: &Memos) -> (Option<Review>, Vec<Diagnostic>) {
    // Only the first report, framework, summary and case introduction are
    // read; any other is reported below.
    let first = |kind| sources.of_kind(kind).next().map(|(id, _)| id);
    let firsts = [
        first(ContentKind::Report),
        first(ContentKind::Framework),
        first(ContentKind::Summary),
        first(ContentKind::CasesIntro),
    ];
    let mut parsed: Vec<Option<ParseResult>> = sources
        .files
        .par_iter()
        .enumerate()
        .map(|(id, file)| {
            let parsed_here = match file.kind {
                ContentKind::Report
                | ContentKind::Framework
                | ContentKind::Summary
                | ContentKind::CasesIntro => firsts.contains(&Some(id)),
                ContentKind::Page
                | ContentKind::Finding
                | ContentKind::Cases
                | ContentKind::Focus
                | ContentKind::Narrative
                | ContentKind::Translation
                | ContentKind::FrameworkTranslation => true,
                ContentKind::Stray | ContentKind::Unread | ContentKind::Resource => false,
            };
            (parsed_here && !file.unreadable)
                .then(|| remembered(id, file, memos, || parse_file(id, file)))
        })
        .collect();
    let mut take = |id: FileId| parsed.get_mut(id).and_then(Option::take);

    let mut diagnostics = Vec::new();
    let d = &mut diagnostics;

    let mut reports = sources.of_kind(ContentKind::Report);
    let report = match reports.next() {
        Some((id, _)) => keep(d, take(id), |p| match p {
            Parsed::Report(r) => Some(*r),
            _ => None,
        })
        .map(|r| (r, id)),
        None => {
            d.push(
                Diagnostic::error(
                    "missing-report",
                    "the project has no `content/report.yaml`",
                )
                .help(
                    "create it with at least `title:` and `organisation:` (or run `evident init`)",
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
        Some((id, _)) => keep(d, take(id), |p| match p {
            Parsed::Framework(f) => Some(*f),
            _ => None,
        })
        .map(|f| (f, id)),
        None => {
            d.push(Diagnostic::error(
                "missing-framework",
                "the project has no criteria framework in `content/criteria/`",
            )
            .help("add one framework as `content/criteria/<id>.yaml`; `evident init` writes the HMIP youth justice standards"));
            None
        }
    };
    for (id, _) in frameworks {
        d.push(
            Diagnostic::error(
                "second-framework",
                "a project has exactly one criteria framework; this is a second one",
            )
            .at(id, Some(Pos::file_start()))
            .help("keep one file in `content/criteria/` and move the other out of `content/`"),
        );
    }

    let summary_of = |p: Parsed| match p {
        Parsed::Summary(s) => Some(s),
        _ => None,
    };
    let summary = sources
        .of_kind(ContentKind::Summary)
        .next()
        .and_then(|(id, _)| keep(d, take(id), summary_of));
    let cases_intro = sources
        .of_kind(ContentKind::CasesIntro)
        .next()
        .and_then(|(id, _)| keep(d, take(id), summary_of));
    let mut pages: Vec<Page> = sources
        .of_kind(ContentKind::Page)
        .filter_map(|(id, _)| {
            keep(d, take(id), |p| match p {
                Parsed::Page(p) => Some(p),
                _ => None,
            })
        })
        .collect();
    let findings: Vec<Finding> = sources
        .of_kind(ContentKind::Finding)
        .filter_map(|(id, _)| {
            keep(d, take(id), |p| match p {
                Parsed::Finding(f) => Some(*f),
                _ => None,
            })
        })
        .collect();
    let cases: Vec<CaseAudit> = sources
        .of_kind(ContentKind::Cases)
        .filter_map(|(id, _)| {
            keep(d, take(id), |p| match p {
                Parsed::Cases(c) => Some(c),
                _ => None,
            })
        })
        .flatten()
        .collect();
    let mut focus_areas: Vec<FocusArea> = sources
        .of_kind(ContentKind::Focus)
        .filter_map(|(id, _)| {
            keep(d, take(id), |p| match p {
                Parsed::Focus(f) => Some(f),
                _ => None,
            })
        })
        .collect();
    let narratives: Vec<Narrative> = sources
        .of_kind(ContentKind::Narrative)
        .filter_map(|(id, _)| {
            keep(d, take(id), |p| match p {
                Parsed::Narrative(n) => Some(n),
                _ => None,
            })
        })
        .collect();
    let translations: Vec<Translation> = sources
        .of_kind(ContentKind::Translation)
        .filter_map(|(id, _)| {
            keep(d, take(id), |p| match p {
                Parsed::Translation(t) => Some(Translation {
                    of_file: sources
                        .files
                        .iter()
                        .position(|f| f.path == t.of && f.kind != ContentKind::Translation),
                    ..t
                }),
                _ => None,
            })
        })
        .collect();
    let framework_texts: Vec<FrameworkTexts> = sources
        .of_kind(ContentKind::FrameworkTranslation)
        .filter_map(|(id, _)| {
            keep(d, take(id), |p| match p {
                Parsed::FrameworkTexts(t) => Some(*t),
                _ => None,
            })
        })
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

    // Files with errors of their own, and those that could not be read
    // (load reported them).
    let left_out = diagnostics
        .iter()
        .filter(|d| d.is_error())
        .filter_map(|d| d.file)
        .chain((0..sources.files.len()).filter(|id| sources.get(*id).unreadable))
        .map(|f| (sources.get(f).path.clone(), LeftOut::Failed))
        .collect();
    // With a broken or missing report.yaml the rest is still checked, against
    // a placeholder report; without a framework there is nothing to check
    // references against.
    let report_ok = report.is_some();
    let (mut report, report_file) = report.unwrap_or_else(|| (Report::placeholder(), usize::MAX));
    // Texts given per language read, to begin with, in the default one.
    let default_language = report.language().to_string();
    report.choose_texts(&default_language);
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
            translations,
            framework_texts,
            shown_in: None,
            untranslated: Default::default(),
            left_out,
            edition: crate::model::Edition::Full,
            draft_resources: Default::default(),
        }),
        _ => None,
    };
    (review, diagnostics)
}

/// What `want` takes from a parsed file, with the problems found in it
/// kept.
fn keep<T>(
    out: &mut Vec<Diagnostic>,
    result: Option<ParseResult>,
    want: impl FnOnce(Parsed) -> Option<T>,
) -> Option<T> {
    let result = result?;
    out.extend(result.diagnostics);
    result.parsed.and_then(want)
}

/// `read` with its value only when it had no problem: what the report and
/// the framework say (the scope, the finding kinds, the standards) is what
/// every other file is checked against, so a part of them would mislead.
fn whole<T>(read: Read<T>) -> Read<T> {
    match read.whole() {
        Ok(value) => Read {
            value: Some(value),
            diagnostics: Vec::new(),
        },
        Err(diagnostics) => Read {
            value: None,
            diagnostics,
        },
    }
}

/// Parse `content/report.yaml`.
pub fn parse_report(id: FileId, file: &SourceFile) -> Read<Report> {
    whole(yaml::read::<Report>(&file.text, id))
}

/// Parse a criteria framework file.
pub fn parse_framework(id: FileId, file: &SourceFile) -> Read<Framework> {
    whole(yaml::read::<Framework>(&file.text, id)).map(|f| framework_texts(file, f))
}

/// The framework with its domains' summaries and its standards'
/// statements rendered.
fn framework_texts(file: &SourceFile, mut framework: Framework) -> Framework {
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
    framework
}

/// Render Markdown written as a YAML string. Its text is not a slice of the
/// file (quoting and folding change it), so links, images and what the
/// sanitiser removed are placed at the start of the value rather than at
/// their exact column.
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
        for changed in &mut body.sanitised {
            changed.line = pos.line;
            changed.column = pos.column;
            changed.len = pos.len;
        }
    }
    body
}

/// Parse a case file: one case or a list of cases.
pub fn parse_cases(id: FileId, file: &SourceFile) -> Read<Vec<CaseAudit>> {
    if file.text.trim().is_empty() {
        return Read {
            value: None,
            diagnostics: vec![
                Diagnostic::error("empty-file", "this case file is empty")
                    .at(id, Some(Pos::file_start()))
                    .help("write one case (`id:`, `domain:`, `disposal:`, `audit:`, `answers:`) or a list of them"),
            ],
        };
    }
    yaml::read::<CaseFile>(&file.text, id).map(|CaseFile(mut cases)| {
        for case in &mut cases {
            case.file = id;
            if let Some(notes) = &case.notes {
                // Not `case-`: that is how the theme names a case's row.
                let prefix = format!("c-{}-", markdown::slug(&case.id.value));
                case.notes_body = render_scalar(file, notes, &prefix);
            }
        }
        cases
    })
}

/// Where the closing `---` of a front matter never closed probably goes:
/// after the last line before the first blank one, with that line's text.
fn front_matter_end(text: &str) -> Option<(usize, &str)> {
    // YAML's lines: a `key:` line, one indented under it, a list item or
    // a comment. The first other line (a blank one, or prose when the
    // author wrote the body straight after) is the body's.
    let yaml_line = |l: &str| {
        let key = l.split_once(':').is_some_and(|(k, rest)| {
            !k.trim().is_empty() && !k.contains(' ') && (rest.is_empty() || rest.starts_with(' '))
        });
        !l.trim().is_empty() && (key || l.starts_with([' ', '\t', '#']) || l.starts_with("- "))
    };
    let last = text
        .lines()
        .enumerate()
        .skip(1)
        .take_while(|(_, l)| yaml_line(l))
        .last()?;
    Some((last.0 + 1, last.1.trim()))
}

/// Whether a file without front matter has one that lacks its opening
/// `---`: it starts with a `key: value` line and a line `---` follows.
fn lacks_opening_fence(text: &str) -> bool {
    let mut lines = text.lines();
    let first = lines.next().unwrap_or("");
    let starts_with_key = first.split_once(':').is_some_and(|(k, rest)| {
        !k.is_empty()
            && k.chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
            && (rest.is_empty() || rest.starts_with(' '))
    });
    starts_with_key && lines.any(|l| l.trim_end() == "---")
}

/// Split front matter and deserialise it; a missing block is an error only
/// when the type has required keys (`required`). The value is the front
/// matter and the offset of the body.
fn front<T: DeserializeOwned + Default>(
    id: FileId,
    file: &SourceFile,
    required: bool,
) -> Read<(T, usize)> {
    let failed = |d: Diagnostic| Read {
        value: None,
        diagnostics: vec![d],
    };
    let split = match frontmatter::split(&file.text) {
        Ok(split) => split,
        Err(Unclosed) => {
            let d = Diagnostic::error(
                "unclosed-front-matter",
                "front matter opened with `---` is never closed",
            )
            .at(id, Some(Pos::new(1, 1, 3)));
            return failed(match front_matter_end(&file.text) {
                Some((line, text)) => d.help(format!(
                    "add a line `---` after line {line} (`{text}`), the last line of the front matter"
                )),
                None => d.help("add a line `---` after the last front-matter key"),
            });
        }
    };
    match split.yaml {
        Some(mut text) => {
            // An empty block is an empty mapping, so a missing required key
            // is named rather than reported as "end of input".
            if text.trim().is_empty() {
                text.push_str("{}");
            }
            yaml::read::<T>(&text, id).map(|meta| (meta, split.body_offset))
        }
        None if required && lacks_opening_fence(&file.text) => failed(
            Diagnostic::error(
                "missing-front-matter",
                "the front matter has no opening `---`",
            )
            .at(id, Some(Pos::new(1, 1, 1)))
            .help("add a line `---` before line 1: front matter starts with a line `---` and ends with another"),
        ),
        None if required => failed(
            Diagnostic::error("missing-front-matter", "this file has no front matter")
                .at(id, Some(Pos::new(1, 1, 1)))
                .help("start the file with a line `---`, then `title: …` (and the other keys), then a line `---`"),
        ),
        None => Read {
            value: Some((T::default(), 0)),
            diagnostics: Vec::new(),
        },
    }
}

/// Front matter for types without a `Default` (they have required keys).
fn front_required<T: DeserializeOwned>(id: FileId, file: &SourceFile) -> Read<(T, usize)> {
    let read = front::<Required<T>>(id, file, true);
    match read.value {
        Some((Required(Some(meta)), offset)) => Read {
            value: Some((meta, offset)),
            diagnostics: read.diagnostics,
        },
        Some((Required(None), _)) => Read {
            value: None,
            diagnostics: vec![
                Diagnostic::error("missing-front-matter", "this file has no front matter")
                    .at(id, Some(Pos::file_start())),
            ],
        },
        None => Read {
            value: None,
            diagnostics: read.diagnostics,
        },
    }
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

/// Render a Markdown file's body, from `offset` on, and leave the file's
/// reading for the privacy lint, made from the same parse of the body.
fn body(file: &SourceFile, offset: usize, prefix: &str) -> Body {
    let (body, reading) = markdown::render_read(file, offset, prefix);
    file.read_as(reader::with_body(&file.text, offset, reading));
    body
}

/// Parse a finding file.
pub fn parse_finding(id: FileId, file: &SourceFile) -> Read<Finding> {
    front_required::<FindingMeta>(id, file).map(|(meta, offset)| {
        let name = ids::file_name(file.stem());
        let slug = ids::file_slug(&name);
        let body = body(file, offset, &format!("{slug}-"));
        Finding {
            name,
            slug,
            file: id,
            meta,
            body,
        }
    })
}

/// Parse a narrative page.
pub fn parse_page(id: FileId, file: &SourceFile) -> Read<Page> {
    front_required::<PageMeta>(id, file).map(|(meta, offset)| {
        let name = ids::file_name(file.stem());
        Page {
            slug: ids::file_slug(&name),
            name,
            file: id,
            meta,
            body: body(file, offset, ""),
        }
    })
}

/// Parse a focus area.
pub fn parse_focus(id: FileId, file: &SourceFile) -> Read<FocusArea> {
    front_required::<FocusMeta>(id, file).map(|(meta, offset)| {
        let name = ids::file_name(file.stem());
        FocusArea {
            slug: ids::file_slug(&name),
            name,
            file: id,
            meta,
            body: body(file, offset, ""),
        }
    })
}

/// Parse a standard's or domain's narrative.
pub fn parse_narrative(id: FileId, file: &SourceFile) -> Read<Narrative> {
    front::<NarrativeMeta>(id, file, false).map(|(meta, offset)| {
        let std_id = file.stem().to_string();
        let prefix = format!("n{}-", markdown::slug(&std_id));
        Narrative {
            id: std_id,
            file: id,
            meta,
            body: body(file, offset, &prefix),
        }
    })
}

/// Parse the framework's texts in another language, their Markdown
/// rendered with the ids the original's take.
pub fn parse_framework_texts(id: FileId, file: &SourceFile) -> Read<FrameworkTexts> {
    yaml::read::<FrameworkTexts>(&file.text, id).map(|mut texts| {
        let (of, tag) = super::load::translation_of(&file.path)
            .map(|(of, tag)| (of, tag.to_string()))
            .unwrap_or_default();
        texts.file = id;
        texts.tag = tag;
        texts.of = of;
        for (domain, d) in &mut texts.domains {
            if let Some(text) = &d.summary {
                let prefix = format!("d{}-", markdown::slug(&domain.value));
                d.summary_body = Some(render_scalar(file, text, &prefix));
            }
        }
        for (standard, s) in &mut texts.standards {
            if let Some(text) = &s.statement {
                let prefix = format!("s{}-", markdown::slug(&standard.value));
                s.statement_body = Some(render_scalar(file, text, &prefix));
            }
        }
        texts
    })
}

/// Parse a translation: its title (if it has one) and its text. Its ids
/// take the prefix its original's do, so a link to a heading works in
/// every language.
pub fn parse_translation(id: FileId, file: &SourceFile) -> Read<Translation> {
    front::<TranslationMeta>(id, file, false).map(|(meta, offset)| {
        let (of, tag) = super::load::translation_of(&file.path)
            .map(|(of, tag)| (of, tag.to_string()))
            .unwrap_or_default();
        let stem = of.rsplit('/').next().unwrap_or("").trim_end_matches(".md");
        let prefix = if of.starts_with("content/findings/") {
            format!("{}-", ids::file_slug(&ids::file_name(stem)))
        } else if of == "content/summary.md" {
            "summary-".to_string()
        } else {
            String::new()
        };
        Translation {
            file: id,
            tag,
            of,
            // Found when the review is put together.
            of_file: None,
            meta,
            body: body(file, offset, &prefix),
        }
    })
}

/// Parse the summary (or the case sample's introduction, which has the
/// same form), with heading ids behind `prefix`.
pub fn parse_summary(id: FileId, file: &SourceFile, prefix: &str) -> Read<Summary> {
    front::<SummaryMeta>(id, file, false).map(|(meta, offset)| Summary {
        file: id,
        meta,
        body: body(file, offset, prefix),
    })
}

#[cfg(test)]
mod memo_tests {
    use super::*;
    use std::cell::Cell;

    #[test]
    fn an_unclosed_front_matter_ends_at_its_last_yaml_line() {
        // The body written straight after the keys, with no blank line.
        assert_eq!(
            front_matter_end("---\ntitle: Unclosed\nkind: strength\nText with no closing fence.\n"),
            Some((3, "kind: strength"))
        );
        // Lists, indented lines and comments are the front matter's.
        assert_eq!(
            front_matter_end(
                "---\ntitle: A\ncases:\n  - C01\n# note\nprogress:\n  date: 2026-01-01\n\nBody: text.\n"
            ),
            Some((7, "date: 2026-01-01"))
        );
    }

    fn finding(title: &str) -> SourceFile {
        SourceFile::new(
            "content/findings/x.md",
            ContentKind::Finding,
            format!("---\ntitle: {title}\nkind: strength\n---\nBody.\n"),
        )
    }

    /// The finding `remembered` gives for `file` at `id`, and whether it
    /// was parsed afresh.
    fn parse_with(memos: &Memos, id: FileId, file: &SourceFile) -> (Finding, bool) {
        let parsed = Cell::new(false);
        let result = remembered(id, file, memos, || {
            parsed.set(true);
            parse_file(id, file)
        });
        match result.parsed {
            Some(Parsed::Finding(f)) => (*f, parsed.get()),
            other => panic!("not a finding: {other:?}"),
        }
    }

    #[test]
    fn a_remembered_parse_is_the_fresh_one_and_knows_its_file() {
        let memos = Memos::on();
        let file = finding("X");
        let fresh = parse_finding(3, &file).whole().unwrap();
        let (first, parsed) = parse_with(&memos, 3, &file);
        assert!(parsed);
        let (again, parsed) = parse_with(&memos, 3, &file);
        assert!(!parsed, "an unchanged file is not parsed again");
        assert_eq!((first.file, again.file, fresh.file), (3, 3, 3));
        assert_eq!(again.meta.title, fresh.meta.title);
        assert_eq!(again.body, fresh.body);
        // The same file at another index (a file was added before it):
        // remembered by its path, and what it carries names the file at
        // its new index.
        let (moved, parsed) = parse_with(&memos, 4, &file);
        assert!(!parsed);
        assert_eq!(moved.file, 4);
        // Changed text: parsed again.
        let (changed, parsed) = parse_with(&memos, 3, &finding("Y"));
        assert!(parsed);
        assert_eq!(changed.meta.title, "Y");
    }

    #[test]
    fn what_the_sanitiser_removed_is_remembered_with_the_body() {
        let memos = Memos::on();
        let file = SourceFile::new(
            "content/findings/x.md",
            ContentKind::Finding,
            "---\ntitle: X\nkind: strength\n---\n<p onclick=\"x()\">Hi</p>\n".to_string(),
        );
        let (first, parsed) = parse_with(&memos, 3, &file);
        assert!(parsed);
        let (again, parsed) = parse_with(&memos, 3, &file);
        assert!(!parsed, "the second run takes the kept parse");
        assert_eq!(again.body.sanitised, first.body.sanitised);
        assert_eq!(again.body.sanitised.len(), 1);
        assert_eq!(again.body.sanitised[0].line, 5);
    }

    #[test]
    fn a_remembered_failure_names_the_file_at_its_new_index() {
        let memos = Memos::on();
        let file = SourceFile::new(
            "content/findings/x.md",
            ContentKind::Finding,
            "---\ntitle: X\nkind: strength\nknid: x\n---\n".to_string(),
        );
        let at = |id| remembered(id, &file, &memos, || parse_file(id, &file)).diagnostics;
        assert_eq!(at(2)[0].file, Some(2));
        let again = at(7);
        assert_eq!(again[0].file, Some(7));
        assert_eq!(again[0].code, "unknown-key");
    }

    #[test]
    fn two_previews_keep_their_own_parses() {
        // Two memos in one process, as two previews (or two tests running
        // side by side) would have: what one keeps, the other never sees.
        let (one, other) = (Memos::on(), Memos::on());
        let file = finding("X");
        assert!(parse_with(&one, 0, &file).1);
        assert!(!parse_with(&one, 0, &file).1);
        assert!(
            parse_with(&other, 0, &file).1,
            "a second memo gave the first one's parse"
        );
        // Memos that are off keep nothing, whatever another memo holds.
        let off = Memos::off();
        assert!(parse_with(&off, 0, &file).1);
        assert!(parse_with(&off, 0, &file).1);
        // Sweeping one leaves the other's entries alone.
        assert_eq!(other.sweep(), 1);
        assert_eq!(other.sweep(), 0);
        assert!(!parse_with(&one, 0, &file).1);
    }

    #[test]
    fn parsing_with_memos_gives_the_review_parsed_without() {
        let mut sources = Sources::new(std::path::Path::new("."));
        sources.add(SourceFile::new(
            "content/criteria/f.yaml",
            ContentKind::Framework,
            crate::embedded::FRAMEWORKS[0].yaml.to_string(),
        ));
        for n in 0..5 {
            sources.add(SourceFile::new(
                format!("content/findings/f{n}.md"),
                ContentKind::Finding,
                format!("---\ntitle: F{n}\nkind: strength\n---\nText {n}.\n"),
            ));
        }
        sources.add(SourceFile::new(
            "content/report.yaml",
            ContentKind::Report,
            "title: R\norganisation: O\n".to_string(),
        ));
        let memos = Memos::on();
        let (fresh, fresh_diagnostics) = parse(&sources, &Memos::off());
        let (first, _) = parse(&sources, &memos);
        let (kept, kept_diagnostics) = parse(&sources, &memos);
        let titles = |r: &Option<Review>| {
            let r = r.as_ref().unwrap();
            let files: Vec<FileId> = r.findings.iter().map(|f| f.file).collect();
            let titles: Vec<String> = r.findings.iter().map(|f| f.meta.title.clone()).collect();
            (files, titles, r.report.title.clone(), r.report_file)
        };
        assert_eq!(titles(&fresh), titles(&first));
        assert_eq!(titles(&fresh), titles(&kept));
        assert_eq!(fresh_diagnostics, kept_diagnostics);
        assert_eq!(memos.sweep(), 7);
    }

    #[test]
    fn parse_leaves_each_markdown_files_reading_made_as_its_body_was_rendered() {
        let mut sources = Sources::new(std::path::Path::new("."));
        let files = [
            (
                "content/findings/a.md",
                ContentKind::Finding,
                "---\ntitle: A\nkind: strength\n---\nRang *01632* 960123 &amp; a&#64;b.org\n",
            ),
            (
                "content/findings/broken.md",
                ContentKind::Finding,
                "---\ntitle: [\n---\nRang 01632 960123\n",
            ),
            (
                "content/summary.md",
                ContentKind::Summary,
                "No front matter.\n\n- a\n",
            ),
            (
                "content/pages/p.md",
                ContentKind::Page,
                "---\ntitle: P\n---\n<b>x</b>\n",
            ),
            ("content/stray.md", ContentKind::Stray, "Not parsed.\n"),
        ];
        for (path, kind, text) in files {
            sources.add(SourceFile::new(path, kind, text.to_string()));
        }
        parse(&sources, &Memos::off());
        let kept: Vec<bool> = sources
            .files
            .iter()
            .map(|f| f.reading.get().is_some())
            .collect();
        // The files whose bodies were rendered; the broken one and the
        // stray one are read when the lint asks.
        assert_eq!(kept, [true, false, true, true, false]);
        for file in &sources.files {
            assert_eq!(
                file.reading(),
                &reader::reader_text(&file.text, true),
                "{}",
                file.path
            );
        }
    }
}
