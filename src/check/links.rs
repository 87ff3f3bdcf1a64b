//! Links: every internal link in every Markdown body must name something
//! that exists, and its `#anchor` must be an id on the target.
//!
//! The targets and their anchors are indexed once ([`Targets`]), so checking
//! stays linear in the number of links however large the review grows.

use crate::content::Sources;
use crate::diagnostic::{Diagnostic, Pos, nearest, suggestion};
use crate::model::{
    AssessedBy, Body, LeftOut, LinkRef, LinkTarget, Review, ReviewIndex, finding_anchor,
    kind_anchor, section, standard_anchor,
};
use std::collections::{HashMap, HashSet};

/// Check the links of every body in the review.
pub(super) fn check(
    review: &Review,
    index: &ReviewIndex,
    sources: &Sources,
    out: &mut Vec<Diagnostic>,
) {
    let targets = Targets::new(review, index, sources);
    for (file, body) in review.bodies() {
        for link in &body.links {
            if let Err(d) = targets.resolve(link) {
                let pos = (link.line > 0).then(|| Pos::new(link.line, link.column, link.len));
                out.push(d.at(file, pos));
            }
        }
    }
}

/// Everything a link may name, with the anchors on its page.
struct Targets<'a> {
    left_out: &'a std::collections::BTreeMap<String, LeftOut>,
    /// Content files by path → anchors on the page that shows them.
    files: HashMap<&'a str, Vec<String>>,
    /// Standard and domain ids → anchors on their page.
    criteria: HashMap<&'a str, Vec<String>>,
    /// Pages and focus areas by name → anchors on their page.
    pages: HashMap<&'a str, Vec<String>>,
    focus: HashMap<&'a str, Vec<String>>,
    cases: HashSet<&'a str>,
    /// What each kind of link may name, in the review's order, for the
    /// help of a link naming none of them.
    known: Known<'a>,
    case_file_failed: bool,
    /// Standards and domains outside the review's scope: they have no page.
    out_of_scope: HashSet<&'a str>,
    /// Narratives of those, by path.
    files_out_of_scope: HashMap<&'a str, &'a str>,
    /// Images and downloads, by path.
    resources: &'a crate::model::Resources,
    /// Every file read, by path.
    read: HashSet<&'a str>,
}

/// The ids and names links may give, in the review's order.
struct Known<'a> {
    standards: Vec<&'a str>,
    domains: Vec<&'a str>,
    cases: Vec<&'a str>,
    focus: Vec<&'a str>,
    pages: Vec<&'a str>,
}

fn ids(body: &Body) -> Vec<String> {
    body.toc.iter().map(|t| t.id.clone()).collect()
}

impl<'a> Targets<'a> {
    fn new(review: &'a Review, index: &ReviewIndex, sources: &'a Sources) -> Self {
        let fw = &review.framework;
        // The ids a standard's and a domain's page carry (made in
        // `model::ids`, as the plan makes them): each finding shown there,
        // a group of findings for each kind on a standard page, the key
        // questions of a case-assessed standard, each standard's section
        // and the findings naming the domain itself on a domain page, a
        // titled narrative, and the narratives' own headings (a domain
        // page shows its standards' narratives too). Only domains in scope
        // have pages.
        let finding = |i: &usize| &review.findings[*i];
        let mut criteria: HashMap<&str, Vec<String>> = HashMap::new();
        let mut out_of_scope: HashSet<&str> = HashSet::new();
        for domain in &fw.domains {
            if !review.in_scope(&domain.id.value) {
                out_of_scope.insert(domain.id.value.as_str());
                out_of_scope.extend(domain.standards.iter().map(|s| s.id.value.as_str()));
                continue;
            }
            let mut on_domain: Vec<String> = domain
                .standards
                .iter()
                .map(|s| standard_anchor(&s.id.value))
                .collect();
            on_domain.extend(
                index
                    .in_domain(&domain.id.value)
                    .iter()
                    .map(|i| finding_anchor(&finding(i).slug)),
            );
            if !index.naming(&domain.id.value).is_empty() {
                on_domain.push(section::DOMAIN_WIDE.to_string());
            }
            criteria.insert(domain.id.value.as_str(), on_domain);
            for s in &domain.standards {
                let mut on_standard: Vec<String> = Vec::new();
                if s.assessed_by == AssessedBy::Cases {
                    on_standard.push(section::QUESTIONS.to_string());
                }
                for f in index.naming(&s.id.value).iter().map(finding) {
                    on_standard.push(finding_anchor(&f.slug));
                    on_standard.push(kind_anchor(&f.meta.kind.value));
                }
                criteria.insert(s.id.value.as_str(), on_standard);
            }
        }
        let domain_of: HashMap<&str, &str> = fw
            .standards()
            .map(|(d, s)| (s.id.value.as_str(), d.id.value.as_str()))
            .collect();
        let mut add = |page: &str, anchors: &mut dyn Iterator<Item = String>| {
            if let Some(list) = criteria.get_mut(page) {
                list.extend(anchors);
            }
        };
        for n in &review.narratives {
            let mut anchors = ids(&n.body);
            if n.meta.title.is_some() {
                anchors.push(section::NARRATIVE.to_string());
            }
            add(n.id.as_str(), &mut anchors.into_iter());
            if let Some(domain) = domain_of.get(n.id.as_str()) {
                add(domain, &mut ids(&n.body).into_iter());
            }
        }
        // A focus page: its text's headings, its two sections, and every
        // finding that names it.
        let focus: HashMap<&str, Vec<String>> = review
            .focus_areas
            .iter()
            .map(|f| {
                let mut anchors = ids(&f.body);
                anchors.extend([section::FINDINGS.to_string(), section::CASES.to_string()]);
                anchors.extend(
                    index
                        .in_focus(&f.name)
                        .iter()
                        .map(|i| finding_anchor(&finding(i).slug)),
                );
                (f.name.as_str(), anchors)
            })
            .collect();

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
            let anchors = focus.get(f.name.as_str()).cloned().unwrap_or_default();
            files.insert(&sources.get(f.file).path, anchors);
        }
        let mut files_out_of_scope: HashMap<&str, &str> = HashMap::new();
        for n in &review.narratives {
            // A narrative of an out-of-scope standard is on no page.
            match criteria.get(n.id.as_str()) {
                Some(anchors) => {
                    files.insert(&sources.get(n.file).path, anchors.clone());
                }
                None => {
                    files_out_of_scope.insert(&sources.get(n.file).path, n.id.as_str());
                }
            }
        }
        for s in review.summary.iter().chain(&review.cases_intro) {
            files.insert(&sources.get(s.file).path, ids(&s.body));
        }
        let in_scope = fw.domains.iter().filter(|d| review.in_scope(&d.id.value));
        let known = Known {
            standards: in_scope
                .clone()
                .flat_map(|d| d.standards.iter().map(|s| s.id.value.as_str()))
                .collect(),
            domains: in_scope.map(|d| d.id.value.as_str()).collect(),
            cases: review.cases.iter().map(|c| c.id.value.as_str()).collect(),
            focus: review.focus_areas.iter().map(|f| f.name.as_str()).collect(),
            pages: review.pages.iter().map(|p| p.name.as_str()).collect(),
        };
        Targets {
            known,
            left_out: &review.left_out,
            files,
            criteria,
            pages: review
                .pages
                .iter()
                .map(|p| (p.name.as_str(), ids(&p.body)))
                .collect(),
            focus,
            out_of_scope,
            files_out_of_scope,
            cases: review.cases.iter().map(|c| c.id.value.as_str()).collect(),
            case_file_failed: review.case_file_failed(),
            resources: &sources.resources,
            read: sources.files.iter().map(|f| f.path.as_str()).collect(),
        }
    }

    /// The error for a link or image naming a file that is not there.
    fn missing_file(&self, link: &LinkRef, path: &str) -> Diagnostic {
        if self.read.contains(path) {
            // A YAML file (or another text Evident reads) is content, shown
            // on its pages, not a file to download.
            return Diagnostic::error(
                "missing-file",
                format!(
                    "`{}` names `{path}`, which is content Evident reads, not a file it publishes",
                    link.written
                ),
            )
            .help("link to the page that shows it instead: `case:C04` for a case, `std:2.1` for a standard");
        }
        let known: Vec<&str> = self.resources.keys().map(String::as_str).collect();
        let d = Diagnostic::error(
            "missing-file",
            format!(
                "`{}` names the file `{path}`, which is not in the project",
                link.written
            ),
        );
        if path.starts_with("../") {
            return d.help("keep the file inside `content/` and name it by its path from this file; files outside `content/` are never published");
        }
        match nearest(path, &known) {
            Some(k) => d.help(format!(
                "did you mean `{k}`? A path is read from the folder of the file that names it"
            )),
            None => d.help(
                "save the file under `content/` (beside this file, or in `content/files/`) and name it by its path from this file",
            ),
        }
    }

    /// What to say of a link to the content file at `path` when the file
    /// is left out of the review; `None` when it is not.
    fn left_out(&self, link: &LinkRef, path: &str) -> Option<Result<(), Diagnostic>> {
        match self.left_out.get(path)? {
            // The file did not parse (or could not be read); its own error
            // says why, and a second error here would only repeat it.
            LeftOut::Failed => Some(Ok(())),
            LeftOut::Draft => Some(Err(Diagnostic::error(
                "link-to-draft",
                format!(
                    "link `{}` points to a draft, which is left out of this build",
                    link.written
                ),
            )
            .help(
                "build with --drafts to include drafts, or link to it once it is no longer a draft",
            ))),
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
        // What an id or name was probably meant to be, as a reference
        // written in front matter is told.
        let unknown = |what: &str, id: &str, known: &[&str], plural: &str| {
            missing(&format!("{what} `{id}`"), &suggestion(id, known, plural))
        };
        let no_page = |id: &str| {
            Diagnostic::error(
                "broken-link",
                format!("link `{}` points to `{id}`, which is out of the review's scope and has no page", link.written),
            )
            .help("link to a standard or domain listed in `scope:` (report.yaml)")
        };
        let anchors: &[String] = match &link.target {
            LinkTarget::Resource(path) => {
                if self.resources.contains_key(path.as_str()) {
                    return Ok(());
                }
                return Err(self.missing_file(link, path));
            }
            LinkTarget::Standard(id) | LinkTarget::Domain(id)
                if self.out_of_scope.contains(id.as_str()) =>
            {
                return Err(no_page(id));
            }
            LinkTarget::Standard(id) => {
                self.criteria
                    .get(id.as_str())
                    .filter(|_| !id.is_empty())
                    .ok_or_else(|| unknown("standard", id, &self.known.standards, "standards"))?
            }
            LinkTarget::Domain(id) => self
                .criteria
                .get(id.as_str())
                .ok_or_else(|| unknown("domain", id, &self.known.domains, "domains"))?,
            LinkTarget::Case(id) => {
                if !self.cases.contains(id.as_str()) && !self.case_file_failed {
                    return Err(unknown("case", id, &self.known.cases, "cases"));
                }
                if link.anchor.as_deref().is_some_and(|a| !a.is_empty()) {
                    return Err(Diagnostic::error(
                        "broken-anchor",
                        format!("link `{}` gives a case an anchor, but a case link already points at the case", link.written),
                    )
                    .help(format!("write `case:{id}` without `#…`")));
                }
                return Ok(());
            }
            LinkTarget::Focus(name) => match self.focus.get(name.as_str()) {
                Some(anchors) => anchors,
                None => {
                    let path = format!("content/focus/{name}.md");
                    return self.left_out(link, &path).unwrap_or_else(|| {
                        Err(unknown(
                            "focus area",
                            name,
                            &self.known.focus,
                            "focus areas",
                        ))
                    });
                }
            },
            LinkTarget::Page(name) => match self.pages.get(name.as_str()) {
                Some(anchors) => anchors,
                None => {
                    let path = format!("content/pages/{name}.md");
                    return self
                        .left_out(link, &path)
                        .unwrap_or_else(|| Err(unknown("page", name, &self.known.pages, "pages")));
                }
            },
            LinkTarget::File(path) => match self.files.get(path.as_str()) {
                Some(anchors) => anchors,
                None if self.files_out_of_scope.contains_key(path.as_str()) => {
                    return Err(no_page(self.files_out_of_scope[path.as_str()]));
                }
                None => {
                    return self.left_out(link, path).unwrap_or_else(|| {
                        Err(missing(
                            &format!("`{path}`"),
                            "link to a finding, page, focus area or standard narrative by its path relative to this file, e.g. `../findings/planning/plans.md`",
                        ))
                    });
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
