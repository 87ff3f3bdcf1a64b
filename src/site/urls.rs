//! URLs: where every page and anchor lives, all relative to the site root.
//! Pages add their `root` (`../` × depth) in front, so the site works from
//! any sub-path and from `file://`.

use crate::model::{Finding, LinkTarget, Resource, Resources, Review};
use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};
use std::collections::HashMap;

pub use crate::model::{case_anchor, file_slug, finding_anchor, path_id, standard_anchor};

/// `domains/2/index.html`
pub fn domain(id: &str) -> String {
    format!("domains/{}/index.html", path_id(id))
}

/// `domains/2/2-1.html`
pub fn standard(domain_id: &str, id: &str) -> String {
    format!("domains/{}/{}.html", path_id(domain_id), path_id(id))
}

/// `pages/approach.html`
pub fn page(slug: &str) -> String {
    format!("pages/{slug}.html")
}

/// `focus/exploitation.html`
pub fn focus(slug: &str) -> String {
    format!("focus/{slug}.html")
}

/// Where a case is shown: its own page, or its row on the cases page.
pub fn case(review: &Review, id: &str) -> String {
    if review.report.case_pages {
        format!("cases/{}.html", path_id(id))
    } else {
        format!("cases/index.html#{}", case_anchor(id))
    }
}

/// The page a criterion id (standard or domain) is shown on.
pub fn criterion(review: &Review, id: &str) -> Option<String> {
    if let Some((d, s)) = review.framework.standard(id) {
        return Some(standard(&d.id.value, &s.id.value));
    }
    review.framework.domain(id).map(|d| domain(&d.id.value))
}

/// A finding's home: the page of the first criterion it names, or the home
/// page's "Other findings".
pub fn finding(review: &Review, f: &Finding) -> String {
    let page = f
        .meta
        .criteria
        .first()
        .and_then(|c| criterion(review, &c.value))
        .unwrap_or_else(|| "index.html".to_string());
    format!("{page}#finding-{}", f.slug)
}

/// Resolves link targets to root-relative URLs.
#[derive(Debug, Clone, Default)]
pub struct Links {
    files: HashMap<String, String>,
    /// The project's images and downloads, by path.
    resources: Resources,
}

/// What a path in a URL must not hold as it is: controls, space, and the
/// characters that end or change a path (`#`, `?`, `%`…). Letters beyond
/// ASCII are always encoded.
const PATH: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'\\')
    .add(b'^')
    .add(b'|')
    .add(b'[')
    .add(b']');

/// A root-relative path as it is written in a URL.
pub fn encode_path(path: &str) -> String {
    utf8_percent_encode(path, PATH).to_string()
}

impl Links {
    /// Index the review's content files by path.
    pub fn new(review: &Review, sources: &crate::content::Sources) -> Self {
        let mut files = HashMap::new();
        for f in &review.findings {
            files.insert(sources.get(f.file).path.clone(), finding(review, f));
        }
        for p in &review.pages {
            files.insert(sources.get(p.file).path.clone(), page(&p.slug));
        }
        for f in &review.focus_areas {
            files.insert(sources.get(f.file).path.clone(), focus(&f.slug));
        }
        for n in &review.narratives {
            if let Some(url) = criterion(review, &n.id) {
                files.insert(sources.get(n.file).path.clone(), url);
            }
        }
        if let Some(s) = &review.summary {
            files.insert(sources.get(s.file).path.clone(), "index.html".to_string());
        }
        if let Some(s) = &review.cases_intro {
            files.insert(
                sources.get(s.file).path.clone(),
                "cases/index.html".to_string(),
            );
        }
        Links {
            files,
            resources: sources.resources.clone(),
        }
    }

    /// The resource at a project-relative path.
    pub fn resource(&self, path: &str) -> Option<&Resource> {
        self.resources.get(path)
    }

    /// Content file (project-relative path) → the root-relative URL of
    /// the page, and anchor, that shows it.
    pub fn into_map(self) -> HashMap<String, String> {
        self.files
    }

    /// The root-relative URL of a link, anchor included.
    pub fn url(&self, review: &Review, target: &LinkTarget, anchor: Option<&str>) -> String {
        let base = match target {
            LinkTarget::File(path) => self.files.get(path).cloned().unwrap_or_default(),
            LinkTarget::Standard(id) | LinkTarget::Domain(id) => {
                criterion(review, id).unwrap_or_default()
            }
            LinkTarget::Case(id) => case(review, id),
            // Named as written; published under the name's slug.
            LinkTarget::Focus(name) => focus(&file_slug(name)),
            LinkTarget::Page(name) => page(&file_slug(name)),
            LinkTarget::Resource(path) => self
                .resources
                .get(path)
                .map(|r| encode_path(&r.published))
                .unwrap_or_default(),
        };
        match anchor {
            Some(a) if !a.is_empty() => {
                let page = base.split('#').next().unwrap_or_default();
                format!("{page}#{a}")
            }
            _ => base,
        }
    }
}

/// `../` once per folder level of a root-relative page path.
pub fn root_of(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_and_roots() {
        assert_eq!(standard("2", "2.1"), "domains/2/2-1.html");
        assert_eq!(domain("2"), "domains/2/index.html");
        assert_eq!(root_of("domains/2/2-1.html"), "../../");
        assert_eq!(root_of("index.html"), "");
        assert_eq!(path_id("C04"), "C04");
    }
}
