//! Links: every internal link in every Markdown body must name something
//! that exists, and its `#anchor` must be an id on the target.
//!
//! The targets and their anchors are indexed once ([`Targets`]), so checking
//! stays linear in the number of links however large the review grows.

use crate::content::{FileId, Sources};
use crate::diagnostic::{Diagnostic, Pos, nearest};
use crate::model::{Body, LinkRef, LinkTarget, Review, finding_anchor, standard_anchor};
use std::collections::{HashMap, HashSet};

/// Check the links of every body in the review.
pub(super) fn check(review: &Review, sources: &Sources, out: &mut Vec<Diagnostic>) {
    let targets = Targets::new(review, sources);
    for (file, body) in bodies(review) {
        for link in &body.links {
            if let Err(d) = targets.resolve(link) {
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
    for domain in &review.framework.domains {
        v.push((review.framework_file, &domain.summary_body));
        for standard in &domain.standards {
            v.push((review.framework_file, &standard.statement_body));
        }
    }
    v
}

/// Everything a link may name, with the anchors on its page.
struct Targets<'a> {
    sources: &'a Sources,
    /// Content files by path → anchors on the page that shows them.
    files: HashMap<&'a str, Vec<String>>,
    /// Standard and domain ids → anchors on their page.
    criteria: HashMap<&'a str, Vec<String>>,
    pages: HashMap<&'a str, Vec<String>>,
    focus: HashMap<&'a str, Vec<String>>,
    cases: HashSet<&'a str>,
}

fn ids(body: &Body) -> Vec<String> {
    body.toc.iter().map(|t| t.id.clone()).collect()
}

impl<'a> Targets<'a> {
    fn new(review: &'a Review, sources: &'a Sources) -> Self {
        let fw = &review.framework;
        let mut criteria: HashMap<&str, Vec<String>> = HashMap::new();
        for domain in &fw.domains {
            let on_domain = criteria.entry(domain.id.value.as_str()).or_default();
            on_domain.push("questions".to_string());
            for s in &domain.standards {
                on_domain.push(standard_anchor(&s.id.value));
            }
            for s in &domain.standards {
                criteria
                    .entry(s.id.value.as_str())
                    .or_default()
                    .push("questions".to_string());
            }
        }
        let domain_of: HashMap<&str, &str> = fw
            .standards()
            .map(|(d, s)| (s.id.value.as_str(), d.id.value.as_str()))
            .collect();
        for f in &review.findings {
            let anchor = finding_anchor(&f.slug);
            for c in &f.meta.criteria {
                let id = c.value.as_str();
                let mut on = vec![id];
                on.extend(domain_of.get(id));
                for page in on {
                    if let Some(list) = criteria.get_mut(page) {
                        list.push(anchor.clone());
                    }
                }
            }
        }
        for n in &review.narratives {
            if let Some(list) = criteria.get_mut(n.id.as_str()) {
                list.extend(ids(&n.body));
            }
        }

        let mut files: HashMap<&str, Vec<String>> = HashMap::new();
        for f in &review.findings {
            let mut anchors = ids(&f.body);
            anchors.push(finding_anchor(&f.slug));
            files.insert(&sources.get(f.file).path, anchors);
        }
        for p in &review.pages {
            files.insert(&sources.get(p.file).path, ids(&p.body));
        }
        for f in &review.focus_areas {
            files.insert(&sources.get(f.file).path, ids(&f.body));
        }
        for n in &review.narratives {
            let anchors = criteria.get(n.id.as_str()).cloned().unwrap_or_default();
            files.insert(&sources.get(n.file).path, anchors);
        }
        for s in review.summary.iter().chain(&review.cases_intro) {
            files.insert(&sources.get(s.file).path, ids(&s.body));
        }
        Targets {
            sources,
            files,
            criteria,
            pages: review
                .pages
                .iter()
                .map(|p| (p.slug.as_str(), ids(&p.body)))
                .collect(),
            focus: review
                .focus_areas
                .iter()
                .map(|f| (f.slug.as_str(), ids(&f.body)))
                .collect(),
            cases: review.cases.iter().map(|c| c.id.value.as_str()).collect(),
        }
    }

    fn resolve(&self, link: &LinkRef) -> Result<(), Diagnostic> {
        let missing = |what: &str, help: &str| {
            Diagnostic::error(
                "broken-link",
                format!(
                    "link `{}` points to {what}, which does not exist",
                    link.written
                ),
            )
            .help(help)
        };
        let anchors: &[String] = match &link.target {
            LinkTarget::Standard(id) => self
                .criteria
                .get(id.as_str())
                .filter(|_| !id.is_empty())
                .ok_or_else(|| {
                missing(
                    &format!("standard `{id}`"),
                    "write `std:` followed by a standard id, e.g. `std:2.1`",
                )
            })?,
            LinkTarget::Domain(id) => self.criteria.get(id.as_str()).ok_or_else(|| {
                missing(
                    &format!("domain `{id}`"),
                    "write `domain:` followed by a domain id, e.g. `domain:2`",
                )
            })?,
            LinkTarget::Case(id) => {
                if !self.cases.contains(id.as_str()) {
                    return Err(missing(
                        &format!("case `{id}`"),
                        "write `case:` followed by a case id from content/cases/",
                    ));
                }
                // A case's row has no anchors of its own to check.
                return Ok(());
            }
            LinkTarget::Focus(slug) => self.focus.get(slug.as_str()).ok_or_else(|| {
                missing(
                    &format!("focus area `{slug}`"),
                    "write `focus:` followed by a file name (without .md) from content/focus/",
                )
            })?,
            LinkTarget::Page(slug) => self.pages.get(slug.as_str()).ok_or_else(|| {
                missing(
                    &format!("page `{slug}`"),
                    "write `page:` followed by a file name (without .md) from content/pages/",
                )
            })?,
            LinkTarget::File(path) => match self.files.get(path.as_str()) {
                Some(anchors) => anchors,
                // The file exists but did not parse; its own error says why,
                // and a second error here would only repeat it.
                None if self.sources.find(path).is_some() => return Ok(()),
                None => {
                    return Err(missing(
                        &format!("`{path}`"),
                        "link to a finding, page, focus area or standard narrative by its path relative to this file, e.g. `../findings/planning/plans.md`",
                    ));
                }
            },
        };
        match &link.anchor {
            Some(anchor) if !anchor.is_empty() && !anchors.iter().any(|a| a == anchor) => {
                let mut d = Diagnostic::error(
                    "broken-anchor",
                    format!(
                        "link `{}` names anchor `#{anchor}`, which is not on the target page",
                        link.written
                    ),
                );
                if !anchors.is_empty() {
                    let known: Vec<&str> = anchors.iter().map(String::as_str).collect();
                    d = match nearest(anchor, &known) {
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
                Err(d)
            }
            _ => Ok(()),
        }
    }
}
