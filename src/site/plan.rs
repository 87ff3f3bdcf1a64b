//! Plan: decide every page of the site — its path, its template and the
//! context it is rendered with.
//!
//! 1. Work out the pages and their reading order (home → pages before →
//!    each domain in scope and its standards → focus areas → cases → pages
//!    after), which gives previous/next links ([`Planner::new`]).
//! 2. For any one page, on request ([`Planner::plan`]), build a context of plain values: the shared `site`
//!    block (title, banners, navigation, asset names), `root` (`../` × depth)
//!    and the page's own data — findings grouped by kind with their bodies'
//!    links resolved for this page, key-question results read from the
//!    analysis, breadcrumbs.
//! 3. A finding shown twice on one page gets its `finding-<slug>` id only
//!    the first time; later places link back to it, so no page carries the
//!    same id twice.

use super::html::{Placement, ReportIds};
use super::urls::{self, Links};
use super::views::{
    CountView, EditionView, FiguresView, FrameworkView, OverallView, PromptView, RatingRuleView,
    RatingView, SampleView,
};
use crate::analyse::Analysis;
use crate::content::Sources;
use crate::model::{AssessedBy, Domain, Finding, Review, Standard, TocEntry};
use serde_json::{Value, json};
use std::collections::{BTreeMap, HashMap, HashSet};

/// Build a JSON object from `"key": value` pairs, moving each value in.
/// (`json!` serialises its arguments, deep-copying every nested finding
/// view; these contexts hold thousands of them.)
macro_rules! obj {
    ({ $($key:literal : $value:expr),* $(,)? }) => {{
        let mut map = serde_json::Map::new();
        $( map.insert($key.to_string(), Value::from($value)); )*
        Value::Object(map)
    }};
}

/// One page to render.
#[derive(Debug, Clone)]
pub struct PagePlan {
    /// Output path, root-relative.
    pub path: String,
    /// Template name.
    pub template: &'static str,
    /// Context (an object).
    pub context: Value,
}

/// Names of the theme's static files after content hashing.
pub type AssetNames = BTreeMap<String, String>;

/// Plans the pages of one review: knows every page's path and builds the
/// context of any one of them on request. `build` plans them all; the live
/// preview plans the pages open in a browser first.
pub struct Planner<'a> {
    review: &'a Review,
    analysis: &'a Analysis,
    links: Links,
    assets: &'a AssetNames,
    report_css: &'a str,
    sequence: Vec<(String, String)>,
    /// Every page, in reading order and then the pages outside it, with
    /// what plans it.
    jobs: Vec<(String, Job<'a>)>,
}

/// A page to plan.
#[derive(Clone, Copy)]
enum Job<'a> {
    Home,
    Page(&'a crate::model::Page),
    Domain(&'a Domain),
    Standard(&'a Domain, &'a Standard),
    Focus(&'a crate::model::FocusArea),
    Cases,
    Case(&'a crate::model::CaseAudit),
    Findings,
    Report,
    Search,
    NotFound,
}

impl<'a> Planner<'a> {
    /// Work out the pages of the site and their reading order.
    pub fn new(
        review: &'a Review,
        sources: &Sources,
        analysis: &'a Analysis,
        assets: &'a AssetNames,
        report_css: &'a str,
    ) -> Planner<'a> {
        let mut p = Planner {
            review,
            analysis,
            links: Links::new(review, sources),
            assets,
            report_css,
            sequence: Vec::new(),
            jobs: Vec::new(),
        };
        p.sequence = p.reading_order();
        let mut jobs = vec![("index.html".to_string(), Job::Home)];
        jobs.extend(
            review
                .pages
                .iter()
                .map(|x| (urls::page(&x.slug), Job::Page(x))),
        );
        for domain in p.domains_in_scope() {
            jobs.push((urls::domain(&domain.id.value), Job::Domain(domain)));
            jobs.extend(domain.standards.iter().map(|s| {
                (
                    urls::standard(&domain.id.value, &s.id.value),
                    Job::Standard(domain, s),
                )
            }));
        }
        jobs.extend(
            review
                .focus_areas
                .iter()
                .map(|f| (urls::focus(&f.slug), Job::Focus(f))),
        );
        jobs.push(("cases/index.html".to_string(), Job::Cases));
        if review.report.case_pages {
            jobs.extend(
                review
                    .cases
                    .iter()
                    .map(|c| (urls::case(review, &c.id.value), Job::Case(c))),
            );
        }
        jobs.extend([
            ("findings.html".to_string(), Job::Findings),
            ("report.html".to_string(), Job::Report),
            ("search.html".to_string(), Job::Search),
            ("404.html".to_string(), Job::NotFound),
        ]);
        p.jobs = jobs;
        p
    }

    /// The path of every HTML page, root-relative.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.jobs.iter().map(|(path, _)| path.as_str())
    }

    /// The plan of the page at `path`, if the site has one there.
    pub fn plan(&self, path: &str) -> Option<PagePlan> {
        let (_, job) = self.jobs.iter().find(|(p, _)| p == path)?;
        let planned = match *job {
            Job::Home => self.home(),
            Job::Page(page) => self.page(page),
            Job::Domain(domain) => self.domain(domain),
            Job::Standard(domain, standard) => self.standard(domain, standard),
            Job::Focus(focus) => self.focus(focus),
            Job::Cases => self.cases(),
            Job::Case(case) => self.case(case),
            Job::Findings => self.findings_page(),
            Job::Report => self.report(),
            Job::Search => self.simple("search.html", "search.html", "Search"),
            Job::NotFound => self.simple("404.html", "404.html", "Page not found"),
        };
        debug_assert_eq!(planned.path, path, "a page planned at another path");
        Some(planned)
    }

    fn domains_in_scope(&self) -> impl Iterator<Item = &'a Domain> {
        let review = self.review;
        review
            .framework
            .domains
            .iter()
            .filter(move |d| review.in_scope(&d.id.value))
    }

    fn reading_order(&self) -> Vec<(String, String)> {
        let mut seq = vec![("index.html".to_string(), "Home".to_string())];
        let (before, after): (Vec<_>, Vec<_>) = self
            .review
            .pages
            .iter()
            .partition(|p| p.meta.position == crate::model::Position::Before);
        for p in before {
            seq.push((urls::page(&p.slug), p.meta.title.clone()));
        }
        for d in self.domains_in_scope() {
            seq.push((urls::domain(&d.id.value), d.title.clone()));
            for s in &d.standards {
                seq.push((
                    urls::standard(&d.id.value, &s.id.value),
                    format!("{} {}", s.id.value, s.title),
                ));
            }
        }
        for f in &self.review.focus_areas {
            seq.push((urls::focus(&f.slug), f.meta.title.clone()));
        }
        seq.push(("cases/index.html".to_string(), "Case sample".to_string()));
        if self.review.report.case_pages {
            for c in &self.review.cases {
                seq.push((
                    urls::case(self.review, &c.id.value),
                    format!("Case {}", c.id.value),
                ));
            }
        }
        for p in after {
            seq.push((urls::page(&p.slug), p.meta.title.clone()));
        }
        seq.push(("findings.html".to_string(), "All findings".to_string()));
        seq
    }

    /// The group of pages `path` belongs to, for the sidebar: a domain and
    /// its standards, the focus areas, or the chapters. `None` elsewhere,
    /// and on a domain's own page, whose contents list already names each
    /// standard (as a section of that page).
    fn section(&self, path: &str) -> Option<Value> {
        let item = |url: String, title: String| {
            let current = url == path;
            json!({"url": url, "title": title, "current": current})
        };
        if let Some(d) = self
            .domains_in_scope()
            .find(|d| path.starts_with(urls::domain(&d.id.value).trim_end_matches("index.html")))
        {
            let url = urls::domain(&d.id.value);
            if url == path {
                return None;
            }
            let items: Vec<Value> = d
                .standards
                .iter()
                .map(|s| {
                    item(
                        urls::standard(&d.id.value, &s.id.value),
                        format!("{} {}", s.id.value, s.title),
                    )
                })
                .collect();
            return Some(json!({
                "title": format!("Domain {}: {}", d.id.value, d.title),
                "current": false,
                "url": url,
                "items": items,
            }));
        }
        let (title, items): (&str, Vec<Value>) = if path.starts_with("focus/") {
            let items = self
                .review
                .focus_areas
                .iter()
                .map(|f| item(urls::focus(&f.slug), f.meta.title.clone()))
                .collect();
            ("Focus areas", items)
        } else if path.starts_with("pages/") {
            let items = self
                .sequence
                .iter()
                .filter(|(url, _)| url.starts_with("pages/"))
                .map(|(url, title)| item(url.clone(), title.clone()))
                .collect();
            ("Chapters", items)
        } else {
            return None;
        };
        Some(json!({"title": title, "url": null, "current": false, "items": items}))
    }

    /// The context shared by every page.
    fn base(&self, path: &str, title: &str, kind: &str, crumbs: Vec<(String, String)>) -> Value {
        let r = &self.review.report;
        let root = urls::root_of(path);
        let at = self.sequence.iter().position(|(p, _)| p == path);
        let link = |i: Option<usize>| {
            i.and_then(|i| self.sequence.get(i))
                .map(|(url, title)| json!({"url": url, "title": title}))
        };
        let prev = link(at.and_then(|i| i.checked_sub(1)));
        // Pages outside the reading order (search, 404) lead back to the start.
        let next = link(at.map_or(Some(0), |i| Some(i + 1)));
        let nav: Vec<Value> = self
            .domains_in_scope()
            .map(|d| {
                let url = urls::domain(&d.id.value);
                let current = path.starts_with(url.trim_end_matches("index.html"));
                json!({"id": d.id.value, "title": d.title, "url": url, "current": current})
            })
            .collect();
        let mut breadcrumbs: Vec<Value> = vec![json!({"title": "Home", "url": "index.html"})];
        breadcrumbs.extend(
            crumbs
                .into_iter()
                .map(|(t, u)| json!({"title": t, "url": u})),
        );
        let ratings = r
            .show_ratings
            .then(|| RatingRuleView::new(self.review.framework.ratings.as_ref()));
        json!({
            "root": root,
            "ratings": ratings,
            "figures": FiguresView::new(r.figures),
            "edition": EditionView::new(self.review.edition),
            "site": {
                "title": r.title,
                "subtitle": r.subtitle,
                "organisation": r.organisation,
                "review_type": r.review_type,
                "classification": r.classification,
                "status": r.status.as_str(),
                "is_draft": r.status == crate::model::Status::Draft,
                "language": r.language,
                "nav": nav,
                "assets": self.assets,
                "has_focus": !self.review.focus_areas.is_empty(),
                "kinds": self.review.kinds().iter().map(|k| json!({"id": k.id.value, "label": k.label})).collect::<Vec<_>>(),
            },
            "page": {
                "path": path,
                "title": title,
                "kind": kind,
                "breadcrumbs": breadcrumbs,
                "prev": prev,
                "next": next,
                "toc": [],
                "section": self.section(path),
            }
        })
    }

    fn criterion_title(&self, id: &str) -> String {
        if let Some((_, s)) = self.review.framework.standard(id) {
            return format!("{} {}", s.id.value, s.title);
        }
        self.review.framework.domain(id).map_or_else(
            || id.to_string(),
            |d| format!("Domain {}: {}", d.id.value, d.title),
        )
    }

    /// A finding as shown on a page; `first` is whether it is the first
    /// time the page shows it (only then does it carry its id and body).
    fn finding(&self, f: &Finding, place: &Placement<'_>, seen: &mut HashSet<String>) -> Value {
        let first = seen.insert(f.slug.clone());
        let review = self.review;
        let criteria: Vec<Value> = f
            .meta
            .criteria
            .iter()
            .map(|c| {
                json!({"id": c.value, "title": self.criterion_title(&c.value),
                       "url": place.url(&urls::criterion(review, &c.value).unwrap_or_default())})
            })
            .collect();
        let focus: Vec<Value> = f
            .meta
            .focus
            .iter()
            .filter_map(|s| review.focus_areas.iter().find(|fa| fa.slug == s.value))
            .map(|fa| {
                json!({"slug": fa.slug, "title": fa.meta.title, "url": place.url(&urls::focus(&fa.slug))})
            })
            .collect();
        // The public edition names no case.
        let cases: Vec<Value> = f
            .meta
            .cases
            .iter()
            .filter(|_| !self.public())
            .map(|c| json!({"id": c.value, "url": place.url(&urls::case(review, &c.value))}))
            .collect();
        obj!({
            "slug": f.slug.as_str(),
            "id": if first { Some(format!("finding-{}", f.slug)) } else { None },
            "first": first,
            "title": f.meta.title.as_str(),
            "kind": f.meta.kind.value.as_str(),
            "kind_tag": self.review.kind_tag(&f.meta.kind.value),
            "html": if first { place.body(&f.body).html } else { String::new() },
            "url": place.url(&urls::finding(review, f)),
            "criteria": criteria,
            "focus": focus,
            "cases": cases,
            "draft": f.meta.draft,
        })
    }

    /// Findings grouped by kind, in the report's kind order; empty groups left out.
    fn by_kind(
        &self,
        findings: &[&Finding],
        place: &Placement<'_>,
        seen: &mut HashSet<String>,
    ) -> Vec<Value> {
        self.review
            .kinds()
            .iter()
            .filter_map(|k| {
                let items: Vec<Value> = sorted(
                    findings
                        .iter()
                        .copied()
                        .filter(|f| f.meta.kind.value == k.id.value),
                )
                .into_iter()
                .map(|f| self.finding(f, place, seen))
                .collect();
                (!items.is_empty())
                    .then(|| obj!({"kind": k.id.value.as_str(), "label": k.label.as_str(), "findings": items}))
            })
            .collect()
    }

    /// Whether this is the public edition: no case is named or shown.
    fn public(&self) -> bool {
        self.review.edition == crate::model::Edition::Public
    }

    fn findings_naming(&self, id: &str) -> Vec<&'a Finding> {
        self.review
            .findings
            .iter()
            .filter(|f| f.meta.criteria.iter().any(|c| c.value == id))
            .collect()
    }

    /// The narrative of a standard or domain placed on the page: its HTML,
    /// and its headings as the page's contents list needs them.
    fn narrative(&self, id: &str, place: &Placement<'_>) -> (Option<String>, Vec<TocEntry>) {
        match self.review.narratives.iter().find(|n| n.id == id) {
            Some(n) => {
                let placed = place.body(&n.body);
                let toc = placed.toc(&n.body);
                (Some(placed.html), toc)
            }
            None => (None, Vec::new()),
        }
    }

    fn narrative_title(&self, id: &str) -> Option<String> {
        self.review
            .narratives
            .iter()
            .find(|n| n.id == id)
            .and_then(|n| n.meta.title.clone())
    }

    fn questions(&self, s: &Standard) -> Vec<Value> {
        let dims = &self.review.framework.dimensions;
        s.questions
            .iter()
            .map(|q| {
                let r = self.analysis.questions.get(&q.id.value).cloned().unwrap_or_default();
                let dimension = q.dimension.as_ref().map(|d| {
                    dims.iter()
                        .find(|x| x.id.value == d.value)
                        .map_or_else(|| d.value.clone(), |x| x.title.clone())
                });
                json!({
                    "id": q.id.value,
                    "text": q.text,
                    "prompts": q.prompts.iter().map(|p| PromptView::new(p, self.analysis)).collect::<Vec<_>>(),
                    "dimension": dimension,
                    "met": r.met,
                    "not_met": r.not_met,
                    "excluded": r.excluded,
                    "unanswered": r.unanswered,
                    "applicable": r.applicable(),
                    "percent": r.percent,
                    "percent_text": r.percent.map_or_else(|| "–".to_string(), |p| format!("{p:.1}%")),
                    // n/N beside every percentage: met of applicable.
                    "share": format!("{}/{}", r.met, r.applicable()),
                })
            })
            .collect()
    }

    fn rating(&self, s: &Standard) -> Value {
        let view = self
            .analysis
            .standards
            .get(&s.id.value)
            .and_then(RatingView::of);
        serde_json::to_value(view).unwrap_or_default()
    }

    /// A standard as shown on a page (its own page, its domain's page, the report).
    fn standard_view(
        &self,
        d: &Domain,
        s: &Standard,
        place: &Placement<'_>,
        seen: &mut HashSet<String>,
    ) -> Value {
        let findings = self.findings_naming(&s.id.value);
        let result = self
            .analysis
            .standards
            .get(&s.id.value)
            .cloned()
            .unwrap_or_default();
        let counts: Vec<Value> = self
            .review
            .kinds()
            .iter()
            .map(|k| {
                json!({"kind": k.id.value, "label": k.label,
                "count": findings.iter().filter(|f| f.meta.kind.value == k.id.value).count()})
            })
            .collect();
        let (narrative_html, narrative_toc) = self.narrative(&s.id.value, place);
        obj!({
            "id": s.id.value.as_str(),
            "anchor": urls::standard_anchor(&s.id.value),
            "title": s.title.as_str(),
            "url": place.url(&urls::standard(&d.id.value, &s.id.value)),
            "statement_html": place.body(&s.statement_body).html,
            "narrative_html": narrative_html,
            "narrative_toc": serde_json::to_value(narrative_toc).unwrap_or_default(),
            "narrative_title": self.narrative_title(&s.id.value),
            "assessed_by": s.assessed_by.as_str(),
            "by_cases": s.assessed_by == AssessedBy::Cases,
            "groups": self.by_kind(&findings, place, seen),
            "counts": counts,
            "finding_count": findings.len(),
            "questions": self.questions(s),
            // The figure that decides a grade: only where ratings are shown.
            "lowest": if self.review.report.show_ratings { result.lowest.map(crate::analyse::one_decimal) } else { None },
            "lowest_text": self.review.report.show_ratings.then(|| result.lowest.map_or_else(|| "–".to_string(), |p| format!("{p:.1}%"))),
            "rating": self.rating(s),
            // The most cases any key question applied to, and whether that
            // is a small sample (below the report's `small_sample`).
            "sample": result.sample,
            "small_sample": result.small,
            "small_sample_below": self.review.report.small_sample.value,
        })
    }

    fn home(&self) -> PagePlan {
        let place = Placement::page(self.review, &self.links, "index.html");
        self.home_on(&place)
    }

    /// The home page's context, with its bodies placed by `place` (the
    /// report starts from it).
    fn home_on(&self, place: &Placement<'_>) -> PagePlan {
        let review = self.review;
        let r = &review.report;
        let path = "index.html";
        let mut ctx = self.base(path, &r.title, "home", Vec::new());
        let mut seen = HashSet::new();
        let cards: Vec<Value> = self
            .domains_in_scope()
            .map(|d| {
                let in_domain: Vec<&Finding> = review
                    .findings
                    .iter()
                    .filter(|f| {
                        f.meta.criteria.iter().any(|c| {
                            c.value == d.id.value
                                || review.framework.standard(&c.value).is_some_and(|(fd, _)| fd.id.value == d.id.value)
                        })
                    })
                    .collect();
                let counts: Vec<Value> = review
                    .kinds()
                    .iter()
                    .map(|k| json!({"kind": k.id.value, "label": k.label,
                        "count": in_domain.iter().filter(|f| f.meta.kind.value == k.id.value).count()}))
                    .collect();
                // Under the same disclosure rule as the sample's tables.
                let cases = self
                    .analysis
                    .sample
                    .of_domain(&d.id.value)
                    .map(|cell| CountView::new(&d.title, cell));
                json!({"id": d.id.value, "title": d.title, "url": urls::domain(&d.id.value),
                       "summary_html": place.body(&d.summary_body).html,
                       "counts": counts, "cases": cases,
                       "standards": d.standards.iter().map(|s| json!({"id": s.id.value, "title": s.title,
                            "url": urls::standard(&d.id.value, &s.id.value)})).collect::<Vec<_>>()})
            })
            .collect();
        let out_of_scope: Vec<Value> = review
            .framework
            .domains
            .iter()
            .filter(|d| !review.in_scope(&d.id.value))
            .map(|d| json!({"id": d.id.value, "title": d.title}))
            .collect();
        let other: Vec<&Finding> = review
            .findings
            .iter()
            .filter(|f| f.meta.criteria.is_empty())
            .collect();
        let team: Vec<Value> = r
            .review_team
            .iter()
            .map(|m| json!({"name": m.name, "role": m.role, "organisation": m.organisation}))
            .collect();
        let pages: Vec<Value> = review
            .pages
            .iter()
            .map(|p| json!({"title": p.meta.title, "url": urls::page(&p.slug), "position": if p.meta.position == crate::model::Position::Before {"before"} else {"after"}}))
            .collect();
        let focus: Vec<Value> = review
            .focus_areas
            .iter()
            .map(|f| json!({"title": f.meta.title, "url": urls::focus(&f.slug)}))
            .collect();
        ctx["report"] = json!({
            "title": r.title,
            "subtitle": r.subtitle,
            "organisation": r.organisation,
            "commissioned_by": r.commissioned_by,
            "review_type": r.review_type,
            "fieldwork": r.fieldwork.as_ref().map(|f| json!({"start": f.start.value.long(), "end": f.end.value.long(),
                "start_iso": f.start.value.iso(), "end_iso": f.end.value.iso()})),
            "published": r.published.as_ref().map(|d| d.long()),
            "published_iso": r.published.as_ref().map(|d| d.iso()),
            "team": team,
            "status": r.status.as_str(),
            "classification": r.classification,
        });
        ctx["framework"] = json!(FrameworkView::new(&review.framework));
        ctx["overall"] = json!(OverallView::new(review, self.analysis));
        ctx["summary"] = json!({
            "title": review.summary.as_ref().and_then(|s| s.meta.title.clone()).unwrap_or_else(|| "Summary".to_string()),
            "html": review.summary.as_ref().map(|s| place.body(&s.body).html),
        });
        ctx["domains"] = Value::from(cards);
        ctx["out_of_scope"] = Value::from(out_of_scope);
        ctx["other_findings"] = Value::from(self.by_kind(&other, place, &mut seen));
        ctx["sample_size"] = json!(self.analysis.sample.total);
        ctx["min_count"] = json!(self.analysis.sample.min_count);
        ctx["pages"] = Value::from(pages);
        ctx["focus_areas"] = Value::from(focus);
        PagePlan {
            path: path.into(),
            template: "index.html",
            context: ctx,
        }
    }

    fn page(&self, p: &crate::model::Page) -> PagePlan {
        let path = urls::page(&p.slug);
        let place = Placement::page(self.review, &self.links, &path);
        let mut ctx = self.base(
            &path,
            &p.meta.title,
            "page",
            vec![(p.meta.title.clone(), path.clone())],
        );
        let placed = place.body(&p.body);
        ctx["page"]["toc"] = json!(placed.toc(&p.body));
        ctx["html"] = json!(placed.html);
        PagePlan {
            path,
            template: "page.html",
            context: ctx,
        }
    }

    fn domain(&self, d: &Domain) -> PagePlan {
        let path = urls::domain(&d.id.value);
        let place = Placement::page(self.review, &self.links, &path);
        let title = format!("Domain {}: {}", d.id.value, d.title);
        let mut ctx = self.base(&path, &title, "domain", vec![(title.clone(), path.clone())]);
        let mut seen = HashSet::new();
        let own = self.findings_naming(&d.id.value);
        let (narrative_html, narrative_toc) = self.narrative(&d.id.value, &place);
        let summary_html = place.body(&d.summary_body).html;
        let domain_groups = self.by_kind(&own, &place, &mut seen);
        let standards: Vec<Value> = d
            .standards
            .iter()
            .map(|s| self.standard_view(d, s, &place, &mut seen))
            .collect();
        let mut toc: Vec<Value> = narrative_toc.iter().map(|t| json!(t)).collect();
        toc.extend(standards.iter().map(|s| json!({"level": 2, "id": s["anchor"], "title": format!("{} {}", s["id"].as_str().unwrap_or(""), s["title"].as_str().unwrap_or(""))})));
        ctx["page"]["toc"] = json!(toc);
        ctx["domain"] = obj!({
            "id": d.id.value.as_str(),
            "title": d.title.as_str(),
            "summary_html": summary_html,
            "narrative_html": narrative_html,
            "narrative_title": self.narrative_title(&d.id.value),
            "groups": domain_groups,
            "standards": standards,
            "show_ratings": self.review.report.show_ratings,
        });
        PagePlan {
            path,
            template: "domain.html",
            context: ctx,
        }
    }

    fn standard(&self, d: &Domain, s: &Standard) -> PagePlan {
        let path = urls::standard(&d.id.value, &s.id.value);
        let place = Placement::page(self.review, &self.links, &path);
        let title = format!("{} {}", s.id.value, s.title);
        let domain_title = format!("Domain {}: {}", d.id.value, d.title);
        let mut ctx = self.base(
            &path,
            &title,
            "standard",
            vec![
                (domain_title.clone(), urls::domain(&d.id.value)),
                (title.clone(), path.clone()),
            ],
        );
        let mut seen = HashSet::new();
        let view = self.standard_view(d, s, &place, &mut seen);
        let mut toc: Vec<Value> = view["narrative_toc"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        for g in view["groups"].as_array().into_iter().flatten() {
            toc.push(json!({"level": 2, "id": format!("kind-{}", g["kind"].as_str().unwrap_or("")), "title": g["label"]}));
        }
        if s.assessed_by == AssessedBy::Cases {
            toc.push(json!({"level": 2, "id": "questions", "title": "Key questions"}));
        }
        ctx["page"]["toc"] = json!(toc);
        ctx["domain"] = json!({"id": d.id.value, "title": d.title, "url": urls::domain(&d.id.value),
            "standards": d.standards.iter().map(|x| json!({"id": x.id.value, "title": x.title,
                "url": urls::standard(&d.id.value, &x.id.value), "current": x.id.value == s.id.value})).collect::<Vec<_>>()});
        ctx["standard"] = view;
        ctx["show_ratings"] = json!(self.review.report.show_ratings);
        PagePlan {
            path,
            template: "standard.html",
            context: ctx,
        }
    }

    fn focus(&self, f: &crate::model::FocusArea) -> PagePlan {
        let review = self.review;
        let path = urls::focus(&f.slug);
        let place = Placement::page(review, &self.links, &path);
        // The focus area's own text first: its headings keep their ids.
        let own = place.body(&f.body);
        let mut ctx = self.base(
            &path,
            &f.meta.title,
            "focus",
            vec![(f.meta.title.clone(), path.clone())],
        );
        let mut seen = HashSet::new();
        let tagged: Vec<&Finding> = review
            .findings
            .iter()
            .filter(|x| x.meta.focus.iter().any(|s| s.value == f.slug))
            .collect();
        // Grouped by what each finding names: a domain's own findings under
        // the domain, then each of its standards; a finding naming several
        // is shown in full once and linked from its other groups.
        let mut groups = Vec::new();
        let group = |title: String,
                     url: String,
                     id: &str,
                     groups: &mut Vec<Value>,
                     seen: &mut HashSet<String>| {
            let here = tagged
                .iter()
                .copied()
                .filter(|x| x.meta.criteria.iter().any(|c| c.value == id));
            let items: Vec<Value> = sorted(here)
                .into_iter()
                .map(|x| self.finding(x, &place, seen))
                .collect();
            if !items.is_empty() {
                groups.push(obj!({"title": title, "url": url, "findings": items}));
            }
        };
        for d in self.domains_in_scope() {
            group(
                format!("Domain {}: {}", d.id.value, d.title),
                urls::domain(&d.id.value),
                &d.id.value,
                &mut groups,
                &mut seen,
            );
            for s in &d.standards {
                group(
                    format!("{} {}", s.id.value, s.title),
                    urls::standard(&d.id.value, &s.id.value),
                    &s.id.value,
                    &mut groups,
                    &mut seen,
                );
            }
        }
        let other: Vec<&Finding> = tagged
            .iter()
            .copied()
            .filter(|x| x.meta.criteria.is_empty())
            .collect();
        if !other.is_empty() {
            let items: Vec<Value> = sorted(other.into_iter())
                .into_iter()
                .map(|x| self.finding(x, &place, &mut seen))
                .collect();
            groups.push(obj!({"title": "Other findings", "url": Value::Null, "findings": items}));
        }
        let cases: Vec<Value> = review
            .cases
            .iter()
            .filter(|_| !self.public())
            .filter(|c| c.focus.iter().any(|s| s.value == f.slug))
            .map(|c| json!({"id": c.id.value, "url": urls::case(review, &c.id.value), "disposal": c.disposal, "domain": c.domain.value}))
            .collect();
        let mut toc = own
            .toc(&f.body)
            .iter()
            .map(|t| json!(t))
            .collect::<Vec<_>>();
        toc.push(json!({"level": 2, "id": "findings", "title": "Findings"}));
        toc.push(json!({"level": 2, "id": "cases", "title": "Cases"}));
        ctx["page"]["toc"] = json!(toc);
        ctx["focus"] = obj!({"slug": f.slug.as_str(), "title": f.meta.title.as_str(),
            "html": own.html, "groups": groups, "cases": cases,
            "finding_count": tagged.len()});
        PagePlan {
            path,
            template: "focus.html",
            context: ctx,
        }
    }

    fn matrices(&self, place: &Placement<'_>) -> Vec<Value> {
        let review = self.review;
        let fw = &review.framework;
        // Case by case: not in the public edition.
        if self.public() {
            return Vec::new();
        }
        self.domains_in_scope()
            .filter_map(|d| {
                let cases: Vec<_> = review.cases.iter().filter(|c| c.domain.value == d.id.value).collect();
                if cases.is_empty() {
                    return None;
                }
                let questions: Vec<&crate::model::KeyQuestion> = d
                    .standards
                    .iter()
                    .filter(|s| s.assessed_by == AssessedBy::Cases)
                    .flat_map(|s| s.questions.iter())
                    .collect();
                // Each case's notes placed once, shown in its row and below.
                let notes_of: HashMap<&String, String> = cases
                    .iter()
                    .map(|c| (&c.id.value, place.body(&c.notes_body).html))
                    .collect();
                let notes = &notes_of;
                let mut answer_notes: Vec<Value> = Vec::new();
                let rows: Vec<Value> = cases
                    .iter()
                    .map(|c| {
                        let answers: Vec<Value> = questions
                            .iter()
                            .map(|q| match c.answer(&q.id.value) {
                                Some(a) => {
                                    let note_no = a.note.as_ref().map(|note| {
                                        answer_notes.push(json!({"no": answer_notes.len() + 1, "case": c.id.value, "question": q.id.value, "note": note,
                                            "anchor": format!("note-{}-{}", urls::path_id(&c.id.value), urls::path_id(&q.id.value))}));
                                        answer_notes.len()
                                    });
                                    let counts = fw.answer(&a.answer).map(|o| match o.counts {
                                        crate::model::Counts::Met => "met",
                                        crate::model::Counts::NotMet => "not-met",
                                        crate::model::Counts::Excluded => "excluded",
                                    });
                                    json!({"answer": a.answer, "note": a.note, "note_no": note_no,
                                        "note_anchor": format!("note-{}-{}", urls::path_id(&c.id.value), urls::path_id(&q.id.value)), "counts": counts})
                                }
                                None => json!({"answer": null, "note": null, "note_no": null, "counts": "missing"}),
                            })
                            .collect();
                        json!({"id": c.id.value, "anchor": urls::case_anchor(&c.id.value),
                            "url": urls::case(review, &c.id.value),
                            "disposal": c.disposal, "audit": c.audit.label(),
                            "started": c.started.as_ref().map(|s| s.long()),
                            "notes_html": notes.get(&c.id.value).cloned(),
                            "answers": answers})
                    })
                    .collect();
                let totals: Vec<Value> = questions
                    .iter()
                    .map(|q| {
                        let r = self.analysis.questions.get(&q.id.value).cloned().unwrap_or_default();
                        json!({"id": q.id.value, "met": r.met, "applicable": r.applicable(),
                            "percent_text": r.percent.map_or_else(|| "–".to_string(), |p| format!("{p:.1}%"))})
                    })
                    .collect();
                Some(json!({"id": d.id.value, "anchor": urls::path_id(&d.id.value), "title": d.title,
                    "questions": questions.iter().map(|q| json!({"id": q.id.value, "text": q.text})).collect::<Vec<_>>(),
                    "case_notes": cases.iter().filter(|c| !c.notes_body.html.is_empty())
                        .map(|c| json!({"id": c.id.value, "notes_html": notes.get(&c.id.value)}))
                        .collect::<Vec<_>>(),
                    "rows": rows, "totals": totals, "notes": answer_notes}))
            })
            .collect()
    }

    fn sample(&self) -> Value {
        let view = SampleView::new(&self.analysis.sample, &self.review.framework);
        serde_json::to_value(view).unwrap_or_default()
    }

    fn cases(&self) -> PagePlan {
        let path = "cases/index.html".to_string();
        let place = Placement::page(self.review, &self.links, &path);
        // The introduction first: its headings keep their ids.
        let intro = self
            .review
            .cases_intro
            .as_ref()
            .map(|s| (place.body(&s.body), &s.body));
        let mut ctx = self.base(
            &path,
            "Case sample",
            "cases",
            vec![("Case sample".into(), path.clone())],
        );
        ctx["sample"] = self.sample();
        ctx["matrices"] = Value::from(self.matrices(&place));
        ctx["intro_html"] = json!(intro.as_ref().map(|(placed, _)| placed.html.clone()));
        ctx["intro_title"] = json!(
            self.review
                .cases_intro
                .as_ref()
                .and_then(|s| s.meta.title.clone())
        );
        ctx["case_pages"] = json!(self.review.report.case_pages);
        // The introduction's own title and headings come first, as on the page.
        let mut toc: Vec<Value> = Vec::new();
        if let Some((placed, body)) = &intro {
            if let Some(title) = self
                .review
                .cases_intro
                .as_ref()
                .and_then(|s| s.meta.title.as_ref())
            {
                toc.push(json!({"level": 2, "id": "intro", "title": title}));
            }
            toc.extend(placed.toc(body).iter().map(|t| json!(t)));
        }
        let toc = toc
            .into_iter()
            .chain([json!({"level": 2, "id": "sample", "title": "The sample"})])
            .chain(ctx["matrices"].as_array().into_iter().flatten().map(|m| {
                json!({"level": 2, "id": format!("matrix-{}", urls::path_id(m["id"].as_str().unwrap_or(""))),
                    "title": format!("Domain {}: {}", m["id"].as_str().unwrap_or(""), m["title"].as_str().unwrap_or(""))})
            }))
            .collect::<Vec<_>>();
        ctx["page"]["toc"] = json!(toc);
        PagePlan {
            path,
            template: "cases.html",
            context: ctx,
        }
    }

    fn case(&self, c: &crate::model::CaseAudit) -> PagePlan {
        let review = self.review;
        let path = format!("cases/{}.html", urls::path_id(&c.id.value));
        let place = Placement::page(review, &self.links, &path);
        let title = format!("Case {}", c.id.value);
        let mut ctx = self.base(
            &path,
            &title,
            "case",
            vec![
                ("Case sample".into(), "cases/index.html".into()),
                (title.clone(), path.clone()),
            ],
        );
        let answers: Vec<Value> = c
            .answers
            .iter()
            .map(|(q, a)| {
                let text = review.framework.answerable_text(&q.value);
                json!({"id": q.value, "text": text, "answer": a.value.answer, "note": a.value.note})
            })
            .collect();
        let findings: Vec<Value> = review
            .findings
            .iter()
            .filter(|f| f.meta.cases.iter().any(|x| x.value == c.id.value))
            .map(|f| json!({"title": f.meta.title, "url": urls::finding(review, f), "kind_tag": self.review.kind_tag(&f.meta.kind.value)}))
            .collect();
        ctx["case"] = json!({"id": c.id.value, "domain": c.domain.value, "disposal": c.disposal,
            "audit": c.audit.label(), "started": c.started.as_ref().map(|s| s.long()),
            "notes_html": place.body(&c.notes_body).html, "answers": answers, "findings": findings});
        PagePlan {
            path,
            template: "case.html",
            context: ctx,
        }
    }

    fn findings_page(&self) -> PagePlan {
        let review = self.review;
        let path = "findings.html".to_string();
        let place = Placement::page(review, &self.links, &path);
        let mut ctx = self.base(
            &path,
            "All findings",
            "findings",
            vec![("All findings".into(), path.clone())],
        );
        let mut seen = HashSet::new();
        let all: Vec<&Finding> = review.findings.iter().collect();
        ctx["groups"] = Value::from(self.by_kind(&all, &place, &mut seen));
        ctx["filters"] = json!({
            "kinds": review.kinds().iter().map(|k| json!({"id": k.id.value, "label": k.label})).collect::<Vec<_>>(),
            "standards": review.framework.standards().filter(|(d, _)| review.in_scope(&d.id.value))
                .map(|(_, s)| json!({"id": s.id.value, "title": format!("{} {}", s.id.value, s.title)})).collect::<Vec<_>>(),
            "focus": review.focus_areas.iter().map(|f| json!({"id": f.slug, "title": f.meta.title})).collect::<Vec<_>>(),
        });
        ctx["total"] = json!(review.findings.len());
        PagePlan {
            path,
            template: "findings.html",
            context: ctx,
        }
    }

    fn report(&self) -> PagePlan {
        // The report is one page at the root: links go to the place in the
        // report that shows their target, and ids are made unique as the
        // parts are placed, in reading order.
        let review = self.review;
        let report_ids = ReportIds::new(review);
        let place = Placement::report(review, &self.links, &report_ids);
        // The home page's facts, with its bodies placed here instead.
        let mut ctx = self.home().context;
        ctx["page"]["path"] = json!("report.html");
        ctx["page"]["kind"] = json!("report");
        ctx["summary"]["html"] = json!(review.summary.as_ref().map(|s| place.body(&s.body).html));
        let mut seen = HashSet::new();
        // Chapters and focus areas bring their headings into one page: each
        // id gets its section's name in front (`page-approach--the-sample`).
        let chapter = |p: &crate::model::Page| {
            let html = place
                .body_behind(&p.body, &format!("page-{}--", p.slug))
                .html;
            obj!({"slug": p.slug.as_str(), "title": p.meta.title.as_str(), "html": html})
        };
        ctx["before"] = Value::from(
            review
                .pages
                .iter()
                .filter(|p| p.meta.position == crate::model::Position::Before)
                .map(chapter)
                .collect::<Vec<_>>(),
        );
        let domains: Vec<Value> = self
            .domains_in_scope()
            .map(|d| {
                let own = self.findings_naming(&d.id.value);
                let summary_html = place.body(&d.summary_body).html;
                let (narrative_html, _) = self.narrative(&d.id.value, &place);
                obj!({"id": d.id.value.as_str(), "title": d.title.as_str(), "anchor": format!("domain-{}", urls::path_id(&d.id.value)),
                    "summary_html": summary_html,
                    "narrative_html": narrative_html,
                    "narrative_title": self.narrative_title(&d.id.value),
                    "groups": self.by_kind(&own, &place, &mut seen),
                    "standards": d.standards.iter().map(|s| self.standard_view(d, s, &place, &mut seen)).collect::<Vec<_>>()})
            })
            .collect();
        ctx["report_domains"] = Value::from(domains);
        let other: Vec<&Finding> = review
            .findings
            .iter()
            .filter(|f| f.meta.criteria.is_empty())
            .collect();
        ctx["other_findings"] = Value::from(self.by_kind(&other, &place, &mut seen));
        ctx["report_focus"] = json!(review.focus_areas.iter().map(|f| json!({"slug": f.slug, "title": f.meta.title,
            "html": place.body_behind(&f.body, &format!("focus-{}--", f.slug)).html,
            "findings": review.findings.iter().filter(|x| x.meta.focus.iter().any(|s| s.value == f.slug))
                .map(|x| json!({"title": x.meta.title, "id": format!("finding-{}", x.slug)})).collect::<Vec<_>>()})).collect::<Vec<_>>());
        ctx["sample"] = self.sample();
        ctx["matrices"] = Value::from(self.matrices(&place));
        ctx["after"] = Value::from(
            review
                .pages
                .iter()
                .filter(|p| p.meta.position == crate::model::Position::After)
                .map(chapter)
                .collect::<Vec<_>>(),
        );
        ctx["show_ratings"] = json!(review.report.show_ratings);
        ctx["report_css"] = json!(self.report_css);
        ctx["classification_css"] = json!(css_string(
            review.report.classification.as_deref().unwrap_or("")
        ));
        ctx["case_pages"] = Value::from(false);
        PagePlan {
            path: "report.html".into(),
            template: "report.html",
            context: ctx,
        }
    }

    fn simple(&self, path: &str, template: &'static str, title: &str) -> PagePlan {
        let ctx = self.base(
            path,
            title,
            template.trim_end_matches(".html"),
            vec![(title.to_string(), path.to_string())],
        );
        PagePlan {
            path: path.into(),
            template,
            context: ctx,
        }
    }
}

/// Text made safe inside a CSS string in a `<style>` element: quotes,
/// backslashes, line breaks and `<` become CSS escapes, so no value can close
/// the string or the element.
pub fn css_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' | '\\' | '<' | '>' | '&' | '\n' | '\r' => {
                out.push_str(&format!("\\{:x} ", c as u32))
            }
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Findings in display order: `order`, then title, then slug.
pub fn sorted<'f>(findings: impl Iterator<Item = &'f Finding>) -> Vec<&'f Finding> {
    let mut v: Vec<&Finding> = findings.collect();
    v.sort_by(|a, b| {
        crate::content::parse::by_order(a.meta.order.as_ref(), b.meta.order.as_ref())
            .then_with(|| a.meta.title.cmp(&b.meta.title))
            .then_with(|| a.slug.cmp(&b.slug))
    });
    v
}

#[cfg(test)]
mod tests {
    use super::css_string;

    #[test]
    fn css_strings_cannot_close_the_string_or_the_style_element() {
        assert_eq!(css_string("OFFICIAL-SENSITIVE"), "OFFICIAL-SENSITIVE");
        assert_eq!(css_string("a\"b"), "a\\22 b");
        assert_eq!(css_string("</style>"), "\\3c /style\\3e ");
        assert_eq!(css_string("x\\y\nz"), "x\\5c y\\a z");
    }
}
