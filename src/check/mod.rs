//! Check: resolve every reference in the parsed review and return all the
//! problems at once. It never prints and never stops at the first error.
//!
//! 1. The framework: ids unique across the whole framework, dimensions and
//!    answer ids known, rating levels best first; its dates and overall
//!    rule ([`versions`]).
//! 2. `report.yaml`: scope names domains, finding kinds are unique.
//! 3. Findings: kind, criteria (in scope), focus areas and cases exist.
//! 4. Case audits: unique ids, a known domain in scope, answers naming
//!    case-assessed questions of that domain with answers of the scale; a
//!    missing answer is a warning ("incomplete audit").
//! 5. Narratives: name a standard or domain; a judgement rating names a level.
//!    Every `order` is a finite number. Ids and the names of findings, pages
//!    and focus areas can be published: each makes an address, and no two
//!    make the same one.
//! 6. Links in every Markdown body resolve, `#anchor` included; no image is
//!    loaded from outside the site ([`images`]); raw HTML the sanitiser
//!    took something out of is a warning naming what ([`sanitised`]).
//! 7. [`placeholders`]: no text the templates of `init` and `new` wrote
//!    for the reviewer to replace is left.
//! 8. [`privacy`]: no content file looks as if it holds a personal
//!    identifier (the pipeline runs it, with the deny-terms file it reads).

mod actions;
mod images;
mod languages;
mod links;
pub mod locale;
pub mod placeholders;
pub mod privacy;
mod resources;
mod sanitised;
mod versions;

use crate::content::{FileId, Sources, yaml::pos_of};
use crate::diagnostic::{Diagnostic, Pos, suggestion};
use crate::model::{AssessedBy, Domain, LeftOut, Located, Review, ReviewIndex, Standard};
use std::collections::{BTreeMap, HashMap, HashSet};

/// Every problem in the review.
pub fn check(review: &Review, index: &ReviewIndex, sources: &Sources) -> Vec<Diagnostic> {
    // The checks of the bodies (links above all, which index every target
    // first) take as long as all the others: the two halves run side by
    // side, and their results are put in the order they always had.
    let (mut out, mut of_bodies) = rayon::join(
        || {
            let mut out = Vec::new();
            framework(review, &mut out);
            versions::check(review, &mut out);
            if review.report_ok {
                report(review, &mut out);
                languages::check(review, &mut out);
            }
            findings(review, &mut out);
            actions::check(review, &mut out);
            cases(review, sources, &mut out);
            narratives(review, &mut out);
            orders(review, &mut out);
            published_names(review, sources, &mut out);
            out
        },
        || {
            let mut out = Vec::new();
            links::check(review, index, sources, &mut out);
            images::check(review, &mut out);
            images::alt_texts(review, &mut out);
            resources::check(review, sources, &mut out);
            overruns(review, &mut out);
            sanitised::check(review, &mut out);
            languages::translations(review, sources, &mut out);
            languages::framework_texts(review, sources, &mut out);
            placeholders::check(review, sources, &mut out);
            if review.edition == crate::model::Edition::Public {
                public_edition(review, sources, &mut out);
            }
            out
        },
    );
    out.append(&mut of_bodies);
    out
}

/// The public edition names no case: a link to a case is left out of it
/// (with the brackets around a group of them), but a case id written as
/// plain text in prose or in a title would be published. Each is an error
/// at the place it is written.
fn public_edition(review: &Review, sources: &Sources, out: &mut Vec<Diagnostic>) {
    let ids: Vec<&str> = review
        .cases
        .iter()
        .map(|c| c.id.value.as_str())
        .filter(|id| !id.is_empty())
        .collect();
    if ids.is_empty() {
        return;
    }
    // Every whole-word occurrence of a case id in `text`, as byte offsets.
    let found = |text: &str| -> Vec<(usize, &str)> {
        let mut hits = Vec::new();
        for id in &ids {
            for (at, _) in text.match_indices(id) {
                let before = text[..at].chars().next_back();
                let after = text[at + id.len()..].chars().next();
                let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
                if !word(before) && !word(after) {
                    hits.push((at, *id));
                }
            }
        }
        hits.sort();
        hits
    };
    let report = |file: usize, at: usize, id: &str, what: &str| {
        let source = sources.get(file);
        let (line, column) = source.position(at);
        Diagnostic::error(
                "case-in-public",
                format!("{what} names case `{id}`, and the public edition names no case"),
            )
            .at(file, Some(Pos::new(line, column, id.chars().count())))
            .help("write about the case without its id (\"in one case\", \"in two court cases\"), or make it a link, `[C04](case:C04)`, which the public edition leaves out")
    };
    let mut bodies: Vec<(usize, &crate::model::Body, Option<&str>)> = Vec::new();
    for f in &review.findings {
        bodies.push((f.file, &f.body, Some(f.meta.title.as_str())));
    }
    for p in &review.pages {
        bodies.push((p.file, &p.body, Some(p.meta.title.as_str())));
    }
    for f in &review.focus_areas {
        bodies.push((f.file, &f.body, Some(f.meta.title.as_str())));
    }
    for n in &review.narratives {
        bodies.push((n.file, &n.body, n.meta.title.as_deref()));
    }
    for s in review.summary.iter().chain(&review.cases_intro) {
        bodies.push((s.file, &s.body, s.meta.title.as_deref()));
    }
    for (file, body, title) in bodies {
        for link in body
            .loose_case_links
            .iter()
            .filter_map(|n| body.links.get(*n))
        {
            let pos = (link.line > 0).then(|| Pos::new(link.line, link.column, link.len));
            out.push(
                Diagnostic::warning(
                    "case-link-in-sentence",
                    "this link to a case is part of a sentence; the public edition leaves it out and the sentence with a gap",
                )
                .at(file, pos)
                .help("name the case in brackets after the sentence's point, `… in one case ([C04](case:C04)).`: the public edition leaves out the brackets too"),
            );
        }
        let text = &sources.get(file).text;
        for range in &body.prose {
            let Some(slice) = text.get(range.clone()) else {
                continue;
            };
            for (at, id) in found(slice) {
                out.push(report(file, range.start + at, id, "this text"));
            }
        }
        // A title is published whole; it stands in the front matter.
        if let Some(title) = title
            && !found(title).is_empty()
        {
            let front_end = text.find("\n---").unwrap_or(text.len());
            for (at, id) in found(&text[..front_end]) {
                if title.contains(id) && text[..at].rfind('\n').map_or(0, |n| n + 1) < at {
                    let line_start = text[..at].rfind('\n').map_or(0, |n| n + 1);
                    if text[line_start..].trim_start().starts_with("title") {
                        out.push(report(file, at, id, "the title"));
                    }
                }
            }
        }
    }
}

/// Every body that went past a limit, at the place it did (it was not
/// rendered).
fn overruns(review: &Review, out: &mut Vec<Diagnostic>) {
    for (file, body) in review.bodies() {
        let Some(o) = body.overrun else { continue };
        let pos = (o.line > 0).then(|| Pos::new(o.line, o.column, 1));
        out.push(
            Diagnostic::error(
                "over-limit",
                format!(
                    "this text goes past the limit of {} {} in one body",
                    o.limit.max(),
                    o.limit.counts()
                ),
            )
            .at(file, pos)
            .help("split it into several files, or write it more simply; docs/robustness.md lists the limits"),
        );
    }
}

/// Standards whose key questions applied to fewer cases than the report's
/// `small_sample`: their percentages move a long way with one case. Their
/// pages say so; `check` says so too, at the standard in the framework.
pub fn samples(review: &Review, analysis: &crate::analyse::Analysis) -> Vec<Diagnostic> {
    // A broken report.yaml is reported already; its threshold is a guess.
    if !review.report_ok {
        return Vec::new();
    }
    let threshold = review.report.small_sample.value;
    review
        .framework
        .standards()
        .filter(|(d, _)| review.in_scope(&d.id.value))
        .filter_map(|(_, s)| {
            let result = analysis.standards.get(&s.id.value)?;
            result.small.then(|| {
                at(
                    Diagnostic::warning(
                        "small-sample",
                        format!(
                            "the key questions of standard {} applied to {} case{} at most, fewer than `small_sample` ({threshold}): its page says its percentages rest on a small sample",
                            s.id.value,
                            result.sample,
                            if result.sample == 1 { "" } else { "s" }
                        ),
                    ),
                    review.framework_file,
                    &s.id,
                )
                .help("audit more cases if you can; if the team judged this sample enough, set `small_sample:` in report.yaml to the smallest sample it accepts")
            })
        })
        .collect()
}

fn at<T>(d: Diagnostic, file: usize, value: &Located<T>) -> Diagnostic {
    d.at(file, pos_of(value))
}

fn suggest(d: Diagnostic, word: &str, known: &[&str], what: &str) -> Diagnostic {
    d.help(suggestion(word, known, what))
}

fn framework(review: &Review, out: &mut Vec<Diagnostic>) {
    let fw = &review.framework;
    let file = review.framework_file;
    let mut seen: HashMap<String, &'static str> = HashMap::new();
    let mut unique = |id: &Located<String>, what: &'static str, out: &mut Vec<Diagnostic>| {
        if let Some(first) = seen.insert(id.value.clone(), what) {
            out.push(at(
                Diagnostic::error(
                    "duplicate-id",
                    format!("id `{}` is already used by a {first}", id.value),
                )
                .help(
                    "ids are unique across the whole framework: domains, standards, questions and prompts",
                ),
                file,
                id,
            ));
        }
    };
    for domain in &fw.domains {
        unique(&domain.id, "domain", out);
        for standard in &domain.standards {
            unique(&standard.id, "standard", out);
            for question in &standard.questions {
                unique(&question.id, "key question", out);
                for id in question.prompts.iter().filter_map(|p| p.id()) {
                    unique(id, "key question prompt", out);
                }
            }
        }
    }
    let dimensions: Vec<&str> = fw.dimensions.iter().map(|d| d.id.value.as_str()).collect();
    for (_, _, q) in fw.questions() {
        if let Some(dim) = &q.dimension
            && !dimensions.contains(&dim.value.as_str())
        {
            out.push(suggest(
                at(
                    Diagnostic::error(
                        "unknown-dimension",
                        format!(
                            "question `{}` names unknown dimension `{}`",
                            q.id.value, dim.value
                        ),
                    ),
                    file,
                    dim,
                ),
                &dim.value,
                &dimensions,
                "dimensions",
            ));
        }
    }
    for (_, s) in fw.standards() {
        if s.assessed_by == AssessedBy::Cases && s.questions.is_empty() {
            out.push(
                at(
                    Diagnostic::warning(
                        "no-questions",
                        format!(
                            "standard `{}` is assessed by cases but has no key questions",
                            s.id.value
                        ),
                    ),
                    file,
                    &s.id,
                )
                .help("add `questions:`, or set `assessed_by: judgement`"),
            );
        }
    }
    let mut answers = HashSet::new();
    for a in &fw.answers {
        if !answers.insert(a.id.value.as_str()) {
            out.push(at(
                Diagnostic::error(
                    "duplicate-id",
                    format!("answer `{}` is listed twice", a.id.value),
                ),
                file,
                &a.id,
            ));
        }
    }
    if let Some(ratings) = &fw.ratings {
        for pair in ratings.levels.windows(2) {
            let (before, after) = (&pair[0], &pair[1]);
            if after.min.value > before.min.value {
                out.push(at(
                    Diagnostic::error(
                        "levels-order",
                        format!(
                            "level `{}` (min {}) comes after `{}` (min {}): rating levels are listed best first",
                            after.label, after.min.value, before.label, before.min.value
                        ),
                    ),
                    file,
                    &after.min,
                )
                .help("reorder `ratings.levels` so each `min` is lower than the one before"));
            }
        }
    }
}

fn report(review: &Review, out: &mut Vec<Diagnostic>) {
    let file = review.report_file;
    let thresholds = [
        (&review.report.privacy.min_count, "privacy.min_count"),
        (&review.report.small_sample, "small_sample"),
    ];
    for (value, key) in thresholds {
        if value.value == 0 {
            out.push(
                at(
                    Diagnostic::error("bad-threshold", format!("`{key}` must be at least 1")),
                    file,
                    value,
                )
                .help("counts are of cases: write a whole number of 1 or more (the default is the safe choice)"),
            );
        }
    }
    let domains: Vec<&str> = review
        .framework
        .domains
        .iter()
        .map(|d| d.id.value.as_str())
        .collect();
    for id in review.report.scope.iter().flatten() {
        if !domains.contains(&id.value.as_str()) {
            out.push(suggest(
                at(
                    Diagnostic::error(
                        "unknown-domain",
                        format!("scope names unknown domain `{}`", id.value),
                    ),
                    file,
                    id,
                ),
                &id.value,
                &domains,
                "domains",
            ));
        }
    }
    let mut kinds = HashSet::new();
    for k in &review.report.finding_kinds {
        if !kinds.insert(k.id.value.as_str()) {
            out.push(at(
                Diagnostic::error(
                    "duplicate-id",
                    format!("finding kind `{}` is listed twice", k.id.value),
                )
                .help("give each finding kind its own id"),
                file,
                &k.id,
            ));
        }
    }
    // Both settings are checked whichever edition is built: a bad one is
    // found before the build that would publish it.
    let base_paths = [
        (review.report.base_path.as_ref(), "base_path"),
        (
            review.report.editions.public.base_path.as_ref(),
            "editions.public.base_path",
        ),
    ];
    for (setting, key) in base_paths {
        let Some(setting) = setting else { continue };
        if let Err(e) = crate::model::BasePath::parse(&setting.value) {
            out.push(
                at(Diagnostic::error("bad-base-path", e.message(key)), file, setting).help(
                    "write the folder the site is published in on its server, from the server's root and starting with `/`, e.g. `base_path: /reports/2026/`; the default, `/`, is the server's root",
                ),
            );
        }
    }
    version(review, out);
    if review.report.finding_kinds.is_empty() {
        out.push(
            Diagnostic::error(
                "no-kinds",
                "`finding_kinds` is empty, so no finding can have a kind",
            )
            .at(file, Some(Pos::file_start()))
            .help("list at least one `{id, label}`, or remove the key to use the defaults"),
        );
    }
}

/// `version`: text that names a folder and an archive as well as a page
/// (`publish` keeps `DEST.v0.3`, `--archive` writes `report-0.3.zip`), so
/// the characters every file system takes; and `version_date` with it.
fn version(review: &Review, out: &mut Vec<Diagnostic>) {
    let file = review.report_file;
    let report = &review.report;
    if let Some(version) = &report.version {
        let text = version.value.as_str();
        let problem = if text.trim().is_empty() {
            Some("`version` is empty".to_string())
        } else if text.chars().count() > 40 {
            Some("`version` is longer than 40 characters".to_string())
        } else if text.starts_with('.') {
            Some("`version` starts with `.`".to_string())
        } else {
            text.chars()
                .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '+')))
                .map(|c| {
                    format!(
                        "`version` has {}, which a folder or archive name cannot safely hold",
                        shown_char(c)
                    )
                })
        };
        if let Some(problem) = problem {
            out.push(
                at(Diagnostic::error("bad-version", problem), file, version).help(
                    "number the version with letters, digits, `.`, `-`, `_` or `+`, e.g. `version: \"0.3\"` or `version: \"1.0-draft\"`",
                ),
            );
        }
    } else if let Some(date) = &report.version_date {
        out.push(
            at(
                Diagnostic::warning(
                    "missing-version",
                    "`version_date` is given, but not `version`",
                ),
                file,
                date,
            )
            .help("add the version it dates, e.g. `version: \"0.3\"`, or remove `version_date`"),
        );
    }
}

fn findings(review: &Review, out: &mut Vec<Diagnostic>) {
    let kinds: Vec<&str> = review.kinds().iter().map(|k| k.id.value.as_str()).collect();
    let criteria: Vec<&str> = review.framework.criterion_ids().collect();
    let focus: Vec<&str> = review.focus_areas.iter().map(|f| f.name.as_str()).collect();
    let cases: Vec<&str> = review.cases.iter().map(|c| c.id.value.as_str()).collect();
    // Looked up once for each case a finding names: a review may have a
    // thousand cases and ten thousand findings.
    let known_cases: HashSet<&str> = cases.iter().copied().collect();
    for f in &review.findings {
        let file = f.file;
        // Kinds are declared in report.yaml; while it is broken they are unknown.
        if review.report_ok && !kinds.contains(&f.meta.kind.value.as_str()) {
            out.push(suggest(
                at(
                    Diagnostic::error(
                        "unknown-kind",
                        format!("unknown finding kind `{}`", f.meta.kind.value),
                    ),
                    file,
                    &f.meta.kind,
                ),
                &f.meta.kind.value,
                &kinds,
                "kinds",
            ));
        }
        for c in &f.meta.criteria {
            let id = c.value.as_str();
            if !criteria.contains(&id) {
                out.push(suggest(
                    at(
                        Diagnostic::error(
                            "unknown-criterion",
                            format!("no standard or domain has the id `{id}`"),
                        ),
                        file,
                        c,
                    ),
                    id,
                    &criteria,
                    "standards and domains",
                ));
                continue;
            }
            let domain = review
                .framework
                .standard(id)
                .map(|(d, _)| d.id.value.as_str())
                .unwrap_or(id);
            if !review.in_scope(domain) {
                out.push(at(
                    Diagnostic::error(
                        "out-of-scope",
                        format!("`{id}` belongs to domain {domain}, which is out of the review's scope"),
                    ),
                    file,
                    c,
                )
                .help("name a standard of a domain in `scope:` (report.yaml), or add the domain to the scope"));
            }
        }
        for (key, list) in [
            ("criteria", &f.meta.criteria),
            ("focus", &f.meta.focus),
            ("cases", &f.meta.cases),
        ] {
            repeated_ids(key, list, file, out);
        }
        focus_names(review, &f.meta.focus, &focus, file, out);
        for c in &f.meta.cases {
            // A case file that failed to parse took its ids with it.
            if !known_cases.contains(c.value.as_str()) && !review.case_file_failed() {
                out.push(suggest(
                    at(
                        Diagnostic::error(
                            "unknown-case",
                            format!("no case audit has the id `{}`", c.value),
                        ),
                        file,
                        c,
                    ),
                    &c.value,
                    &cases,
                    "cases",
                ));
            }
        }
    }
}

/// An id a finding's list names twice (`cases: [C01, C01]`) would be
/// shown and counted twice: a warning at the second, naming the first.
fn repeated_ids(key: &str, list: &[Located<String>], file: usize, out: &mut Vec<Diagnostic>) {
    for (i, item) in list.iter().enumerate() {
        if let Some(first) = list[..i].iter().find(|x| x.value == item.value) {
            let line = crate::content::yaml::pos_of(first).map_or(0, |p| p.line);
            out.push(
                at(
                    Diagnostic::warning(
                        "repeated-id",
                        format!("`{}` is named twice in `{key}`", item.value),
                    ),
                    file,
                    item,
                )
                .help(format!(
                    "remove this one: `{}` is named already (line {line}), and each is listed once",
                    item.value
                )),
            );
        }
    }
}

/// Every focus area a finding or case names must be a file in
/// `content/focus/`, named as it is written there.
fn focus_names(
    review: &Review,
    names: &[Located<String>],
    known: &[&str],
    file: usize,
    out: &mut Vec<Diagnostic>,
) {
    for s in names {
        if known.contains(&s.value.as_str()) {
            continue;
        }
        let path = format!("content/focus/{}.md", s.value);
        match review.left_out.get(&path) {
            // Its own errors are reported; saying it is unknown adds nothing.
            Some(LeftOut::Failed) => {}
            Some(LeftOut::Draft) => out.push(at(
                Diagnostic::error(
                    "unknown-focus",
                    format!(
                        "focus area `{}` is a draft, left out of this build",
                        s.value
                    ),
                )
                .help("build with --drafts, or remove `draft: true` from the focus area"),
                file,
                s,
            )),
            None => out.push(suggest(
                at(
                    Diagnostic::error(
                        "unknown-focus",
                        format!("no focus area is named `{}`", s.value),
                    ),
                    file,
                    s,
                ),
                &s.value,
                known,
                "focus areas (files in content/focus/)",
            )),
        }
    }
}

fn cases(review: &Review, sources: &Sources, out: &mut Vec<Diagnostic>) {
    let fw = &review.framework;
    let focus: Vec<&str> = review.focus_areas.iter().map(|f| f.name.as_str()).collect();
    let domains: Vec<&str> = fw.domains.iter().map(|d| d.id.value.as_str()).collect();
    let answers: Vec<&str> = fw.answers.iter().map(|a| a.id.value.as_str()).collect();
    // Key questions and the prompts a case may answer, with the standard
    // and domain each belongs to.
    let answerable: Vec<(&Domain, &Standard, &str)> = fw
        .questions()
        .map(|(d, s, q)| (d, s, q.id.value.as_str()))
        .chain(
            fw.answerable_prompts()
                .map(|(d, s, _, id, _)| (d, s, id.value.as_str())),
        )
        .collect();
    let question_ids: Vec<&str> = answerable.iter().map(|(_, _, id)| *id).collect();
    let mut ids: HashMap<&str, &crate::model::CaseAudit> = HashMap::new();
    for case in &review.cases {
        let file = case.file;
        if let Some(first) = ids.get(case.id.value.as_str()) {
            let line = crate::content::yaml::pos_of(&first.id).map_or(0, |p| p.line);
            out.push(
                at(
                    Diagnostic::error(
                        "duplicate-case",
                        format!(
                            "case id `{}` is used twice: first in `{}`, line {line}",
                            case.id.value,
                            sources.path_string(first.file)
                        ),
                    ),
                    file,
                    &case.id,
                )
                .help("give every case audit its own pseudonymous id"),
            );
        } else {
            ids.insert(case.id.value.as_str(), case);
        }
        focus_names(review, &case.focus, &focus, file, out);
        let Some(domain) = fw.domain(&case.domain.value) else {
            out.push(suggest(
                at(
                    Diagnostic::error(
                        "unknown-domain",
                        format!(
                            "case `{}` names unknown domain `{}`",
                            case.id.value, case.domain.value
                        ),
                    ),
                    file,
                    &case.domain,
                ),
                &case.domain.value,
                &domains,
                "domains",
            ));
            continue;
        };
        if !review.in_scope(&domain.id.value) {
            out.push(
                at(
                    Diagnostic::error(
                        "out-of-scope",
                        format!(
                            "case `{}` is in domain {}, which is out of the review's scope",
                            case.id.value, domain.id.value
                        ),
                    ),
                    file,
                    &case.domain,
                )
                .help("audit cases only under domains listed in `scope:` (report.yaml)"),
            );
            continue;
        }
        let mut answered: BTreeMap<&str, ()> = BTreeMap::new();
        for (q, a) in &case.answers {
            let qid = q.value.as_str();
            match answerable.iter().find(|(_, _, id)| *id == qid) {
                None => {
                    out.push(suggest(
                        at(
                            Diagnostic::error(
                                "unknown-question",
                                format!("no key question or answerable prompt has the id `{qid}`"),
                            ),
                            file,
                            q,
                        ),
                        qid,
                        &question_ids,
                        "key questions",
                    ));
                    continue;
                }
                Some((d, s, _)) => {
                    if d.id.value != domain.id.value {
                        out.push(at(
                            Diagnostic::error(
                                "wrong-domain",
                                format!("question `{qid}` belongs to domain {}, but case `{}` was audited under domain {}", d.id.value, case.id.value, domain.id.value),
                            ),
                            file,
                            q,
                        )
                        .help(format!("answer only the key questions of domain {}", domain.id.value)));
                        continue;
                    }
                    if s.assessed_by != AssessedBy::Cases {
                        out.push(at(
                            Diagnostic::error("judgement-standard", format!("question `{qid}` belongs to standard {}, which is assessed by judgement, not by cases", s.id.value)),
                            file,
                            q,
                        ));
                        continue;
                    }
                }
            }
            answered.insert(qid, ());
            if fw.answer(&a.value.answer).is_none() {
                out.push(suggest(
                    at(
                        Diagnostic::error(
                            "unknown-answer",
                            format!(
                                "`{}` is not an answer of the framework's scale",
                                a.value.answer
                            ),
                        ),
                        file,
                        a,
                    ),
                    &a.value.answer,
                    &answers,
                    "answers",
                ));
            }
        }
        let missing: Vec<&str> = domain
            .standards
            .iter()
            .filter(|s| s.assessed_by == AssessedBy::Cases)
            .flat_map(|s| s.questions.iter().map(|q| q.id.value.as_str()))
            .filter(|q| !answered.contains_key(q))
            .collect();
        if !missing.is_empty() {
            out.push(at(
                Diagnostic::warning(
                    "incomplete-audit",
                    format!("incomplete audit: case `{}` has no answer for {}", case.id.value, missing.join(", ")),
                ),
                file,
                &case.id,
            )
            .help("answer every key question of the case's domain (use the scale's \"excluded\" answer, e.g. \"n/a\", where one does not apply)"));
        }
    }
}

/// Ids and file names become paths and HTML ids. They must not be empty, must
/// be safe in a URL (file names), and two of them must never become the same
/// path: `x.1` and `x-1` would both be `x-1.html`, and `index` is taken.
fn published_names(review: &Review, sources: &Sources, out: &mut Vec<Diagnostic>) {
    let fw = &review.framework;
    let ff = review.framework_file;
    let empty = |id: &Located<String>, file: usize, what: &str, out: &mut Vec<Diagnostic>| {
        if id.value.trim().is_empty() {
            out.push(
                at(
                    Diagnostic::error("empty-id", format!("this {what} has an empty id")),
                    file,
                    id,
                )
                .help("give it an id such as `\"2.1\"`; ids name pages and anchors"),
            );
            true
        } else {
            false
        }
    };
    // One path part per id in each namespace; `index` is reserved where the
    // namespace shares a folder with an index page.
    let clash = |ids: Vec<(&Located<String>, usize)>,
                 what: &str,
                 reserve_index: bool,
                 out: &mut Vec<Diagnostic>| {
        let mut seen: HashMap<String, &str> = HashMap::new();
        for (id, file) in ids {
            if empty(id, file, what, out) {
                continue;
            }
            // Compared without case: a file share on Windows or macOS holds
            // `C1.html` and `c1.html` as one file.
            let part = crate::model::path_id(&id.value);
            let key = part.to_lowercase();
            if reserve_index && key == "index" {
                out.push(at(
                    Diagnostic::error("path-clash", format!("a {what} cannot have the id `index`: its page would replace the index page")),
                    file,
                    id,
                )
                .help("choose another id"));
            } else if let Some(first) = seen.get(&key).filter(|first| **first != id.value) {
                out.push(at(
                    Diagnostic::error(
                        "path-clash",
                        format!("{what} ids `{first}` and `{}` would both be published as `{part}`", id.value),
                    ),
                    file,
                    id,
                )
                .help("ids become file names and anchors with every character other than letters, digits, `-` and `_` turned into `-`, and case does not tell them apart; make them differ in letters or digits"));
            } else {
                seen.insert(key, &id.value);
            }
        }
    };
    clash(
        fw.domains.iter().map(|d| (&d.id, ff)).collect(),
        "domain",
        false,
        out,
    );
    // Standards share the report page, so their anchors must differ across
    // all domains, not only within one.
    clash(
        fw.standards().map(|(_, s)| (&s.id, ff)).collect(),
        "standard",
        true,
        out,
    );
    for (_, _, q) in fw.questions() {
        empty(&q.id, ff, "key question", out);
    }
    for (_, _, _, id, _) in fw.answerable_prompts() {
        empty(id, ff, "prompt", out);
    }
    for a in &fw.answers {
        empty(&a.id, ff, "answer", out);
    }
    for dim in &fw.dimensions {
        empty(&dim.id, ff, "dimension", out);
    }
    clash(
        review.cases.iter().map(|c| (&c.id, c.file)).collect(),
        "case",
        review.report.case_pages,
        out,
    );

    // Findings are shown by their anchors, which tell case apart; pages
    // and focus areas are files in one folder, which on Windows and macOS
    // do not.
    let findings = review
        .findings
        .iter()
        .map(|f| (f.file, f.name.as_str(), f.slug.as_str()));
    file_names(findings.collect(), "finding", false, sources, out);
    let pages = review
        .pages
        .iter()
        .map(|p| (p.file, p.name.as_str(), p.slug.as_str()));
    file_names(pages.collect(), "page", true, sources, out);
    let focus = review
        .focus_areas
        .iter()
        .map(|f| (f.file, f.name.as_str(), f.slug.as_str()));
    file_names(focus.collect(), "focus area", true, sources, out);
}

/// The files of one kind, each `(file, name, slug)`: every name must make
/// a slug ([`crate::model::try_file_slug`]), and no two the same one
/// (`évaluation.md` and `evaluation.md` both make `evaluation`; two
/// findings in different folders may also have one name). A name that
/// cannot be used gets a suggestion that can, never itself.
fn file_names(
    files: Vec<(FileId, &str, &str)>,
    what: &str,
    fold_case: bool,
    sources: &Sources,
    out: &mut Vec<Diagnostic>,
) {
    use crate::model::{BadName, try_file_slug, usable_file_name};
    let key = |slug: &str| {
        if fold_case {
            slug.to_lowercase()
        } else {
            slug.to_string()
        }
    };
    let usable: HashSet<String> = files
        .iter()
        .filter(|(_, name, _)| try_file_slug(name).is_ok())
        .map(|(_, _, slug)| key(slug))
        .collect();
    let mut seen: HashMap<String, (FileId, &str, &str)> = HashMap::new();
    for &(file, name, slug) in &files {
        let path = sources.path_string(file);
        if let Err(bad) = try_file_slug(name) {
            let letters = "letters (of any alphabet), digits, `-` and `_`";
            let (message, rule) = match bad {
                BadName::Empty => (
                    "an empty file name cannot be published".to_string(),
                    letters.to_string(),
                ),
                BadName::Character(c) => (
                    format!(
                        "the file name `{name}` cannot be used in a web address or an HTML id: {} is not a letter, a digit, `-` or `_`",
                        shown_char(c)
                    ),
                    letters.to_string(),
                ),
                BadName::NoAsciiForm(c) => (
                    format!(
                        "the file name `{name}` cannot be used in a web address: {} has no form in the ASCII letters addresses are written in",
                        shown_char(c)
                    ),
                    format!("{letters}, leaving out {}", shown_char(c)),
                ),
                BadName::NothingLeft => (
                    format!(
                        "the file name `{name}` cannot be used in a web address: written in ASCII letters, nothing of it is left"
                    ),
                    format!("{letters}, with at least one letter or digit"),
                ),
            };
            let fallback = what.replace(' ', "-");
            let suggestion = usable_file_name(name, &fallback, |s| usable.contains(&key(s)));
            out.push(
                Diagnostic::error("bad-file-name", message)
                    .at(file, Some(Pos::file_start()))
                    .help(format!("rename `{path}` using {rule}, e.g. `{suggestion}`")),
            );
            continue;
        }
        match seen.get(&key(slug)) {
            None => {
                seen.insert(key(slug), (file, name, slug));
            }
            Some(&(first, first_name, first_slug)) => {
                let help = if first_name == name {
                    format!("a {what}'s slug is its file name; rename one of the files")
                } else if first_slug == slug {
                    format!(
                        "`{first_name}` and `{name}` are both published as `{slug}`, as letters beyond ASCII are written in ASCII letters; rename one of the files"
                    )
                } else {
                    format!(
                        "`{first_name}` and `{name}` would be published at one address (`{first_slug}`, `{slug}`), as case does not tell addresses apart; rename one of the files"
                    )
                };
                out.push(
                    Diagnostic::error(
                        "duplicate-slug",
                        format!(
                            "another {what} already has the slug `{first_slug}`: `{}`",
                            sources.path_string(first)
                        ),
                    )
                    .at(file, Some(Pos::file_start()))
                    .help(help),
                );
            }
        }
    }
}

/// A character as a message names it: in backquotes, or by its code
/// point when it would not show.
fn shown_char(c: char) -> String {
    match c {
        ' ' => "a space".to_string(),
        '`' => "a backquote".to_string(),
        c if c.is_whitespace() || c.is_control() => format!("the character U+{:04X}", c as u32),
        c => format!("`{c}`"),
    }
}

/// `order` sorts pages, focus areas and findings; it must be a real number.
fn orders(review: &Review, out: &mut Vec<Diagnostic>) {
    let all = review
        .findings
        .iter()
        .map(|f| (f.file, f.meta.order.as_ref()))
        .chain(review.pages.iter().map(|p| (p.file, p.meta.order.as_ref())))
        .chain(
            review
                .focus_areas
                .iter()
                .map(|f| (f.file, f.meta.order.as_ref())),
        );
    for (file, order) in all {
        if let Some(order) = order.filter(|o| !o.value.is_finite()) {
            out.push(
                at(
                    Diagnostic::error(
                        "bad-order",
                        format!("`order` must be a number, not {}", order.value),
                    ),
                    file,
                    order,
                )
                .help("write a number such as `order: 10`; items sort by it, lowest first"),
            );
        }
    }
}

fn narratives(review: &Review, out: &mut Vec<Diagnostic>) {
    let fw = &review.framework;
    let ids: Vec<&str> = fw.criterion_ids().collect();
    let levels: Vec<&str> = fw
        .ratings
        .iter()
        .flat_map(|r| r.levels.iter().map(|l| l.label.as_str()))
        .collect();
    for n in &review.narratives {
        if !ids.contains(&n.id.as_str()) {
            out.push(suggest(
                Diagnostic::error(
                    "unknown-criterion",
                    format!(
                        "`content/standards/{}.md` names no standard or domain",
                        n.id
                    ),
                )
                .at(n.file, Some(Pos::file_start())),
                &n.id,
                &ids,
                "standards and domains",
            ));
            continue;
        }
        let domain = fw
            .standard(&n.id)
            .map_or(n.id.as_str(), |(d, _)| d.id.value.as_str());
        if review.report_ok && !review.in_scope(domain) {
            out.push(
                Diagnostic::warning(
                    "out-of-scope",
                    format!(
                        "`{}` is out of the review's scope, so this narrative is not shown",
                        n.id
                    ),
                )
                .at(n.file, Some(Pos::file_start()))
                .help("add its domain to `scope:` (report.yaml), or move the file out of content/"),
            );
        }
        if let (None, Some(reason)) = (&n.meta.rating, &n.meta.rating_reason) {
            out.push(
                at(
                    Diagnostic::error(
                        "rating-reason",
                        "`rating_reason` explains a `rating`, and there is none here",
                    ),
                    n.file,
                    reason,
                )
                .help("add `rating:` with a level of the framework, or remove `rating_reason:`"),
            );
        }
        if let Some(rating) = &n.meta.rating {
            let assessed = fw.standard(&n.id).map(|(_, s)| s.assessed_by);
            if assessed.is_none() {
                out.push(at(
                    Diagnostic::error("rating-not-judgement", format!("`{}` is a domain, and only standards are rated", n.id)),
                    n.file,
                    rating,
                )
                .help("rate its standards in their own files (`content/standards/<standard id>.md`), or remove `rating:`"));
            } else if assessed == Some(AssessedBy::Cases) && n.meta.rating_reason.is_none() {
                out.push(at(
                    Diagnostic::error("rating-reason", format!("standard `{}` is rated from the case audits; the reviewers may rate it otherwise only with a reason", n.id)),
                    n.file,
                    rating,
                )
                .help("add `rating_reason:` saying why (it is shown beside the rating), or remove `rating:` to keep the computed rating"));
            } else if !levels.contains(&rating.value.as_str()) {
                out.push(suggest(
                    at(
                        Diagnostic::error(
                            "unknown-level",
                            format!("`{}` is not a rating level of the framework", rating.value),
                        ),
                        n.file,
                        rating,
                    ),
                    &rating.value,
                    &levels,
                    "levels",
                ));
            }
        }
    }
}
