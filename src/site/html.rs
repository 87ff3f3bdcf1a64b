//! Placing bodies on pages, part of `plan`: a body's sanitised HTML is
//! written into a page's context with its holes filled
//! ([`crate::model::BodyHtml`]).
//!
//! - Internal links get the URL of their target, relative to the page (or,
//!   in `report.html`, the in-page anchor of the place that shows it).
//! - Ids are claimed in the page's [`IdSet`] as each body is placed, so
//!   two bodies on one page never share an id (`detail`, `detail-1`); in
//!   the report, a chapter's or focus area's ids get its section's name in
//!   front (`page-approach--the-sample`) and keep it.
//! - `href="#id"` inside a body follows its id.
//!
//! Every value is written through the escaping writer: HTML is never
//! searched or spliced after sanitising.

use super::urls::{self, Links};
use crate::content::sanitise::escape_attribute;
use crate::model::{
    Body, Hole, IdSet, LinkTarget, Part, Resource, ResourceKind, Review, TocEntry, chapter_anchor,
    domain_anchor, focus_anchor, section,
};
use std::cell::RefCell;
use std::collections::HashSet;

/// Where a page of the site lives inside `report.html`.
pub(crate) fn report_anchor(path: &str) -> Option<String> {
    let parts: Vec<&str> = path.split('/').collect();
    let strip = |s: &str| s.trim_end_matches(".html").to_string();
    Some(match parts.as_slice() {
        ["index.html"] | ["findings.html"] | ["report.html"] => section::TOP.to_string(),
        ["pages", p] => chapter_anchor(&strip(p)),
        ["focus", f] => focus_anchor(&strip(f)),
        ["cases", "index.html"] => section::CASES.to_string(),
        ["cases", c] => urls::case_anchor(&strip(c)),
        ["domains", d, "index.html"] => domain_anchor(d),
        // The file name is the standard's id made path-safe already.
        ["domains", _, s] => urls::standard_anchor(&strip(s)),
        _ => return None,
    })
}

/// The ids `report.html` carries, known before any of its bodies is
/// placed, so a link can be sent to the exact place when the report has
/// it and to the section of the page it names when not.
#[derive(Debug, Default)]
pub struct ReportIds(HashSet<String>);

impl ReportIds {
    /// The ids of the report of `review`: every finding's anchor, every
    /// section's, and the ids of every body it shows (a chapter's and a
    /// focus area's behind their section's name).
    pub fn new(review: &Review) -> Self {
        let mut ids = HashSet::new();
        let mut add_body = |prefix: &str, body: &Body| {
            ids.extend(body.ids.iter().map(|id| format!("{prefix}{id}")));
        };
        for p in &review.pages {
            add_body(&format!("{}--", chapter_anchor(&p.slug)), &p.body);
        }
        for f in &review.focus_areas {
            add_body(&format!("{}--", focus_anchor(&f.slug)), &f.body);
        }
        for f in &review.findings {
            add_body("", &f.body);
        }
        for n in &review.narratives {
            add_body("", &n.body);
        }
        for c in &review.cases {
            add_body("", &c.notes_body);
        }
        if let Some(s) = &review.summary {
            add_body("", &s.body);
        }
        for d in &review.framework.domains {
            add_body("", &d.summary_body);
            for s in &d.standards {
                add_body("", &s.statement_body);
            }
        }
        let standards = review.framework.standards();
        ids.extend(standards.map(|(_, s)| urls::standard_anchor(&s.id.value)));
        ids.extend(
            review
                .findings
                .iter()
                .map(|f| urls::finding_anchor(&f.slug)),
        );
        ids.extend(review.cases.iter().map(|c| urls::case_anchor(&c.id.value)));
        ReportIds(ids)
    }

    /// The in-report anchor (`#…`) for a root-relative URL of the site;
    /// a URL that leaves the site comes back as it is.
    pub fn anchor(&self, url: &str) -> String {
        let (page, fragment) = url
            .split_once('#')
            .map_or((url, None), |(p, f)| (p, Some(f)));
        let Some(section) = report_anchor(page.trim_start_matches("./")) else {
            return url.to_string();
        };
        // A chapter's or focus area's ids carry its section's name here.
        let prefixed = (section.starts_with("page-") || section.starts_with("focus-"))
            .then(|| fragment.map(|f| format!("{section}--{f}")))
            .flatten();
        let exact = prefixed
            .filter(|p| self.0.contains(p))
            .or_else(|| fragment.filter(|f| self.0.contains(*f)).map(str::to_string));
        format!("#{}", exact.unwrap_or(section))
    }
}

/// One page being planned: where it sits, and the ids it carries so far.
pub struct Placement<'a> {
    /// `../` once for each folder the page is nested in.
    pub root: String,
    review: &'a Review,
    links: &'a Links,
    ids: RefCell<IdSet>,
    /// For `report.html`: links go to places in the report.
    report: Option<&'a ReportIds>,
}

/// A body as placed on a page: its HTML, and the id each of its ids
/// became there.
#[derive(Debug)]
pub struct Placed {
    /// The body's HTML, holes filled.
    pub html: String,
    ids: Vec<String>,
}

impl Placed {
    /// The body's contents list with the ids it has on this page; `lang`
    /// is the language its headings are in when not the page's.
    pub fn toc(&self, body: &Body, lang: Option<&str>) -> Vec<TocEntry> {
        body.toc
            .iter()
            .map(|entry| {
                let at = body.ids.iter().position(|id| *id == entry.id);
                TocEntry {
                    id: at.map_or_else(|| entry.id.clone(), |i| self.ids[i].clone()),
                    lang: lang.map(str::to_string),
                    ..entry.clone()
                }
            })
            .collect()
    }
}

impl<'a> Placement<'a> {
    /// A page of the site at the root-relative `path`.
    pub fn page(review: &'a Review, links: &'a Links, path: &str) -> Self {
        Placement {
            root: urls::root_of(path),
            review,
            links,
            ids: RefCell::new(IdSet::with_theme_ids()),
            report: None,
        }
    }

    /// `report.html`: one page at the root whose links go to its own
    /// sections.
    pub fn report(review: &'a Review, links: &'a Links, report: &'a ReportIds) -> Self {
        Placement {
            report: Some(report),
            ..Placement::page(review, links, "report.html")
        }
    }

    /// An id the plan gives an element of this page (a group's, a
    /// section's), claimed in the page's set as the bodies' ids are, so it
    /// is on the page once.
    pub fn anchor(&self, id: &str) -> String {
        self.ids.borrow_mut().claim(id)
    }

    /// A root-relative URL as this page links to it: unchanged (and not
    /// copied) on a page of the site, where templates put `root` in front;
    /// the in-page anchor in the report.
    pub fn link<'u>(&self, url: &'u str) -> std::borrow::Cow<'u, str> {
        match self.report {
            Some(report) => std::borrow::Cow::Owned(report.anchor(url)),
            None => std::borrow::Cow::Borrowed(url),
        }
    }

    /// Place `body` on this page.
    pub fn body(&self, body: &Body) -> Placed {
        self.body_behind(body, "")
    }

    /// Place `body` with `prefix` in front of each of its ids.
    pub fn body_behind(&self, body: &Body, prefix: &str) -> Placed {
        self.body_numbered(body, prefix, None)
    }

    /// Place `body` with `prefix` in front of each of its ids, and, when
    /// the report numbers its paragraphs, `numbers` for its numbered
    /// elements ([`Body::paragraphs`]): each gets the id `p-<number>` and
    /// its number, linking to itself, at its start.
    pub fn body_numbered(&self, body: &Body, prefix: &str, numbers: Option<&[String]>) -> Placed {
        // A paragraph's id, claimed on this page the first time it is
        // written (a later claim of the same text gets another).
        let mut paragraph_ids: Vec<Option<String>> = vec![None; body.paragraphs.len()];
        let mut paragraph_id = |n: usize, number: &str| -> String {
            paragraph_ids[n]
                .get_or_insert_with(|| self.ids.borrow_mut().claim(&format!("p-{number}")))
                .clone()
        };
        let ids: Vec<String> = {
            let mut set = self.ids.borrow_mut();
            body.ids
                .iter()
                .map(|id| set.claim(&format!("{prefix}{id}")))
                .collect()
        };
        let mut html = String::with_capacity(body.html.len() + 64 * body.links.len());
        for part in body
            .html
            .parts(self.review.edition == crate::model::Edition::Public)
        {
            match part {
                Part::Markup(markup) => html.push_str(markup),
                Part::Hole(Hole::Id(n)) => escape_attribute(&mut html, &ids[n]),
                Part::Hole(Hole::IdRef(n)) => {
                    html.push('#');
                    escape_attribute(&mut html, &ids[n]);
                }
                Part::Hole(Hole::Link(n)) => {
                    let link = &body.links[n];
                    let url = self
                        .links
                        .url(self.review, &link.target, link.anchor.as_deref());
                    let resource = match &link.target {
                        LinkTarget::Resource(path) => self.links.resource(path),
                        _ => None,
                    };
                    let url = match (self.report, resource) {
                        // The printable report carries its images in itself.
                        (Some(_), Some(r)) if r.is_image() => data_url(r),
                        (Some(report), None) => report.anchor(&url),
                        _ => format!("{}{url}", self.root),
                    };
                    escape_attribute(&mut html, &url);
                }
                Part::Hole(Hole::ImageSize(n)) => {
                    let size = match &body.links[n].target {
                        LinkTarget::Resource(path) => {
                            self.links.resource(path).and_then(|r| match r.kind {
                                ResourceKind::Image { size, .. } => size,
                                ResourceKind::Download => None,
                            })
                        }
                        _ => None,
                    };
                    if let Some((width, height)) = size {
                        html.push_str(&format!(" width=\"{width}\" height=\"{height}\""));
                    }
                }
                Part::Hole(Hole::ParagraphId(n)) => {
                    if let Some(number) = numbers.and_then(|all| all.get(n)) {
                        html.push_str(" id=\"");
                        escape_attribute(&mut html, &paragraph_id(n, number));
                        html.push('"');
                    }
                }
                Part::Hole(Hole::ParagraphNumber {
                    paragraph: n,
                    with_id,
                }) => {
                    if let Some(number) = numbers.and_then(|all| all.get(n)) {
                        let id = paragraph_id(n, number);
                        html.push_str("<a class=\"paragraph-number\"");
                        if with_id {
                            html.push_str(" id=\"");
                            escape_attribute(&mut html, &id);
                            html.push('"');
                        }
                        html.push_str(" href=\"#");
                        escape_attribute(&mut html, &id);
                        html.push_str("\">");
                        crate::content::sanitise::escape_text(&mut html, number);
                        html.push_str("</a> ");
                    }
                }
            }
        }
        Placed { html, ids }
    }
}

/// An image resource as a `data:` URL, for the self-contained report.
pub fn data_url(resource: &Resource) -> String {
    use base64::Engine;
    let format = match resource.kind {
        ResourceKind::Image { format, .. } => format.media_type(),
        ResourceKind::Download => "application/octet-stream",
    };
    format!(
        "data:{format};base64,{}",
        base64::engine::general_purpose::STANDARD.encode(&resource.bytes)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(ids: &[&str]) -> ReportIds {
        ReportIds(ids.iter().map(|s| s.to_string()).collect())
    }

    #[test]
    fn report_links_go_to_the_exact_place_or_the_section() {
        let r = report(&["finding-x", "page-approach--the-sample", "focus-b--context"]);
        assert_eq!(r.anchor("domains/2/2-1.html#finding-x"), "#finding-x");
        assert_eq!(r.anchor("domains/2/2-1.html#questions"), "#std-2-1");
        assert_eq!(r.anchor("pages/approach.html"), "#page-approach");
        assert_eq!(
            r.anchor("pages/approach.html#the-sample"),
            "#page-approach--the-sample"
        );
        assert_eq!(r.anchor("focus/b.html#context"), "#focus-b--context");
        assert_eq!(r.anchor("cases/index.html#case-C04"), "#cases");
        assert_eq!(r.anchor("index.html"), "#top");
        assert_eq!(
            r.anchor("https://example.org/a.html"),
            "https://example.org/a.html"
        );
    }
}
