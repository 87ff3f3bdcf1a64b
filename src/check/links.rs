//! Links: every internal link in every Markdown body must name something
//! that exists, and its `#anchor` must be an id on the target.

use crate::content::{FileId, Sources};
use crate::diagnostic::{Diagnostic, Pos};
use crate::model::{Body, LinkRef, LinkTarget, Review};

/// Check the links of every body in the review.
pub(super) fn check(review: &Review, sources: &Sources, out: &mut Vec<Diagnostic>) {
    for (file, body) in bodies(review) {
        for link in &body.links {
            if let Err(d) = resolve(review, sources, link) {
                let pos = (link.line > 0).then(|| Pos::new(link.line, link.column, link.len));
                out.push(d.at(file, pos));
            }
        }
    }
}

/// Every body with the file it was written in.
pub(super) fn bodies(review: &Review) -> Vec<(FileId, &Body)> {
    let mut v: Vec<(FileId, &Body)> = Vec::new();
    for s in review.summary.iter().chain(&review.cases_intro) {
        v.push((s.file, &s.body));
    }
    v.extend(review.pages.iter().map(|p| (p.file, &p.body)));
    v.extend(review.findings.iter().map(|f| (f.file, &f.body)));
    v.extend(review.focus_areas.iter().map(|f| (f.file, &f.body)));
    v.extend(review.narratives.iter().map(|n| (n.file, &n.body)));
    v.extend(review.cases.iter().map(|c| (c.file, &c.notes_body)));
    for (d, s) in review.framework.standards() {
        v.push((review.framework_file, &s.statement_body));
        let _ = d;
    }
    v.extend(
        review
            .framework
            .domains
            .iter()
            .map(|d| (review.framework_file, &d.summary_body)),
    );
    v
}

fn resolve(review: &Review, sources: &Sources, link: &LinkRef) -> Result<(), Diagnostic> {
    let missing = |what: &str| {
        Diagnostic::error(
            "broken-link",
            format!(
                "link `{}` points to {what}, which does not exist",
                link.written
            ),
        )
    };
    let anchors: Vec<String> = match &link.target {
        LinkTarget::Standard(id) => {
            let (_, s) = review.framework.standard(id).ok_or_else(|| {
                missing(&format!("standard `{id}`"))
                    .help("write `std:` followed by a standard id, e.g. `std:2.1`")
            })?;
            standard_anchors(review, &s.id.value)
        }
        LinkTarget::Domain(id) => {
            review.framework.domain(id).ok_or_else(|| {
                missing(&format!("domain `{id}`"))
                    .help("write `domain:` followed by a domain id, e.g. `domain:2`")
            })?;
            standard_anchors(review, id)
        }
        LinkTarget::Case(id) => {
            review
                .cases
                .iter()
                .find(|c| &c.id.value == id)
                .ok_or_else(|| {
                    missing(&format!("case `{id}`"))
                        .help("write `case:` followed by a case id from content/cases/")
                })?;
            Vec::new()
        }
        LinkTarget::Focus(slug) => {
            let f = review
                .focus_areas
                .iter()
                .find(|f| &f.slug == slug)
                .ok_or_else(|| {
                    missing(&format!("focus area `{slug}`")).help(
                        "write `focus:` followed by a file name (without .md) from content/focus/",
                    )
                })?;
            ids(&f.body)
        }
        LinkTarget::Page(slug) => {
            let p = review
                .pages
                .iter()
                .find(|p| &p.slug == slug)
                .ok_or_else(|| {
                    missing(&format!("page `{slug}`")).help(
                        "write `page:` followed by a file name (without .md) from content/pages/",
                    )
                })?;
            ids(&p.body)
        }
        LinkTarget::File(path) => {
            if let Some(f) = review
                .findings
                .iter()
                .find(|f| sources.get(f.file).path == *path)
            {
                let mut a = ids(&f.body);
                a.push(format!("finding-{}", f.slug));
                a
            } else if let Some(p) = review
                .pages
                .iter()
                .find(|p| sources.get(p.file).path == *path)
            {
                ids(&p.body)
            } else if let Some(f) = review
                .focus_areas
                .iter()
                .find(|f| sources.get(f.file).path == *path)
            {
                ids(&f.body)
            } else if let Some(n) = review
                .narratives
                .iter()
                .find(|n| sources.get(n.file).path == *path)
            {
                standard_anchors(review, &n.id)
            } else if review
                .summary
                .as_ref()
                .is_some_and(|s| sources.get(s.file).path == *path)
            {
                Vec::new()
            } else if sources.find(path).is_some() {
                // The file exists but did not parse; its own error says why,
                // and a second error here would only repeat it.
                return Ok(());
            } else {
                return Err(missing(&format!("`{path}`")).help(
                    "link to a finding, page, focus area or standard narrative by its path relative to this file, e.g. `../findings/planning/plans.md`",
                ));
            }
        }
    };
    if let Some(anchor) = &link.anchor
        && !anchor.is_empty()
        && !matches!(link.target, LinkTarget::Case(_))
        && !anchors.iter().any(|a| a == anchor)
    {
        let mut d = Diagnostic::error(
            "broken-anchor",
            format!(
                "link `{}` names anchor `#{anchor}`, which is not on the target page",
                link.written
            ),
        );
        if !anchors.is_empty() {
            let known: Vec<&str> = anchors.iter().map(String::as_str).collect();
            d = match crate::diagnostic::nearest(anchor, &known) {
                Some(k) => d.help(format!("did you mean `#{k}`?")),
                None => d.help(format!(
                    "anchors there: {}",
                    known
                        .iter()
                        .take(10)
                        .map(|k| format!("`#{k}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            };
        }
        return Err(d);
    }
    Ok(())
}

fn ids(body: &Body) -> Vec<String> {
    body.toc.iter().map(|t| t.id.clone()).collect()
}

/// Anchors on a standard's or domain's page: its findings and narrative headings.
fn standard_anchors(review: &Review, id: &str) -> Vec<String> {
    let mut out: Vec<String> = review
        .findings
        .iter()
        .filter(|f| {
            f.meta.criteria.iter().any(|c| {
                c.value == id
                    || review
                        .framework
                        .standard(&c.value)
                        .is_some_and(|(d, _)| d.id.value == id)
            })
        })
        .map(|f| format!("finding-{}", f.slug))
        .collect();
    for n in review.narratives.iter().filter(|n| n.id == id) {
        out.extend(ids(&n.body));
    }
    if let Some(domain) = review.framework.domain(id) {
        for s in &domain.standards {
            out.push(format!(
                "std-{}",
                crate::content::markdown::slug(&s.id.value)
            ));
        }
    }
    out.push("questions".to_string());
    out
}
